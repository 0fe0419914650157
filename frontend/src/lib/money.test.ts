import { describe, expect, it } from 'vitest';
import { formatYen, parseYenInput, yenInUnit } from './money';

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
