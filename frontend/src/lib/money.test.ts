import { describe, expect, it } from 'vitest';
import { formatAmount, formatYen, parseAmount, parseYenInput, yenInUnit } from './money';

describe('formatYen', () => {
  it('groups digits in 円', () => {
    expect(formatYen(1_234_567)).toBe('1,234,567円');
  });

  it('rounds half up to 千円 and 百万円 as the forms show them', () => {
    expect(formatYen(123_456_789, 'thousand')).toBe('123,457千円');
    expect(formatYen(1_500, 'thousand')).toBe('2千円');
    expect(formatYen(1_499, 'thousand')).toBe('1千円');
    expect(formatYen(2_349_999_999, 'million')).toBe('2,350百万円');
  });

  it('rounds negative amounts symmetrically and never shows -0', () => {
    expect(formatYen(-1_500, 'thousand')).toBe('-2千円');
    expect(formatYen(-400, 'thousand')).toBe('0千円');
    expect(yenInUnit(-400, 'thousand')).toBe(0);
  });

  it('refuses fractional yen', () => {
    expect(() => formatYen(10.5)).toThrow(RangeError);
  });
});

describe('parseYenInput', () => {
  it('reads a typed amount in its unit back into yen', () => {
    expect(parseYenInput('1,200', 'thousand')).toBe(1_200_000);
    expect(parseYenInput('35', 'million')).toBe(35_000_000);
  });

  it('accepts full-width digits and commas from an IME', () => {
    expect(parseYenInput('１，２００', 'thousand')).toBe(1_200_000);
  });

  it('answers null for text that is not an amount', () => {
    expect(parseYenInput('1.5', 'thousand')).toBeNull();
    expect(parseYenInput('約100')).toBeNull();
    expect(parseYenInput('')).toBeNull();
  });
});

describe('parseAmount (number fields read in their unit)', () => {
  it('reads 12億, 1.2億円, 4,800万, full-width and grouped digits in 百万円', () => {
    expect(parseAmount('12億', '百万円')).toEqual({ kind: 'ok', value: 1200 });
    expect(parseAmount('1.2億円', '百万円')).toEqual({ kind: 'ok', value: 120 });
    expect(parseAmount('4,800万', '百万円')).toEqual({ kind: 'ok', value: 48 });
    expect(parseAmount('１２０', '百万円')).toEqual({ kind: 'ok', value: 120 });
    expect(parseAmount('1,200', '百万円')).toEqual({ kind: 'ok', value: 1200 });
    expect(parseAmount('1,200百万円', '百万円')).toEqual({ kind: 'ok', value: 1200 });
    expect(parseAmount('1億2,000万', '千円')).toEqual({ kind: 'ok', value: 120_000 });
    expect(parseAmount('－３', '百万円')).toEqual({ kind: 'ok', value: -3 });
  });

  it('multiplies by 万 and 億 in a unit that is not yen, and accepts the unit after the number', () => {
    expect(parseAmount('1.2万', '人')).toEqual({ kind: 'ok', value: 12_000 });
    expect(parseAmount('120人', '人')).toEqual({ kind: 'ok', value: 120 });
    expect(parseAmount('25', '％')).toEqual({ kind: 'ok', value: 25 });
  });

  it('refuses what is not a number instead of reading it as a blank', () => {
    expect(parseAmount('約100', '百万円')).toEqual({ kind: 'invalid' });
    expect(parseAmount('令和7年度', '百万円')).toEqual({ kind: 'invalid' });
    expect(parseAmount('100円', '人')).toEqual({ kind: 'invalid' });
    expect(parseAmount('万12', '百万円')).toEqual({ kind: 'invalid' });
    expect(parseAmount('1万2億', '百万円')).toEqual({ kind: 'invalid' });
    expect(parseAmount('  ', '百万円')).toEqual({ kind: 'empty' });
  });

  it('shows back what will be stored', () => {
    expect(formatAmount(1200, '百万円')).toBe('= 1,200 百万円');
    expect(formatAmount(0.5, '')).toBe('= 0.5');
  });
});
