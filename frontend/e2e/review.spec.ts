import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, loginAs, logout, saveScreenshot, test } from './fixtures';
import { PLAN_ID, PLAN_TITLE, REVIEWER, fulfil, plan, planBackend } from './mocks';

/**
 * Reviewing with the plan in front of you, against the running stack and its demo plans: the
 * national reviewer opens a requested plan (the review starts), writes beside the plan, reloads
 * (the draft is kept) and returns it; the authors see the return at the top of their plan.
 */

const TITLE = '菊陽町 にんじん産地と加工の成長プラン';

test.describe('the review beside the plan @stack', () => {
  test.setTimeout(180_000);
  // As in plans-flow: the gateway does not route /api/rounds yet; the SPA falls back.
  test.use({ allowedFailedLoads: [/\/api\/rounds$/] });

  test('a reviewer starts, drafts and returns a plan; its authors see the return at the top', async ({ page }) => {
    // The prefecture forwards 菊陽町's plan, waiting in its queue, to the national review.
    await loginAs(page, 'kumamoto-approver@demo.example.jp');
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '市町村計画の取りまとめ' }).click();
    await page.getByRole('link', { name: TITLE }).click();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    const planPath = new URL(page.url()).pathname;
    await page.getByTestId('actions').getByRole('button', { name: '国へ送付する（取りまとめ）' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '国へ送付する（取りまとめ）（確定）' }).click();
    await expect(page.getByTestId('plan-facts').getByTestId('state-badge')).toHaveText('事前確認依頼済み');
    await logout(page);

    // Opening it from the review queue starts the review, and says so.
    await loginAs(page, 'cas-reviewer@demo.example.jp');
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '事前確認の審査' }).click();
    await page.getByRole('link', { name: TITLE }).click();
    await expect(page.getByTestId('plan-notice')).toContainText('事前確認を開始しました。');
    await expect(page.getByTestId('plan-facts').getByTestId('state-badge')).toHaveText('事前確認中');
    const panel = page.getByTestId('review-panel');
    await expect(panel).toBeVisible();
    // The plan stays in view: no dialog covers it.
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.locator('#editor-requirements')).toBeVisible();
    await panel.getByLabel(/^要件1【有望度】の判断/).selectOption('needs_revision');
    await panel.getByLabel(/^要件1【有望度】へのコメント/).fill('市場ニーズの根拠となる数値を追記してください。');
    await expectNoAxeViolations(page);

    // A reload keeps the draft, and does not start anything again.
    await page.reload();
    await expect(panel).toBeVisible();
    await expect(panel.getByLabel(/^要件1【有望度】の判断/)).toHaveValue('needs_revision');
    await expect(panel.getByLabel(/^要件1【有望度】へのコメント/)).toHaveValue('市場ニーズの根拠となる数値を追記してください。');
    await panel.getByText('項目ごとのコメント（任意）').click();
    await panel.getByLabel(/^「4\. 勝ち筋の特定と定量的なインパクト【道筋】」へのコメント/).fill('取組の具体像に実施時期を書いてください。');
    await panel.getByLabel(/^全体へのコメント/).fill('要件1の根拠を補強してください。');
    await panel.getByRole('button', { name: 'コメントを付けて差し戻す' }).click();
    await panel.getByRole('button', { name: 'コメントを付けて差し戻す（確定）' }).click();
    await expect(page.getByTestId('plan-notice')).toContainText('コメントを付けて差し戻しました。');
    await expect(page.getByTestId('plan-facts').getByTestId('state-badge')).toHaveText('差戻し');
    await expect(panel).toHaveCount(0);
    await expectNoAxeViolations(page);
    await logout(page);

    // The authors see the return at the top, each comment linked to its section.
    await loginAs(page, 'kikuyo-editor@demo.example.jp');
    await page.goto(planPath);
    const summary = page.getByTestId('return-summary');
    await expect(summary.getByRole('heading', { name: '修正依頼が届いています' })).toBeVisible();
    await expect(summary.getByTestId('return-overall')).toHaveText('要件1の根拠を補強してください。');
    await expect(summary.getByTestId('return-requirements')).toContainText('要件1【有望度】判断：要修正');
    await expect(summary.getByTestId('return-requirements')).toContainText('市場ニーズの根拠となる数値を追記してください。');
    await expect(summary.getByTestId('return-sections')).toContainText('取組の具体像に実施時期を書いてください。');
    await expect(summary.getByTestId('return-next')).toContainText('改めて事前確認を依頼');
    await expectNoAxeViolations(page);
    await summary.getByRole('link', { name: '要件1【有望度】を開く' }).click();
    await expect(page.locator('#field-requirements-1-statement')).toBeFocused();
    await summary.getByRole('link', { name: '4. 勝ち筋の特定と定量的なインパクト【道筋】を開く' }).click();
    await expect(page.locator('#editor-section-path')).toBeFocused();
  });
});

/**
 * The reviewer's panel without a backend, at 1366×768 (issue 11): it sits beside the plan, not above
 * it, stays in view while the plan scrolls to its end, names industries from the JSIC list and
 * compares with the last published version.
 */
