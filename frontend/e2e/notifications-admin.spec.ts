import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, expectNoAxeViolations, loginAs, saveScreenshot, test } from './fixtures';

/**
 * Notifications and settings against the running stack: the deadline calendar, mail preferences
 * and the mail log of 熊本県's administrator; users of 熊本県; machine clients of 内閣官房, down to
 * the token endpoint accepting and then refusing a client's secret.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

function mainMenu(page: Page) {
  return page.getByRole('navigation', { name: 'メインメニュー' });
}

/** A deadline for 熊本県 only, added by the national administrator through notify's API. */
async function addDeadlineFor430005(request: APIRequestContext, title: string, dueAt: Date) {
  const login = await request.post('/auth/login', { data: { email: 'cas-admin@demo.example.jp', password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  const { csrf_token: csrf } = (await login.json()) as { csrf_token: string };
  const created = await request.post('/api/notify/deadlines', {
    headers: { 'X-CSRF-Token': csrf },
    data: { title, description: 'E2Eテストで追加した締切です。', due_at: dueAt.toISOString(), organisations: ['430005'] },
  });
  expect(created.status()).toBe(201);
  await request.post('/auth/logout', { headers: { 'X-CSRF-Token': csrf } });
}

/** The JST calendar month and day of an instant, as the calendar's URL and cells name them. */
function jstDay(at: Date) {
  const shifted = new Date(at.getTime() + 9 * 60 * 60 * 1000);
  const year = shifted.getUTCFullYear();
  const month = String(shifted.getUTCMonth() + 1).padStart(2, '0');
  const day = String(shifted.getUTCDate()).padStart(2, '0');
  return { month: `${year}-${month}`, iso: `${year}-${month}-${day}`, monthNumber: shifted.getUTCMonth() + 1, year };
}

test.describe('notifications and settings @stack', () => {
  test.setTimeout(120_000);

  test('熊本県の管理者: calendar, preferences, mail log, users', async ({ page, request }) => {
    const title = `E2E 熊本県の締切 ${Date.now()}`;
    const dueAt = new Date(Date.now() + 10 * DAY_MS);
    await addDeadlineFor430005(request, title, dueAt);
    const due = jstDay(dueAt);

    // 1. The deadline calendar: the month of the new deadline, 和暦 and 西暦 in the heading.
    await loginAs(page, 'kumamoto-admin@demo.example.jp');
    await mainMenu(page).getByRole('link', { name: '通知・締切' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '締切カレンダー' })).toBeVisible();
    await page.goto(`/notifications?month=${due.month}`);
    await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^令和\\d+年${due.monthNumber}月（${due.year}年${due.monthNumber}月）$`) })).toBeVisible();
    const calendar = page.getByRole('table', { name: /の締切$/ });
    await expect(calendar.locator(`td[data-date="${due.iso}"]`)).toContainText(title);
    const item = page.getByTestId('deadline-list').getByRole('listitem').filter({ hasText: title });
    await expect(item).toContainText('あと10日');
    await expect(item).toContainText('令和');
    const ics = page.getByRole('link', { name: /カレンダーに取り込む/ });
    const href = await ics.getAttribute('href');
    expect(href).toBe('/api/notify/calendar.ics');
    const feed = await page.request.get(href ?? '');
    expect(feed.headers()['content-type']).toContain('text/calendar');
    expect(await feed.text()).toContain('BEGIN:VEVENT');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-notifications-calendar');

    // 2. Mail preferences: mandatory notices are always on; the choice is kept after a reload.
    await page.getByRole('navigation', { name: '通知のメニュー' }).getByRole('link', { name: 'メール通知の設定' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'メール通知の設定' })).toBeVisible();
    await expect(page.getByTestId('mandatory-notices')).toContainText('締切のリマインダー');
    const published = page.getByRole('checkbox', { name: '計画の公表' });
    const wanted = !(await published.isChecked());
    await published.setChecked(wanted);
    await page.getByRole('button', { name: '設定を保存する' }).click();
    await expect(page.getByRole('status').filter({ hasText: '通知設定を保存しました' })).toBeVisible();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-notifications-preferences');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'メール通知の設定' })).toBeVisible();
    if (wanted) await expect(published).toBeChecked();
    else await expect(published).not.toBeChecked();

    // 3. The mail log of the organisation.
    await page.getByRole('navigation', { name: '通知のメニュー' }).getByRole('link', { name: '送信履歴' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '送信履歴' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'メールの送信履歴' }).or(page.getByText('条件に合うメールはありません。'))).toBeVisible();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-notifications-mail-log');

    // 4. Users of 熊本県: register one, then deactivate them.
    const name = `E2E 利用者 ${Date.now()}`;
    const email = `e2e-${Date.now()}@demo.example.jp`;
    await mainMenu(page).getByRole('link', { name: '利用者の管理' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '利用者の管理' })).toBeVisible();
    await page.getByRole('link', { name: '利用者を登録する' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '利用者の登録' })).toBeVisible();
    await expect(page.getByTestId('user-organisation')).toHaveText('熊本県');
    await page.getByRole('button', { name: '登録する' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '入力内容を確認してください' })).toBeFocused();
    await expectNoAxeViolations(page);
    await page.getByLabel('氏名').fill(name);
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByRole('radio', { name: '作成者' }).check();
    await page.getByLabel('初期パスワード').fill('E2e-initial-2026');
    await saveScreenshot(page, 'stack-settings-user-form');
    await page.getByRole('button', { name: '登録する' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '利用者の管理' })).toBeVisible();
    await expect(page.getByText(`${name}さんを登録しました`)).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: email });
    await expect(row.getByTestId('user-state')).toHaveText('有効');
    await expect(row).toContainText('作成者');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-settings-users');
    await row.getByRole('button', { name: `${name}さんを無効にする` }).click();
    const dialog = page.getByRole('dialog', { name: '利用者を無効にする' });
    await expect(dialog).toContainText(email);
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: '無効にする（確定）' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByText(`${name}さんを無効にしました`)).toBeVisible();
    await expect(row.getByTestId('user-state')).toHaveText('無効');
    await expect(row.getByRole('button')).toHaveCount(0);
  });

  test('内閣官房の管理者: a machine client gets a token until it is revoked', async ({ page, request }) => {
    const clientId = `e2e-client-${Date.now()}`;
    await loginAs(page, 'cas-admin@demo.example.jp');
    await mainMenu(page).getByRole('link', { name: '利用者の管理' }).click();
    await page.getByRole('navigation', { name: '設定のメニュー' }).getByRole('link', { name: 'マシンクライアント' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'マシンクライアントの管理' })).toBeVisible();
    await expect(page.getByTestId('client-row-maff-subsidy')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'マシンクライアントを登録する' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'マシンクライアントの登録' })).toBeVisible();
    await page.getByLabel('クライアントID').fill(clientId);
    await page.getByLabel('名称').fill('E2E 省庁システム');
    await page.getByRole('radio', { name: '省庁のシステム' }).check();
    await page.getByLabel('所管する団体のコード').fill('maff');
    await page.getByRole('checkbox', { name: /registry:read/ }).check();
    await page.getByLabel('有効期間（日数）').fill('30');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: '登録して秘密鍵を発行する' }).click();

    // The secret, once, with the warning and a copy button.
    await expect(page.getByRole('heading', { level: 1, name: `${clientId} を登録しました` })).toBeVisible();
    await expect(page.getByText('秘密鍵はこの画面で一度だけ表示されます')).toBeVisible();
    await expect(page.getByRole('button', { name: '秘密鍵をコピーする' })).toBeVisible();
    const secret = (await page.getByTestId('client-secret').textContent())?.trim() ?? '';
    expect(secret.length).toBeGreaterThan(20);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-settings-client-secret');

    const token = await request.post('/auth/token', {
      form: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret },
    });
    expect(token.status()).toBe(200);
    const issued = (await token.json()) as { access_token: string; scope: string };
    expect(issued.access_token).toBeTruthy();
    expect(issued.scope).toBe('registry:read');

    await page.getByRole('button', { name: '秘密鍵を保管しました' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'マシンクライアントの管理' })).toBeVisible();
    await expect(page.getByText(secret)).toHaveCount(0);
    const row = page.getByTestId(`client-row-${clientId}`);
    await expect(row.getByTestId('client-state')).toHaveText('有効');
    await saveScreenshot(page, 'stack-settings-clients');

    await row.getByRole('button', { name: `${clientId} を失効させる` }).click();
    const dialog = page.getByRole('dialog', { name: 'クライアントを失効させる' });
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: '失効させる（確定）' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row.getByTestId('client-state')).toHaveText('失効');

    const refused = await request.post('/auth/token', {
      form: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret },
    });
    expect(refused.status()).toBe(401);
    expect(((await refused.json()) as { error: string }).error).toBe('invalid_client');
  });
});
