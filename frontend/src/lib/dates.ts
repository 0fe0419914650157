/**
 * Dates for Japanese forms: the server speaks UTC, people read JST (Asia/Tokyo, no daylight saving),
 * and the forms put the 和暦 beside the 西暦.
 */
import { DATE_MESSAGES as M, ERA_NAMES } from './messages';

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const WEEKDAYS = M.weekdays;

export interface JstParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: (typeof WEEKDAYS)[number];
}

interface Era {
  name: string;
  /** First day of the era, as a JST calendar date. */
  start: { year: number; month: number; day: number };
}

// Newest first: the first era whose start is on or before the date is the one in force.
const ERAS: readonly Era[] = [
  { name: ERA_NAMES.reiwa, start: { year: 2019, month: 5, day: 1 } },
  { name: ERA_NAMES.heisei, start: { year: 1989, month: 1, day: 8 } },
];

export function toDate(value: Date | string | number): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(M.notADateTime(String(value)));
  return date;
}

export function jstParts(value: Date | string | number): JstParts {
  const shifted = new Date(toDate(value).getTime() + JST_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    weekday: WEEKDAYS[shifted.getUTCDay()] ?? WEEKDAYS[0],
  };
}

/** The instant of a JST wall-clock time, e.g. `jstWallClock(2026, 6, 5, 23, 59)`. */
export function jstWallClock(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - JST_OFFSET_MS);
}

function compareYmd(a: { year: number; month: number; day: number }, b: Era['start']): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** 和暦の年: `令和8年`; the first year of an era is written 元年. */
export function warekiYear(value: Date | string | number): string {
  const parts = jstParts(value);
  const era = ERAS.find((candidate) => compareYmd(parts, candidate.start) >= 0);
  if (!era) throw new RangeError(M.beforeHeisei);
  const n = parts.year - era.start.year + 1;
  return M.warekiYear(era.name, n === 1 ? M.firstYear : String(n));
}

/** `令和8年6月5日` */
export function formatWareki(value: Date | string | number): string {
  const { month, day } = jstParts(value);
  return `${warekiYear(value)}${M.monthDay(month, day)}`;
}

/** `2026年6月5日（金）` */
export function formatSeireki(value: Date | string | number, { weekday = true } = {}): string {
  const { year, month, day, weekday: wd } = jstParts(value);
  return `${M.seireki(year, month, day)}${weekday ? M.weekday(wd) : ''}`;
}

/** `令和8年6月5日（2026年6月5日）`: 和暦 first, as the forms write it, with the 西暦 beside it. */
export function formatDateBoth(value: Date | string | number): string {
  return M.both(formatWareki(value), formatSeireki(value, { weekday: false }));
}

/** `2026年6月5日（金） 10:00` — for a real moment (a call's 12:00 closing, a publication time), never a 「…まで」 day. */
export function formatDateTimeJst(value: Date | string | number): string {
  const { hour, minute } = jstParts(value);
  return `${formatSeireki(value)} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** ISO date of the JST calendar day (`2026-06-05`), for `<time dateTime>`. */
export function isoDateJst(value: Date | string | number): string {
  const { year, month, day } = jstParts(value);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function jstDayNumber(value: Date | string | number): number {
  return Math.floor((toDate(value).getTime() + JST_OFFSET_MS) / DAY_MS);
}

/**
 * Calendar days from today to the deadline's day, both in JST: 0 on the day itself, negative once
 * the day has passed: counted from the deadline's JST day, e.g. 0 all of 6/5 JST for 6/5 12:00.
 */
export function daysUntilJst(deadline: Date | string | number, now: Date | string | number): number {
  return jstDayNumber(deadline) - jstDayNumber(now);
}

/** `2026-06-05T23:59+09:00`, for `<time dateTime>`. */
export function isoDateTimeJst(value: Date | string | number): string {
  const { hour, minute } = jstParts(value);
  return `${isoDateJst(value)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}+09:00`;
}

/** The fiscal year (年度, April to March) a moment falls in, by the JST calendar. */
export function fiscalYearOf(value: Date | string | number): number {
  const { year, month } = jstParts(value);
  return month >= 4 ? year : year - 1;
}

/** `令和8年度`: named by the era in force on 1 April, as chiiki_common.clock does. */
export function warekiFiscalYear(fiscalYear: number): string {
  return M.warekiFiscalYear(warekiYear(jstWallClock(fiscalYear, 4, 1)).slice(0, -1));
}

/** `令和8年度（2026年度）` */
export function formatFiscalYear(fiscalYear: number): string {
  return M.fiscalYearBoth(warekiFiscalYear(fiscalYear), fiscalYear);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The start (00:00 JST) of a calendar day written `2026-07-15`, the way plans-api sends a date
 * (`last_day`, `review_target_date`): a date has no time zone, so it is read as a JST day.
 */
export function jstDay(isoDate: string): Date {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new RangeError(M.notADate(isoDate));
  return jstWallClock(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** `2026-07-15` for the day after/before a calendar day (`days` may be negative). */
export function addDays(isoDate: string, days: number): string {
  return isoDateJst(new Date(jstDay(isoDate).getTime() + days * DAY_MS));
}

/** `2026年7月15日（水）` for a calendar day `2026-07-15` (`year: false` → `7月15日（水）`). */
export function formatDay(isoDate: string, { year = true } = {}): string {
  const text = formatSeireki(jstDay(isoDate));
  return year ? text : text.replace(/^\d+年/, '');
}

/**
 * 「2026年7月15日（水）まで」: a 「…までに」 deadline is the whole of its last day in JST (seed 000 ⑥),
 * so it is written as that day, never as 23:59.
 */
export function formatUntil(isoDate: string, { year = true } = {}): string {
  return M.until(formatDay(isoDate, { year }));
}

/**
 * The last day that still counts for an exclusive cutoff (plans-api's `cutoff_at`, 00:00 JST of
 * the next day): 2026-07-15T15:00Z → `2026-07-15`.
 */
export function lastDayBefore(cutoff: Date | string | number): string {
  return isoDateJst(toDate(cutoff).getTime() - 1);
}

/**
 * The instant of a JST date and time typed into a form (`2026-08-20`, `10:00`), as ISO with its
 * offset (`2026-08-20T10:00:00+09:00`), or null when either part is not a valid value.
 */
export function jstInstant(isoDate: string, time: string): string | null {
  const day = ISO_DATE.exec(isoDate);
  const clock = /^(\d{2}):(\d{2})$/.exec(time);
  if (!day || !clock) return null;
  const [hour, minute] = [Number(clock[1]), Number(clock[2])];
  if (hour > 23 || minute > 59) return null;
  const at = jstWallClock(Number(day[1]), Number(day[2]), Number(day[3]), hour, minute);
  // 2026-02-30 rolls over to March: refuse it instead of moving the date.
  if (isoDateJst(at) !== isoDate) return null;
  return `${isoDate}T${time}:00+09:00`;
}
