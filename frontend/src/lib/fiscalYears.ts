/**
 * Fiscal years (年度) and half years (上期・下期) as people write and read them: 2027, 令和9年度 and R9
 * are one year, shown as 「令和9年度 / 2027年度」; a half year is stored as `2027H1` and only ever shown
 * as 「2027年度上期（令和9年度）」, picked from a list.
 */
import { warekiFiscalYear } from './dates';
import { DATE_MESSAGES as M, ERA_NAMES } from './messages';

/** The first western year of each era (元年), newest first, with the names it may be typed with. */
const ERAS: readonly { names: readonly string[]; first: number }[] = [
  { names: [ERA_NAMES.reiwa, 'R'], first: 2019 },
  { names: [ERA_NAMES.heisei, 'H'], first: 1989 },
];

export type ParsedYear = { kind: 'empty' } | { kind: 'ok'; year: number } | { kind: 'invalid' };

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

function ascii(text: string): string {
  return text
    .replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();
}

/** `2027`, `２０２７年度`, `令和9年度`, `令和元年度`, `R9`, `H31` → 2027 etc.; anything else is invalid. */
export function parseFiscalYear(text: string): ParsedYear {
  const value = ascii(text).replace(/(年度|年)$/, '');
  if (value === '') return { kind: 'empty' };
  let year: number | null = null;
  if (/^\d{4}$/.test(value)) year = Number(value);
  for (const era of ERAS) {
    for (const name of era.names) {
      // 元 (M.firstYear) is the first year, as warekiYear writes it.
      const match = new RegExp(`^${name}(\\d{1,2}|${M.firstYear})$`).exec(value);
      if (match) year = era.first - 1 + (match[1] === M.firstYear ? 1 : Number(match[1]));
    }
  }
  if (year === null || year < MIN_YEAR || year > MAX_YEAR) return { kind: 'invalid' };
  return { kind: 'ok', year };
}

/** `令和9年度 / 2027年度` */
export function fiscalYearBoth(year: number): string {
  return M.fiscalYearField(warekiFiscalYear(year), year);
}

/** `2026H2` → `2026年度下期（令和8年度）` (what the KPI screens show for a half year). */
export function halfYearLabel(period: string): string {
  const match = /^(\d{4})H([12])$/.exec(period);
  if (!match) return period;
  const year = Number(match[1]);
  return M.halfYear(year, match[2] === '1' ? M.firstHalf : M.secondHalf, warekiFiscalYear(year));
}

/**
 * The half years from `start` to `end` (fiscal years, both counted), plus any already `used`, in
 * order: the one list the plan editor and the KPI page offer.
 */
export function halfYears(start: number | null | undefined, end: number | null | undefined, used: Iterable<string> = []): string[] {
  const periods = new Set<string>();
  if (start && end && end >= start && end - start < 50) {
    for (let year = start; year <= end; year++) {
      periods.add(`${year}H1`);
      periods.add(`${year}H2`);
    }
  }
  for (const period of used) if (/^\d{4}H[12]$/.test(period)) periods.add(period);
  return [...periods].sort();
}
