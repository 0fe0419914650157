import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CAS_REVIEWER, KIKUYO_EDITOR, KUMAMOTO_EDITOR, fakeServer, json, type Recorded } from '../../test/http';
import { makePlan, summaryOf } from '../../test/plans';
import { renderApp } from '../../test/render';
import { coordinationDate } from './CoordinationPanel';
import { forgetOrganisationNames } from './useOrganisationNames';

const me = (user: object) => ({ 'GET /auth/me': () => json(200, user) });

function planRoutes(plan = makePlan(), extra: Record<string, (r: Recorded) => Response> = {}) {
  return {
    ...me(KIKUYO_EDITOR),
    [`GET /api/plans/${plan.id}`]: () => json(200, plan, { ETag: `"${plan.version}"` }),
    [`GET /api/plans/${plan.id}/transitions`]: () => json(200, []),
    [`GET /api/plans/${plan.id}/history`]: () => json(200, []),
    ...extra,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  forgetOrganisationNames();
});

describe('付加価値増加額の簡易計算', () => {
  it('asks plans-api for 売上増加額 × 付加価値率 and puts the answer into the KGI target', async () => {
    const { requests } = fakeServer(
      planRoutes(makePlan(), {
        'POST /api/plans/calculators/value-added': () =>
          json(200, { value_added_increase: 1_200_000_000, formula: '売上増加額 × 既存の付加価値率' }),
      }),
    );
    const user = userEvent.setup();
    renderApp('/plans/7');
    const calculator = await screen.findByTestId('value-added-calculator');
    await user.type(within(calculator).getByLabelText(/売上増加額（百万円）/), '4,800');
    await user.type(within(calculator).getByLabelText(/既存の付加価値率/), '２５');
    await user.keyboard('{Enter}');

    const result = await within(calculator).findByTestId('value-added-result');
    expect(result).toHaveTextContent('付加価値増加額の見込み：1,200百万円');
    expect(result).toHaveFocus();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ sales_increase: 4_800_000_000, value_added_rate: 0.25 });

    await user.click(within(result).getByRole('button', { name: 'この値をKGI「付加価値増加額」の目標値に入れる' }));
    const target = screen.getByLabelText('KGI 1 目標値');
    expect(target).toHaveValue('1200');
    await waitFor(() => expect(target).toHaveFocus());
    expect(screen.getByTestId('save-status')).toHaveTextContent('未保存の変更があります。');
  });

  it('refuses a rate above 100 % at its field without asking the server', async () => {
    const { requests } = fakeServer(planRoutes());
    const user = userEvent.setup();
    renderApp('/plans/7');
    const calculator = await screen.findByTestId('value-added-calculator');
    await user.type(within(calculator).getByLabelText(/売上増加額（百万円）/), '4800');
    const rate = within(calculator).getByLabelText(/既存の付加価値率/);
    await user.type(rate, '150');
    await user.click(within(calculator).getByRole('button', { name: '計算する' }));
    expect(rate).toHaveAccessibleDescription(/0から100までの数値で入力してください/);
    expect(rate).toHaveFocus();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('is not offered on a B plan', async () => {
    fakeServer(planRoutes(makePlan({ plan_type: 'B' })));
    renderApp('/plans/7');
    expect(await screen.findByRole('heading', { name: 'KGI（目標）' })).toBeInTheDocument();
    expect(screen.queryByTestId('value-added-calculator')).not.toBeInTheDocument();
  });
});

