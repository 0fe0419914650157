/** Check digits of the identifiers the forms ask for, as chiiki_common.validators computes them. */
import { IDENTIFIER_MESSAGES as M } from './messages';

const THIRTEEN_DIGITS = /^\d{13}$/;
const SIX_DIGITS = /^\d{6}$/;

/** Full-width digits (IME input) to ASCII, spaces and hyphens dropped. */
export function normaliseDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s\-－ー]/g, '');
}

/** 法人番号: the first digit is 9 − (Σ body digits × 1,2,1,2… from the right, mod 9). */
export function corporateNumberCheckDigit(body: string): number {
  const digits = Array.from(body).reverse().map(Number);
  const total = digits.reduce((sum, digit, index) => sum + digit * (index % 2 === 0 ? 1 : 2), 0);
  return 9 - (total % 9);
}

/** What is wrong with a 法人番号 as typed so far, or null when it is a valid one. */
export function corporateNumberProblem(text: string): string | null {
  const value = normaliseDigits(text);
  if (!/^\d*$/.test(value)) return M.corporateNumberDigits;
  if (value.length !== 13) return M.corporateNumberLength(value.length);
  if (!THIRTEEN_DIGITS.test(value) || corporateNumberCheckDigit(value.slice(1)) !== Number(value[0])) {
    return M.corporateNumberCheckDigit;
  }
  return null;
}

/** 全国地方公共団体コード: weights 6,5,4,3,2; 11 − (sum mod 11), mod 10. */
export function localGovCheckDigit(firstFive: string): number {
  const weights = [6, 5, 4, 3, 2];
  const total = Array.from(firstFive).reduce((sum, digit, index) => sum + Number(digit) * (weights[index] ?? 0), 0);
  const remainder = total % 11;
  return remainder ? (11 - remainder) % 10 : 1;
}

export function isValidLocalGovCode(code: string): boolean {
  if (!SIX_DIGITS.test(code)) return false;
  const prefecture = Number(code.slice(0, 2));
  return prefecture >= 1 && prefecture <= 47 && localGovCheckDigit(code.slice(0, 5)) === Number(code[5]);
}
