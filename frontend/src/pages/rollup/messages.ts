import { PLAN_RULES } from '../../api/rules.gen';
import { prefectureName } from '../../lib/plans';

/** 東京圏 by name (埼玉県・千葉県・東京都・神奈川県), from plans-api's rules. */
const TOKYO_AREA_NAMES = PLAN_RULES.tokyo_area_prefectures.map((code) => prefectureName(code)).join('・');

/** UI strings of the national roll-up (全国集計). */
export const ROLLUP_MESSAGES = {
  lead: `内閣官房HPで公表された計画の必須KGIの目標値を、都道府県別・類型別に集計しています。「地域未来戦略」全体KGIは東京圏（${TOKYO_AREA_NAMES}）以外で数えます。`,
  loading: '集計を読み込んでいます。',
  failed: '集計を読み込めませんでした',
  national: '全国の合計',
  nationalCaption: '公表済み計画の必須KGIの合計（全国と東京圏を除く全国）',
  kgi: 'KGI',
  /** The four KGIs summed (seed 001 全体KGI), by their key in plans-api's totals (rollup.ts). */
  metrics: {
    capex_target_year: '官民設備投資額（目標年度）',
    capex_cumulative: '官民設備投資額（累積）',
    value_added: '付加価値増加額',
    human_resources: '産業人材育成数',
  },
  /** A total of people: 「4,500人」. */
  persons: (count: string) => `${count}人`,
  includingTokyo: '全国（東京圏を含む）',
  excludingTokyo: '全国（東京圏を除く）',
  planCount: '計画数',
  count: (n: number) => `${n}件`,
  unconverted: (n: number) => `円単位でない単位で入力された金額のKGIが${n}件あり、金額の合計に含めていません。`,
  options: '表示の切替',
  scope: '集計の範囲',
  scopeAll: '東京圏を含む',
  scopeOutside: '東京圏を除く（全体KGI）',
  metric: 'グラフに表示するKGI',
  byPrefecture: '都道府県別',
  byType: '類型別',
  /** The breakdown's heading: 「都道府県別・類型別」. */
  breakdown: (first: string, second: string) => `${first}・${second}`,
  /** A bar of the chart by type: 「B 類型」. */
  typeBar: (type: string) => `${type} 類型`,
  chartTitle: (metric: string, by: string, scope: string) => `${by}の${metric}（${scope}）`,
  chartNote: 'グラフと同じ値を下の表に示しています。',
  prefecture: '都道府県',
  type: '類型',
  total: '合計',
  /** A prefecture of the Tokyo area in the table: 「東京都（東京圏）」. */
  inTokyoArea: (name: string) => `${name}（東京圏）`,
  /** The legend's note on the tiles drawn for the Tokyo area. */
  tokyoAreaNote: '＊東京圏',
  prefectureCaption: (scope: string) => `都道府県別の必須KGIの合計（${scope}）`,
  typeCaption: (scope: string) => `類型別の必須KGIの合計（${scope}）`,
  none: '集計の対象となる公表済みの計画はありません。',
  states: '状態別の計画数',
  statesLead: '事前確認の依頼以降の計画を、ワークフローの状態ごとに数えています（依頼前の下書きは作成団体のみが見られるため含みません）。',
  statesCaption: '状態別の計画数',
  state: '状態',
  statesTotal: '合計',
  map: '都道府県別の公表済み計画数',
  mapLead: '日本の形に並べた47都道府県のタイルです。色が濃いほど公表済みの計画が多く、件数は各タイルに書いてあります。タイルを選ぶとその都道府県の公表済み計画の一覧を開きます。',
  mapLegend: '凡例',
  /** Before the legend's ranges: 「凡例：」. */
  mapLegendLead: (legend: string) => `${legend}：`,
  tile: (name: string, count: number) => `${name} 公表済み ${count}件`,
  legendNone: '0件',
  legendSome: (from: number, to: number) => (from === to ? `${from}件` : `${from}〜${to}件`),
} as const;
