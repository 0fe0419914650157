import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CAS_REVIEWER, KUMAMOTO_EDITOR, fakeServer, json } from '../../test/http';
import { makePlan, summaryOf } from '../../test/plans';
import { renderApp } from '../../test/render';

const me = (user: object) => ({ 'GET /auth/me': () => json(200, user) });
const list = (items: unknown[]) => () => json(200, { items, total: items.length, limit: 500, offset: 0 });

afterEach(() => vi.unstubAllGlobals());

describe('the queues', () => {
  it('shows the prefecture the municipal plans waiting for it, not its own', async () => {
    const kikuyo = summaryOf(makePlan({ id: 1, title: '菊陽町のプラン', state: 'prefecture_review' }));
    const own = summaryOf(makePlan({ id: 2, title: '県のプラン', state: 'prefecture_review', lead_organisation: '430005' }));
    fakeServer({ ...me(KUMAMOTO_EDITOR), 'GET /api/plans?state=prefecture_review&limit=500&offset=0': list([kikuyo, own]) });
    renderApp('/prefecture-queue');
    expect(await screen.findByRole('link', { name: '菊陽町のプラン' })).toHaveAttribute('href', '/plans/1');
    expect(screen.queryByRole('link', { name: '県のプラン' })).not.toBeInTheDocument();
  });

  it('groups the national queue by round and counts the 先行事例 candidates', async () => {
    const early = summaryOf(makePlan({ id: 3, title: '先行の計画', state: 'precheck_requested', round_code: '2026-batch-1', leading_example: true }));
    const batch = summaryOf(makePlan({ id: 4, title: '第1弾の計画', state: 'in_review', round_code: '2026-batch-1' }));
    const later = summaryOf(makePlan({ id: 5, title: '後の計画', state: 'precheck_requested', round_code: null }));
    fakeServer({
      ...me({ ...CAS_REVIEWER, roles: ['reviewer', 'publisher'] }),
      'GET /api/rounds': () =>
        json(200, [
          { code: '2026-leading', name: '先行事例', cutoff_at: '2026-06-05T14:59:00Z', kind: 'leading_example' },
          { code: '2026-batch-1', name: '第1弾', cutoff_at: '2026-07-15T14:59:00Z', kind: 'batch' },
        ]),
      'GET /api/plans?state=precheck_requested&limit=500&offset=0': list([early, later]),
      'GET /api/plans?state=in_review&limit=500&offset=0': list([batch]),
      'GET /api/plans?state=submitted&limit=500&offset=0': list([]),
    });
    renderApp('/review');
    const first = await screen.findByRole('region', { name: /事前確認待ち：第1弾/ });
    expect(within(first).getByText('2件（うち先行事例候補 1件）')).toBeInTheDocument();
    expect(within(first).getByText('先行事例候補')).toBeInTheDocument();
    expect(within(first).getByRole('link', { name: '第1弾の計画' })).toBeInTheDocument();
    const none = screen.getByRole('region', { name: '事前確認待ち：回の指定なし' });
    expect(within(none).getByRole('link', { name: '後の計画' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: '公表待ち（正式提出済み）' })).toHaveTextContent('該当する計画はありません。');
  });

  it('shows the published plans to anyone, without a login', async () => {
    fakeServer({
      'GET /auth/me': () => json(401, { title: '認証が必要です', status: 401 }),
      'GET /public/v1/plans?limit=100': () =>
        json(200, {
          items: [{ plan_id: 9, plan_type: 'C', title: '公表された計画', lead_organisation: '434043', organisations: ['434043'], prefecture_code: '43', prefecture_name: '熊本県', version: 1, published_at: '2026-09-01T01:00:00Z' }],
          total: 1,
          limit: 100,
          offset: 0,
        }),
    });
    renderApp('/open-data');
    const table = await screen.findByTestId('open-data');
    expect(within(table).getByRole('cell', { name: '公表された計画' })).toBeInTheDocument();
    expect(within(table).getByRole('cell', { name: '2026年9月1日（火） 10:00' })).toBeInTheDocument();
  });
});
