import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysUntilJst,
  formatDay,
  formatUntil,
  jstDay,
  jstInstant,
  lastDayBefore,
  fiscalYearOf,
  formatFiscalYear,
  formatDateBoth,
  formatDateTimeJst,
  formatSeireki,
  formatWareki,
  isoDateTimeJst,
  jstWallClock,
  warekiFiscalYear,
  warekiYear,
} from './dates';

describe('和暦', () => {
  it('writes the national first-batch deadline as 令和8年7月15日', () => {
    expect(formatWareki(jstWallClock(2026, 7, 15, 23, 59))).toBe('令和8年7月15日');
  });

  it('writes the first year of an era as 元年', () => {
    expect(formatWareki(jstWallClock(2019, 5, 1))).toBe('令和元年5月1日');
    expect(warekiYear(jstWallClock(2019, 12, 31))).toBe('令和元年');
    expect(warekiYear(jstWallClock(2020, 1, 1))).toBe('令和2年');
  });

  it('switches era on the JST day, not the UTC one', () => {
    // 2019-04-30 15:00 UTC is already 5月1日 in Japan.
    expect(formatWareki('2019-04-30T14:59:00Z')).toBe('平成31年4月30日');
    expect(formatWareki('2019-04-30T15:00:00Z')).toBe('令和元年5月1日');
  });

  it('refuses dates before 平成 rather than inventing a year', () => {
    expect(() => formatWareki(jstWallClock(1988, 12, 31))).toThrow(RangeError);
  });

  it('puts 西暦 beside 和暦', () => {
    expect(formatDateBoth(jstWallClock(2026, 6, 5, 23, 59))).toBe('令和8年6月5日（2026年6月5日）');
  });
});

describe('JST formatting', () => {
  it('shows a UTC instant at its Tokyo wall-clock time with the weekday', () => {
    expect(formatDateTimeJst('2026-06-05T14:59:00Z')).toBe('2026年6月5日（金） 23:59');
    expect(formatSeireki('2026-06-05T15:00:00Z')).toBe('2026年6月6日（土）');
  });

  it('writes a machine-readable JST timestamp', () => {
    expect(isoDateTimeJst(jstWallClock(2026, 7, 15, 23, 59))).toBe('2026-07-15T23:59+09:00');
  });

  it('rejects a value that is not a date', () => {
    expect(() => formatWareki('not a date')).toThrow(RangeError);
  });
});

describe('daysUntilJst', () => {
  const deadline = jstWallClock(2026, 6, 5, 23, 59);

  it('counts JST calendar days', () => {
    expect(daysUntilJst(deadline, jstWallClock(2026, 6, 4, 23, 59))).toBe(1);
    expect(daysUntilJst(deadline, jstWallClock(2026, 5, 6, 0, 0))).toBe(30);
  });

  it('is 0 on the whole deadline day in Japan, even when UTC is still the day before', () => {
    expect(daysUntilJst(deadline, new Date('2026-06-04T15:00:00Z'))).toBe(0);
    expect(daysUntilJst(deadline, new Date('2026-06-04T14:59:59Z'))).toBe(1);
  });

  it('goes negative once the day has passed', () => {
    expect(daysUntilJst(deadline, jstWallClock(2026, 6, 8, 9, 0))).toBe(-3);
  });
});

describe('年度', () => {
  it('runs from 1 April to 31 March in JST', () => {
    expect(fiscalYearOf(jstWallClock(2027, 3, 31, 23, 59))).toBe(2026);
    expect(fiscalYearOf(jstWallClock(2027, 4, 1, 0, 0))).toBe(2027);
    // 1 April 00:30 in Tokyo is still 31 March in UTC.
    expect(fiscalYearOf('2027-03-31T15:30:00Z')).toBe(2027);
  });

  it('is written 令和8年度 beside 2026年度', () => {
    expect(formatFiscalYear(2026)).toBe('令和8年度（2026年度）');
    expect(warekiFiscalYear(2030)).toBe('令和12年度');
  });

  it('takes its era from 1 April, as the backend does', () => {
    expect(warekiFiscalYear(2019)).toBe('平成31年度');
    expect(warekiFiscalYear(2020)).toBe('令和2年度');
  });
});

describe('calendar days from the API', () => {
  it('reads `2026-07-15` as the JST day, whatever the browser time zone', () => {
    expect(jstDay('2026-07-15').toISOString()).toBe('2026-07-14T15:00:00.000Z');
    expect(formatDay('2026-07-15')).toBe('2026年7月15日（水）');
    expect(formatDay('2026-07-15', { year: false })).toBe('7月15日（水）');
  });

  it('writes a 「…までに」 day as 「…まで」, with no time of day', () => {
    expect(formatUntil('2026-06-05')).toBe('2026年6月5日（金）まで');
    expect(formatUntil('2026-07-15', { year: false })).toBe('7月15日（水）まで');
  });

  it('finds the last day of an exclusive cutoff', () => {
    expect(lastDayBefore('2026-07-15T15:00:00Z')).toBe('2026-07-15');
    expect(lastDayBefore('2026-07-15T15:00:01Z')).toBe('2026-07-16');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('refuses a value that is not a calendar day', () => {
    expect(() => jstDay('2026/07/15')).toThrow(RangeError);
    expect(() => formatUntil('')).toThrow(RangeError);
  });
});

describe('jstInstant', () => {
  it('turns a typed JST date and time into an instant with its offset', () => {
    expect(jstInstant('2026-08-20', '10:00')).toBe('2026-08-20T10:00:00+09:00');
    expect(new Date(jstInstant('2026-08-20', '00:30') ?? '').toISOString()).toBe('2026-08-19T15:30:00.000Z');
  });

  it('refuses an impossible or incomplete value', () => {
    expect(jstInstant('2026-02-30', '10:00')).toBeNull();
    expect(jstInstant('2026-08-20', '24:00')).toBeNull();
    expect(jstInstant('', '10:00')).toBeNull();
    expect(jstInstant('2026-08-20', '')).toBeNull();
  });
});
