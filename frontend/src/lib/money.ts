/** Yen as the forms show them: in 円, 千円 or 百万円, rounded half up (四捨五入) to the unit. */
import { MONEY_MESSAGES as M } from './messages';

export type YenUnit = 'yen' | 'thousand' | 'million';

const UNITS: Record<YenUnit, { divisor: number; suffix: string }> = {
  yen: { divisor: 1, suffix: M.units.yen },
  thousand: { divisor: 1_000, suffix: M.units.thousand },
  million: { divisor: 1_000_000, suffix: M.units.million },
};

const grouped = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 });

function assertYen(amount: number): void {
  if (!Number.isSafeInteger(amount)) throw new RangeError(M.notWholeYen(amount));
}

/** The amount in the unit, rounded half away from zero (四捨五入) so −1,500円 is −2千円 as 1,500円 is 2千円. */
export function yenInUnit(amount: number, unit: YenUnit): number {
  assertYen(amount);
  const { divisor } = UNITS[unit];
  const rounded = Math.round(Math.abs(amount) / divisor);
  return amount < 0 && rounded !== 0 ? -rounded : rounded;
}

/** `formatYen(123456789, 'thousand')` → `123,457千円` */
export function formatYen(amount: number, unit: YenUnit = 'yen'): string {
  return `${grouped.format(yenInUnit(amount, unit))}${UNITS[unit].suffix}`;
}

/**
 * Reads what a person typed in a unit field back into yen: full-width digits and commas are
 * accepted (IME input); anything else is `null`.
 */
export function parseYenInput(text: string, unit: YenUnit = 'yen'): number | null {
  const normalised = text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '')
    .replace(/^[−ー－]/, '-');
  if (!/^-?\d+$/.test(normalised)) return null;
  const yen = Number(normalised) * UNITS[unit].divisor;
  return Number.isSafeInteger(yen) ? yen : null;
}

/** Units whose amounts are yen, with the power of ten of one unit (百万円 = 10^6 円). */
const YEN_UNIT_POWERS: Record<string, number> = { 円: 0, 千円: 3, 万円: 4, 百万円: 6, 千万円: 7, 億円: 8 };

/** Japanese number words a person types after digits (12億, 4,800万, 3千). */
const MULTIPLIERS: Record<string, number> = { 兆: 12, 億: 8, 万: 4, 千: 3 };

/** An amount as typed, read in its field's unit. */
export type ParsedAmount =
  | { kind: 'empty' }
  | { kind: 'ok'; value: number }
  | { kind: 'invalid' };

/** Full-width digits, signs and separators to ASCII; spaces and digit-group commas dropped. */
function normaliseAmount(text: string): string {
  return text
    .replace(/[０-９．％]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[,，、\s\u3000]/g, '')
    .replace(/^[−ー－‐]/, '-')
    .replace(/^＋/, '+');
}

/** Exact decimal: `digits × 10^exponent`, so 1.2億 in 百万円 is 120 and not 120.00000000000001. */
interface Decimal {
  digits: bigint;
  exponent: number;
}

function decimal(text: string): Decimal {
  const [whole = '', fraction = ''] = text.split('.');
  return { digits: BigInt(`${whole}${fraction}` || '0'), exponent: -fraction.length };
}

function add(a: Decimal, b: Decimal): Decimal {
  const exponent = Math.min(a.exponent, b.exponent);
  const scale = (d: Decimal) => d.digits * 10n ** BigInt(d.exponent - exponent);
  return { digits: scale(a) + scale(b), exponent };
}

const NUMBER = '\\d+(?:\\.\\d+)?';
const PLAIN = new RegExp(`^${NUMBER}$`);
const TERM = new RegExp(`(${NUMBER})(兆|億|万|千)`, 'g');

/** `12億` `1億2,000万` `4,800万` → exact value; null when the text is not such a sum. */
function withMultipliers(text: string): Decimal | null {
  if (PLAIN.test(text)) return decimal(text);
  let rest = text;
  let total: Decimal = { digits: 0n, exponent: 0 };
  let last = Infinity;
  for (const [whole, number = '', word = ''] of text.matchAll(TERM)) {
    const power = MULTIPLIERS[word] ?? 0;
    if (power >= last || !rest.startsWith(whole)) return null;
    last = power;
    const part = decimal(number);
    total = add(total, { digits: part.digits, exponent: part.exponent + power });
    rest = rest.slice(whole.length);
  }
  if (last === Infinity) return null;
  if (rest !== '') {
    if (!PLAIN.test(rest)) return null;
    total = add(total, decimal(rest));
  }
  return total;
}

/**
 * Reads what a person typed into a number field whose unit is `unit` (百万円, 千円, 人, 件, ％…):
 * `12億`, `1.2億円`, `4,800万`, `１２０` and `1,200` are all numbers; in a yen unit the amount is
 * converted (12億 in 百万円 is 1,200), in another unit 万 and 億 multiply (1.2万 人 is 12,000).
 * The unit itself may follow (`1,200百万円`, `120人`). Anything else (`約100`, `令和7年度`) is invalid,
 * never read as a blank.
 */
export function parseAmount(text: string, unit = ''): ParsedAmount {
  const trimmed = normaliseAmount(text);
  if (trimmed === '') return { kind: 'empty' };
  const sign = /^[-+]/.test(trimmed) ? trimmed[0] : '';
  let body = sign ? trimmed.slice(1) : trimmed;
  const fieldUnit = normaliseAmount(unit);
  const unitPower = YEN_UNIT_POWERS[fieldUnit];
  let value: Decimal | null = null;
  if (fieldUnit !== '' && body.endsWith(fieldUnit) && PLAIN.test(body.slice(0, -fieldUnit.length))) {
    value = decimal(body.slice(0, -fieldUnit.length));
  } else if (unitPower !== undefined) {
    // An amount of yen: an optional 円 after the number words, converted into the field's unit.
    const saidYen = body.endsWith(M.units.yen);
    if (saidYen) body = body.slice(0, -M.units.yen.length);
    const amount = withMultipliers(body);
    if (amount) value = saidYen || !PLAIN.test(body) ? { digits: amount.digits, exponent: amount.exponent - unitPower } : amount;
  } else {
    value = withMultipliers(body);
  }
  if (!value) return { kind: 'invalid' };
  const number = Number(`${sign === '-' ? '-' : ''}${value.digits}e${value.exponent}`);
  if (!Number.isFinite(number) || Math.abs(number) > 1e15) return { kind: 'invalid' };
  return { kind: 'ok', value: number === 0 ? 0 : number };
}

const shown = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 6 });

/** `= 1,200 百万円`: what a number field will store, shown back before saving. */
export function formatAmount(value: number, unit = ''): string {
  return `= ${shown.format(value)}${unit ? ` ${unit}` : ''}`;
}
