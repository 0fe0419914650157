import type { Page } from '@playwright/test';
import { draftPlanB, expect, expectNoAxeViolations, loginAs, saveScreenshot, test } from './fixtures';

/**
 * The long form's pickers against the running stack at 1366×768 (issue 11): 熊本県's editor finds
 * the semiconductor industries in the 日本標準産業分類 list by name and by number, picks a company
 * registered in scoring by its name, enters a new one whose check digit is refused at the field and
 * then accepted, saves and finds everything again after a reload; the KGI and KPI tables clip no cell.
 */

/** Every cell (and every field in it) of the KGI table and the KPI list whose content is wider than its box. */
async function clippedCells(page: Page): Promise<string[]> {
  const selector = ['#editor-kgis th', '#editor-kgis td', '#editor-kgis input', '#editor-kgis select', '#editor-kpis input', '#editor-kpis select', '#editor-kpis label', '#editor-kpis legend'].join(', ');
  return page.locator(selector).evaluateAll((boxes) =>
    boxes
      .filter((el) => el.getClientRects().length > 0 && el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}#${el.id || '-'} "${('value' in el ? String(el.value) : el.textContent).slice(0, 40)}" ${String(el.scrollWidth)}>${String(el.clientWidth)}`),
  );
}

test.describe('industry and company pickers @stack', () => {
  test.setTimeout(180_000);
  test.use({ viewport: { width: 1366, height: 768 }, allowedFailedLoads: [/\/api\/rounds$/] });

  test('kumamoto-editor picks 業種 and core companies instead of typing codes', async ({ page }) => {
    const title = `熊本県 業種と企業の選択 ${Date.now()}`;
    await loginAs(page, 'kumamoto-editor@demo.example.jp');
    await page.goto('/plans/new');
    await draftPlanB(page, title);

    // 業種: 「半導体」 finds the semiconductor industries, integrated circuits included.
    const industry = page.getByLabel('業種（日本標準産業分類）');
    await industry.fill('半導体');
    const results = page.getByTestId('jsic-results');
    await expect(results.getByRole('button', { name: 'E28 電子部品・デバイス・電子回路製造業 を加える' })).toBeVisible();
    await expect(results.getByRole('button', { name: /^E2813 半導体素子製造業/ })).toBeVisible();
    await expect(results.getByRole('button', { name: /^E2814 集積回路製造業/ })).toBeVisible();
    await expect(results.getByRole('button', { name: /^E2671 半導体製造装置製造業/ })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: '件見つかりました' })).toBeVisible();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-jsic-picker');
    await results.getByRole('button', { name: 'E28 電子部品・デバイス・電子回路製造業 を加える' }).click();
    const chosen = page.getByTestId('jsic-chosen');
    await expect(chosen).toContainText('E28 電子部品・デバイス・電子回路製造業');
    await expect(industry).toBeFocused();
    await expect(industry).toHaveValue('');

    // 「28」 finds 中分類28's groups (E28 itself is chosen already), 「２８１４」 in full width too.
    await industry.fill('28');
    await expect(results.getByRole('button').first()).toHaveText('E281 電子デバイス製造業 を加える');
    await industry.fill('２８１４');
    await results.getByRole('button', { name: /^E2814 集積回路製造業/ }).click();
    await expect(chosen).toContainText('E2814 集積回路製造業');
    await industry.fill('宇宙旅行');
    await expect(page.getByText('該当する分類はありません。')).toBeVisible();
    await industry.fill('');

    // A registered company by its name: its 法人番号 and name come from scoring.
    const search = page.getByLabel('登録済みの企業から探す');
    await search.fill('阿蘇セミコン');
    const companies = page.getByTestId('company-results');
    const aso = companies.getByRole('button', { name: /阿蘇セミコンパーツ株式会社\(サンプル\)（法人番号 \d{13}）を加える/ });
    await expect(aso).toBeVisible();
    await expectNoAxeViolations(page);
    await aso.click();
    await expect(page.locator('#field-core_companies-0-name')).toHaveValue('阿蘇セミコンパーツ株式会社(サンプル)');
    await expect(page.locator('#field-core_companies-0-corporate_number')).toHaveValue(/^\d{13}$/);
    await expect(page.getByTestId('company-0-valid')).toBeVisible();
    await expect(page.locator('#field-core_companies-0-role')).toBeFocused();
    await page.locator('#field-core_companies-0-role').fill('前工程向け精密部品の供給');
    // Picked once, it is not offered again.
    const registered = await page.locator('#field-core_companies-0-corporate_number').inputValue();
    await search.fill(registered);
    await expect(companies).toContainText('（追加済み）');
    await expect(companies.getByRole('button')).toHaveCount(0);
    await search.fill('');

    // A new company: a wrong check digit is refused at the field, the right one accepted.
    await page.getByRole('button', { name: '核となる企業を追加' }).click();
    const number = page.locator('#field-core_companies-1-corporate_number');
    await expect(number).toBeFocused();
    await number.fill('4835678256246');
    await expect(number).toHaveAttribute('aria-invalid', 'true');
    await expect(number).toHaveAccessibleDescription(/チェックディジット/);
    await expect(page.getByTestId('company-1-valid')).toHaveCount(0);
    await expectNoAxeViolations(page);
    await number.fill('5835678256246');
    await expect(page.getByTestId('company-1-valid')).toBeVisible();
    await expect(number).not.toHaveAttribute('aria-invalid', 'true');
    await page.locator('#field-core_companies-1-name').fill('菊陽精密工業(サンプル)');
    await page.locator('#field-core_companies-1-role').fill('製造装置部品の一次サプライヤー');

    // The KGI and KPI tables fit at 1366 px: no cell's content is clipped.
    await page.getByRole('button', { name: 'KPIを追加' }).click();
    await page.getByLabel('KPI 1 名称').fill('半導体関連の新規取引件数');
    expect(await clippedCells(page)).toEqual([]);
    await saveScreenshot(page, 'stack-pickers-tables');

    // Saved, reloaded: the industries read as names, the companies are there.
    await page.getByRole('button', { name: '保存する' }).click();
    await expect(page.getByTestId('save-status')).toContainText('保存しました');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByTestId('jsic-chosen')).toContainText('E28 電子部品・デバイス・電子回路製造業');
    await expect(page.getByTestId('jsic-chosen')).toContainText('E2814 集積回路製造業');
    await expect(page.locator('#field-core_companies-0-name')).toHaveValue('阿蘇セミコンパーツ株式会社(サンプル)');
    await expect(page.locator('#field-core_companies-1-corporate_number')).toHaveValue('5835678256246');
    await page.getByRole('button', { name: 'E28 電子部品・デバイス・電子回路製造業 を外す' }).click();
    await expect(page.getByTestId('jsic-chosen')).not.toContainText('E28 電子部品');
    await expectNoAxeViolations(page);
  });
});
