import type { APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, expect, expectNoAxeViolations, loginAs, logout, saveScreenshot, test } from './fixtures';

/**
 * The scoring screens against the running stack with the demo data (熊本県, 令和7年度), and the
 * second flow of the issue: 熊本県 opens a call through the SPA, an application arrives through the
 * API (as a company's submission does), staff see the automatic checks, assess and select it, and
 * the company becomes a core company of the call's B plan.
 */
/** 熊本県's B plan under pre-check review: a published plan takes no selection, a plan in review takes it once the review ends. */
const REVIEW_PLAN_TITLE = '食のみやこ熊本県とライフサイエンス産業';
/** 熊本県's published B plan: refused as a call's plan when it is set, with plans-api's reason at the field. */
const PUBLISHED_PLAN_TITLE = '半導体産業と半導体ユーザー産業';

/** 法人番号 with its check digit (the first digit), as chiiki_common.validators makes it. */
function corporateNumber(body: string): string {
  const digits = Array.from(body).reverse().map(Number);
  const total = digits.reduce((sum, digit, index) => sum + digit * (index % 2 === 0 ? 1 : 2), 0);
  return `${9 - (total % 9)}${body}`;
}

/** The JST calendar date `days` after now, as a date input takes it. */
function jstDate(days: number): string {
  return new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A prefecture editor submits 様式1・様式2 for the company through scoring-api, as the SPA's client would. */
async function submitApplication(request: APIRequestContext, callId: string, number: string, name: string) {
  const login = await request.post('/auth/login', {
    data: { email: 'kumamoto-editor@demo.example.jp', password: DEMO_PASSWORD },
  });
  expect(login.ok()).toBe(true);
  const { csrf_token: csrf } = (await login.json()) as { csrf_token: string };
  const response = await request.post(`/api/scoring/calls/${callId}/applications`, {
    headers: { 'X-CSRF-Token': csrf },
    data: {
      corporate_number: number,
      company_name: name,
      hq_address: '熊本県菊池郡菊陽町（E2Eテスト）',
      business_summary: '半導体製造装置向け精密部品の製造',
      employees: 480,
      employees_as_of: '2026年10月時点',
      current_sales: 3_200_000_000,
      current_sales_period: '2026年3月期',
      philosophy: '地域の技術で世界の産業を支える',
      present_state: '県外の装置メーカーとの取引が拡大している',
      strategy: '県内サプライヤーとの共同開発',
      investment_picture: '検査設備へ10億円を投資',
      regional_impact: '県内からの仕入額を5年で1.5倍にする',
      vision: '半導体クラスターの中核企業になる',
      fiscal_period: '2026-03',
      sales: 3_200_000_000,
      out_of_prefecture_sales: 2_400_000_000,
      purchases: 1_600_000_000,
      in_prefecture_purchases: 800_000_000,
      consents: ['accompanying_support', 'executive_network'],
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  // The company's documents come with its application: 様式1, 様式2, the statements, the brochure.
  const { id } = (await response.json()) as { id: number };
  for (const documentType of ['form1', 'form2', 'financial_statements', 'brochure']) {
    const attached = await request.post(`/api/scoring/applications/${id}/attachments`, {
      headers: { 'X-CSRF-Token': csrf },
      multipart: {
        document_type: documentType,
        file: { name: `${documentType}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n') },
      },
    });
    expect(attached.status(), await attached.text()).toBe(201);
  }
}

test.describe('scoring screens @stack', () => {
  test('熊本県 reads both definitions of the scores, a company’s reasons and the 参考リスト', async ({ page }) => {
    test.setTimeout(60_000); // three screens, each checked by axe and photographed whole
    await loginAs(page, 'kumamoto-viewer@demo.example.jp');
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '企業スコアリング・公募' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '企業のコネクター度・ハブ度' })).toBeVisible();
    const table = page.getByTestId('score-table');
    await expect(table.getByRole('columnheader', { name: 'コネクター度（都道府県内シェア・国の定義）' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'ハブ度（企業内比率・熊本県様式2）' })).toBeVisible();
    // The demo's strongest connectors rank first by the national share.
    const row = page.getByTestId('score-row-5430000000002');
    await expect(row).toContainText('阿蘇セミコンパーツ株式会社(サンプル)');
    await expect(row).toContainText('36社中 1位');
    await expect(page.getByRole('img', { name: /コネクター度（横軸）とハブ度（縦軸）の散布図/ })).toBeVisible();
    await expect(page.getByTestId('scatter-point')).toHaveCount(36);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-scoring-companies');

    await page.getByLabel('散布図の定義').selectOption('company_ratio');
    await page.getByRole('button', { name: '表示する' }).click();
    await expect(page.getByRole('heading', { level: 2, name: /企業内比率（熊本県様式2の定義）/ })).toBeVisible();

    await row.getByRole('link', { name: '阿蘇セミコンパーツ株式会社(サンプル)' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '阿蘇セミコンパーツ株式会社(サンプル)' })).toBeVisible();
    await expect(page.getByTestId('figures')).toContainText('令和7年度（2025年度）');
    const why = page.getByTestId('explanation');
    await expect(page.getByRole('heading', { level: 2, name: /なぜこのスコアか/ })).toBeVisible();
    await expect(why).toContainText('企業が所在する都道府県の域外販売額');
    await expect(why).toContainText('域内外の企業への販売額(売上高)');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-scoring-company');

    await page.getByRole('navigation', { name: '企業・公募のメニュー' }).getByRole('link', { name: '参考リスト' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '参考リスト' })).toBeVisible();
    // 経済産業省's list (the demo's version 1) comes first; the platform's estimate is labelled as such beside it.
    await expect(page.getByRole('heading', { level: 2, name: '経済産業省の参考リスト' })).toBeVisible();
    await expect(page.getByTestId('meti-version')).toContainText('第1版');
    await expect(page.getByTestId('meti-table')).toContainText('球磨テクノサービス株式会社(サンプル)');
    await expect(page.getByTestId('meti-versions')).toContainText('第1版（現行版）');
    await expect(page.getByRole('heading', { level: 2, name: '本システムによる推計' })).toBeVisible();
    await expect(page.getByTestId('estimate-table')).toContainText('阿蘇セミコンパーツ株式会社(サンプル)');
    await expect(page.getByTestId('estimate-5430000000002')).toContainText('✓ 掲載');
    await expect(page.getByTestId('estimate-2430000000021')).toContainText('掲載なし');
    await expect(page.getByRole('button', { name: '参考リストを取り込む' })).toHaveCount(0);
    const exportLink = page.getByRole('link', { name: '本システムによる推計をExcel（xlsx）でダウンロード' });
    const href = await exportLink.getAttribute('href');
    expect(href).toBe('/api/scoring/reference-list/export?fiscal_year=2025&format=xlsx');
    const download = await page.request.get(href ?? '');
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toContain('estimate-2025.xlsx');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-scoring-reference-list');
  });

  test('熊本県 files 証憑 for a company the estimate ranks high but 経済産業省’s list does not name, and 経済産業省 confirms it', async ({ page }) => {
    await loginAs(page, 'kumamoto-editor@demo.example.jp');
    await page.goto('/scoring/reference-list');
    await expect(page.getByRole('heading', { level: 1, name: '参考リスト' })).toBeVisible();
    // 熊本シリコン材料 is a top connector of the estimate, off METI's list: it may be filed for.
    const number = '2430000000021';
    const name = '熊本シリコン材料株式会社(サンプル)';
    const estimateRow = page.getByTestId(`estimate-${number}`);
    await expect(estimateRow).toContainText('掲載なし');
    await expect(estimateRow).not.toContainText('✓ 確認済み');
    // The choices are the companies off METI's list without an open filing, with the 2,000 employees rule.
    const choices = page.locator('#evidence-company option');
    await expect(choices.filter({ hasText: name })).toHaveText(`${name}（${number}）・従業員80名`);
    await expect(choices.filter({ hasText: '阿蘇セミコンパーツ' })).toHaveCount(0);
    await expect(choices.filter({ hasText: '菊陽クリーンテック' })).toContainText('2,000名超のため確認されません');
    await expect(page.getByText(/経済産業省が確認できるのは従業員2,000名以下の企業です/)).toBeVisible();
    await page.getByRole('button', { name: '証憑を提出する' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '入力内容を確認してください' });
    await expect(summary.getByRole('link')).toHaveText(['対象の企業を選択してください。', '根拠を入力してください。']);
    await page.getByRole('combobox', { name: /対象の企業/ }).selectOption(number);
    await page.getByLabel('相対的に高いコネクター度・ハブ度を有する根拠').fill('県外大手3社への直接納入があり、取引一覧に現れない域外販売がある（E2E）');
    await page.getByLabel('申告する域外売上高（円）').fill('1,500,000,000');
    await page.getByRole('button', { name: '証憑を提出する' }).click();
    await expect(page.getByText('証憑を提出しました。経済産業省の確認を待っています。')).toBeVisible();
    await expect(page.getByTestId(`evidence-${number}-2025`)).toContainText('確認待ち');
    await expectNoAxeViolations(page);
    await logout(page);

    await loginAs(page, 'meti-reviewer@demo.example.jp');
    await page.goto('/scoring/reference-list');
    const filing = page.getByTestId(`evidence-${number}-2025`);
    await expect(filing).toContainText('確認待ち');
    await filing.getByRole('button', { name: '確認する' }).click();
    await expect(page.getByText('証憑を確認しました。')).toBeVisible();
    await expect(filing).toContainText('確認済み');
    // The estimate now marks the company as confirmed by evidence, and METI's section lists it.
    await expect(page.getByTestId(`estimate-${number}`)).toContainText('✓ 確認済み');
    await expect(page.getByTestId(`estimate-${number}`)).toContainText('掲載なし');
    await expect(page.getByTestId('meti-confirmed')).toContainText(`${name}（${number}・熊本県）`);
    // METI's reviewer may import its list: the form is there (the import itself is checked in Vitest and pytest).
    await expect(page.getByRole('button', { name: '参考リストを取り込む' })).toBeVisible();
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-scoring-evidence-confirmed');
  });

  test('国 chooses the prefecture whose scores and calls it reads', async ({ page }) => {
    await loginAs(page, 'meti-reviewer@demo.example.jp');
    await page.goto('/scoring');
    await expect(page.getByRole('combobox', { name: /都道府県/ })).toHaveValue('43');
    await expect(page.getByTestId('score-row-5430000000002')).toContainText('36社中 1位');
    await page.getByRole('combobox', { name: /都道府県/ }).selectOption({ label: '福岡県' });
    await page.getByRole('button', { name: '表示する' }).click();
    await expect(page.getByTestId('score-table')).toContainText('博多半導体商事株式会社(サンプル)');
    await page.goto('/scoring/calls');
    await expect(page.getByTestId('calls')).toContainText('熊本県');
    await expect(page.getByRole('link', { name: '新しい公募を開始する' })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });

  // The 422s refusing a published plan and an amount as the scale are the point of the call test.
  test.use({ allowedFailedLoads: [/\/api\/scoring\/(calls|applications\/\d+\/decisions)$/] });

  test('熊本県 runs a call: opens it, an application arrives, staff assess and select it into the B plan', async ({ page, request }) => {
    test.setTimeout(120_000);
    const stamp = String(Date.now());
    const title = `重点支援企業の公募 E2E ${stamp}`;
    const number = corporateNumber(`43${stamp.slice(-10)}`);
    const company = `E2E精密部品${stamp.slice(-6)}株式会社`;

    await loginAs(page, 'kumamoto-approver@demo.example.jp');
    await page.goto('/scoring/calls');
    await expect(page.getByRole('heading', { level: 1, name: '重点支援企業の公募' })).toBeVisible();
    await expect(page.getByTestId('calls')).toContainText('地域産業クラスター計画 重点支援企業の公募');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-scoring-calls');

    // The form lists every missing field at once, each at its field and in the summary.
    await page.getByRole('link', { name: '新しい公募を開始する' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '公募の開始' })).toBeVisible();
    await page.getByRole('button', { name: '公募を開始する' }).click();
    const summary = page.getByRole('alert').filter({ hasText: '入力内容を確認してください' });
    await expect(summary.getByRole('link', { name: '公募の名称を入力してください。' })).toBeVisible();
    await expect(summary.getByRole('link', { name: '募集開始日を入力してください。' })).toBeVisible();
    await expect(summary.getByRole('link', { name: '締切日を入力してください。' })).toBeVisible();
    await expect(page.locator('#call-title-error')).toHaveText('＊公募の名称を入力してください。');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-scoring-call-form-errors');

    await page.getByLabel('公募の名称').fill(title);
    await page.getByLabel('募集開始日').fill(jstDate(0));
    await page.getByLabel('募集開始時刻（日本時間）').fill('00:00');
    await page.getByLabel('締切日').fill(jstDate(14));
    await page.getByLabel('締切時刻（日本時間）').fill('12:00');
    await page.getByLabel('対象分野').fill('半導体産業と半導体ユーザー産業');
    await page.getByLabel('売上高の下限（百万円）').fill('1000');
    await page.getByLabel('従業員数の上限（人）').fill('2000');
    // A published plan takes no selection: plans-api's reason is shown at the field, nothing is stored.
    await page.getByLabel('選定企業が参加するB計画').selectOption({ label: PUBLISHED_PLAN_TITLE });
    await page.getByRole('button', { name: '公募を開始する' }).click();
    await expect(page.locator('#call-plan-error')).toContainText('公表済みの計画には追加できません');
    await expect(page.getByLabel('選定企業が参加するB計画')).toHaveAttribute('aria-invalid', 'true');
    await expect(summary.getByRole('link', { name: /公表済みの計画には追加できません/ })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel('選定企業が参加するB計画').selectOption({ label: REVIEW_PLAN_TITLE });
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: '公募を開始する' }).click();

    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByTestId('call-facts')).toContainText('売上高が10億円以上、従業員規模が2,000名以下');
    await expect(page.getByTestId('call-facts')).toContainText('募集中');
    await expect(page.getByText('まだ応募はありません。応募が届くとここに表示されます。')).toBeVisible();
    const planHref = await page.getByTestId('call-plan-link').getAttribute('href');
    expect(planHref).toMatch(/^\/plans\/\d+$/);
    const callId = new URL(page.url()).pathname.split('/').at(-1) ?? '';

    // The company's application arrives through scoring-api.
    await submitApplication(request, callId, number, company);
    await page.reload();
    const applications = page.getByTestId('applications');
    await expect(applications).toContainText(company);
    await expect(applications).toContainText('売上高が10億円以上：✓ 満たしている');
    await expect(applications).toContainText('従業員規模が2,000名以下：✓ 満たしている');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-scoring-call');

    await applications.getByRole('link', { name: company }).click();
    await expect(page.getByRole('heading', { level: 1, name: `応募：${company}` })).toBeVisible();
    await expect(page.getByTestId('criterion-min_sales')).toContainText('満たしている');
    await expect(page.getByTestId('criterion-min_sales')).toContainText('32億円');
    await expect(page.getByTestId('criterion-accompanying_support')).toContainText('満たしている');
    // Every required document came with the application: the check says so.
    await expect(page.getByTestId('criterion-form1')).toContainText('満たしている');
    await expect(page.getByTestId('application-figures')).toContainText('75.0%');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-scoring-application');

    await page.getByLabel('コネクター度の卓越性についての評価').fill('域外売上高が売上の75%と高く、県外大手との直接取引がある');
    await page.getByLabel('ハブ度の卓越性についての評価').fill('域内仕入が仕入の半分を占める');
    await page.getByLabel('対象分野への合致').selectOption({ label: '合致している' });
    await page.getByLabel('総合所見').fill('重点支援企業として適当');
    await page.getByRole('button', { name: '評価を保存する' }).click();
    await expect(page.getByText('評価を保存しました。')).toBeVisible();

    // Every required document came with the application: nothing is left to waive.
    await expect(page.getByTestId('waivers')).toContainText('未提出の必須書類はありません。');

    await page.getByLabel('判定の理由').fill('定量・定性の基準をいずれも満たす');
    await page.getByLabel(/計画での役割/).fill('前工程装置向け精密部品の供給');
    // The published scale is wording or an employee band, never an amount: an amount is refused at its field.
    await page.getByLabel(/計画に公表される規模/).fill('売上高32億円');
    await page.getByRole('button', { name: '選定する' }).click();
    await expect(page.locator('#decision-scale-error')).toContainText('金額は書けません');
    await expect(page.getByTestId('application-status')).toHaveText('状態：受付済み（未判定）');
    await page.getByLabel(/計画に公表される規模/).fill('');
    await page.getByRole('button', { name: '選定する' }).click();
    await expect(page.getByTestId('application-status')).toHaveText('状態：選定');
    // The plan is under pre-check review: the selection waits, and says so and why, in Japanese.
    const selection = page.getByTestId('selection');
    await expect(page.getByTestId('selection-effect')).toHaveText('計画への追加を待っています。計画の状態が変わると自動で追加します。', { timeout: 20_000 });
    await expect(page.getByTestId('selection-reason')).toContainText('事前確認中のため', { timeout: 20_000 });
    await expect(selection).toContainText('前工程装置向け精密部品の供給');
    await expect(selection).toContainText('従業員 301〜1,000名');
    await expect(selection).not.toContainText('億円');
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'stack-scoring-application-selected');

    // The plan the selection waits for is the call's plan, still without the company until its review ends.
    await selection.getByRole('link', { name: '選定企業が参加するB計画を開く' }).click();
    await expect(page.getByRole('heading', { level: 1, name: REVIEW_PLAN_TITLE })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(planHref);
  });
});
