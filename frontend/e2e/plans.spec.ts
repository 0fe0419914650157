import type { Page, Route } from '@playwright/test';
import { expect, expectNoAxeViolations, saveScreenshot, test } from './fixtures';

/**
 * The plan editor's conflict handling without a backend: plans-api is answered by the test, so a
 * 412 can be produced on purpose. The real flow is in plans-flow.spec.ts (@stack).
 */
const EDITOR = {
  id: 102,
  email: 'kikuyo-editor@demo.example.jp',
  name: '菊陽 太郎',
  organisation: '434043',
  organisation_name: '菊陽町',
  tier: 'municipality',
  roles: ['editor'],
  designated_city: false,
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

function plan(version: number, title: string, crops: string | null) {
  return {
    id: 7,
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
  };
}

const fulfil = (route: Route, status: number, body: unknown, headers: Record<string, string> = {}) =>
  route.fulfill({ status, contentType: status >= 400 ? 'application/problem+json' : 'application/json', body: JSON.stringify(body), headers });

async function backend(page: Page) {
  let stored = plan(3, '菊陽町 地場産業成長プラン', null);
  const patches: { ifMatch: string | undefined; body: unknown }[] = [];
  await page.route('**/auth/me', (route) => fulfil(route, 200, EDITOR));
  await page.route('**/directory/v1/organisations*', (route) =>
    fulfil(route, 200, [{ code: '434043', name: '菊陽町', kind: 'municipality', prefecture: '43' }]),
  );
  await page.route('**/api/plans/reference/jsic', (route) =>
    fulfil(route, 200, { revision: '日本標準産業分類（令和5年7月改定）', coverage: '', items: [{ code: 'E28', name: '電子部品・デバイス・電子回路製造業', level: '中分類', label: 'E28 電子部品・デバイス・電子回路製造業', keywords: ['半導体'] }] }),
  );
  await page.route('**/api/plans/7/transitions', (route) => fulfil(route, 200, []));
  await page.route('**/api/plans/7/history', (route) => fulfil(route, 200, []));
  await page.route('**/api/plans/7/versions*', (route) => fulfil(route, 200, { items: [], limit: 10, offset: 0, total: 0 }));
  await page.route('**/api/plans/7/validation', (route) => fulfil(route, 200, { valid: false, errors: [], warnings: [] }));
  await page.route('**/api/plans/7', async (route) => {
    const request = route.request();
    if (request.method() === 'GET') return fulfil(route, 200, stored, { ETag: `"${stored.version}"` });
    const ifMatch = request.headers()['if-match'];
    patches.push({ ifMatch, body: request.postDataJSON() });
    if (ifMatch !== `"${stored.version}"`) return fulfil(route, 412, { title: '他の利用者が先に更新しました', status: 412 });
    const body = request.postDataJSON() as { title: string; sections: { field: { crops_varieties: string | null } } };
    stored = plan(stored.version + 1, body.title, body.sections.field.crops_varieties);
    return fulfil(route, 200, stored, { ETag: `"${stored.version}"` });
  });
  return {
    patches,
    /** Another user saves meanwhile. */
    saveElsewhere: () => {
      stored = plan(stored.version + 5, '町長室が直した名称', 'トマト');
    },
  };
}

test.describe('the plan editor (SPA only, plans-api answered by the test)', () => {
  // The refused save is the point of the test.
  test.use({ allowedFailedLoads: [/\/api\/plans\/7$/] });

  test('a 412 shows both versions and keeps what was typed', async ({ page }) => {
    const server = await backend(page);
    await page.goto('/plans/7');
    await expect(page.getByRole('heading', { level: 1, name: '菊陽町 地場産業成長プラン' })).toBeVisible();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'plan-editor');

    server.saveElsewhere();
    await page.getByLabel('(1) 該当する作物・品種等').fill('半導体製造装置向け精密部品');
    await page.getByRole('button', { name: '保存する' }).click();
    const conflict = page.getByTestId('conflict');
    await expect(conflict.getByRole('heading', { name: '他の利用者が先にこの計画を保存しました' })).toBeFocused();
    await expect(conflict.getByRole('row', { name: /該当する作物・品種等/ })).toContainText('半導体製造装置向け精密部品');
    await expect(conflict.getByRole('row', { name: /該当する作物・品種等/ })).toContainText('トマト');
    await expect(page.getByLabel('(1) 該当する作物・品種等')).toHaveValue('半導体製造装置向け精密部品');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'plan-conflict');

    await conflict.getByRole('button', { name: 'あなたの内容で保存し直す' }).click();
    await expect(page.getByTestId('save-status')).toContainText('保存しました');
    await expect(page.getByRole('heading', { level: 1, name: '町長室が直した名称' })).toBeVisible();
    expect(server.patches.map((p) => p.ifMatch)).toEqual(['"3"', '"8"']);
    expect(server.patches[1]?.body).toMatchObject({ title: '町長室が直した名称', sections: { field: { crops_varieties: '半導体製造装置向け精密部品' } } });
  });
});
