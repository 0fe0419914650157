import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KIKUYO_EDITOR, fakeServer, json, type Recorded } from '../../../test/http';
import { makePlan } from '../../../test/plans';
import { renderApp } from '../../../test/render';
import { draftKey } from '../../../lib/localDraft';

const VALUE_ADDED = { key: 'value_added', kind: 'value_added', name: '付加価値増加額', unit: '百万円', baseline: null, baseline_year: null, target: null, target_year: 2030, basis: '' };

function routes(plan = makePlan({ kgis: [VALUE_ADDED] }), extra: Record<string, (r: Recorded) => Response> = {}) {
  return {
    'GET /auth/me': () => json(200, KIKUYO_EDITOR),
    [`GET /api/plans/${plan.id}`]: () => json(200, plan, { ETag: `"${plan.version}"` }),
    [`GET /api/plans/${plan.id}/transitions`]: () => json(200, []),
    [`GET /api/plans/${plan.id}/history`]: () => json(200, []),
    [`GET /api/plans/${plan.id}/validation`]: () =>
      json(200, { valid: false, errors: [{ field: 'kgis/0/basis', message: '設定の根拠を記載してください', code: 'kgi.basis' }], warnings: [] }),
    'GET /api/plans': () => json(200, { items: [], total: 0, limit: 20, offset: 0 }),
    'GET /api/rounds': () => json(200, []),
    ...extra,
  };
}

