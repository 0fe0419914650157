import type { Page } from '@playwright/test';
import { draftPlanB, expect, expectNoAxeViolations, loginAs, saveScreenshot, test } from './fixtures';
import { EDITOR, PLAN_ID, PLAN_TITLE, fulfil, plan, planBackend } from './mocks';

/**
 * The plan editor never loses a word (issue 11), against the running stack at 1366×768: 熊本県's
 * editor types 12億 into a KGI, sees "= 1,200 百万円", saves, reloads and finds 1200; 約100 is
 * refused naming the field; leaving with unsaved changes asks first; a closed tab's draft is offered
 * back; the KGI table fits the width.
 */
test.describe('the plan editor @stack', () => {
  test.setTimeout(180_000);
  test.use({ viewport: { width: 1366, height: 768 }, allowedFailedLoads: [/\/api\/rounds$/] });

  test('kumamoto-editor types amounts and years as people write them and loses nothing', async ({ page, context }) => {
    const title = `熊本県 編集画面の確認 ${Date.now()}`;
    await loginAs(page, 'kumamoto-editor@demo.example.jp');
    await page.goto('/plans/new');
    await draftPlanB(page, title);
    const planUrl = page.url();

    // The section index stays in view, and the KGI table fits at 1366 px.
    await expect(page.getByTestId('section-index')).toBeVisible();
    for (const id of ['kgi-table-container', 'plan-editor']) {
      const fits = await page.getByTestId(id).evaluate((el) => el.scrollWidth <= el.clientWidth);
      expect(fits, `${id} fits without a horizontal scroll`).toBe(true);
    }
    const kpis = await page.locator('#editor-kpis').evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(kpis).toBe(true);

    // 12億 in 百万円.
    await page.getByLabel('KGI 3 目標値').fill('12億');
    await expect(page.getByTestId('field-kgis-2-target-preview')).toHaveText('= 1,200 百万円');
    await expect(page.getByTestId('field-kgis-2-target_year-fixed')).toContainText('令和12年度 / 2030年度');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
    await expect(page.getByTestId('section-index')).toBeInViewport();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-editor-amounts');
    await page.getByRole('button', { name: '保存する', exact: true }).click();
    await expect(page.getByTestId('save-status')).toContainText('保存しました');
    await page.reload();
    await expect(page.getByLabel('KGI 3 目標値')).toHaveValue('1200');

    // 約100 is refused at the field and the whole save is refused, naming the field.
    await page.getByLabel('KGI 3 目標値').fill('約100');
    await page.getByLabel('(2) 特定の理由').first().fill('半導体関連の集積');
    await page.getByRole('button', { name: '保存する', exact: true }).click();
    const summary = page.getByRole('alert').filter({ hasText: '保存できません' });
    await expect(summary).toContainText('KGI「付加価値増加額」 ＞ 目標値：「目標値」は数値で入力してください');
    await expectNoAxeViolations(page);
    await summary.getByRole('link').first().click();
    await expect(page.getByLabel('KGI 3 目標値')).toBeFocused();
    await expect(page.getByTestId('save-status')).toContainText('未保存の変更があります');

    // Leaving by a menu link asks first.
    await page.getByRole('navigation', { name: /メニュー|メイン/ }).getByRole('link').first().click();
    const dialog = page.getByRole('dialog', { name: '保存していない変更があります' });
    await expect(dialog).toBeVisible();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'この画面に留まる' }).click();
    await expect(page).toHaveURL(planUrl);

    // Closing the tab mid-edit: the draft is offered back when the plan is opened again.
    await page.getByLabel('KGI 3 目標値').fill('4,800万');
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('chiiki.plan-draft') && localStorage.getItem(k)?.includes('4,800万')));
    await page.close({ runBeforeUnload: false });
    const again = await context.newPage();
    await again.setViewportSize({ width: 1366, height: 768 });
    await again.goto(planUrl);
    const offer = again.getByTestId('draft-offer');
    await expect(offer).toBeVisible();
    await expectNoAxeViolations(again);
    await offer.getByRole('button', { name: '残っている入力内容を戻す' }).click();
    await expect(again.getByLabel('KGI 3 目標値')).toHaveValue('4,800万');
    await expect(again.getByTestId('field-kgis-2-target-preview')).toHaveText('= 48 百万円');
  });
});

