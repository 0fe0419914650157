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
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'ダッシュボード' })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await saveScreenshot(page, 'dashboard-320px');
});
