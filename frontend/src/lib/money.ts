/** Yen as the forms show them: in 円, 千円 or 百万円, rounded half up (四捨五入) to the unit. */

export type YenUnit = 'yen' | 'thousand' | 'million';

const UNITS: Record<YenUnit, { divisor: number; suffix: string }> = {
  yen: { divisor: 1, suffix: '円' },
  thousand: { divisor: 1_000, suffix: '千円' },
  million: { divisor: 1_000_000, suffix: '百万円' },
};

const grouped = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 });

function assertYen(amount: number): void {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`円の金額は整数で指定してください: ${amount}`);
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
