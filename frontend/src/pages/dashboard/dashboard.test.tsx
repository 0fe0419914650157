import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlanSummary } from '../../api/plans';
import type { SessionUser } from '../../auth/types';
import { CAS_REVIEWER, KIKUYO_EDITOR, KUMAMOTO_EDITOR, fakeServer, json } from '../../test/http';
import { makePlan, summaryOf } from '../../test/plans';
import { renderApp } from '../../test/render';
import { ownPlans, ownWaiting, waitingQueries } from './waiting';

const KUMAMOTO_APPROVER = { ...KUMAMOTO_EDITOR, id: 104, email: 'kumamoto-approver@demo.example.jp', roles: ['approver'] } as const;
const CAS_ADMIN = { ...CAS_REVIEWER, id: 105, roles: ['admin', 'reviewer', 'publisher'] } as const;

const kumamoto = (id: number, title: string, state: PlanSummary['state'], published: number | null = null) =>
  summaryOf(makePlan({ id, title, state, plan_type: 'B', lead_organisation: '430005', published_version: published }));
const PUBLISHED = kumamoto(1, '半導体産業と半導体ユーザー産業', 'published', 1);
const IN_REVIEW = kumamoto(2, '食のみやこ熊本県とライフサイエンス産業', 'in_review');
const RETURNED = kumamoto(3, '差し戻された計画', 'returned');
const READY_DRAFT = kumamoto(4, '依頼できる下書き', 'draft');
const UNFINISHED_DRAFT = kumamoto(5, '書きかけの下書き', 'draft');
const KIKUYO = summaryOf(makePlan({ id: 6, title: '菊陽町 にんじん産地と加工の成長プラン', state: 'prefecture_review', lead_organisation: '434043' }));

const page = (items: PlanSummary[]) => json(200, { items, total: items.length, limit: 200, offset: 0 });
const user = (u: object) => u as SessionUser;

afterEach(() => vi.unstubAllGlobals());

describe('who waits for what', () => {
  it('asks the national tier for the states its roles act on', () => {
    expect(waitingQueries(user(CAS_REVIEWER)).map((q) => q.state)).toEqual(['precheck_requested', 'in_review']);
    expect(waitingQueries(user({ ...CAS_REVIEWER, roles: ['publisher'] })).map((q) => q.state)).toEqual(['submitted']);
    expect(waitingQueries(user(CAS_ADMIN)).map((q) => q.state)).toEqual(['precheck_requested', 'in_review', 'submitted']);
  });

  it('sends municipal plans to the prefecture approvers only', () => {
    expect(waitingQueries(user(KUMAMOTO_APPROVER))).toEqual([{ state: 'prefecture_review', othersOnly: true }]);
    expect(waitingQueries(user(KUMAMOTO_EDITOR))).toEqual([]);
    expect(waitingQueries(user({ ...KIKUYO_EDITOR, roles: ['approver'] }))).toEqual([]);
  });

  it('gives editors their returned plans and approvers also the steps that speak for the organisation', () => {
    const mine = ownPlans(user(KUMAMOTO_APPROVER), [PUBLISHED, IN_REVIEW, RETURNED, READY_DRAFT, KIKUYO, kumamoto(7, '公表待ち', 'precheck_completed')]);
    expect(mine.map((p) => p.id)).toEqual([1, 2, 3, 4, 7]);
    const approver = ownWaiting(user(KUMAMOTO_APPROVER), mine);
    expect(approver.ready.map((p) => p.id)).toEqual([3, 7]);
    expect(approver.draftsToValidate.map((p) => p.id)).toEqual([4]);
    const editor = ownWaiting(user(KUMAMOTO_EDITOR), mine);
    expect(editor.ready.map((p) => p.id)).toEqual([3]);
    expect(editor.draftsToValidate).toEqual([]);
    expect(ownWaiting(user({ ...KUMAMOTO_EDITOR, roles: ['viewer'] }), mine).ready).toEqual([]);
  });
});

