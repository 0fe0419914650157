import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublicationOut, RoundOut } from '../../api/rounds';
import { jstWallClock } from '../../lib/dates';
import { CAS_REVIEWER, fakeServer, json } from '../../test/http';
import { makePlan, summaryOf } from '../../test/plans';
import { renderApp } from '../../test/render';
import { historyChanges, newRoundBody, roundEditable, roundPatch } from './rounds';

const CAS_ADMIN = { ...CAS_REVIEWER, id: 104, email: 'cas-admin@demo.example.jp', name: '内閣 管理', roles: ['admin', 'reviewer', 'publisher'] };
const CAS_PUBLISHER = { ...CAS_REVIEWER, id: 105, email: 'cas-publisher@demo.example.jp', name: '内閣 公表', roles: ['publisher'] };

const FIRST: RoundOut = {
  code: '2026-batch-1',
  name: '第1弾',
  kind: 'batch',
  last_day: '2026-07-15',
  cutoff_at: '2026-07-15T15:00:00Z',
  review_target_date: '2026-08-15',
  editable: false,
};
const SECOND: RoundOut = {
  code: '2027-batch-2',
  name: '第2弾',
  kind: 'batch',
  last_day: '2027-01-29',
  cutoff_at: '2027-01-29T15:00:00Z',
  review_target_date: null,
  editable: true,
};

describe('round rules on the screen', () => {
  it('lets a round change only before its cutoff, even when the page stays open past it', () => {
    expect(roundEditable(SECOND, jstWallClock(2027, 1, 29, 23, 59))).toBe(true);
    expect(roundEditable(SECOND, jstWallClock(2027, 1, 30, 0, 0))).toBe(false);
    expect(roundEditable(FIRST, jstWallClock(2026, 7, 1))).toBe(false); // the server said no
  });

  it('sends only the changed fields', () => {
    expect(roundPatch({ name: '第2弾', lastDay: '2027-01-29', target: '2027-03-01' }, SECOND)).toEqual({
      errors: [],
      patch: { review_target_date: '2027-03-01' },
    });
    expect(roundPatch({ name: '第2弾 ', lastDay: '2027-01-29', target: '' }, SECOND).errors).toEqual([{ message: '変更された項目がありません' }]);
  });

  it('refuses a target date on or before the last day and an empty name, all at once', () => {
    const { errors, patch } = roundPatch({ name: ' ', lastDay: '2027-01-29', target: '2027-01-29' }, SECOND);
    expect(patch).toBeNull();
    expect(errors.map((e) => e.fieldId)).toEqual(['round-name', 'round-target']);
  });

  it('refuses a new round without a valid code or last day', () => {
    const { errors, body } = newRoundBody({ code: 'Batch 2', name: '第2弾', kind: 'batch', lastDay: '', target: '' });
    expect(body).toBeNull();
    expect(errors.map((e) => e.fieldId)).toEqual(['round-code', 'round-last-day']);
    expect(newRoundBody({ code: '2027-batch-2', name: '第2弾', kind: 'batch', lastDay: '2027-01-29', target: '' }).body).toEqual({
      code: '2027-batch-2',
      name: '第2弾',
      kind: 'batch',
      last_day: '2027-01-29',
      review_target_date: null,
    });
  });

  it('writes the history in Japanese, before → after, without the derived cutoff', () => {
    const changes = historyChanges({
      before: { name: '第2弾', kind: 'batch', last_day: '2027-01-29', cutoff_at: '2027-01-29T15:00:00+00:00', review_target_date: null },
      after: { name: '第2弾', kind: 'batch', last_day: '2027-01-29', cutoff_at: '2027-01-29T15:00:00+00:00', review_target_date: '2027-03-01' },
    });
    expect(changes).toEqual([{ field: 'review_target_date', label: '目標完了日', before: '（なし）', after: '2027年3月1日（月）' }]);
    const created = historyChanges({ before: null, after: { name: '第2弾', kind: 'batch', last_day: '2027-01-29', review_target_date: null } });
    expect(created.map((c) => `${c.label}：${c.after}`)).toEqual(['名称：第2弾', '種類：取りまとめ（一斉公表）', '最終日：2027年1月29日（金）まで']);
  });
});

const HISTORY = [
  {
    occurred_at: '2026-12-01T01:00:00Z',
    actor: 'u-1',
    actor_name: '内閣 管理',
    organisation: 'cas',
    action: 'update',
    before: { name: '第2弾', kind: 'batch', last_day: '2027-01-22', review_target_date: null },
    after: { name: '第2弾', kind: 'batch', last_day: '2027-01-29', review_target_date: null },
  },
];

