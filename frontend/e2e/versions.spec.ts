import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { draftPlanB, expect, expectNoAxeViolations, loginAs, saveScreenshot, test } from './fixtures';
import { EDITOR, PLAN_ID, PLAN_TITLE, fulfil, plan, planBackend } from './mocks';

/**
 * Version history and the import that asks first, against the running stack: 熊本県's editor
 * edits a draft twice, restores the first edit from the history (a new version), then exports
 * the 様式, edits, and imports it back, seeing what would change before applying.
 */

const FIELD = '(1) 現状の整理';

async function saveField(page: Page, value: string) {
  await page.getByLabel(FIELD).fill(value);
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByTestId('save-status')).toContainText('保存しました');
}

test.describe('version history and import preview @stack', () => {
  test.setTimeout(180_000);
  test.use({ allowedFailedLoads: [/\/api\/rounds$/] });

  test('kumamoto-editor restores an earlier version and previews an import before applying', async ({ page }) => {
    const title = `熊本県 版の履歴の確認 ${Date.now()}`;
    await loginAs(page, 'kumamoto-editor@demo.example.jp');
    await page.goto('/plans/new');
    await expect(page.getByRole('heading', { level: 1, name: '計画の作成' })).toBeVisible();
    await draftPlanB(page, title);

    // Two edits, each a version.
    await saveField(page, '第一稿の現状');
    await saveField(page, '第二稿の現状');
    const history = page.getByTestId('version-history');
    const rows = history.getByTestId('versions').locator('tbody tr');
    await expect(rows.first()).toContainText('現在の内容');
    await expect(rows.first()).toContainText('編集：記載項目');
    await expect(rows.last()).toContainText('作成');
    const count = await rows.count();

    // The version before the last edit: its difference to now, then back to it.
    const previous = rows.nth(1);
    const label = (await previous.getByRole('rowheader').innerText()).trim();
    await previous.getByRole('button', { name: /を表示する$/ }).click();
    const view = history.getByTestId('version-view');
    await expect(view.getByTestId('version-diff')).toContainText('変更前：第二稿の現状 → 変更後：第一稿の現状');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-version-history');
    await view.getByRole('button', { name: 'この版に戻す' }).click();
    const confirm = page.getByRole('dialog', { name: `${label}に戻しますか` });
    await expect(confirm).toBeVisible();
    await expectNoAxeViolations(page);
    await confirm.getByRole('button', { name: '戻す' }).click();
    await expect(page.getByTestId('plan-notice')).toContainText(`${label}の内容に戻しました`);
    await expect(page.getByLabel(FIELD)).toHaveValue('第一稿の現状');
    await expect(rows).toHaveCount(count + 1);
    await expect(rows.first()).toContainText('復元');
    await expect(rows.first()).toContainText('現在の内容');

    // Export the 様式, change the draft, and import the workbook back: the preview comes first.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-link').click()]);
    const workbook = await readFile(await download.path());
    await saveField(page, '取込前の変更');
    await page.getByTestId('import-open').click();
    const dialog = page.getByRole('dialog', { name: '様式（Excel）の取込' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('取り込む様式（Excel）ファイル').setInputFiles({
      name: download.suggestedFilename(),
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: workbook,
    });
    const changes = dialog.getByTestId('import-changes');
    await expect(changes.getByRole('heading', { name: '変更（1件）' })).toBeVisible();
    await expect(changes).toContainText('3. 現状認識と目指す姿【目標】 ＞ (1) 現状の整理');
    await expect(changes).toContainText('変更前：取込前の変更 → 変更後：第一稿の現状');
    await expect(page.getByLabel(FIELD)).toHaveValue('取込前の変更');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-import-preview');
    await dialog.getByRole('button', { name: '取り込む', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('plan-notice')).toContainText('を取り込みました');
    await expect(page.getByLabel(FIELD)).toHaveValue('第一稿の現状');
    await expect(rows.first()).toContainText('取込');
    await expectNoAxeViolations(page);
  });
});

test.describe('the plan and its versions as PDF @stack', () => {
  test.setTimeout(120_000);
  test.use({ allowedFailedLoads: [/\/api\/rounds$/] });

  test('kumamoto-editor opens the plan and an earlier version of it as PDF', async ({ page }) => {
    const title = `熊本県 PDFの確認 ${Date.now()}`;
    await loginAs(page, 'kumamoto-editor@demo.example.jp');
    await page.goto('/plans/new');
    await draftPlanB(page, title);
    await saveField(page, 'PDFに載る現状');
    const rows = page.getByTestId('version-history').getByTestId('versions').locator('tbody tr');
    await expect(rows.first()).toContainText('編集：');
    // The first version, as the history names it (「第1版」): the plan as created.
    const created = rows.last();
    await expect(created).toContainText('作成');
    const label = (await created.getByRole('rowheader').innerText()).trim();
    const number = /^第(\d+)版$/.exec(label)?.[1];
    const planId = /\/plans\/(\d+)/.exec(page.url())?.[1];

    // The link's address, fetched with the page's session cookie as the browser would follow it.
    const follow = async (name: string, href: string) => {
      const link = page.getByRole('link', { name, exact: true });
      await expect(link).toHaveAttribute('href', href);
      const response = await page.request.get(new URL(href, page.url()).href);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('application/pdf');
      expect((await response.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      return response;
    };
    const now = await follow('PDFで表示', `/api/plans/${planId}/document.pdf`);
    const first = await follow(`${label}をPDFで表示`, `/api/plans/${planId}/document.pdf?version=${number}`);
    // a version never published is a draft's file, and the first version is not the plan now
    expect(first.headers()['content-disposition']).toContain('-draft.pdf');
    expect(first.headers().etag).not.toBe(now.headers().etag);
    await expectNoAxeViolations(page);
  });
});

/**
 * A workbook of another plan or of another type is named as such and nothing is offered to apply
 * (issue 11), without a backend: the refusal plans-api gives is answered by the test.
 */
test.describe('importing the wrong workbook (SPA only, plans-api answered by the test)', () => {
  test.use({ viewport: { width: 1366, height: 768 }, allowedFailedLoads: [/\/import\/preview$/] });

  for (const [kind, detail] of [
    ['another-plan', 'この様式は「別の計画」(計画ID 9)のものです。この計画「菊陽町 地場産業成長プラン」(計画ID 7)の様式を選んでください'],
    ['another-type', 'この様式はB類型(地域産業クラスター計画、様式1)のものです。この計画はC類型(地場産業成長プラン、様式2)のため取り込めません'],
  ] as const) {
    test(`a workbook of ${kind.replace('-', ' ')} is named and cannot be applied`, async ({ page }) => {
      const applied: string[] = [];
      await planBackend(page, EDITOR, () => plan(3, PLAN_TITLE, null));
      await page.route(`**/api/plans/${PLAN_ID}/import/preview`, (route) =>
        fulfil(route, 422, {
          type: `https://chiiki-platform.example/problems/workbook-of-${kind}`,
          title: kind === 'another-plan' ? '別の計画の様式です' : '別の類型の様式です',
          status: 422,
          detail,
          errors: [{ field: 'file', message: detail }],
        }),
      );
      await page.route(`**/api/plans/${PLAN_ID}/import`, (route) => {
        applied.push(route.request().method());
        return fulfil(route, 500, { title: '呼ばれてはならない取込', status: 500 });
      });
      await page.goto(`/plans/${PLAN_ID}`);
      await expect(page.getByRole('heading', { level: 1, name: PLAN_TITLE })).toBeVisible();
      await page.getByTestId('import-open').click();
      const dialog = page.getByRole('dialog', { name: '様式（Excel）の取込' });
      await dialog.getByLabel('取り込む様式（Excel）ファイル').setInputFiles({
        name: '別の様式.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from('PK'),
      });
      await expect(dialog.getByText(`取り込めません：${detail}`)).toBeVisible();
      await expect(dialog.getByRole('button', { name: '取り込む', exact: true })).toHaveCount(0);
      await expect(dialog).not.toContainText(/workbook-of|problems|file:/);
      await expectNoAxeViolations(page);
      await saveScreenshot(page, `import-refused-${kind}`);
      await dialog.getByRole('button', { name: 'キャンセル' }).click();
      await expect(dialog).toHaveCount(0);
      expect(applied).toEqual([]);
    });
  }
});
