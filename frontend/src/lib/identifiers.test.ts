import { describe, expect, it } from 'vitest';
import { corporateNumberCheckDigit, corporateNumberProblem, isValidLocalGovCode, normaliseDigits } from './identifiers';

// make_corporate_number("000012345678") and the 国税庁's published example 5835678256246.
describe('法人番号', () => {
  it('computes the check digit from the 12-digit body', () => {
    expect(corporateNumberCheckDigit('835678256246')).toBe(5);
  });

  it('accepts a valid number, also typed in full-width digits', () => {
    expect(corporateNumberProblem('5835678256246')).toBeNull();
    expect(corporateNumberProblem('５８３５６７８２５６２４６')).toBeNull();
  });

  it('says how many digits are there while typing', () => {
    expect(corporateNumberProblem('58356')).toBe('法人番号は13桁です（いま5桁）。');
  });

  it('refuses a wrong check digit and letters', () => {
    expect(corporateNumberProblem('4835678256246')).toContain('チェックディジット');
    expect(corporateNumberProblem('58356782562a6')).toContain('数字13桁');
  });

  it('drops hyphens and spaces people paste', () => {
    expect(normaliseDigits('5-8356 7825-6246')).toBe('5835678256246');
  });
});

describe('全国地方公共団体コード', () => {
  it('knows 熊本県, 熊本市 and 菊陽町 and refuses a wrong check digit', () => {
    expect(isValidLocalGovCode('430005')).toBe(true);
    expect(isValidLocalGovCode('431001')).toBe(true);
    expect(isValidLocalGovCode('434043')).toBe(true);
    expect(isValidLocalGovCode('434044')).toBe(false);
    expect(isValidLocalGovCode('480005')).toBe(false);
  });
});