describe('各種調整', () => {
  it('records who was consulted and saves it alone, keeping the editor’s unsaved text', async () => {
    const plan = makePlan();
    const saved = {
      ...plan,
      version: 4,
      coordination: [{ party_kind: 'financial_institution', party_name: '肥後銀行', consulted_on: '2026-05-20', notes: '' }],
    };
    const { requests } = fakeServer(planRoutes(plan, { 'PUT /api/plans/7/coordination': () => json(200, saved, { ETag: '"4"' }) }));
    const user = userEvent.setup();
    renderApp('/plans/7');
    const panel = await screen.findByTestId('coordination');
    expect(within(panel).getByText('まだ調整の記録はありません。')).toBeInTheDocument();
    const title = screen.getByLabelText(/^計画の名称/);
    await user.clear(title);
    await user.type(title, '書きかけの名称');

    await user.click(within(panel).getByRole('button', { name: '調整の記録を追加' }));
    const kind = within(panel).getByLabelText(/相手の種類/);
    await waitFor(() => expect(kind).toHaveFocus());
    await user.click(within(panel).getByRole('button', { name: '調整の記録を登録する' }));
    const summary = within(panel).getByRole('alert');
    await waitFor(() => expect(summary).toHaveFocus());
    expect(summary).toHaveTextContent('調整の記録 1：相手の名称を入力してください。');
    expect(summary).toHaveTextContent('調整の記録 1：調整した日を入力してください。');
    expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(0);

    await user.selectOptions(kind, 'financial_institution');
    await user.type(within(panel).getByLabelText(/相手の名称/), '肥後銀行');
    await user.type(within(panel).getByLabelText(/調整した日/), '2026-05-20');
    expect(within(panel).getByTestId('coordination-0-date')).toHaveTextContent('令和8年5月20日（2026年5月20日）');
    await user.click(within(panel).getByRole('button', { name: '調整の記録を登録する' }));

    expect(await within(panel).findByText('調整の記録を登録しました。')).toBeInTheDocument();
    const put = requests.find((r) => r.method === 'PUT');
    expect(put?.headers.get('If-Match')).toBe('"3"');
    expect(put?.body).toEqual({
      entries: [{ party_kind: 'financial_institution', party_name: '肥後銀行', consulted_on: '2026-05-20', notes: '' }],
    });
    expect(screen.getByLabelText(/^計画の名称/)).toHaveValue('書きかけの名称');
    expect(screen.getByTestId('save-status')).toHaveTextContent('未保存の変更があります。');
  });

  it('shows a reviewer the list read-only with 和暦 dates', async () => {
    const plan = makePlan({
      state: 'in_review',
      coordination: [{ party_kind: 'business_group', party_name: '菊陽町商工会', consulted_on: '2026-04-10', notes: '賛同を得た' }],
    });
    fakeServer({ ...planRoutes(plan), ...me(CAS_REVIEWER) });
    renderApp('/plans/7');
    const table = await screen.findByRole('table', { name: '調整の記録' });
    const row = within(table).getAllByRole('row')[1];
    expect(row).toHaveTextContent('経済団体・業界団体菊陽町商工会令和8年4月10日（2026年4月10日）賛同を得た');
    expect(screen.queryByRole('button', { name: '調整の記録を追加' })).not.toBeInTheDocument();
  });
});

describe('調整した日', () => {
  it('shows 和暦 beside 西暦 only for a whole date, not while the year is being typed', () => {
    expect(coordinationDate('2026-05-20')).toBe('令和8年5月20日（2026年5月20日）');
    expect(coordinationDate('0005-05-20')).toBeNull();
    expect(coordinationDate('')).toBeNull();
  });
});

describe('公表済みの計画', () => {
  it('leads to the KPI actuals', async () => {
    fakeServer(planRoutes(makePlan({ state: 'published', published_at: '2026-08-20T00:00:00Z' })));
    renderApp('/plans/7');
    expect(await screen.findByRole('link', { name: 'KPI実績の入力' })).toHaveAttribute('href', '/plans/7/kpis');
  });

  it('has no such link before publication', async () => {
    fakeServer(planRoutes(makePlan({ state: 'submitted' })));
    renderApp('/plans/7');
    expect(await screen.findByTestId('export-link')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'KPI実績の入力' })).not.toBeInTheDocument();
  });
});

