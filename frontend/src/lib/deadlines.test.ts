import { describe, expect, it } from 'vitest';
import { jstWallClock } from './dates';
import { deadlineAt, deadlineStatus, formatDeadline, orderDeadlines, roundDeadline } from './deadlines';

// As plans-api answers /api/rounds: the last day, and the exclusive cutoff at 00:00 JST after it.
const leading = roundDeadline({ code: '2026-leading', name: '先行事例', last_day: '2026-06-05', cutoff_at: '2026-06-05T15:00:00Z' }, '');
const firstBatch = roundDeadline({ code: '2026-batch-1', name: '第1弾', last_day: '2026-07-15', cutoff_at: '2026-07-15T15:00:00Z' }, '');

describe('round deadlines', () => {
  it('are the round last day, written as 「…まで」 and never as 23:59', () => {
    expect(formatDeadline(firstBatch)).toBe('2026年7月15日（水）まで');
    expect(formatDeadline(leading)).toBe('2026年6月5日（金）まで');
    expect(formatDeadline(firstBatch)).not.toContain('23:59');
  });

  it('count down in JST days to the last day', () => {
    expect(deadlineStatus(leading, jstWallClock(2026, 6, 1, 9, 0))).toEqual({ kind: 'upcoming', daysLeft: 4 });
    expect(deadlineStatus(leading, jstWallClock(2026, 6, 4, 23, 59))).toEqual({ kind: 'upcoming', daysLeft: 1 });
  });

  it('are "today" at every moment of the last day, 23:59:59 included', () => {
    expect(deadlineStatus(leading, jstWallClock(2026, 6, 5, 0, 0))).toEqual({ kind: 'today' });
    expect(deadlineStatus(leading, new Date('2026-06-05T14:59:59.999Z'))).toEqual({ kind: 'today' });
  });

  it('close at 00:00 JST of the next day, not before', () => {
    expect(deadlineStatus(leading, new Date('2026-06-05T15:00:00Z'))).toEqual({ kind: 'closed', daysAgo: 1 });
    expect(deadlineStatus(firstBatch, jstWallClock(2026, 7, 20, 9, 0))).toEqual({ kind: 'closed', daysAgo: 5 });
  });

  it('list the open ones first, soonest first', () => {
    const order = (now: Date) => orderDeadlines([firstBatch, leading], now).map((d) => d.code);
    expect(order(jstWallClock(2026, 5, 1))).toEqual(['round-2026-leading', 'round-2026-batch-1']);
    expect(order(jstWallClock(2026, 6, 5, 23, 59))).toEqual(['round-2026-leading', 'round-2026-batch-1']);
    expect(order(jstWallClock(2026, 6, 10))).toEqual(['round-2026-batch-1', 'round-2026-leading']);
  });
});

describe('deadlines known by a moment (notify)', () => {
  it('read 00:00 JST as the end of the day before', () => {
    const due = deadlineAt('n-1', '第1弾', '', new Date('2026-07-15T15:00:00Z'));
    expect(due.lastDay).toBe('2026-07-15');
    expect(formatDeadline(due)).toBe('2026年7月15日（水）まで');
    expect(deadlineStatus(due, jstWallClock(2026, 7, 15, 23, 0))).toEqual({ kind: 'today' });
  });

  it('read 23:59 JST as that whole day, closing at 00:00 after it', () => {
    const due = deadlineAt('n-2', 'KPI報告', '', jstWallClock(2026, 10, 31, 23, 59));
    expect(due.lastDay).toBe('2026-10-31');
    expect(due.closesAt.toISOString()).toBe('2026-10-31T15:00:00.000Z');
    expect(deadlineStatus(due, new Date('2026-10-31T14:59:30Z'))).toEqual({ kind: 'today' });
    expect(formatDeadline(due)).toBe('2026年10月31日（土）まで');
  });

  it('keep a real closing time, such as a call closing at 12:00', () => {
    const call = deadlineAt('n-3', '公募', '', jstWallClock(2026, 6, 1, 12, 0));
    expect(call.lastDay).toBeNull();
    expect(formatDeadline(call)).toBe('2026年6月1日（月） 12:00（日本時間）');
    expect(deadlineStatus(call, jstWallClock(2026, 6, 1, 11, 59))).toEqual({ kind: 'today' });
    expect(deadlineStatus(call, jstWallClock(2026, 6, 1, 12, 0))).toEqual({ kind: 'closed', daysAgo: 0 });
  });
});
