/** The national roll-up's arithmetic: KGI metrics, totals with and without 東京圏, the tile map. */
import type { KgiTotals, PrefectureTypeTotals } from '../../api/rollup';
import { formatYen } from '../../lib/money';
import { PREFECTURES } from '../../lib/plans';
import { PLAN_RULES } from '../../api/rules.gen';
import { ROLLUP_MESSAGES as M } from './messages';

export interface Metric {
  key: 'capex_target_year' | 'capex_cumulative' | 'value_added' | 'human_resources';
  label: string;
  /** Money is summed in 円 by plans-api (`yen_totals`) and shown in 百万円; people as entered. */
  kind: 'yen' | 'people';
}

export const VALUE_ADDED: Metric = { key: 'value_added', label: M.metrics.value_added, kind: 'yen' };

/** seed 001 全体KGI: 官民設備投資額, 付加価値増加額, 産業人材育成数. */
export const METRICS: readonly Metric[] = [
  { key: 'capex_target_year', label: M.metrics.capex_target_year, kind: 'yen' },
  { key: 'capex_cumulative', label: M.metrics.capex_cumulative, kind: 'yen' },
  VALUE_ADDED,
  { key: 'human_resources', label: M.metrics.human_resources, kind: 'people' },
];

/** 東京圏 (seed 001): 埼玉県, 千葉県, 東京都, 神奈川県, from plans-api's rules. */
export const TOKYO_AREA: ReadonlySet<string> = new Set(PLAN_RULES.tokyo_area_prefectures);

export function isTokyoArea(prefectureCode: string): boolean {
  return TOKYO_AREA.has(prefectureCode.slice(0, 2));
}

export type Totals = Pick<KgiTotals, 'plans' | 'totals' | 'yen_totals' | 'unconverted_kgis'>;

export function emptyTotals(): Totals {
  return { plans: 0, totals: {}, yen_totals: {}, unconverted_kgis: 0 };
}

function add(into: Totals, row: Totals): Totals {
  const sum = (a: Record<string, number>, b: Record<string, number>) => {
    const out = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  return {
    plans: into.plans + row.plans,
    totals: sum(into.totals, row.totals),
    yen_totals: sum(into.yen_totals, row.yen_totals),
    unconverted_kgis: into.unconverted_kgis + row.unconverted_kgis,
  };
}

export function metricValue(totals: Totals, metric: Metric): number {
  return (metric.kind === 'yen' ? totals.yen_totals[metric.key] : totals.totals[metric.key]) ?? 0;
}

const people = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 });

/** `12,000百万円` / `4,500人`. */
export function formatMetric(value: number, metric: Metric): string {
  if (metric.kind === 'people') return M.persons(people.format(value));
  return formatYen(Number.isSafeInteger(value) ? value : Math.round(value / 1_000_000) * 1_000_000, 'million');
}

export interface PrefectureRow {
  code: string;
  name: string;
  tokyoArea: boolean;
  totals: Totals;
}

/** One row per prefecture with published plans (B and C added up), in code order. */
export function byPrefecture(rows: readonly PrefectureTypeTotals[], excludeTokyo: boolean): PrefectureRow[] {
  const out = new Map<string, PrefectureRow>();
  for (const row of rows) {
    if (excludeTokyo && isTokyoArea(row.prefecture_code)) continue;
    const code = row.prefecture_code.slice(0, 2);
    const current = out.get(code) ?? { code, name: row.prefecture_name, tokyoArea: isTokyoArea(code), totals: emptyTotals() };
    out.set(code, { ...current, totals: add(current.totals, row) });
  }
  return [...out.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** B and C (and A once it exists) totals, over all prefectures or outside 東京圏. */
export function byType(rows: readonly PrefectureTypeTotals[], excludeTokyo: boolean): { type: string; totals: Totals }[] {
  const out = new Map<string, Totals>();
  for (const row of rows) {
    if (excludeTokyo && isTokyoArea(row.prefecture_code)) continue;
    out.set(row.plan_type, add(out.get(row.plan_type) ?? emptyTotals(), row));
  }
  return [...out.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([type, totals]) => ({ type, totals }));
}

/** Published plans per prefecture number (`43` → 2), every prefecture present. */
export function publishedCounts(rows: readonly PrefectureTypeTotals[]): Map<string, number> {
  const counts = new Map(PREFECTURES.map((_, i) => [String(i + 1).padStart(2, '0'), 0]));
  for (const row of rows) {
    const code = row.prefecture_code.slice(0, 2);
    counts.set(code, (counts.get(code) ?? 0) + row.plans);
  }
  return counts;
}

/**
 * Column and row of each prefecture on a tile map roughly shaped like Japan (北海道 top right,
 * 沖縄 bottom left), by prefecture number.
 */
export const TILE_POSITIONS: Record<string, readonly [column: number, row: number]> = {
  '01': [13, 0], '02': [13, 1], '05': [12, 2], '03': [13, 2], '06': [12, 3], '04': [13, 3],
  '17': [9, 4], '16': [10, 4], '15': [11, 4], '07': [12, 4],
  '18': [8, 5], '21': [9, 5], '20': [10, 5], '10': [11, 5], '09': [12, 5], '08': [13, 5],
  '32': [3, 6], '31': [4, 6], '28': [5, 6], '26': [6, 6], '25': [7, 6], '19': [10, 6], '11': [11, 6], '13': [12, 6], '12': [13, 6],
  '35': [2, 7], '34': [3, 7], '33': [4, 7], '27': [5, 7], '29': [6, 7], '24': [7, 7], '23': [8, 7], '22': [9, 7], '14': [12, 7],
  '41': [0, 8], '40': [1, 8], '38': [3, 8], '37': [4, 8], '30': [6, 8],
  '42': [0, 9], '43': [1, 9], '44': [2, 9], '39': [3, 9], '36': [4, 9],
  '46': [1, 10], '45': [2, 10],
  '47': [0, 11],
};

/** Four shades: 0 for none, then 1–3 by thirds of the largest count, so the scale fits any data. */
export function tileShade(count: number, max: number): 0 | 1 | 2 | 3 {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(3, Math.max(1, Math.ceil((count / max) * 3))) as 1 | 2 | 3;
}

/** The count range each shade stands for, for the legend. */
export function shadeRanges(max: number): { shade: 0 | 1 | 2 | 3; from: number; to: number }[] {
  const ranges: { shade: 0 | 1 | 2 | 3; from: number; to: number }[] = [{ shade: 0, from: 0, to: 0 }];
  for (let n = 1; n <= max; n++) {
    const shade = tileShade(n, max);
    const last = ranges.at(-1);
    if (last && last.shade === shade) last.to = n;
    else ranges.push({ shade, from: n, to: n });
  }
  return ranges;
}
