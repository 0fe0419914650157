import { addDays, daysUntilJst, formatDateTimeJst, formatUntil, isoDateJst, jstDay, jstParts, lastDayBefore } from './dates';
import { DATE_MESSAGES } from './messages';

/**
 * A deadline (締切) the dashboard counts down to. The SPA keeps no dates of its own: the national
 * rounds come from plans-api (`/api/rounds`), everything else from notify.
 */
export interface Deadline {
  code: string;
  name: string;
  description: string;
  /** The first moment that is late (exclusive): 00:00 JST after the last day, or a call's 12:00. */
  closesAt: Date;
  /**
   * For a 「…までに」 deadline, the last JST day that still counts (`2026-07-15`), shown as
   * 「7月15日（水）まで」; null for a deadline at a moment of the day (a call closing at 12:00).
   */
  lastDay: string | null;
}

/** A pre-check round as plans-api answers it (the fields a deadline needs). */
export interface RoundDates {
  code: string;
  name: string;
  last_day: string;
  cutoff_at: string;
}

/** A round's deadline: its last day (seed 000 ⑥ 「…までに」 = the whole JST day), closing at `cutoff_at`. */
export function roundDeadline(round: RoundDates, description: string): Deadline {
  return {
    code: `round-${round.code}`,
    name: round.name,
    description,
    closesAt: new Date(round.cutoff_at),
    lastDay: round.last_day,
  };
}

/**
 * A deadline known only by a moment (notify's `due_at`). 00:00 JST is the exclusive start of the
 * next day, so the day before is the last day; 23:59 JST is the older way of writing the end of that
 * day; any other time is a real closing moment and stays one.
 */
export function deadlineAt(code: string, name: string, description: string, dueAt: Date): Deadline {
  const { hour, minute } = jstParts(dueAt);
  if (hour === 0 && minute === 0) return { code, name, description, closesAt: dueAt, lastDay: lastDayBefore(dueAt) };
  if (hour === 23 && minute === 59) {
    const lastDay = isoDateJst(dueAt);
    return { code, name, description, closesAt: jstDay(addDays(lastDay, 1)), lastDay };
  }
  return { code, name, description, closesAt: dueAt, lastDay: null };
}

export type DeadlineStatus =
  | { kind: 'upcoming'; daysLeft: number }
  | { kind: 'today' }
  | { kind: 'closed'; daysAgo: number };

/** The JST day the deadline falls on: its last day, or the day of its closing moment. */
function dayOf(deadline: Deadline): Date {
  return deadline.lastDay ? jstDay(deadline.lastDay) : deadline.closesAt;
}

export function deadlineStatus(deadline: Deadline, now: Date): DeadlineStatus {
  const daysLeft = daysUntilJst(dayOf(deadline), now);
  if (now.getTime() >= deadline.closesAt.getTime()) return { kind: 'closed', daysAgo: Math.max(0, -daysLeft) };
  return daysLeft <= 0 ? { kind: 'today' } : { kind: 'upcoming', daysLeft };
}

/** Open deadlines first, soonest first; closed ones after them, most recent first. */
export function orderDeadlines(deadlines: readonly Deadline[], now: Date): Deadline[] {
  const open = deadlines.filter((d) => d.closesAt.getTime() > now.getTime());
  const closed = deadlines.filter((d) => d.closesAt.getTime() <= now.getTime());
  open.sort((a, b) => a.closesAt.getTime() - b.closesAt.getTime());
  closed.sort((a, b) => b.closesAt.getTime() - a.closesAt.getTime());
  return [...open, ...closed];
}

/** 「2026年7月15日（水）まで」 for a 「…まで」 deadline, `2026年6月1日（月） 12:00（日本時間）` for a moment. */
export function formatDeadline(deadline: Deadline): string {
  return deadline.lastDay ? formatUntil(deadline.lastDay) : DATE_MESSAGES.jstMoment(formatDateTimeJst(deadline.closesAt));
}
