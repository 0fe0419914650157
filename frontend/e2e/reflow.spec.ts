import type { Page } from '@playwright/test';
import { expect, saveScreenshot, test } from './fixtures';

// Managed PCs often run at 200 % zoom; at 320 CSS px nothing may need sideways scrolling (WCAG 1.4.10).
test.use({ viewport: { width: 320, height: 720 } });

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test('the login page reflows at 320px', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'ログインする' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoHorizontalScroll(page);
  await saveScreenshot(page, 'login-320px');
});

test('the dashboard reflows at 320px', async ({ page }) => {
  await page.route('**/auth/me', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        id: 103,
        email: 'cas-reviewer@demo.example.jp',
        name: '内閣 一郎',
        organisation: 'cas',
        organisation_name: '内閣官房 地域未来戦略本部事務局',
        tier: 'national',
        roles: ['reviewer', 'publisher'],
        designated_city: false,
      }),
    }),
  );
  await page.route('**/api/notify/deadlines*', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ items: [], total: 0, limit: 20, offset: 0 }) }),
  );
  // One plan waiting for review, so the dashboard's tables are laid out at 320px too.
  const waiting = {
    id: 41,
    plan_type: 'B',
    title: '熊本県 半導体産業と半導体ユーザー産業の地域産業クラスター計画',
    lead_organisation: '430005',
    lead_prefecture: '43',
    state: 'precheck_requested',
    version: 4,
    revision: 1,
    round_code: 'first-batch',
    leading_example: false,
    first_precheck_requested_at: '2026-06-01T03:00:00Z',
    published_version: null,
    updated_at: '2026-06-01T03:00:00Z',
  };
  await page.route('**/api/plans?*', (route) => {
    const state = new URL(route.request().url()).searchParams.get('state');
    const items = state === 'precheck_requested' ? [waiting] : [];
    return route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ items, total: items.length, limit: 200, offset: 0 }),
    });
  });
  await page.route('**/directory/v1/organisations*', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify([{ code: '430005', name: '熊本県', kind: 'prefecture', prefecture: '43' }]),
    }),
  );
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'ダッシュボード' })).toBeVisible();
  await expect(page.getByRole('link', { name: waiting.title })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await saveScreenshot(page, 'dashboard-320px');
});
