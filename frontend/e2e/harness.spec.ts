import { expect, test } from './fixtures';

/**
 * The watchers in fixtures.ts fail any test whose page leaves the origin or logs an error; these
 * check that they do see such things (then clear them so this test itself passes).
 */
test.describe('the e2e harness', () => {
  test.describe('without the CSP that would block the request first', () => {
    test.use({ bypassCSP: true });

    test('records a request to another origin', async ({ page, foreignRequests, consoleErrors }) => {
      await page.goto('/login');
      await expect(page.getByRole('heading', { level: 1, name: 'ログイン' })).toBeVisible();
      // Loopback on purpose: another origin, yet nothing leaves the machine.
      await page.evaluate(() => fetch('http://127.0.0.2:9/beacon', { mode: 'no-cors' }).catch(() => undefined));
      await expect.poll(() => [...foreignRequests]).toEqual(['GET http://127.0.0.2:9/beacon']);
      foreignRequests.length = 0;
      consoleErrors.length = 0;
    });
  });

  test('is served with a CSP, and records a violation of it as a console error', async ({ page, consoleErrors }) => {
    const response = await page.goto('/login');
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    await expect(page.getByRole('heading', { level: 1, name: 'ログイン' })).toBeVisible();
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.title = "inline ran"';
      document.body.append(script);
    });
    await expect.poll(() => consoleErrors.join('\n')).toMatch(/Content Security Policy/);
    await expect(page).not.toHaveTitle('inline ran');
    consoleErrors.length = 0;
  });
});
