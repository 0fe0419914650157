import type { Locator, Page } from '@playwright/test';
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
  lead_organisation_name: '熊本県',
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

const ROUNDS = [
  { code: '2026-leading', name: '先行事例', kind: 'leading_example', kind_label: '先行事例', last_day: '2026-06-05', review_target_date: null, filterable: false },
  { code: '2026-batch-1', name: '第1弾', kind: 'batch', kind_label: '取りまとめ(一斉公表)', last_day: '2026-07-15', review_target_date: '2026-08-15', filterable: true },
];
const JSIC_LIST = {
  revision: '日本標準産業分類（令和5年7月改定・第14回改定）',
  coverage: '',
  items: [
    { code: 'E', name: '製造業', level: '大分類', label: 'E 製造業', keywords: [] },
    { code: 'E28', name: '電子部品・デバイス・電子回路製造業', level: '中分類', label: 'E28 電子部品・デバイス・電子回路製造業', keywords: ['半導体'] },
    { code: 'E2814', name: '集積回路製造業', level: '細分類', label: 'E2814 集積回路製造業', keywords: ['半導体'] },
  ],
};

/** Tab forward until `target` has the focus (the keyboard alone, as a person without a mouse). */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 60; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reached by Tab: ${target.toString()}`);
}

test.describe('the open data (SPA only, published plans answered by the test)', () => {
  test.beforeEach(async ({ page }) => {
    await page.route('**/public/v1/plans?**', (route) => fulfil(route, 200, { items: [PLAN], total: 1, limit: 50, offset: 0 }));
    await page.route('**/public/v1/plans/9/versions', (route) =>
      fulfil(route, 200, [{ version: 1, title: PLAN.title, published_at: PLAN.published_at }]),
    );
    await page.route('**/public/v1/plans/9/versions/1/items', (route) => fulfil(route, 200, ITEMS));
    await page.route('**/public/v1/reference/rounds', (route) => fulfil(route, 200, ROUNDS));
    await page.route('**/public/v1/reference/jsic', (route) => fulfil(route, 200, JSIC_LIST));
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
    await expect(page.getByRole('link', { name: 'CSVで取得する' })).toHaveAttribute('href', '/public/v1/plans/9/versions/1.csv');
    await expect(page.getByRole('link', { name: 'Excelで取得する' })).toHaveAttribute('href', '/public/v1/plans/9/versions/1.xlsx');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'open-data-plan');
  });

  test('the industry and round filters work by keyboard, stay in the address and pass axe', async ({ page }) => {
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/public/v1/plans?')) asked.push(new URL(request.url()).search);
    });
    await page.goto('/open-data');
    await expect(page.getByTestId('open-data')).toBeVisible();
    const industry = page.getByLabel('業種（日本標準産業分類）');
    await tabTo(page, industry);
    await page.keyboard.insertText('半導体');
    await expect(page.getByTestId('industry-results').getByRole('button')).toHaveCount(2);
    await expectNoAxeViolations(page);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'E28 電子部品・デバイス・電子回路製造業 で絞り込む' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('industry-chosen')).toContainText('E28 電子部品・デバイス・電子回路製造業');
    await expect(page).toHaveURL(/\?industry=E28$/);
    const round = page.getByLabel(/^回/);
    await round.focus();
    await page.keyboard.press('ArrowDown');
    await expect(page).toHaveURL(/industry=E28&round=2026-batch-1$/);
    await expect.poll(() => asked).toContain('?limit=50&offset=0&industry=E28&round=2026-batch-1');
    await expect(page.getByRole('link', { name: 'CSVで取得する' })).toHaveAttribute('href', '/public/v1/plans.csv?industry=E28&round=2026-batch-1');
    await expect(page.getByLabel('都道府県').locator('optgroup')).toHaveCount(7);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'open-data-filters');
  });
});
