import { expect, expectNoAxeViolations, saveScreenshot, test } from './fixtures';

test.describe('login page (SPA only)', () => {
  test('renders in Japanese with labelled, required fields', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1, name: 'ログイン' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page).toHaveTitle('ログイン | 地域産業成長プラン');
    const email = page.getByLabel('メールアドレス');
    const password = page.getByLabel('パスワード', { exact: false });
    await expect(email).toBeVisible();
    await expect(password).toBeVisible();
    await expect(page.locator('label[for="login-email"]')).toContainText('※必須');
    await expect(page.locator('label[for="login-password"]')).toContainText('※必須');
    await expect(page.locator('input[placeholder]')).toHaveCount(0);
    await saveScreenshot(page, 'login');
  });

  test('uses the self-hosted Noto Sans JP', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1, name: 'ログイン' })).toBeVisible();
    await page.evaluate(() => document.fonts.ready);
    const loaded = await page.evaluate(() => document.fonts.check('16px "Noto Sans JP"', 'ログイン'));
    expect(loaded).toBe(true);
    const family = await page.getByRole('heading', { level: 1 }).evaluate((el) => getComputedStyle(el).fontFamily);
    expect(family).toContain('Noto Sans JP');
  });

  test('has no axe violations, empty and with errors shown', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1, name: 'ログイン' })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'ログインする' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'login-errors');
  });

  test('can be used by keyboard alone, from the skip link to the error summary and back to the field', async ({ page }) => {
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1, name: 'ログイン' })).toBeVisible();

    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: '本文へスキップ' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main$/);

    await page.keyboard.press('Tab');
    await expect(page.getByLabel('メールアドレス')).toBeFocused();
    await page.keyboard.type('kumamoto-editor');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('パスワード')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'ログインする' })).toBeFocused();
    await page.keyboard.press('Enter');

    const summary = page.getByRole('alert');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('メールアドレスの形式が正しくありません');
    await expect(summary).toContainText('パスワードを入力してください。');
    await page.keyboard.press('Tab');
    await expect(summary.getByRole('link').first()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('メールアドレス')).toBeFocused();
    await saveScreenshot(page, 'login-keyboard');
  });

  test('sends a visitor to a deep link through login, keeping the destination', async ({ page }) => {
    await page.goto('/plans');
    await expect(page.getByRole('heading', { level: 1, name: 'ログイン' })).toBeVisible();
    await expect(page).toHaveURL(/\/login\?next=%2Fplans$/);
  });
});
