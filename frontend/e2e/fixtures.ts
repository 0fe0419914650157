import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'screenshots');

interface Options {
  /** Resources whose failed load is the point of the test (a 401 for a wrong password). */
  allowedFailedLoads: RegExp[];
}

interface Watchers {
  /** Every request to another origin; the test fails if there was any. */
  foreignRequests: string[];
  /** Console errors and uncaught exceptions (CSP violations land here); the test fails on any. */
  consoleErrors: string[];
}

// The session probe on an anonymous visit is answered 401 (or 404 by a bare static server) by design.
const SESSION_PROBE = /\/auth\/me$/;

export const test = base.extend<Options & Watchers>({
  allowedFailedLoads: [[], { option: true }],
  foreignRequests: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL ?? 'http://127.0.0.1:8000').origin;
      const foreign: string[] = [];
      page.on('request', (request) => {
        const url = request.url();
        if (/^(data|blob|about):/.test(url)) return;
        if (new URL(url).origin !== origin) foreign.push(`${request.method()} ${url}`);
      });
      await use(foreign);
      expect(foreign, 'requests that left the origin').toEqual([]);
    },
    { auto: true },
  ],
  consoleErrors: [
    async ({ page, allowedFailedLoads }, use) => {
      const errors: string[] = [];
      const allowed = [SESSION_PROBE, ...allowedFailedLoads];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const url = message.location().url;
        if (/Failed to load resource/.test(message.text()) && allowed.some((re) => re.test(url))) return;
        errors.push(`${message.text()} (${message.location().url})`);
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const violations = results.violations.map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(violations, 'axe violations (wcag2a, wcag2aa, wcag21a, wcag21aa)').toEqual([]);
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The password of every demo login (`make run` prints them). */
export const DEMO_PASSWORD = 'Demo-2026!';

/** Signs in through the login form and waits for the dashboard. */
export async function loginAs(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'ログインする' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ダッシュボード' })).toBeVisible();
}

/** Logs out and waits for the login screen, so the next login's session cookie is not cleared by
 * this logout's answer arriving late. */
export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ログイン' })).toBeVisible();
}

/** On the creation screen: drafts a type B plan of 2026–2030 named `title` and waits for its page. */
export async function draftPlanB(page: Page, title: string): Promise<void> {
  await page.getByRole('radio', { name: 'B 地域産業クラスター計画' }).check();
  await page.getByLabel('計画の名称').fill(title);
  await page.getByLabel('計画期間の開始年度（西暦）').fill('2026');
  await page.getByLabel('目標年度（西暦）').fill('2030');
  await page.getByRole('button', { name: '下書きを作成する' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

export { expect };
