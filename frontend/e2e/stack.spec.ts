import { expect, expectNoAxeViolations, saveScreenshot, test } from './fixtures';

// Needs the real stack behind E2E_BASE_URL with the demo data seeded: `npm run e2e:stack`.
test.describe('login against the running stack @stack', () => {
  test('a prefectural editor logs in by keyboard, sees the dashboard of their tier, and logs out', async ({
    page,
    context,
  }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { level: 1, name: 'ログイン' })).toBeVisible();
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('メールアドレス')).toBeFocused();
    await page.keyboard.type('kumamoto-editor@demo.example.jp');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Demo-2026!');
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1, name: 'ダッシュボード' })).toBeVisible();
    await expect(page.getByTestId('organisation-name')).toHaveText('熊本県');
    const menu = page.getByRole('navigation', { name: 'メインメニュー' });
    await expect(menu.getByRole('link', { name: '市町村計画の取りまとめ' })).toBeVisible();
    await expect(menu.getByRole('link', { name: '事前確認の審査' })).toHaveCount(0);
    // notify answered through the gateway: the SPA did not fall back to its own list.
    await expect(page.getByRole('heading', { level: 2, name: '次の締切' })).toBeVisible();
    await expect(page.getByText('締切の一覧を読み込んでいます')).toHaveCount(0);
    await expect(page.getByTestId('deadlines-local')).toHaveCount(0);

    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'chiiki_session');
    expect(session?.httpOnly).toBe(true);
    expect(cookies.find((c) => c.name === 'chiiki_csrf')?.httpOnly).toBe(false);

    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-dashboard-prefecture');

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'ダッシュボード' })).toBeVisible();

    await page.getByRole('button', { name: 'ログアウト' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'ログイン' })).toBeVisible();
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
  });

});

test.describe('a refused login @stack', () => {
  test.use({ allowedFailedLoads: [/\/auth\/login$/] });

  test('a wrong password is refused at the form', async ({ page }) => {
    await page.goto('/login');
    // Another account than the one logging in above, so repeated runs never lock it out.
    await page.getByLabel('メールアドレス').fill('kumamoto-viewer@demo.example.jp');
    await page.getByLabel('パスワード').fill('not-the-password');
    await page.getByRole('button', { name: 'ログインする' }).click();
    await expect(page.getByRole('alert')).toContainText('メールアドレスまたはパスワードが正しくありません。');
    await expect(page).toHaveURL(/\/login$/);
  });
});