describe('団体名', () => {
  it('shows the directory’s names in the plan list, asking once for every code', async () => {
    const yatsushiro = summaryOf(makePlan({ id: 9, title: '八代市の計画', lead_organisation: '432024' }));
    const { requests } = fakeServer({
      ...me(CAS_REVIEWER),
      'GET /api/rounds': () => json(200, []),
      'GET /api/plans?limit=20&offset=0': () => json(200, { items: [summaryOf(makePlan()), yatsushiro], total: 2, limit: 20, offset: 0 }),
      'GET /directory/v1/organisations?codes=432024%2C434043': () =>
        json(200, [
          { code: '432024', name: '八代市', kind: 'city', prefecture: '43' },
          { code: '434043', name: '菊陽町', kind: 'town_village', prefecture: '43' },
        ]),
    });
    renderApp('/plans');
    const row = await screen.findByTestId('plan-row-9');
    expect(await within(row).findByText('八代市')).toBeInTheDocument();
    expect(within(screen.getByTestId('plan-row-7')).getByText('菊陽町')).toBeInTheDocument();
    expect(requests.filter((r) => r.url.startsWith('/directory/'))).toHaveLength(1);
  });

  it('falls back to the prefecture and code when the directory cannot answer', async () => {
    fakeServer({
      ...me(CAS_REVIEWER),
      'GET /api/rounds': () => json(200, []),
      'GET /api/plans?limit=20&offset=0': () =>
        json(200, { items: [summaryOf(makePlan({ id: 9, title: '八代市の計画', lead_organisation: '432024' }))], total: 1, limit: 20, offset: 0 }),
    });
    renderApp('/plans');
    const row = await screen.findByTestId('plan-row-9');
    expect(within(row).getByText('熊本県（432024）')).toBeInTheDocument();
  });

  it('names the authors on the plan page and in its history', async () => {
    const plan = makePlan({ state: 'in_review', authors: [{ organisation: '432024', is_lead: true }] });
    fakeServer({
      ...planRoutes(plan),
      ...me(CAS_REVIEWER),
      'GET /api/plans/7/history': () =>
        json(200, [
          { occurred_at: '2026-07-01T00:00:00Z', actor: 'u', actor_name: '八代 次郎', organisation: '432024', role: 'approver', action: 'request_precheck', from_state: 'draft', to_state: 'prefecture_review', comment: '', recorded_outside: false, revision: 1, details: null },
        ]),
      'GET /directory/v1/organisations?codes=432024': () => json(200, [{ code: '432024', name: '八代市', kind: 'city', prefecture: '43' }]),
    });
    renderApp('/plans/7');
    await waitFor(() => expect(screen.getByTestId('plan-facts')).toHaveTextContent('八代市（代表）'));
    expect(screen.getByTestId('history')).toHaveTextContent('八代市 八代 次郎');
  });
});

describe('手続のフォーカス', () => {
  it('moves the focus to a refusal inside the dialog, and to the result after the step', async () => {
    // A step taken from the workflow list (the national review is taken from its own panel).
    const plan = makePlan({ state: 'prefecture_review', first_precheck_requested_at: '2026-07-01T00:00:00Z' });
    fakeServer({
      ...planRoutes(plan),
      ...me(KUMAMOTO_EDITOR),
      'GET /api/plans/7/transitions': () => json(200, [{ action: 'return_to_author', label: '差戻し' }]),
      'POST /api/plans/7/transitions': () => json(200, { ...plan, state: 'returned', version: 4 }, { ETag: '"4"' }),
    });
    const user = userEvent.setup();
    renderApp('/plans/7');
    await user.click(await screen.findByRole('button', { name: '作成団体へ差し戻す' }));
    const dialog = screen.getByRole('dialog', { name: '作成団体へ差し戻す' });
    await user.click(within(dialog).getByRole('button', { name: '作成団体へ差し戻す（確定）' }));
    await waitFor(() => expect(within(dialog).getByTestId('transition-refusal')).toHaveFocus());
    await user.type(within(dialog).getByLabelText(/差戻しの理由/), '根拠を補強してください');
    await user.click(within(dialog).getByRole('button', { name: '作成団体へ差し戻す（確定）' }));
    const notice = await screen.findByTestId('plan-notice');
    expect(notice).toHaveTextContent('作成団体へ差し戻しました。');
    await waitFor(() => expect(notice).toHaveFocus());
  });
});
