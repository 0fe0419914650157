import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KIKUYO_EDITOR, fakeServer, json, type Recorded } from '../../../test/http';
import { makePlan } from '../../../test/plans';
import { renderApp } from '../../../test/render';
import { draftKey } from '../../../lib/localDraft';
import { SectionIndex } from './SectionIndex';

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

describe('number and year fields, every way the issue writes them', () => {
  it('shows 1.2億円, 4,800万, full-width １２０ and 1,200 back as the 百万円 they will be stored as', async () => {
    fakeServer(routes());
    const user = userEvent.setup();
    renderApp('/plans/7');
    const target = await screen.findByLabelText('KGI 1 目標値');
    for (const [typed, shown] of [
      ['1.2億円', '= 120 百万円'],
      ['4,800万', '= 48 百万円'],
      ['１２０', '= 120 百万円'],
      ['1,200', '= 1,200 百万円'],
    ] as const) {
      await user.clear(target);
      await user.type(target, typed);
      expect(screen.getByTestId('field-kgis-0-target-preview')).toHaveTextContent(shown);
      expect(target).not.toHaveAttribute('aria-invalid', 'true');
    }
  });

  it('refuses 令和7年度 in a number field and 約100 in another at once, naming both, and sends nothing', async () => {
    const { requests } = fakeServer(routes());
    const user = userEvent.setup();
    renderApp('/plans/7');
    await user.type(await screen.findByLabelText('KGI 1 目標値'), '約100');
    await user.type(screen.getByLabelText('KGI 1 基準値'), '令和7年度');
    await user.type(screen.getByLabelText(/\(1\) 該当する作物・品種等/), '精密部品');
    await user.click(screen.getByRole('button', { name: '保存する' }));
    // The save's own summary (other blocks of the page may raise alerts of their own).
    const summary = (await screen.findByText(/直す項目が2件あります（何も保存していません）/)).closest('[role="alert"]') as HTMLElement;
    expect(summary).not.toBeNull();
    const links = within(summary).getAllByRole('link').map((a) => a.textContent);
    expect(links).toEqual([
      expect.stringMatching(/^3\. 現状認識と目指す姿【目標】 ＞ KGI「付加価値増加額」 ＞ 基準値：「基準値」は数値で入力してください/),
      expect.stringMatching(/^3\. 現状認識と目指す姿【目標】 ＞ KGI「付加価値増加額」 ＞ 目標値：「目標値」は数値で入力してください/),
    ]);
    // Refused as a whole: not even the readable text of section 1 is sent.
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(screen.getByLabelText('KGI 1 基準値')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('KGI 1 基準値')).toHaveAccessibleDescription(/「基準値」は数値で入力してください/);
    expect(screen.getByLabelText('KGI 1 基準値')).toHaveValue('令和7年度');
  });

  it('takes 2027 and R9 in a fiscal-year field as 令和9年度 / 2027年度', async () => {
    fakeServer(routes());
    const user = userEvent.setup();
    renderApp('/plans/7');
    const goal = await screen.findByLabelText(/^目標年度/);
    for (const typed of ['2027', 'R9']) {
      await user.clear(goal);
      await user.type(goal, typed);
      expect(screen.getByTestId('field-goal_fiscal_year-preview')).toHaveTextContent('令和9年度 / 2027年度');
    }
  });
});

describe('the draft kept in this browser belongs to one user and one plan', () => {
  const COLLEAGUE = { ...KIKUYO_EDITOR, id: 150, email: 'kikuyo-editor2@demo.example.jp', name: '菊陽 次郎' };

  it('is not offered to another user of the same browser, nor on another plan', async () => {
    fakeServer(routes());
    const user = userEvent.setup();
    const first = renderApp('/plans/7');
    await user.type(await screen.findByLabelText(/\(1\) 該当する作物・品種等/), '太郎の書きかけ');
    await waitFor(() => expect(localStorage.getItem(draftKey(KIKUYO_EDITOR.id, 7))).toContain('太郎の書きかけ'));
    first.unmount();

    // A colleague logs in on the same browser and opens the same plan.
    fakeServer(routes(undefined, { 'GET /auth/me': () => json(200, COLLEAGUE) }));
    const colleague = renderApp('/plans/7');
    await screen.findByLabelText(/\(1\) 該当する作物・品種等/);
    await screen.findByTestId('section-index');
    expect(screen.queryByTestId('draft-offer')).not.toBeInTheDocument();
    expect(screen.getByLabelText(/\(1\) 該当する作物・品種等/)).toHaveValue('');
    colleague.unmount();

    // The same user on another plan.
    const other = makePlan({ id: 8, title: '別の計画', kgis: [VALUE_ADDED] });
    fakeServer(routes(other));
    renderApp('/plans/8');
    await screen.findByRole('heading', { level: 1, name: '別の計画' });
    expect(screen.queryByTestId('draft-offer')).not.toBeInTheDocument();
    expect(screen.getByLabelText(/\(1\) 該当する作物・品種等/)).toHaveValue('');
    // The first user's draft is still there for them.
    expect(localStorage.getItem(draftKey(KIKUYO_EDITOR.id, 7))).toContain('太郎の書きかけ');
  });
});