/**
 * Leaving with unsaved changes by the browser's back button or by logging out (issue 11), without a
 * backend: the editor asks first, staying keeps the page and the text, confirming leaves.
 */
test.describe('leaving the plan editor with unsaved changes (SPA only, plans-api answered by the test)', () => {
  test.use({ viewport: { width: 1366, height: 768 } });
  const TYPED = '半導体製造装置向け精密部品';

  async function editing(page: Page) {
    await planBackend(page, EDITOR, () => plan(3, PLAN_TITLE, null));
    await page.goto('/plans');
    await page.getByRole('link', { name: PLAN_TITLE }).click();
    await expect(page.getByRole('heading', { level: 1, name: PLAN_TITLE })).toBeVisible();
    await page.getByLabel('(1) 該当する作物・品種等').fill(TYPED);
    await expect(page.getByTestId('save-status')).toContainText('未保存の変更があります');
  }

  test('the browser back button asks first; staying keeps the text, confirming leaves', async ({ page }) => {
    await editing(page);
    const planUrl = page.url();

    await page.goBack();
    const dialog = page.getByRole('dialog', { name: '保存していない変更があります' });
    await expect(dialog).toBeVisible();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'leave-back');
    await dialog.getByRole('button', { name: 'この画面に留まる' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(planUrl);
    await expect(page.getByRole('heading', { level: 1, name: PLAN_TITLE })).toBeVisible();
    await expect(page.getByLabel('(1) 該当する作物・品種等')).toHaveValue(TYPED);

    await page.goBack();
    await dialog.getByRole('button', { name: '保存せずに移動する' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '計画一覧' })).toBeVisible();
    await expect(page).toHaveURL(/\/plans$/);
  });

  test('closing the tab gets the browser’s own question; without changes it closes at once', async ({ page, context }) => {
    await editing(page);
    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.dismiss();
    });
    // Dismissed: the page stays, with the text.
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => asked).toEqual(['beforeunload']);
    expect(page.isClosed()).toBe(false);
    await expect(page.getByLabel('(1) 該当する作物・品種等')).toHaveValue(TYPED);

    // The same plan opened without a change closes without a question.
    const clean = await context.newPage();
    await planBackend(clean, EDITOR, () => plan(3, PLAN_TITLE, null));
    clean.on('dialog', (dialog) => {
      asked.push(`clean ${dialog.type()}`);
      void dialog.dismiss();
    });
    await clean.goto(page.url());
    await expect(clean.getByRole('heading', { level: 1, name: PLAN_TITLE })).toBeVisible();
    // This browser kept the other tab's text: thrown away here, nothing is left unsaved.
    await clean.getByTestId('draft-offer').getByRole('button', { name: '破棄する' }).click();
    await clean.getByLabel('(1) 該当する作物・品種等').click();
    await clean.close({ runBeforeUnload: true });
    await expect.poll(() => clean.isClosed()).toBe(true);
    expect(asked).toEqual(['beforeunload']);
  });

  test('logging out asks first; staying keeps the session and the text', async ({ page }) => {
    const logouts: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/auth/logout')) logouts.push(request.method());
    });
    await editing(page);

    await page.getByRole('button', { name: 'ログアウト' }).click();
    const dialog = page.getByRole('dialog', { name: '保存していない変更があります' });
    await expect(dialog).toBeVisible();
    await expectNoAxeViolations(page);
    await dialog.getByRole('button', { name: 'この画面に留まる' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: PLAN_TITLE })).toBeVisible();
    await expect(page.getByLabel('(1) 該当する作物・品種等')).toHaveValue(TYPED);
    expect(logouts).toEqual([]);

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await dialog.getByRole('button', { name: '保存せずにログアウトする' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'ログイン' })).toBeVisible();
    expect(logouts).toEqual(['POST']);
  });
});

