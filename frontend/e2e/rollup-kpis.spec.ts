import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, loginAs, saveScreenshot, test } from './fixtures';

/**
 * The national roll-up, KPI monitoring and the dashboard's plan blocks against the running stack
 * with the demo data (password Demo-2026!). Other specs may have added plans before this one runs,
 * so the expected numbers are read from the API the screens use, not hard-coded.
 */
const SEMICONDUCTOR = '半導体産業と半導体ユーザー産業';

interface Summary {
  id: number;
  title: string;
  lead_organisation: string;
  state: string;
}

async function plansIn(page: Page, state: string): Promise<Summary[]> {
  const response = await page.request.get(`/api/plans?state=${state}&limit=200`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { items: Summary[] }).items;
}

const millions = (yen: number) => `${new Intl.NumberFormat('ja-JP').format(Math.round(yen / 1_000_000))}百万円`;

test.describe('national roll-up, KPI monitoring and the dashboard @stack', () => {
  test.setTimeout(120_000);

  test('a national reviewer sees what waits for review and the roll-up with and without 東京圏', async ({ page }) => {
    await loginAs(page, 'cas-reviewer@demo.example.jp');
    const toReview = [...(await plansIn(page, 'precheck_requested')), ...(await plansIn(page, 'in_review'))];
    expect(toReview.length).toBeGreaterThan(0); // the demo seed leaves 食のみやこ熊本県… in review
    const waiting = page.getByRole('list', { name: '対応が必要な計画' });
    for (const plan of toReview) await expect(waiting.getByRole('link', { name: plan.title, exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: '自団体の計画' })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-dashboard-national-reviewer');

    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '全国集計' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '全国集計' })).toBeVisible();
    const rollup = (await (await page.request.get('/api/rollup/kgis')).json()) as {
      published: {
        national: { plans: number; yen_totals: Record<string, number> };
        national_excluding_tokyo_area: { plans: number; yen_totals: Record<string, number> };
        by_prefecture_and_type: { prefecture_code: string; plans: number }[];
      };
    };
    const { national, national_excluding_tokyo_area: outside } = rollup.published;
    expect(national.plans).toBeGreaterThan(outside.plans); // the demo's 東京都 plan is left out
    const totals = page.getByTestId('national-totals');
    const valueAdded = totals.getByRole('row', { name: /^付加価値増加額/ });
    await expect(valueAdded.getByRole('cell')).toHaveText([millions(national.yen_totals.value_added ?? 0), millions(outside.yen_totals.value_added ?? 0)]);
    await expect(totals.getByRole('row', { name: /^計画数/ }).getByRole('cell')).toHaveText([`${national.plans}件`, `${outside.plans}件`]);

    const prefectures = page.getByTestId('prefecture-table');
    await expect(prefectures.getByRole('rowheader', { name: '東京都（東京圏）' })).toBeVisible();
    await page.getByRole('radio', { name: '東京圏を除く（全体KGI）' }).check();
    await expect(prefectures.getByRole('rowheader', { name: /東京都/ })).toHaveCount(0);
    await expect(page.getByRole('img', { name: /都道府県別の付加価値増加額（東京圏を除く/ })).toBeVisible();

    const kumamotoPlans = rollup.published.by_prefecture_and_type.filter((g) => g.prefecture_code === '430005').reduce((n, g) => n + g.plans, 0);
    const tiles = page.getByRole('list', { name: '都道府県別の公表済み計画数' });
    await expect(tiles.getByRole('link')).toHaveCount(47);
    const kumamoto = tiles.getByRole('link', { name: `熊本県 公表済み ${kumamotoPlans}件` });
    await kumamoto.focus();
    await expect(kumamoto).toBeFocused();
    await expect(page.getByTestId('state-counts').getByRole('row', { name: /^公表済み（内閣官房）/ })).toBeVisible();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-rollup');
  });

  test('a prefectural approver sees its plans and what waits, and reports a KPI actual that breaches the criterion', async ({ page }) => {
    await loginAs(page, 'kumamoto-approver@demo.example.jp');
    const mine = page.getByRole('table', { name: '熊本県が作成している計画' });
    await expect(mine.getByRole('link', { name: SEMICONDUCTOR, exact: true })).toBeVisible();
    const municipal = (await plansIn(page, 'prefecture_review')).filter((p) => p.lead_organisation !== '430005');
    expect(municipal.length).toBeGreaterThan(0); // the demo's 菊陽町 plan waits at the prefecture
    const waiting = page.getByRole('list', { name: '対応が必要な計画' });
    for (const plan of municipal) await expect(waiting.getByRole('link', { name: plan.title, exact: true })).toBeVisible();
    await expect(waiting).toContainText('市町村から届いた計画です');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-dashboard-prefecture-approver');

    await mine.getByRole('link', { name: `${SEMICONDUCTOR}のKPIの実績` }).click();
    await expect(page.getByRole('heading', { level: 1, name: `KPIの実績：${SEMICONDUCTOR}` })).toBeVisible();
    await expect(page.getByRole('link', { name: '計画に戻る' })).toHaveAttribute('href', /\/plans\/\d+$/);
    const card = page.getByTestId('kpi-support-visits');
    await expect(card).toContainText('10件未満（半期の実施件数が10件未満の場合、支援手法を見直す）');

    await page.getByLabel(/対象のKPI/).selectOption({ label: '伴走支援の実施件数' });
    await page.getByLabel(/半期/).selectOption('2026H2');
    await page.getByLabel(/実績値/).fill('4');
    await expect(page.getByTestId('breach-preview')).toContainText('この値は撤退基準に該当します');
    await page.getByRole('button', { name: '実績を登録する' }).click();
    await expect(page.getByTestId('kpi-notice')).toContainText('登録した実績は撤退基準に該当しています。');

    const row = card.getByTestId('kpi-support-visits-2026H2');
    await expect(row.getByRole('cell').nth(1)).toHaveText('4件');
    await expect(row.getByTestId('breach-badge')).toHaveText(/撤退基準に該当/);
    await expect(card.getByTestId('breach-text')).toHaveText('2026年度下期（令和8年度）の実績 4件 が撤退基準（10件未満）に該当しています。');
    await expect(page.getByTestId('breach-summary')).toContainText('撤退基準に該当しているKPIが1件あります');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-kpis-breached');
  });
});