test.describe('the review panel beside the plan (SPA only, plans-api answered by the test)', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  async function reviewing(page: Page) {
    await planBackend(page, REVIEWER, () => plan(4, PLAN_TITLE, 'にんじん', { state: 'in_review' }));
    await page.route(`**/api/plans/${PLAN_ID}/transitions`, (route) =>
      fulfil(route, 200, [
        { action: 'return_with_comments', label: '差戻し' },
        { action: 'complete_precheck', label: '完了' },
      ]),
    );
    const asked: string[] = [];
    await page.route(
      (url) => url.pathname === `/api/plans/${PLAN_ID}/changes`,
      (route) => {
        const since = new URL(route.request().url()).searchParams.get('since') ?? '';
        asked.push(since);
        return since === 'published'
          ? fulfil(route, 200, { since, base_found: false, base_at: null, reviewed_at: null, changes: [], earlier_review: null })
          : fulfil(route, 200, {
              since,
              base_found: true,
              base_at: '2026-11-20T01:00:00Z',
              reviewed_at: null,
              changes: [
                { path: 'sections/field/crops_varieties', before: null, after: 'にんじん' },
                { path: 'jsic_codes', before: ['E28'], after: ['E28', 'A01'] },
              ],
              earlier_review: null,
            });
      },
    );
    return asked;
  }

  test('sits beside the plan, stays in view to its end, and compares with the last published version', async ({ page }) => {
    const asked = await reviewing(page);
    await page.goto(`/plans/${PLAN_ID}`);
    const panel = page.getByTestId('review-panel');
    const heading = panel.getByRole('heading', { level: 2, name: '事前確認（判断とコメント）' });
    await expect(heading).toBeVisible();
    await expect(panel.getByTestId('changes-list')).toContainText('1. 地場産業の成長を支援する分野 ＞ (1) 該当する作物・品種等');
    // 業種 by its names from the JSIC list, never the bare codes.
    await expect(panel.getByTestId('change').filter({ hasText: '日本標準産業分類' })).toContainText('変更後E28 電子部品・デバイス・電子回路製造業、A01 農業');

    const content = page.getByTestId('plan-editor');
    const beside = async () => {
      const [p, c] = await Promise.all([panel.boundingBox(), content.boundingBox()]);
      if (!p || !c) throw new Error('the panel or the plan is not laid out');
      return { p, c };
    };
    const { p, c } = await beside();
    expect(p.x, 'the panel starts right of the plan').toBeGreaterThan(c.x + c.width - 4);
    expect(p.y, 'the panel starts beside the plan, not above it').toBeGreaterThanOrEqual(c.y - 4);
    expect(p.x + p.width, 'the panel fits in the window').toBeLessThanOrEqual(1366);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'review-panel-beside');

    // The plan scrolled to its last part: the panel is still there, its heading in view.
    await content.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    await expect(heading).toBeInViewport();
    await expect(panel.getByLabel(/^全体へのコメント/)).toBeVisible();
    const after = await beside();
    expect(after.p.x).toBeGreaterThan(after.c.x + after.c.width - 4);
    await saveScreenshot(page, 'review-panel-scrolled');

    await panel.getByLabel(/^比較する版/).selectOption({ label: '最後に公表した版から' });
    await expect(panel.getByTestId('changes-no-base')).toHaveText('この計画はまだ公表されていないため、比較する版がありません。');
    expect(asked).toEqual(['returned', 'published']);
    await expectNoAxeViolations(page);
  });
});

/**
 * A resubmitted plan (issue 11): beside each field that changed since the return, the reviewer reads
 * what they wrote about it then; the panel and the plan stay side by side at 1366×768.
 */
test.describe('the changes since the return, with the earlier comments (SPA only, plans-api answered by the test)', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('each changed field shows before → after and the comment written on the return', async ({ page }) => {
    await planBackend(page, REVIEWER, () => plan(6, PLAN_TITLE, 'にんじん', { state: 'in_review' }));
    await page.route(`**/api/plans/${PLAN_ID}/transitions`, (route) =>
      fulfil(route, 200, [
        { action: 'return_with_comments', label: '差戻し' },
        { action: 'complete_precheck', label: '完了' },
      ]),
    );
    await page.route(
      (url) => url.pathname === `/api/plans/${PLAN_ID}/changes`,
      (route) =>
        fulfil(route, 200, {
          since: 'returned',
          base_found: true,
          base_at: '2026-11-20T01:00:00Z',
          reviewed_at: '2026-11-20T01:00:00Z',
          changes: [
            { path: 'sections/field/crops_varieties', before: 'にんじん（露地）', after: 'にんじん' },
            { path: 'requirement_statements/1', before: '需要は大きい。', after: '取引先3社の需要見込みは年1,200百万円。' },
          ],
          earlier_review: {
            action: 'return_with_comments',
            occurred_at: '2026-11-20T01:00:00Z',
            actor_name: REVIEWER.name,
            comment: '要件1の根拠を補強してください。',
            requirement_comments: [{ number: 1, comment: '市場ニーズの根拠となる数値を追記してください。' }],
            section_comments: [{ section: 'field', comment: '対象の作物を絞ってください。' }],
          },
        }),
    );
    await page.goto(`/plans/${PLAN_ID}`);
    const panel = page.getByTestId('review-panel');
    const changes = panel.getByTestId('changes-list');
    const crops = changes.getByRole('listitem').filter({ hasText: '(1) 該当する作物・品種等' });
    await expect(crops).toContainText('にんじん（露地）');
    await expect(crops).toContainText('そのときのコメント対象の作物を絞ってください。');
    const requirement = changes.getByRole('listitem').filter({ hasText: '要件1' });
    await expect(requirement).toContainText('取引先3社の需要見込みは年1,200百万円。');
    await expect(requirement).toContainText('そのときのコメント市場ニーズの根拠となる数値を追記してください。');
    await expect(changes).not.toContainText(/requirement_statements|sections\/|[{}]/);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'review-changes-earlier-comments');
  });
});