beforeEach(() => localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe('number and year fields', () => {
  it('reads 12億 in 百万円, shows "= 1,200 百万円" before saving and sends 1200', async () => {
    const plan = makePlan({ kgis: [VALUE_ADDED] });
    const { requests } = fakeServer(
      routes(plan, {
        'PUT /api/plans/7/kgis': (r) => json(200, { ...plan, version: 4, kgis: [{ ...VALUE_ADDED, target: (r.body as { target: number }[])[0]?.target }] }, { ETag: '"4"' }),
      }),
    );
    const user = userEvent.setup();
    renderApp('/plans/7');
    const target = await screen.findByLabelText('KGI 1 目標値');
    await user.type(target, '12億');
    expect(screen.getByTestId('field-kgis-0-target-preview')).toHaveTextContent('= 1,200 百万円');
    await user.click(screen.getByRole('button', { name: '保存する' }));
    await waitFor(() => expect(screen.getByTestId('save-status')).toHaveTextContent('保存しました'));
    const put = requests.find((r) => r.method === 'PUT');
    expect((put?.body as { target: number }[])[0]?.target).toBe(1200);
    expect(screen.getByLabelText('KGI 1 目標値')).toHaveValue('1200');
  });

  it('refuses 約100 at the field and the whole save, naming the field, and sends nothing', async () => {
    const { requests } = fakeServer(routes());
    const user = userEvent.setup();
    renderApp('/plans/7');
    await user.type(await screen.findByLabelText('KGI 1 目標値'), '約100');
    await user.type(screen.getByLabelText(/\(1\) 該当する作物・品種等/), '精密部品');
    await user.click(screen.getByRole('button', { name: '保存する' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('保存できません。直す項目が1件あります（何も保存していません）');
    const link = within(summary).getByRole('link', { name: /^3\. 現状認識と目指す姿【目標】 ＞ KGI「付加価値増加額」 ＞ 目標値：「目標値」は数値で入力してください/ });
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
    await user.click(link);
    const field = screen.getByLabelText('KGI 1 目標値');
    expect(field).toHaveFocus();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(/「目標値」は数値で入力してください/);
    expect(screen.getByTestId('save-status')).toHaveTextContent('未保存の変更があります。');
  });

  it('takes 令和9年度 as a year, shows both calendars, and fixes the mandatory KGI’s target year to the goal year', async () => {
    fakeServer(routes());
    const user = userEvent.setup();
    renderApp('/plans/7');
    const goal = await screen.findByLabelText(/^目標年度/);
    await user.clear(goal);
    await user.type(goal, '令和9年度');
    expect(screen.getByTestId('field-goal_fiscal_year-preview')).toHaveTextContent('令和9年度 / 2027年度');
    expect(screen.getByTestId('field-kgis-0-target_year-fixed')).toHaveTextContent('令和9年度 / 2027年度');
    expect(screen.queryByRole('textbox', { name: 'KGI 1 目標年度' })).not.toBeInTheDocument();
  });

  it('offers the half years of the plan period as a list, as the KPI page does', async () => {
    fakeServer(routes());
    const user = userEvent.setup();
    renderApp('/plans/7');
    await user.click(await screen.findByRole('button', { name: 'KPIを追加' }));
    const period = screen.getByLabelText('KPI 1 目標 1 半期');
    const options = within(period).getAllByRole('option').map((o) => o.textContent);
    expect(options.slice(0, 3)).toEqual(['選んでください', '2026年度上期（令和8年度）', '2026年度下期（令和8年度）']);
    expect(options).toHaveLength(11);
    expect(options.join()).not.toMatch(/H[12]/);
  });
});

describe('nothing typed is lost', () => {
  it('asks before a menu link takes the editor away, and stays when asked to', async () => {
    fakeServer(routes());
    const user = userEvent.setup();
    const app = renderApp('/plans/7');
    await user.type(await screen.findByLabelText(/\(1\) 該当する作物・品種等/), '精密部品');
    await user.click(screen.getAllByRole('link', { name: '計画一覧' })[0] as HTMLElement);
    const dialog = await screen.findByRole('dialog', { name: '保存していない変更があります' });
    await user.click(within(dialog).getByRole('button', { name: 'この画面に留まる' }));
    expect(app.location()).toBe('/plans/7');
    expect(screen.getByLabelText(/\(1\) 該当する作物・品種等/)).toHaveValue('精密部品');
    await user.click(screen.getAllByRole('link', { name: '計画一覧' })[0] as HTMLElement);
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: '保存せずに移動する' }));
    await waitFor(() => expect(app.location()).toBe('/plans'));
  });

  it('keeps the draft in this browser per user and plan and offers it back', async () => {
    fakeServer(routes());
    const user = userEvent.setup();
    const first = renderApp('/plans/7');
    await user.type(await screen.findByLabelText(/\(1\) 該当する作物・品種等/), '書きかけ');
    await waitFor(() => expect(localStorage.getItem(draftKey(KIKUYO_EDITOR.id, 7))).toContain('書きかけ'));
    first.unmount();
    renderApp('/plans/7');
    const offer = await screen.findByTestId('draft-offer');
    expect(screen.getByLabelText(/\(1\) 該当する作物・品種等/)).toHaveValue('');
    await user.click(within(offer).getByRole('button', { name: '残っている入力内容を戻す' }));
    expect(screen.getByLabelText(/\(1\) 該当する作物・品種等/)).toHaveValue('書きかけ');
  });

  it('puts the draft back without asking after the session expired', async () => {
    fakeServer(routes());
    const user = userEvent.setup();
    const first = renderApp('/plans/7');
    await user.type(await screen.findByLabelText(/\(1\) 該当する作物・品種等/), '期限切れ前の入力');
    await waitFor(() => expect(localStorage.getItem(draftKey(KIKUYO_EDITOR.id, 7))).toContain('期限切れ前の入力'));
    // The session ends: the app goes to the login page, and the editor lets it (no question).
    const stored = JSON.parse(localStorage.getItem(draftKey(KIKUYO_EDITOR.id, 7)) ?? '{}') as object;
    localStorage.setItem(draftKey(KIKUYO_EDITOR.id, 7), JSON.stringify({ ...stored, reason: 'session_expired' }));
    first.unmount();
    renderApp('/plans/7');
    await waitFor(() => expect(screen.getByLabelText(/\(1\) 該当する作物・品種等/)).toHaveValue('期限切れ前の入力'));
    expect(screen.queryByTestId('draft-offer')).not.toBeInTheDocument();
    expect(screen.getByTestId('plan-notice')).toHaveTextContent('ログインし直す前の入力内容を戻しました');
  });
});

describe('the section index and the validation list', () => {
  it('marks each section complete, incomplete or unsaved, and saves one section alone', async () => {
    const plan = makePlan({ kgis: [VALUE_ADDED] });
    const { requests } = fakeServer(routes(plan, { 'PATCH /api/plans/7': () => json(200, { ...plan, version: 4 }, { ETag: '"4"' }) }));
    const user = userEvent.setup();
    renderApp('/plans/7');
    const index = await screen.findByTestId('section-index');
    await waitFor(() => expect(within(index).getByTestId('index-editor-kgis')).toHaveAttribute('data-state', 'incomplete'));
    expect(within(index).getByTestId('index-editor-basic')).toHaveAttribute('data-state', 'complete');
    await user.type(screen.getByLabelText(/^計画の名称/), '（改）');
    expect(within(index).getByTestId('index-editor-basic')).toHaveAttribute('data-state', 'unsaved');
    await user.type(screen.getByLabelText(/\(1\) 該当する作物・品種等/), '精密部品');
    await user.click(screen.getByRole('button', { name: '「基本情報」だけを保存' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    const patch = requests.find((r) => r.method === 'PATCH')?.body as { title: string; sections: { field: { crops_varieties: string | null } } };
    expect(patch.title).toBe('菊陽町 地場産業成長プラン（改）');
    // Section 1 was not asked to be saved: it is sent as the server has it, and stays in the editor.
    expect(patch.sections.field.crops_varieties).toBeNull();
    expect(screen.getByLabelText(/\(1\) 該当する作物・品種等/)).toHaveValue('精密部品');
  });

  it('groups the validation list by section and names the KGI each line concerns', async () => {
    const plan = makePlan({ kgis: [VALUE_ADDED, { ...VALUE_ADDED, key: 'own', kind: 'own', name: '' }] });
    fakeServer(
      routes(plan, {
        'GET /api/plans/7/validation': () =>
          json(200, {
            valid: false,
            errors: [
              { field: 'kgis/0/target', message: '目標値を入力してください', code: 'kgi.target' },
              { field: 'kgis/1/target', message: '目標値を入力してください', code: 'kgi.target' },
              { field: 'kpis', message: 'KPIを1つ以上設定してください', code: 'kpi.missing' },
            ],
            warnings: [],
          }),
      }),
    );
    const user = userEvent.setup();
    renderApp('/plans/7');
    const panel = await screen.findByTestId('validation-panel');
    await user.click(within(panel).getByRole('button', { name: '入力内容を確認する' }));
    const kgis = await within(panel).findByTestId('validation-group-kgis');
    expect(within(kgis).getByRole('heading')).toHaveTextContent('KGI（目標）');
    expect(within(kgis).getAllByRole('link').map((a) => a.textContent)).toEqual(['KGI「付加価値増加額」：目標値を入力してください', 'KGI 2：目標値を入力してください']);
    expect(within(within(panel).getByTestId('validation-group-kpis')).getByRole('link')).toHaveTextContent('KPIを1つ以上設定してください');
    act(() => {
      within(kgis).getAllByRole('link')[1]?.click();
    });
    expect(screen.getByLabelText('KGI 2 目標値')).toHaveFocus();
  });
});
