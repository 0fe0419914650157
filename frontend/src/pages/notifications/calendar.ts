/**
 * The month grid of the deadline calendar, by the JST calendar: weeks from Sunday to Saturday, with
 * the days of the neighbouring months filling the first and last week.
 */
import { isoDateJst, jstParts, jstWallClock, warekiYear } from '../../lib/dates';
import { NOTIFY_MESSAGES } from './messages';

export interface YearMonth {
  year: number;
  /** 1–12 */
  month: number;
}

export interface CalendarDay {
  /** `2026-12-01`, the key deadlines are grouped by. */
  iso: string;
  day: number;
  inMonth: boolean;
}

export const WEEKDAY_LABELS = NOTIFY_MESSAGES.calendar.weekdays;

const pad = (n: number) => String(n).padStart(2, '0');

export function isoOf(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function monthOf(value: Date | string | number): YearMonth {
  const { year, month } = jstParts(value);
  return { year, month };
}

export function shiftMonth({ year, month }: YearMonth, delta: number): YearMonth {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** `2026-12` ⇄ {2026, 12}; anything else is null. */
export function parseYearMonth(text: string | null): YearMonth | null {
  const match = /^(\d{4})-(\d{2})$/.exec(text ?? '');
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return month >= 1 && month <= 12 && year >= 1989 ? { year, month } : null;
}

export function formatYearMonthParam({ year, month }: YearMonth): string {
  return `${year}-${pad(month)}`;
}

/** `令和8年12月（2026年12月）` */
export function monthHeading({ year, month }: YearMonth): string {
  return NOTIFY_MESSAGES.calendar.monthHeading(warekiYear(jstWallClock(year, month, 1)), year, month);
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whole weeks (Sunday first) covering the month; 4 to 6 rows. */
export function monthGrid({ year, month }: YearMonth): CalendarDay[][] {
  const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const count = daysIn(year, month);
  const weeks = Math.ceil((firstWeekday + count) / 7);
  const grid: CalendarDay[][] = [];
  for (let w = 0; w < weeks; w += 1) {
    const week: CalendarDay[] = [];
    for (let d = 0; d < 7; d += 1) {
      const date = new Date(Date.UTC(year, month - 1, 1 + w * 7 + d - firstWeekday));
      const y = date.getUTCFullYear();
      const m = date.getUTCMonth() + 1;
      const day = date.getUTCDate();
      week.push({ iso: isoOf(y, m, day), day, inMonth: y === year && m === month });
    }
    grid.push(week);
  }
  return grid;
}

/** Items grouped by the JST calendar day they fall on, in their given order. */
export function groupByJstDay<T>(items: readonly T[], dateOf: (item: T) => string | Date): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = isoDateJst(dateOf(item));
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

/** What the calendar needs of a deadline: its moment and, for a 「…までに」 deadline, its last day. */
export interface DatedDeadline {
  due_at: string;
  last_day?: string | null;
}

/**
 * The JST day a deadline is shown on: a day deadline on its last day (its `due_at` is 00:00 of the
 * next day, exclusive), any other on the day of its moment.
 */
export function deadlineDay(deadline: DatedDeadline): string {
  return deadline.last_day ?? isoDateJst(deadline.due_at);
}

/** The first and last day the month's grid shows (the neighbouring months' days included). */
export function gridRange(month: YearMonth): { from: string; to: string } {
  const grid = monthGrid(month);
  const last = grid[grid.length - 1];
  return { from: grid[0]?.[0]?.iso ?? isoOf(month.year, month.month, 1), to: last?.[last.length - 1]?.iso ?? '' };
}
