import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CAS_REVIEWER, KUMAMOTO_EDITOR, fakeServer, json } from '../../test/http';
import { makePlan, summaryOf } from '../../test/plans';
import { renderApp } from '../../test/render';

const me = (user: object) => ({ 'GET /auth/me': () => json(200, user) });
const list = (items: unknown[]) => () => json(200, { items, total: items.length, limit: 500, offset: 0 });

afterEach(() => vi.unstubAllGlobals());

describe('the queues', () => {
  it('shows the prefecture what each municipal plan came for and since when it waits', async () => {
    const kikuyo = { ...summaryOf(makePlan({ id: 1, title: '菊陽町のプラン', state: 'prefecture_review', asked_at: '2026-06-01T01:00:00Z' })), pending_step: 'precheck', waiting_since: '2026-06-01T01:00:00Z' };
    const later = { ...summaryOf(makePlan({ id: 2, title: '提出のプラン', state: 'prefecture_review', asked_at: '2026-05-01T01:00:00Z', first_precheck_requested_at: '2026-05-02T01:00:00Z' })), pending_step: 'submission', waiting_since: '2026-08-01T01:00:00Z' };
    fakeServer({ ...me(KUMAMOTO_EDITOR), 'GET /api/plans/prefecture-queue?limit=500&offset=0': list([kikuyo, later]) });
    renderApp('/prefecture-queue');
    expect(await screen.findByRole('link', { name: '菊陽町のプラン' })).toHaveAttribute('href', '/plans/1');
    const rows = within(screen.getByTestId('prefecture-queue')).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('事前確認の依頼');
    expect(rows[1]).toHaveTextContent('2026年6月1日（月） 10:00');
    expect(rows[2]).toHaveTextContent('正式提出');
    expect(rows[2]).toHaveTextContent('2026年5月2日（土） 10:00');
  });

  it('lists the national queue by target date with the days in review and the overdue ones marked in words', async () => {
    const clock = (target: string | null, overdue: boolean, days: number) => ({ requested_at: '2026-07-01T00:00:00Z', days_in_review: days, target_date: target, overdue });
    const item = (id: number, title: string, target: string | null, overdue: boolean, days: number) => ({
      ...summaryOf(makePlan({ id, title, state: 'in_review', round_code: target ? '2026-batch-1' : null })),
      round_name: target ? '第1弾' : null,
      review_clock: clock(target, overdue, days),
      changed_since_review: id === 4,
    });
    fakeServer({
      ...me({ ...CAS_REVIEWER, roles: ['reviewer', 'publisher'] }),
      'GET /api/plans/review-queue?limit=500&offset=0': list([item(5, '回なし', null, false, 2), item(4, '遅れ', '2026-08-15', true, 40), item(3, '先', '2026-08-14', false, 3)]),
      'GET /api/plans?state=submitted&limit=500&offset=0': list([]),
    });
    renderApp('/review');
    const table = await screen.findByTestId('review-queue');
    const [first, second, third] = within(table).getAllByRole('row').slice(1) as [HTMLElement, HTMLElement, HTMLElement];
    const rows = [first, second, third];
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual(['先', '遅れ', '回なし']);
    expect(rows[1]).toHaveTextContent('40日');
    expect(within(second).getByTestId('overdue')).toHaveTextContent('期限超過');
    expect(rows[1]).toHaveTextContent('変更あり');
    expect(within(first).queryByTestId('overdue')).not.toBeInTheDocument();
    expect(rows[2]).toHaveTextContent('回の指定なし');
    expect(rows[2]).toHaveTextContent('未設定');
    expect(screen.getByRole('region', { name: '公表待ち（正式提出済み）' })).toHaveTextContent('該当する計画はありません。');
  });
});
