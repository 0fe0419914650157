/**
 * How a call's criteria read on screen. Whether an application meets them is scoring-api's answer
 * (`quantitative_criteria` in the list, `criteria` in the detail), never worked out here.
 */
import type { ApplicationSummary, CallOut } from '../../api/scoring';
import { formatDateBoth, jstParts } from '../../lib/dates';
import { SCORING } from './messages';

/** `¥1,000,000,000` as the call states it: `10億円`, else grouped yen. */
export function yenLabel(amount: number): string {
  if (amount >= 100_000_000 && amount % 10_000_000 === 0) return SCORING.yenOku(amount / 100_000_000);
  return SCORING.yen(amount.toLocaleString('ja-JP'));
}

export interface QuantitativeCheck {
  code: 'min_sales' | 'max_employees';
  label: string;
  passed: boolean;
  actual: string;
}

/** 定量的基準 (seed 003: 売上高10億円以上・従業員2,000名以下) worded as scoring-api's criteria.py words them. */
export function quantitativeChecks(call: Pick<CallOut, 'min_sales' | 'max_employees'>, application: Pick<ApplicationSummary, 'sales' | 'employees'>): QuantitativeCheck[] {
  const checks: QuantitativeCheck[] = [];
  if (call.min_sales !== null) {
    checks.push({
      code: 'min_sales',
      label: SCORING.criteria.minSales(yenLabel(call.min_sales)),
      passed: application.sales >= call.min_sales,
      actual: yenLabel(application.sales),
    });
  }
  if (call.max_employees !== null) {
    checks.push({
      code: 'max_employees',
      label: SCORING.criteria.maxEmployees(call.max_employees.toLocaleString('ja-JP')),
      passed: application.employees <= call.max_employees,
      actual: SCORING.persons(application.employees.toLocaleString('ja-JP')),
    });
  }
  return checks;
}

/** The criteria a call states, as sentences. */
export function criteriaText(call: Pick<CallOut, 'min_sales' | 'max_employees'>): string[] {
  return quantitativeChecks(call, { sales: 0, employees: 0 }).map((c) => c.label);
}

export type WindowState = 'before' | 'open' | 'closed';

export function windowState(call: Pick<CallOut, 'opens_at' | 'closes_at'>, at: Date): WindowState {
  if (at < new Date(call.opens_at)) return 'before';
  return at < new Date(call.closes_at) ? 'open' : 'closed';
}

/** `令和8年6月1日（2026年6月1日）12:00` */
export function formatMoment(value: string): string {
  const { hour, minute } = jstParts(value);
  return `${formatDateBoth(value)} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
