import type { Page, Route } from '@playwright/test';

/**
 * plans-api as the SPA-only tests answer it: one plan (id 7, 菊陽町's C plan) and the people who
 * open it. Each test adds the routes its point needs (a 412, a review, …) on top.
 */
export const EDITOR = {
  id: 102,
  email: 'kikuyo-editor@demo.example.jp',
  name: '菊陽 太郎',
  organisation: '434043',
  organisation_name: '菊陽町',
  tier: 'municipality',
  roles: ['editor'],
  designated_city: false,
};

export const REVIEWER = {
  id: 103,
  email: 'cas-reviewer@demo.example.jp',
  name: '内閣 一郎',
  organisation: 'cas',
  organisation_name: '内閣官房 地域未来戦略本部事務局',
  tier: 'national',
  roles: ['reviewer'],
  designated_city: false,
};

export const PLAN_ID = 7;
export const PLAN_TITLE = '菊陽町 地場産業成長プラン';

export const JSIC = {
  revision: '日本標準産業分類（令和5年7月改定）',
  coverage: '',
  items: [
    { code: 'E28', name: '電子部品・デバイス・電子回路製造業', level: '中分類', label: 'E28 電子部品・デバイス・電子回路製造業', keywords: ['半導体'] },
    { code: 'A01', name: '農業', level: '中分類', label: 'A01 農業', keywords: [] },
  ],
};

const REQUIREMENTS = ['有望度', '実現可能性', '外部依存性', '域内への波及', '自治体のコミットメント', 'EBPMメルクマール'].map((label, i) => ({
  number: i + 1,
  label,
  text: `要件${i + 1}の説明`,
  statement: null,
  verdict: null,
  comment: null,
  machine_judgement: null,
  machine_notes: [],
}));

export function plan(version: number, title: string, crops: string | null, overrides: Record<string, unknown> = {}) {
  return {
    id: PLAN_ID,
    plan_type: 'C',
    title,
    lead_organisation: '434043',
    lead_prefecture: '43',
    state: 'draft',
    version,
    revision: 1,
    round_code: null,
    leading_example: false,
    first_precheck_requested_at: null,
    published_version: null,
    updated_at: '2026-11-23T01:00:00Z',
    authors: [{ organisation: '434043', is_lead: true }],
    pending_step: null,
    period_start_fy: 2026,
    period_end_fy: 2030,
    goal_fiscal_year: 2030,
    strategic_fields: [],
    jsic_codes: [],
    sections: { field: { crops_varieties: crops, reason: null } },
    commitment: { department: null, contact: null },
    core_companies: [],
    kgis: [{ key: 'value_added', kind: 'value_added', name: '付加価値増加額', unit: '百万円', baseline: null, baseline_year: null, target: 100, target_year: 2030, basis: '' }],
    kpis: [],
    requirements: REQUIREMENTS,
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

export type MockPlan = ReturnType<typeof plan>;

export const fulfil = (route: Route, status: number, body: unknown, headers: Record<string, string> = {}) =>
  route.fulfill({ status, contentType: status >= 400 ? 'application/problem+json' : 'application/json', body: JSON.stringify(body), headers });

/**
 * The session, the directory, the JSIC list and plan 7's side routes (no steps, no history, no
 * versions). `GET /api/plans/7` answers `stored()`; a test that saves adds its own route after this.
 */
export async function planBackend(page: Page, user: typeof EDITOR, stored: () => MockPlan): Promise<void> {
  await page.route('**/auth/me', (route) => fulfil(route, 200, user));
  await page.route('**/auth/logout', (route) => route.fulfill({ status: 204 }));
  await page.route('**/directory/v1/organisations*', (route) =>
    fulfil(route, 200, [{ code: '434043', name: '菊陽町', kind: 'municipality', prefecture: '43' }]),
  );
  await page.route('**/api/plans/reference/jsic', (route) => fulfil(route, 200, JSIC));
  await page.route('**/api/rounds', (route) => fulfil(route, 200, []));
  await page.route('**/api/notify/deadlines*', (route) => fulfil(route, 200, { items: [], total: 0, limit: 20, offset: 0 }));
  await page.route(`**/api/plans/${PLAN_ID}/transitions`, (route) => fulfil(route, 200, []));
  await page.route(`**/api/plans/${PLAN_ID}/history`, (route) => fulfil(route, 200, []));
  await page.route(`**/api/plans/${PLAN_ID}/versions*`, (route) => fulfil(route, 200, { items: [], limit: 10, offset: 0, total: 0 }));
  await page.route(`**/api/plans/${PLAN_ID}/validation`, (route) => fulfil(route, 200, { valid: false, errors: [], warnings: [] }));
  await page.route(`**/api/plans/${PLAN_ID}`, (route) => {
    const current = stored();
    return fulfil(route, 200, current, { ETag: `"${current.version}"` });
  });
  // The plans list the tests start from, holding plan 7.
  await page.route('**/api/plans?*', (route) => {
    const p = stored();
    const summary = {
      id: p.id,
      plan_type: p.plan_type,
      title: p.title,
      lead_organisation: p.lead_organisation,
      lead_prefecture: p.lead_prefecture,
      state: p.state,
      version: p.version,
      revision: p.revision,
      round_code: p.round_code,
      leading_example: p.leading_example,
      first_precheck_requested_at: p.first_precheck_requested_at,
      published_version: p.published_version,
      updated_at: p.updated_at,
    };
    return fulfil(route, 200, { items: [summary], total: 1, limit: 20, offset: 0 });
  });
}
