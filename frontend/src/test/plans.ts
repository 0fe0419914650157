import type { PlanOut, PlanSummary } from '../api/plans';

const REQUIREMENTS_C = [
  ['有望度', '製品・サービスが明確で市場ニーズを特定し…'],
  ['実現可能性', '推進の核となる事業者が存在しているか'],
  ['外部依存性', '特定の者に過度に依存する計画となっていないか'],
  ['域内への波及', '域内取引額、売上額…'],
  ['自治体のコミットメント', '相談窓口の設置、市町村長等としての発表'],
  ['EBPMメルクマール', '必須KGIの設定、KPI及び撤退基準の設定'],
] as const;

/** A C plan of 菊陽町 as plans-api answers it: a fresh draft unless overridden. */
export function makePlan(overrides: Partial<PlanOut> = {}): PlanOut {
  return {
    id: 7,
    plan_type: 'C',
    title: '菊陽町 地場産業成長プラン',
    lead_organisation: '434043',
    lead_prefecture: '43',
    state: 'draft',
    version: 3,
    revision: 1,
    round_code: null,
    leading_example: false,
    asked_at: null,
    first_precheck_requested_at: null,
    published_version: null,
    updated_at: '2026-11-23T01:00:00Z',
    prefecture_forwarded_at: null,
    review_clock: null,
    changed_since_review: false,
    authors: [{ organisation: '434043', is_lead: true }],
    pending_step: null,
    period_start_fy: 2026,
    period_end_fy: 2030,
    goal_fiscal_year: 2030,
    strategic_fields: [],
    jsic_codes: [],
    sections: { field: { crops_varieties: null, reason: null } },
    commitment: { department: null, contact: null },
    core_companies: [],
    kgis: [],
    kpis: [],
    requirements: REQUIREMENTS_C.map(([label, text], i) => ({
      number: i + 1,
      label,
      text,
      statement: null,
      verdict: null,
      comment: null,
      machine_judgement: null,
      machine_notes: [],
    })),
    coordination: [],
    round: null,
    announcement_date: null,
    announcement_url: null,
    precheck_completed_at: null,
    published_at: null,
    created_at: '2026-11-23T00:00:00Z',
    ...overrides,
  };
}

export function summaryOf(plan: PlanOut): PlanSummary {
  const { id, plan_type, title, lead_organisation, lead_prefecture, state, version, revision, round_code, leading_example, asked_at, first_precheck_requested_at, published_version, updated_at } = plan;
  return { id, plan_type, title, lead_organisation, lead_prefecture, state, version, revision, round_code, leading_example, asked_at, first_precheck_requested_at, published_version, updated_at };
}
