import { describe, expect, it } from 'vitest';
import { jstWallClock } from './dates';
import { NATIONAL_DEADLINES, deadlineStatus, orderDeadlines, type Deadline } from './deadlines';

const [leading, firstBatch] = NATIONAL_DEADLINES as [Deadline, Deadline];

describe('national deadlines', () => {
  it('are the seed dates at 23:59 JST', () => {
    expect(leading.dueAt.toISOString()).toBe('2026-06-05T14:59:00.000Z');
    expect(firstBatch.dueAt.toISOString()).toBe('2026-07-15T14:59:00.000Z');
  });

  it('count down in JST days', () => {
    expect(deadlineStatus(leading, jstWallClock(2026, 6, 1, 9, 0))).toEqual({ kind: 'upcoming', daysLeft: 4 });
    expect(deadlineStatus(leading, jstWallClock(2026, 6, 5, 0, 0))).toEqual({ kind: 'today' });
    expect(deadlineStatus(leading, jstWallClock(2026, 6, 5, 23, 59))).toEqual({ kind: 'today' });
  });

  it('close one minute after 23:59 JST', () => {
    expect(deadlineStatus(leading, jstWallClock(2026, 6, 6, 0, 0))).toEqual({ kind: 'closed', daysAgo: 1 });
  });

  it('list the open ones first, soonest first', () => {
    const order = (now: Date) => orderDeadlines(NATIONAL_DEADLINES, now).map((d) => d.code);
    expect(order(jstWallClock(2026, 5, 1))).toEqual(['leading-example', 'first-batch']);
    expect(order(jstWallClock(2026, 6, 10))).toEqual(['first-batch', 'leading-example']);
  });
});
