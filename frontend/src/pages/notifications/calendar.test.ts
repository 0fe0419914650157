import { describe, expect, it } from 'vitest';
import { jstWallClock } from '../../lib/dates';
import { groupByJstDay, monthGrid, monthHeading, monthOf, parseYearMonth, shiftMonth } from './calendar';

describe('monthGrid', () => {
  it('lays December 2026 out in Sunday-first weeks, filled with the neighbouring months', () => {
    const grid = monthGrid({ year: 2026, month: 12 });
    expect(grid).toHaveLength(5);
    expect(grid.every((week) => week.length === 7)).toBe(true);
    expect(grid[0]?.map((d) => d.iso)).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
    ]);
    expect(grid[0]?.[1]?.inMonth).toBe(false);
    expect(grid[0]?.[2]).toEqual({ iso: '2026-12-01', day: 1, inMonth: true });
    expect(grid[4]?.at(-1)).toEqual({ iso: '2027-01-02', day: 2, inMonth: false });
    expect(grid.flat().filter((d) => d.inMonth)).toHaveLength(31);
  });

  it('needs only four weeks for a February that starts on a Sunday, and six for May 2026', () => {
    const february = monthGrid({ year: 2026, month: 2 });
    expect(february).toHaveLength(4);
    expect(february[0]?.[0]?.iso).toBe('2026-02-01');
    expect(february[3]?.[6]?.iso).toBe('2026-02-28');
    expect(monthGrid({ year: 2026, month: 5 })).toHaveLength(6);
  });

  it('counts 29 days in a leap February', () => {
    expect(monthGrid({ year: 2028, month: 2 }).flat().filter((d) => d.inMonth)).toHaveLength(29);
  });
});

describe('months', () => {
  it('moves across year ends', () => {
    expect(shiftMonth({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(shiftMonth({ year: 2026, month: 6 }, -18)).toEqual({ year: 2024, month: 12 });
  });

  it('takes the month of the JST calendar, not of UTC', () => {
    // 00:30 on 1 December in Tokyo is still 30 November in UTC.
    expect(monthOf(jstWallClock(2026, 12, 1, 0, 30))).toEqual({ year: 2026, month: 12 });
  });

  it('writes the heading with the 和暦 beside the 西暦, 元年 for the first year of an era', () => {
    expect(monthHeading({ year: 2026, month: 12 })).toBe('令和8年12月（2026年12月）');
    expect(monthHeading({ year: 2019, month: 5 })).toBe('令和元年5月（2019年5月）');
    expect(monthHeading({ year: 2019, month: 4 })).toBe('平成31年4月（2019年4月）');
  });

  it('reads only well-formed months from the address', () => {
    expect(parseYearMonth('2027-01')).toEqual({ year: 2027, month: 1 });
    expect(parseYearMonth('2027-13')).toBeNull();
    expect(parseYearMonth('2027-1')).toBeNull();
    expect(parseYearMonth(null)).toBeNull();
  });
});

describe('groupByJstDay', () => {
  it('puts a deadline on the Tokyo day it falls on', () => {
    const items = [
      { id: 1, due: '2026-12-10T14:59:00Z' }, // 23:59 on 12/10 JST
      { id: 2, due: '2026-12-10T15:30:00Z' }, // 00:30 on 12/11 JST
      { id: 3, due: '2026-12-11T03:00:00Z' },
    ];
    const groups = groupByJstDay(items, (item) => item.due);
    expect(groups.get('2026-12-10')?.map((i) => i.id)).toEqual([1]);
    expect(groups.get('2026-12-11')?.map((i) => i.id)).toEqual([2, 3]);
  });
});
