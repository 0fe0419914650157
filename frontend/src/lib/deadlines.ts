import { daysUntilJst, jstWallClock } from './dates';

/** A national deadline (締切) the dashboard counts down to. */
export interface Deadline {
  code: string;
  name: string;
  description: string;
  dueAt: Date;
}

/**
 * The national pre-check rounds announced in seed 000 ⑥. Later rounds are data on the server;
 * this list is what the dashboard shows until the server provides one.
 */
export const NATIONAL_DEADLINES: readonly Deadline[] = [
  {
    code: 'leading-example',
    name: '先行事例',
    description: 'この日までに事前確認を依頼した計画は、先行事例として紹介される場合があります。',
    dueAt: jstWallClock(2026, 6, 5, 23, 59),
  },
  {
    code: 'first-batch',
    name: '第1弾',
    description: 'この日までに事前確認を依頼した計画は、第1弾として約1か月審査され、まとめて公表されます。',
    dueAt: jstWallClock(2026, 7, 15, 23, 59),
  },
];

export type DeadlineStatus =
  | { kind: 'upcoming'; daysLeft: number }
  | { kind: 'today' }
  | { kind: 'closed'; daysAgo: number };

export function deadlineStatus(deadline: Deadline, now: Date): DeadlineStatus {
  if (now.getTime() > deadline.dueAt.getTime()) {
    return { kind: 'closed', daysAgo: Math.max(0, -daysUntilJst(deadline.dueAt, now)) };
  }
  const daysLeft = daysUntilJst(deadline.dueAt, now);
  return daysLeft === 0 ? { kind: 'today' } : { kind: 'upcoming', daysLeft };
}

/** Open deadlines first, soonest first; closed ones after them, most recent first. */
export function orderDeadlines(deadlines: readonly Deadline[], now: Date): Deadline[] {
  const open = deadlines.filter((d) => d.dueAt.getTime() >= now.getTime());
  const closed = deadlines.filter((d) => d.dueAt.getTime() < now.getTime());
  open.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  closed.sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime());
  return [...open, ...closed];
}
