/** plans-api's national roll-up (/api/rollup): KGI totals and plan counts per workflow state. */
import { request, withSignal } from './client';
import type { ResponseBody } from './types';

export type KgiRollup = ResponseBody<'/api/rollup/kgis', 'get'>;
export type RollupSet = KgiRollup['published'];
export type KgiTotals = RollupSet['national'];
export type PrefectureTypeTotals = RollupSet['by_prefecture_and_type'][number];
export type PlanStateCounts = ResponseBody<'/api/rollup/plan-states', 'get'>;

export async function getKgiRollup(signal?: AbortSignal) {
  return (await request<KgiRollup>('GET', '/api/rollup/kgis', withSignal(signal))).data;
}

export async function getPlanStateCounts(signal?: AbortSignal) {
  return (await request<PlanStateCounts>('GET', '/api/rollup/plan-states', withSignal(signal))).data;
}
