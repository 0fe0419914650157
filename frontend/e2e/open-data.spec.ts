import { expect, expectNoAxeViolations, saveScreenshot, test } from './fixtures';
import { fulfil } from './mocks';

/**
 * The public open-data pages without a backend: the published plans answered by the test. The
 * real flow (a plan published, then found here) is in plans-flow.spec.ts (@stack).
 */
const PLAN = {
  plan_id: 9,
  plan_type: 'B',
  title: '熊本県 半導体関連産業の成長計画',
  lead_organisation: '430005',
  organisations: ['430005'],
  prefecture_code: '43',
  prefecture_name: '熊本県',
  version: 1,
  published_at: '2026-09-01T01:00:00Z',
  core_companies: [],
};
const ITEMS = [
  { kind: 'added', area: 'basics', area_label: '計画の概要', item: '計画の名称', field: null, before: null, after: PLAN.title, path: 'title' },
  { kind: 'added', area: 'basics', area_label: '計画の概要', item: '戦略分野(17分野)', field: null, before: null, after: 'AI・半導体', path: 'strategic_fields' },
  { kind: 'added', area: 'sections', area_label: '記載項目', item: '4. 勝ち筋の特定 ＞ (1) 基本戦略', field: null, before: null, after: '装置部品の域内調達を高める', path: 'sections/path/basic_strategy' },
];

test.describe('the open data (SPA only, published plans answered by the test)', () => {
  test.beforeEach(async ({ page }) => {
    await page.route('**/public/v1/plans?**', (route) => fulfil(route, 200, { items: [PLAN], total: 1, limit: 50, offset: 0 }));
    await page.route('**/public/v1/plans/9/versions', (route) =>
      fulfil(route, 200, [{ version: 1, title: PLAN.title, published_at: PLAN.published_at }]),
    );
    await page.route('**/public/v1/plans/9/versions/1/items', (route) => fulfil(route, 200, ITEMS));
  });

  test('the list and a plan’s page pass axe and are reached by keyboard', async ({ page }) => {
    await page.goto('/open-data');
    const link = page.getByTestId('open-data').getByRole('link', { name: PLAN.title });
    await expect(link).toBeVisible();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'open-data');

    await link.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: PLAN.title })).toBeVisible();
    await expect(page.getByTestId('version-content')).toContainText('装置部品の域内調達を高める');
    await expect(page.getByRole('link', { name: 'PDFで取得する' })).toHaveAttribute('href', '/public/v1/plans/9/versions/1.pdf');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'open-data-plan');
  });
});
