import { expect, expectNoAxeViolations, loginAs, test } from './fixtures';

/**
 * The deadline calendar against the running stack: every URL of the .ics feed opens a page of the
 * SPA (the deadline itself, never a 404), and the public holidays and 年末年始 are marked.
 */
test.describe('calendar @stack', () => {
  test.setTimeout(120_000);

  test('the .ics links open the deadline in the SPA', async ({ page }) => {
    await loginAs(page, 'kumamoto-editor@demo.example.jp');
    const feed = await page.request.get('/api/notify/calendar.ics');
    expect(feed.status()).toBe(200);
    const body = await feed.text();
    const urls = [...body.matchAll(/^URL:(.+)\r$/gm)].map((m) => new URL((m[1] ?? '').trim()).pathname);
    expect(urls.length).toBeGreaterThan(0);
    for (const path of urls) expect(path).toMatch(/^\/notifications\/deadlines\/\d+$/);
    // the rounds are whole days: all-day events, never 23:59
    expect(body).toContain('DTSTART;VALUE=DATE:20260715');
    const round = body.split('BEGIN:VEVENT').find((event) => event.includes('DTSTART;VALUE=DATE:20260715')) ?? '';
    const roundPath = new URL(/^URL:(.+)\r$/m.exec(round)?.[1]?.trim() ?? 'http://x/').pathname;

    const response = await page.goto(roundPath);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: '第1弾 事前確認依頼の期限' })).toBeVisible();
    const detail = page.getByTestId('deadline-detail');
    await expect(detail).toContainText('2026年7月15日（水）まで');
    await expect(page.getByRole('main')).not.toContainText('23:59');
    await expect(page.getByText('この締切は見つかりません')).toHaveCount(0);
    await expectNoAxeViolations(page);
    for (const path of urls) {
      await page.goto(path);
      await expect(page.getByTestId('deadline-detail')).toBeVisible();
    }
  });

  test('holidays and the year-end closure are marked on the calendar', async ({ page }) => {
    await loginAs(page, 'kumamoto-editor@demo.example.jp');
    await page.goto('/notifications?month=2027-01');
    const grid = page.getByRole('table', { name: '令和9年1月（2027年1月）の締切' });
    await expect(grid.locator('td[data-date="2027-01-01"]')).toHaveAttribute('data-closed', 'holiday');
    await expect(grid.locator('td[data-date="2027-01-01"]')).toContainText('休日：元日');
    await expect(grid.locator('td[data-date="2027-01-11"]')).toContainText('休日：成人の日');
    await expect(grid.locator('td[data-date="2027-01-02"]')).toHaveAttribute('data-closed', 'year_end');
    await expect(grid.locator('td[data-date="2027-01-05"]')).not.toHaveAttribute('data-closed', /.+/);
    await expectNoAxeViolations(page);
  });
});
