import { describe, expect, it } from 'vitest';
import { fiscalYearBoth, halfYearLabel, halfYears, parseFiscalYear } from './fiscalYears';

describe('fiscal years as people write them', () => {
  it('reads 2027, 令和9年度, R9 and full-width digits as the same year and shows both calendars', () => {
    for (const text of ['2027', '２０２７年度', '令和9年度', '令和９', 'R9', 'r9年度', 'Ｒ９']) {
      expect(parseFiscalYear(text)).toEqual({ kind: 'ok', year: 2027 });
    }
    expect(parseFiscalYear('令和元年度')).toEqual({ kind: 'ok', year: 2019 });
    expect(parseFiscalYear('H31')).toEqual({ kind: 'ok', year: 2019 });
    expect(fiscalYearBoth(2027)).toBe('令和9年度 / 2027年度');
  });

  it('refuses what is not a year', () => {
    for (const text of ['約2027', '27', '2027年4月', '令和', '1200']) expect(parseFiscalYear(text)).toEqual({ kind: 'invalid' });
    expect(parseFiscalYear('')).toEqual({ kind: 'empty' });
  });

  it('lists the half years of a period as the KPI page does, never showing "2027H1"', () => {
    expect(halfYears(2026, 2027)).toEqual(['2026H1', '2026H2', '2027H1', '2027H2']);
    expect(halfYears(null, null, ['2030H2', 'junk'])).toEqual(['2030H2']);
    expect(halfYearLabel('2027H1')).toBe('2027年度上期（令和9年度）');
  });
});