describe('dashboard plan blocks', () => {
  it("lists the organisation's plans and what waits for a prefecture approver", async () => {
    const { requests } = fakeServer({
      'GET /auth/me': () => json(200, KUMAMOTO_APPROVER),
      'GET /api/plans?limit=200&offset=0': () => page([KIKUYO, UNFINISHED_DRAFT, READY_DRAFT, RETURNED, IN_REVIEW, PUBLISHED]),
      'GET /api/plans?state=prefecture_review&limit=200&offset=0': () => page([KIKUYO]),
      'GET /api/plans/4/validation': () => json(200, { valid: true, errors: [], warnings: [] }),
      'GET /api/plans/5/validation': () => json(200, { valid: false, errors: [{ field: 'kgis', message: '必須KGIがありません' }], warnings: [] }),
    });
    renderApp('/');
    const mine = await screen.findByRole('table', { name: '熊本県が作成している計画' });
    const titles = within(mine).getAllByRole('rowheader').map((h) => h.textContent);
    expect(titles).toEqual(['書きかけの下書き', '依頼できる下書き', '差し戻された計画', '食のみやこ熊本県とライフサイエンス産業', '半導体産業と半導体ユーザー産業']);
    const published = within(mine).getByTestId('my-plan-1');
    expect(within(published).getByTestId('state-badge')).toHaveTextContent('公表済み（内閣官房）');
    expect(within(published).getByRole('link', { name: '半導体産業と半導体ユーザー産業' })).toHaveAttribute('href', '/plans/1');
    expect(within(published).getByRole('link', { name: '半導体産業と半導体ユーザー産業のKPIの実績' })).toHaveAttribute('href', '/plans/1/kpis');

    const waiting = screen.getByRole('list', { name: '対応が必要な計画' });
    const items = within(waiting).getAllByRole('listitem');
    expect(items.map((li) => within(li).getByRole('link').textContent)).toEqual([
      '菊陽町 にんじん産地と加工の成長プラン',
      '差し戻された計画',
      '依頼できる下書き',
    ]);
    expect(items[0]).toHaveTextContent('市町村から届いた計画です');
    expect(items[0]).toHaveTextContent('菊陽町');
    expect(within(items[1] as HTMLElement).getByTestId('state-badge')).toHaveTextContent('差戻し');
    expect(items[2]).toHaveTextContent('事前確認を依頼できます');
    expect(requests.some((r) => r.url === '/api/plans/1/validation')).toBe(false);
  });

  it('shows a national reviewer the plans to review and no organisation plans', async () => {
    const requested = summaryOf(makePlan({ id: 8, title: '依頼された計画', state: 'precheck_requested' }));
    fakeServer({
      'GET /auth/me': () => json(200, CAS_REVIEWER),
      'GET /api/plans?state=precheck_requested&limit=200&offset=0': () => page([requested]),
      'GET /api/plans?state=in_review&limit=200&offset=0': () => page([IN_REVIEW]),
    });
    renderApp('/');
    const waiting = await screen.findByRole('list', { name: '対応が必要な計画' });
    expect(within(waiting).getAllByRole('link').map((a) => a.textContent)).toEqual(['依頼された計画', '食のみやこ熊本県とライフサイエンス産業']);
    expect(waiting).toHaveTextContent('審査を開始してください');
    expect(screen.queryByRole('heading', { name: '自団体の計画' })).not.toBeInTheDocument();
  });

  it('says so when nothing waits and the organisation has no plans yet', async () => {
    fakeServer({
      'GET /auth/me': () => json(200, KIKUYO_EDITOR),
      'GET /api/plans?limit=200&offset=0': () => page([]),
    });
    renderApp('/');
    expect(await screen.findByText('菊陽町が作成している計画はまだありません。')).toBeInTheDocument();
    expect(screen.getByText('今、対応が必要な計画はありません。')).toBeInTheDocument();
  });
});
