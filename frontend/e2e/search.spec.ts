import { expect, expectNoAxeViolations, saveScreenshot, test } from './fixtures';
import { REVIEWER, fulfil } from './mocks';

/** The plan search without a backend: plans-api's search answered by the test. */
test.describe('the plan search (SPA only, plans-api answered by the test)', () => {
  test('a reviewer searches a two-character word by keyboard and sees it marked, with a link to the plan', async ({ page }) => {
    await page.route('**/auth/me', (route) => fulfil(route, 200, REVIEWER));
    await page.route('**/api/plans/search?**', (route) =>
      fulfil(route, 200, {
        items: [
          {
            id: 7,
            title: '熊本県 焼酎と半導体の計画',
            lead_organisation: '430005',
            lead_prefecture: '43',
            prefecture_name: '熊本県',
            plan_type: 'B',
            state: 'in_review',
            state_label: '事前確認中',
            version: 4,
            score: 11,
            occurrences: 2,
            snippets: [{ label: '4. 勝ち筋の特定 ＞ (1) 基本戦略', text: '…県産の焼酎の輸出と装置部品…', highlights: [[4, 6]] }],
          },
        ],
        total: 1,
        limit: 20,
        offset: 0,
        query: '焼酎',
        total_is_estimate: false,
      }),
    );
    await page.goto('/search');
    await page.getByLabel(/検索語/).fill('焼酎');
    await page.keyboard.press('Enter');
    const results = page.getByTestId('search-results');
    await expect(results.locator('mark')).toHaveText(['焼酎']);
    await expect(page).toHaveURL(/\/search\?q=/);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'plan-search');
    await expect(results.getByRole('link', { name: '熊本県 焼酎と半導体の計画' })).toHaveAttribute('href', '/plans/7');
  });

  test('the main menu offers the search to a logged-in person, reached and opened by keyboard', async ({ page }) => {
    await page.route('**/auth/me', (route) => fulfil(route, 200, REVIEWER));
    // the dashboard the menu is reached from, with nothing in it
    await page.route('**/api/plans?*', (route) => fulfil(route, 200, { items: [], total: 0, limit: 200, offset: 0 }));
    await page.route('**/api/rounds', (route) => fulfil(route, 200, []));
    await page.route('**/api/notify/deadlines*', (route) => fulfil(route, 200, { items: [], total: 0, limit: 20, offset: 0 }));
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'ダッシュボード' })).toBeVisible();
    const link = page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '計画の検索' });
    for (let i = 0; i < 30; i += 1) {
      if (await link.evaluate((el) => el === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    await expect(link).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: '計画の検索' })).toBeVisible();
    await expect(page).toHaveURL(/\/search$/);
    await expect(link).toHaveAttribute('aria-current', 'page');
    await expectNoAxeViolations(page);
  });
});
