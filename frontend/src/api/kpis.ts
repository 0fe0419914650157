/** plans-api's KPI monitoring: half-yearly actuals of a published plan's KPIs. */
import { client, dataOf } from './client';
import type { RequestBody, ResponseBody } from './types';

export type KpiActualIn = RequestBody<'/api/plans/{plan_id}/kpis/{kpi_key}/actuals', 'post'>;
export type KpiActualOut = ResponseBody<'/api/plans/{plan_id}/kpis/{kpi_key}/actuals', 'post'>;

/** Reports (or corrects) one half-year's actual; the plan's ETag guards against a stale page. */
export async function reportActual(planId: number, kpiKey: string, body: KpiActualIn, etag: string) {
  const pending = client.POST('/api/plans/{plan_id}/kpis/{kpi_key}/actuals', {
    params: { path: { plan_id: planId, kpi_key: kpiKey } },
    body,
    headers: { 'If-Match': etag },
  });
  return dataOf(pending, { handles: ['validation', 'stale', 'conflict', 'forbidden'] });
}
