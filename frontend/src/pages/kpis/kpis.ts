/** KPI monitoring's rules as the screen needs them: the withdrawal criterion, half years, rows. */
import type { PlanOut } from '../../api/plans';
import { hasRole, type SessionUser } from '../../auth/types';
import { halfYearLabel, halfYears } from '../../lib/fiscalYears';
import { COMPARATOR_LABELS } from '../../lib/plans';

export type Kpi = PlanOut['kpis'][number];
export type Withdrawal = NonNullable<Kpi['withdrawal']>;

const COMPARE: Record<Withdrawal['comparator'], (actual: number, threshold: number) => boolean> = {
  lt: (a, t) => a < t,
  le: (a, t) => a <= t,
  gt: (a, t) => a > t,
  ge: (a, t) => a >= t,
};

/** True when `actual <comparator> threshold` holds: the KPI meets its 撤退基準 (plans-api kpis/service.py). */
export function breaches(withdrawal: Withdrawal | null | undefined, actual: number): boolean {
  if (!withdrawal) return false;
  return COMPARE[withdrawal.comparator](actual, withdrawal.threshold);
}

const numbers = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 6 });

export function formatValue(value: number, unit: string): string {
  return `${numbers.format(value)}${unit}`;
}

/** `10件未満` */
export function criterionText(withdrawal: Withdrawal, unit: string): string {
  return `${formatValue(withdrawal.threshold, unit)}${COMPARATOR_LABELS[withdrawal.comparator]}`;
}

export { halfYearLabel };

/** The half years of the plan period, plus any a target or an actual names, in order (the list the plan editor offers too). */
export function periodOptions(plan: Pick<PlanOut, 'period_start_fy' | 'period_end_fy' | 'kpis'>): string[] {
  const used: string[] = [];
  for (const kpi of plan.kpis) {
    for (const target of kpi.targets) if (typeof target.period === 'string') used.push(target.period);
    for (const actual of kpi.actuals ?? []) used.push(actual.period);
  }
  return halfYears(plan.period_start_fy, plan.period_end_fy, used);
}

export interface PeriodRow {
  period: string;
  target: number | null;
  actual: number | null;
  breached: boolean;
  reportedAt: string | null;
}

/** One row per half year that has a target or an actual. */
export function kpiRows(kpi: Kpi): PeriodRow[] {
  const rows = new Map<string, PeriodRow>();
  const row = (period: string) => rows.get(period) ?? { period, target: null, actual: null, breached: false, reportedAt: null };
  for (const target of kpi.targets) {
    if (typeof target.period !== 'string' || typeof target.value !== 'number') continue;
    rows.set(target.period, { ...row(target.period), target: target.value });
  }
  for (const actual of kpi.actuals ?? []) {
    rows.set(actual.period, { ...row(actual.period), actual: actual.value, breached: actual.breached, reportedAt: actual.reported_at });
  }
  return [...rows.values()].sort((a, b) => a.period.localeCompare(b.period));
}

/** The latest reported actual when it breaches the criterion (what plans-api flags the KPI by). */
export function latestBreach(kpi: Kpi): PeriodRow | null {
  const reported = kpiRows(kpi).filter((r) => r.actual !== null);
  const latest = reported.at(-1);
  return latest && latest.breached ? latest : null;
}

/** What a person typed as a number: full-width digits, commas and a minus accepted; else null. */
export function parseActual(text: string): number | null {
  const normalised = text
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '')
    .replace(/^[−ー－]/, '-');
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return null;
  const value = Number(normalised);
  return Number.isFinite(value) && Math.abs(value) <= 1e15 ? value : null;
}

/** The author organisation's editors, approvers and admins report actuals of a published plan. */
export function mayReport(user: SessionUser, plan: Pick<PlanOut, 'authors' | 'published_version'>): boolean {
  return (
    plan.published_version !== null &&
    user.tier !== 'national' &&
    hasRole(user, 'editor') &&
    plan.authors.some((a) => a.organisation === user.organisation)
  );
}