/**
 * The session ends while the editor types (issue 11): the next save is answered 401, the app goes to
 * the login page without asking, and logging in again returns to the same plan with the typed text
 * put back, ready to save. plans-api and the gateway's /auth are answered by the test.
 */
test.describe('the session expires while editing (SPA only, plans-api answered by the test)', () => {
  test.use({ viewport: { width: 1366, height: 768 }, allowedFailedLoads: [/\/api\/plans\/7$/] });
  const TYPED = '期限切れの前に書いた作物';

  test('logging in again returns to the plan with the unsaved text intact', async ({ page }) => {
    let expired = false;
    let stored = plan(3, PLAN_TITLE, null);
    const saved: unknown[] = [];
    await planBackend(page, EDITOR, () => stored);
    await page.route('**/auth/me', (route) => (expired ? fulfil(route, 401, { title: '認証が必要です', status: 401 }) : fulfil(route, 200, EDITOR)));
    await page.route('**/auth/login', (route) => {
      expired = false;
      return fulfil(route, 200, { user: EDITOR, csrf_token: 'csrf-after-login' });
    });
    await page.route(`**/api/plans/${PLAN_ID}`, (route) => {
      const request = route.request();
      if (expired) return fulfil(route, 401, { title: '認証が必要です', status: 401 });
      if (request.method() === 'GET') return fulfil(route, 200, stored, { ETag: `"${stored.version}"` });
      const body = request.postDataJSON() as { title: string; sections: { field: { crops_varieties: string | null } } };
      saved.push(body);
      stored = plan(stored.version + 1, body.title, body.sections.field.crops_varieties);
      return fulfil(route, 200, stored, { ETag: `"${stored.version}"` });
    });

    await page.goto(`/plans/${PLAN_ID}`);
    await expect(page.getByRole('heading', { level: 1, name: PLAN_TITLE })).toBeVisible();
    const field = page.getByLabel('(1) 該当する作物・品種等');
    await field.fill(TYPED);
    await page.waitForFunction((typed) => Object.keys(localStorage).some((k) => k.startsWith('chiiki.plan-draft') && localStorage.getItem(k)?.includes(typed)), TYPED);

    // The session ends; the save is refused with 401 and the app goes to the login page, asking nothing.
    expired = true;
    await page.getByRole('button', { name: '保存する', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'ログイン' })).toBeVisible();
    await expect(page.getByRole('dialog', { name: '保存していない変更があります' })).toHaveCount(0);
    await expect(page).toHaveURL(`/login?next=%2Fplans%2F${PLAN_ID}`);
    await expect(page.getByText('ログインの有効期限が切れました。もう一度ログインしてください。')).toBeVisible();
    expect(saved).toEqual([]);
    await expectNoAxeViolations(page);

    await page.getByLabel('メールアドレス').fill(EDITOR.email);
    await page.getByLabel('パスワード').fill('Demo-2026!');
    await page.getByRole('button', { name: 'ログインする' }).click();

    // Back on the same plan, the text put back without a question, and saved on the next try.
    await expect(page.getByRole('heading', { level: 1, name: PLAN_TITLE })).toBeVisible();
    await expect(page).toHaveURL(`/plans/${PLAN_ID}`);
    await expect(field).toHaveValue(TYPED);
    await expect(page.getByTestId('draft-offer')).toHaveCount(0);
    await expect(page.getByTestId('plan-notice')).toContainText('ログインし直す前の入力内容を戻しました');
    await expect(page.getByTestId('save-status')).toContainText('未保存の変更があります');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'session-expired-restored');
    await page.getByRole('button', { name: '保存する', exact: true }).click();
    await expect(page.getByTestId('save-status')).toContainText('保存しました');
    expect(saved).toMatchObject([{ sections: { field: { crops_varieties: TYPED } } }]);
  });
});