describe('the section index lists every part of the long form', () => {
  const names = (planType: 'B' | 'C') => {
    const { unmount } = render(<SectionIndex planType={planType} status={null} unsaved={new Set()} />);
    const index = screen.getByRole('navigation');
    const shown = within(index)
      .getAllByRole('link')
      .map((a) => a.querySelector('span:not([aria-hidden]):not(.sr-only)')?.textContent);
    unmount();
    return shown;
  };

  it('shows 1–6, KGI, KPI, 要件 and 伴走支援体制 for a B plan, 相談窓口 for a C plan', () => {
    for (const planType of ['B', 'C'] as const) {
      const shown = names(planType);
      for (const n of ['1', '2', '3', '4', '5', '6']) expect(shown).toContain(n);
      for (const part of ['KGI', 'KPI', '要件']) expect(shown).toContain(part);
      expect(shown).toContain(planType === 'B' ? '伴走支援体制' : '相談窓口');
      expect(shown).not.toContain(planType === 'B' ? '相談窓口' : '伴走支援体制');
    }
  });
});

describe('the KPI half years', () => {
  it('are offered in the editor exactly as the KPI page lists them for the same period', async () => {
    fakeServer(routes());
    const user = userEvent.setup();
    const editor = renderApp('/plans/7');
    await user.click(await screen.findByRole('button', { name: 'KPIを追加' }));
    const inEditor = within(screen.getByLabelText('KPI 1 目標 1 半期'))
      .getAllByRole('option')
      .slice(1)
      .map((o) => o.textContent);
    editor.unmount();

    const published = makePlan({
      state: 'published',
      published_version: 1,
      kgis: [VALUE_ADDED],
      kpis: [
        {
          key: 'visits',
          name: '伴走支援の実施件数',
          unit: '件',
          baseline: 0,
          targets: [{ period: '2026H2', value: 20 }],
          withdrawal: { comparator: 'lt', threshold: 10, text: '10件未満なら見直す' },
          five_w1h: {},
          kgi_key: 'value_added',
          actuals: [],
          breached: false,
        },
      ],
    });
    fakeServer({ 'GET /auth/me': () => json(200, KIKUYO_EDITOR), 'GET /api/plans/7': () => json(200, published, { ETag: `"${published.version}"` }) });
    renderApp('/plans/7/kpis');
    await screen.findByTestId('kpi-visits');
    const onKpiPage = within(screen.getByLabelText(/^半期/))
      .getAllByRole('option')
      .map((o) => o.textContent)
      .filter((label) => label !== '選んでください');
    expect(inEditor).toHaveLength(10);
    expect(inEditor).toEqual(onKpiPage);
  });
});

describe('the next step of an editor', () => {
  it('is 承認者に依頼する, never 「いまあなたが行える手続はありません」, and the request reaches plans-api', async () => {
    const { requests } = fakeServer(
      routes(undefined, {
        'GET /api/plans/7/validation': () => json(200, { valid: true, errors: [], warnings: [] }),
        'POST /api/plans/7/approval-request': () => json(202, { plan_id: 7, event: 'plan.approval_requested', organisation: '434043', requested_at: '2026-07-10T00:00:00Z' }),
      }),
    );
    const user = userEvent.setup();
    renderApp('/plans/7');
    const next = await screen.findByTestId('approval-request');
    expect(screen.queryByTestId('no-actions')).not.toBeInTheDocument();
    expect(screen.queryByText(/いまあなたが行える手続はありません/)).not.toBeInTheDocument();
    await user.click(within(next).getByRole('button', { name: '承認者に依頼する' }));
    expect(await within(next).findByText('承認者に依頼しました')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual(['/api/plans/7/approval-request']);
  });
});