describe('rounds screens', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(jstWallClock(2026, 12, 2, 10, 0));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('lists each round by its last day, never 23:59', async () => {
    fakeServer({ 'GET /auth/me': () => json(200, CAS_REVIEWER), 'GET /api/rounds': () => json(200, [FIRST, SECOND]) });
    renderApp('/rounds');
    const first = await screen.findByTestId('round-row-2026-batch-1');
    expect(first).toHaveTextContent('2026年7月15日（水）まで');
    expect(first).toHaveTextContent('2026年8月15日（土）');
    expect(first).toHaveTextContent('締切済み（変更できません）');
    expect(first).not.toHaveTextContent('23:59');
    expect(screen.getByTestId('round-row-2027-batch-2')).toHaveTextContent('締切前（変更できます）');
    expect(screen.queryByRole('heading', { name: '回を追加する' })).not.toBeInTheDocument();
  });

  it('shows a past-cutoff round read-only with the reason, even to an admin', async () => {
    fakeServer({
      'GET /auth/me': () => json(200, CAS_ADMIN),
      'GET /api/rounds': () => json(200, [FIRST, SECOND]),
      'GET /api/rounds/2026-batch-1/history': () => json(200, []),
    });
    renderApp('/rounds/2026-batch-1');
    const readOnly = await screen.findByTestId('round-read-only');
    expect(readOnly).toHaveTextContent('締切（2026年7月15日（水）まで）を過ぎたため、この回は変更できません');
    expect(screen.queryByRole('button', { name: '変更を保存' })).not.toBeInTheDocument();
  });

  it('lets an admin change the target date and shows the new history', async () => {
    const { requests } = fakeServer({
      'GET /auth/me': () => json(200, CAS_ADMIN),
      'GET /api/rounds': () => json(200, [FIRST, SECOND]),
      'GET /api/rounds/2027-batch-2/history': () => json(200, HISTORY),
      'PATCH /api/rounds/2027-batch-2': () => json(200, { ...SECOND, review_target_date: '2027-03-01' }),
    });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    renderApp('/rounds/2027-batch-2');
    const target = await screen.findByLabelText(/事前確認の目標完了日/);
    await user.type(target, '2027-03-01');
    await user.click(screen.getByRole('button', { name: '変更を保存' }));
    await screen.findByText('回を変更しました');
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ review_target_date: '2027-03-01' });
    const row = (await screen.findAllByTestId('round-history-row'))[0];
    expect(row).toHaveTextContent('最終日：2027年1月22日（金）まで → 2027年1月29日（金）まで');
    expect(row).toHaveTextContent('内閣 管理');
  });

  it('shows a publisher the ready plans and the ones left out, with why', async () => {
    const publication: PublicationOut = {
      round_code: '2026-batch-1',
      publish_at: '2026-12-10T01:00:00Z',
      status: 'scheduled',
      scheduled_by: '内閣 公表',
      done_at: null,
      ready: [{ plan_id: 1, title: '熊本半導体計画', plan_type: 'B', lead_organisation: '430005', state: 'submitted' }],
      not_ready: [{ plan_id: 2, title: '菊陽町の計画', plan_type: 'C', lead_organisation: '434043', state: 'in_review', reason: '正式提出が済んでいません(現在の状態: 事前確認中)' }],
      published: [],
      left_out: [],
    };
    const { requests } = fakeServer({
      'GET /auth/me': () => json(200, CAS_PUBLISHER),
      'GET /api/rounds': () => json(200, [FIRST]),
      'GET /api/rounds/2026-batch-1/publication': () => json(200, publication),
      'DELETE /api/rounds/2026-batch-1/publication': () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    renderApp('/rounds-publication?round=2026-batch-1');
    const state = await screen.findByTestId('publication-state');
    expect(state).toHaveTextContent('2026年12月10日（木） 10:00（日本時間）');
    expect(within(screen.getByTestId('publication-ready')).getByRole('link', { name: '熊本半導体計画' })).toBeInTheDocument();
    const notReady = screen.getByTestId('publication-not-ready');
    expect(notReady).toHaveTextContent('事前確認中');
    expect(notReady).toHaveTextContent('正式提出が済んでいません');
    expect(notReady).not.toHaveTextContent('in_review');
    expect(screen.getByLabelText(/^公表日/, { selector: 'input' })).toHaveValue('2026-12-10');
    await user.click(screen.getByRole('button', { name: '予約を取り消す' }));
    await screen.findByText('一斉公表の予約を取り消しました');
    expect(requests.some((r) => r.method === 'DELETE')).toBe(true);
  });

  it('refuses an impossible moment before asking the server', async () => {
    const { requests } = fakeServer({
      'GET /auth/me': () => json(200, CAS_PUBLISHER),
      'GET /api/rounds': () => json(200, [FIRST]),
    });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    renderApp('/rounds-publication');
    await screen.findByText('この回の一斉公表は予約されていません');
    await user.click(screen.getByRole('button', { name: '公表を予約' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('公表日と時刻を正しく入力してください');
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('keeps the publication screen from a reviewer without the publisher role', async () => {
    fakeServer({ 'GET /auth/me': () => json(200, CAS_REVIEWER), 'GET /api/rounds': () => json(200, [FIRST]) });
    renderApp('/rounds-publication');
    expect(await screen.findByRole('heading', { level: 1 })).not.toHaveTextContent('回の一斉公表');
  });

  it('names the round in the plan list instead of its code', async () => {
    const plan = summaryOf(makePlan({ id: 9, title: '熊本の計画', state: 'in_review', round_code: '2026-batch-1' }));
    fakeServer({
      'GET /auth/me': () => json(200, CAS_REVIEWER),
      'GET /api/rounds': () => json(200, [FIRST]),
      'GET /api/plans?limit=20&offset=0': () => json(200, { items: [plan], total: 1, limit: 20, offset: 0 }),
    });
    renderApp('/plans');
    const row = await screen.findByTestId('plan-row-9');
    await vi.waitFor(() => expect(row).toHaveTextContent('第1弾'));
    expect(row).not.toHaveTextContent('2026-batch-1');
  });
});
