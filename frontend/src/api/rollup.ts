/** plans-api's national roll-up (/api/rollup): KGI totals and plan counts per workflow state. */
import { client, dataOf } from './client';
import type { ResponseBody } from './types';

export type KgiRollup = ResponseBody<'/api/rollup/kgis', 'get'>;
export type RollupSet = KgiRollup['published'];
export type KgiTotals = RollupSet['national'];
export type PrefectureTypeTotals = RollupSet['by_prefecture_and_type'][number];
export type PlanStateCounts = ResponseBody<'/api/rollup/plan-states', 'get'>;

export async function getKgiRollup(signal?: AbortSignal) {
  return dataOf(client.GET('/api/rollup/kgis', { signal: signal ?? null }));
}

export async function getPlanStateCounts(signal?: AbortSignal) {
  return dataOf(client.GET('/api/rollup/plan-states', { signal: signal ?? null }));
}
