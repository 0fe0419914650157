import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, saveScreenshot, test } from './fixtures';
import { EDITOR } from './mocks';

/**
 * The app frame and dashboard without a backend: only the gateway's /auth endpoints are answered
 * here, by the test, so every screen of the shell can be checked in the browser. The real login is
 * in stack.spec.ts.
 */
const USERS = {
  prefecture: {
    id: 101,
    email: 'kumamoto-editor@demo.example.jp',
    name: '熊本 花子',
    organisation: '430005',
    organisation_name: '熊本県',
    tier: 'prefecture',
    roles: ['editor'],
    designated_city: false,
  },
  municipality: EDITOR,
  national: {
    id: 103,
    email: 'cas-reviewer@demo.example.jp',
    name: '内閣 一郎',
    organisation: 'cas',
    organisation_name: '内閣官房 地域未来戦略本部事務局',
    tier: 'national',
    roles: ['reviewer'],
    designated_city: false,
  },
} as const;

const NOTIFY_DEADLINES = {
  items: [
    { id: 1, kind: 'round', title: '先行事例', description: '事前確認の依頼期限（先行事例）', due_at: '2026-06-05T14:59:00Z', mandatory: true },
    { id: 2, kind: 'round', title: '第1弾', description: '事前確認の依頼期限（第1弾）', due_at: '2026-07-15T14:59:00Z', mandatory: true },
  ],
  total: 2,
  limit: 20,
  offset: 0,
};

async function signedInAs(page: Page, user: (typeof USERS)[keyof typeof USERS]) {
  await page.route('**/auth/me', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(user) }),
  );
  await page.route('**/auth/logout', (route) => route.fulfill({ status: 204 }));
  // The plans list the keyboard test lands on, empty.
  await page.route('**/api/plans?*', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ items: [], total: 0, limit: 20, offset: 0 }) }),
  );
  await page.route('**/api/rounds', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '[]' }));
  await page.route('**/api/notify/deadlines*', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(NOTIFY_DEADLINES) }),
  );
}

async function atJst(page: Page, iso: string) {
  await page.clock.setFixedTime(new Date(iso));
}

test.describe('app shell (SPA only, session answered by the test)', () => {
  for (const [tier, user] of Object.entries(USERS)) {
    test(`the ${tier} dashboard shows the deadlines in JST and passes axe`, async ({ page }) => {
      await atJst(page, '2026-06-01T09:00:00+09:00');
      await signedInAs(page, user);
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1, name: 'ダッシュボード' })).toBeVisible();
      await expect(page.getByTestId('organisation-name')).toHaveText(user.organisation_name);
      await expect(page.getByTestId('deadline-notify-1')).toContainText('あと4日');
      await expect(page.getByTestId('deadline-notify-1')).toContainText('令和8年6月5日');
      await expect(page.getByTestId('deadline-notify-2')).toContainText('あと44日');
      await expectNoAxeViolations(page);
      await saveScreenshot(page, `dashboard-${tier}`);
    });
  }

  test('the frame is keyboard operable: skip link, menu, logout', async ({ page }) => {
    await signedInAs(page, USERS.prefecture);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'ダッシュボード' })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: '本文へスキップ' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'ログアウト' })).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const plans = page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '計画一覧' });
    await expect(plans).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: '計画一覧' })).toBeFocused();
    await expect(plans).toHaveAttribute('aria-current', 'page');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'plans-empty');

    await page.getByRole('button', { name: 'ログアウト' }).focus();
    await page.unroute('**/auth/me');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'ログイン' })).toBeVisible();
  });

  test('a municipality is refused the review queue; an unknown address is a 404', async ({ page }) => {
    await signedInAs(page, USERS.municipality);
    await page.goto('/review');
    await expect(page.getByRole('heading', { level: 1, name: 'このページを表示する権限がありません' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1, name: 'ページが見つかりません' })).toBeVisible();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'not-found');
  });
});
