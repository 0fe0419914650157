import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, saveScreenshot, test } from './fixtures';
import { EDITOR, PLAN_TITLE, fulfil, plan, planBackend } from './mocks';

/**
 * The plan editor's conflict handling without a backend: plans-api is answered by the test, so a
 * 412 can be produced on purpose. The real flow is in plans-flow.spec.ts (@stack).
 */
async function backend(page: Page) {
  let stored = plan(3, PLAN_TITLE, null);
  const patches: { ifMatch: string | undefined; body: unknown }[] = [];
  await planBackend(page, EDITOR, () => stored);
  await page.route('**/api/plans/7', async (route) => {
    const request = route.request();
    if (request.method() === 'GET') return fulfil(route, 200, stored, { ETag: `"${stored.version}"` });
    const ifMatch = request.headers()['if-match'];
    patches.push({ ifMatch, body: request.postDataJSON() });
    if (ifMatch !== `"${stored.version}"`) return fulfil(route, 412, { title: '他の利用者が先に更新しました', status: 412 });
    const body = request.postDataJSON() as { title: string; sections: { field: { crops_varieties: string | null } } };
    stored = plan(stored.version + 1, body.title, body.sections.field.crops_varieties);
    return fulfil(route, 200, stored, { ETag: `"${stored.version}"` });
  });
  return {
    patches,
    /** Another user saves meanwhile. */
    saveElsewhere: () => {
      stored = plan(stored.version + 5, '町長室が直した名称', 'トマト');
    },
  };
}

test.describe('the plan editor (SPA only, plans-api answered by the test)', () => {
  // The refused save is the point of the test.
  test.use({ allowedFailedLoads: [/\/api\/plans\/7$/] });

  test('a 412 shows both versions and keeps what was typed', async ({ page }) => {
    const server = await backend(page);
    await page.goto('/plans/7');
    await expect(page.getByRole('heading', { level: 1, name: PLAN_TITLE })).toBeVisible();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'plan-editor');

    server.saveElsewhere();
    await page.getByLabel('(1) 該当する作物・品種等').fill('半導体製造装置向け精密部品');
    await page.getByRole('button', { name: '保存する' }).click();
    const conflict = page.getByTestId('conflict');
    await expect(conflict.getByRole('heading', { name: '他の利用者が先にこの計画を保存しました' })).toBeFocused();
    await expect(conflict.getByRole('row', { name: /該当する作物・品種等/ })).toContainText('半導体製造装置向け精密部品');
    await expect(conflict.getByRole('row', { name: /該当する作物・品種等/ })).toContainText('トマト');
    await expect(page.getByLabel('(1) 該当する作物・品種等')).toHaveValue('半導体製造装置向け精密部品');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'plan-conflict');

    await conflict.getByRole('button', { name: 'あなたの内容で保存し直す' }).click();
    await expect(page.getByTestId('save-status')).toContainText('保存しました');
    await expect(page.getByRole('heading', { level: 1, name: '町長室が直した名称' })).toBeVisible();
    expect(server.patches.map((p) => p.ifMatch)).toEqual(['"3"', '"8"']);
    expect(server.patches[1]?.body).toMatchObject({ title: '町長室が直した名称', sections: { field: { crops_varieties: '半導体製造装置向け精密部品' } } });
  });
});

test.describe('a plan that cannot be read (SPA only, plans-api answered by the test)', () => {
  test.use({ allowedFailedLoads: [/\/api\/plans\/7$/] });

  test('says so with the server’s message instead of loading for ever, and a retry by reload shows the plan', async ({ page }) => {
    let failing = true;
    await planBackend(page, EDITOR, () => plan(3, PLAN_TITLE, null));
    await page.route('**/api/plans/7', (route) =>
      failing
        ? fulfil(route, 503, { title: '一時的に利用できません', status: 503, detail: 'しばらくしてからもう一度お試しください' })
        : fulfil(route, 200, plan(3, PLAN_TITLE, null), { ETag: '"3"' }),
    );
    await page.goto('/plans/7');
    const notice = page.getByRole('alert');
    await expect(notice).toContainText('計画を読み込めませんでした');
    await expect(notice).toContainText('しばらくしてからもう一度お試しください');
    await expect(page.getByRole('status')).toHaveCount(0);
    await expectNoAxeViolations(page);

    failing = false;
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: PLAN_TITLE })).toBeVisible();
  });
});
