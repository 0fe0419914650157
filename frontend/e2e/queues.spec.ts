import { expect, expectNoAxeViolations, saveScreenshot, test } from './fixtures';
import { fulfil, plan } from './mocks';

/**
 * The prefecture's 取りまとめ queue without a backend (issue 11): for each municipal plan it says
 * whether it came for the pre-check or for the formal submission, and since when it waits, in days.
 */
const KUMAMOTO_APPROVER = {
  id: 104,
  email: 'kumamoto-approver@demo.example.jp',
  name: '熊本 承認',
  organisation: '430005',
  organisation_name: '熊本県',
  tier: 'prefecture',
  roles: ['approver'],
  designated_city: false,
};

function waiting(id: number, title: string, pending: 'precheck' | 'submission', waitingSince: string, askedAt: string) {
  const p = plan(3, title, null, { id, state: 'prefecture_review' });
  return {
    id: p.id,
    plan_type: p.plan_type,
    title,
    lead_organisation: p.lead_organisation,
    lead_prefecture: p.lead_prefecture,
    state: p.state,
    version: p.version,
    revision: p.revision,
    round_code: null,
    leading_example: false,
    asked_at: askedAt,
    first_precheck_requested_at: pending === 'submission' ? '2026-09-01T01:00:00Z' : null,
    published_version: null,
    updated_at: waitingSince,
    pending_step: pending,
    waiting_since: waitingSince,
  };
}

test.describe('the prefecture queue (SPA only, plans-api answered by the test)', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('says for each plan what it came for and since when it waits', async ({ page }) => {
    await page.clock.setFixedTime(new Date('2026-12-03T03:00:00Z'));
    await page.route('**/auth/me', (route) => fulfil(route, 200, KUMAMOTO_APPROVER));
    await page.route('**/api/rounds', (route) => fulfil(route, 200, []));
    await page.route('**/api/notify/deadlines*', (route) => fulfil(route, 200, { items: [], total: 0, limit: 20, offset: 0 }));
    await page.route('**/directory/v1/organisations*', (route) => fulfil(route, 200, [{ code: '434043', name: '菊陽町', kind: 'municipality', prefecture: '43' }]));
    // The dashboard's own list of plans, empty.
    await page.route('**/api/plans?*', (route) => fulfil(route, 200, { items: [], total: 0, limit: 200, offset: 0 }));
    await page.route('**/api/plans/prefecture-queue*', (route) =>
      fulfil(route, 200, {
        items: [
          waiting(7, '菊陽町 にんじん産地の成長プラン', 'precheck', '2026-11-23T01:00:00Z', '2026-11-20T01:00:00Z'),
          waiting(8, '菊陽町 提出する成長プラン', 'submission', '2026-12-01T01:00:00Z', '2026-10-01T01:00:00Z'),
        ],
        total: 2,
        limit: 500,
        offset: 0,
      }),
    );
    await page.goto('/');
    await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '市町村計画の取りまとめ' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '市町村計画の取りまとめ' })).toBeVisible();
    const queue = page.getByRole('table', { name: '取りまとめを待つ市町村の計画' });
    const precheck = queue.getByRole('row').filter({ hasText: 'にんじん産地' });
    await expect(precheck.getByRole('cell').nth(1)).toHaveText('事前確認の依頼');
    await expect(precheck.getByRole('cell').nth(2)).toHaveText('2026年11月23日（月） 10:00（10日経過）');
    const submission = queue.getByRole('row').filter({ hasText: '提出する成長プラン' });
    await expect(submission.getByRole('cell').nth(1)).toHaveText('正式提出');
    await expect(submission.getByRole('cell').nth(2)).toHaveText('2026年12月1日（火） 10:00（2日経過）');
    await expect(queue).not.toContainText(/precheck|submission|prefecture_review/);
    await expectNoAxeViolations(page);
    await saveScreenshot(page, 'prefecture-queue');
  });
});
