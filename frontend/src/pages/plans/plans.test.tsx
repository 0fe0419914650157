import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PLAN_RULES } from '../../api/rules.gen';
import { CAS_REVIEWER, KIKUYO_EDITOR, fakeServer, json, type Recorded } from '../../test/http';
import { makePlan, summaryOf } from '../../test/plans';
import { renderApp } from '../../test/render';

const me = (user: object) => ({ 'GET /auth/me': () => json(200, user) });
const ROUNDS = {
  'GET /api/rounds': () =>
    json(200, [{ code: '2026-batch-1', name: '第1弾', cutoff_at: '2026-07-15T14:59:00Z', kind: 'batch' }]),
};

function page(items: unknown[], total: number, offset = 0) {
  return json(200, { items, total, limit: 20, offset });
}

function planRoutes(plan = makePlan(), extra: Record<string, (r: Recorded) => Response> = {}) {
  return {
    ...me(KIKUYO_EDITOR),
    [`GET /api/plans/${plan.id}`]: () => json(200, plan, { ETag: `"${plan.version}"` }),
    [`GET /api/plans/${plan.id}/transitions`]: () => json(200, []),
    [`GET /api/plans/${plan.id}/history`]: () => json(200, []),
    ...extra,
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('計画一覧', () => {
  it('lists plans with Japanese state badges and filters through the query string', async () => {
    const returned = summaryOf(makePlan({ id: 8, title: '差し戻された計画', state: 'returned' }));
    const { requests } = fakeServer({
      ...me(KIKUYO_EDITOR),
      ...ROUNDS,
      'GET /api/plans?limit=20&offset=0': () => page([summaryOf(makePlan())], 1),
      'GET /api/plans?type=C&state=returned&round=2026-batch-1&limit=20&offset=0': () => page([returned], 1),
    });
    const user = userEvent.setup();
    const view = renderApp('/plans');
    const row = await screen.findByTestId('plan-row-7');
    expect(within(row).getByTestId('state-badge')).toHaveTextContent('作成中');
    expect(within(row).getByRole('link', { name: '菊陽町 地場産業成長プラン' })).toHaveAttribute('href', '/plans/7');

    await user.selectOptions(screen.getByLabelText(/種類/), 'C');
    await user.selectOptions(screen.getByLabelText(/状態/), 'returned');
    await user.selectOptions(await screen.findByRole('combobox', { name: /回/ }), '2026-batch-1');
    await user.click(screen.getByRole('button', { name: '絞り込む' }));
    const filtered = await screen.findByTestId('plan-row-8');
    expect(within(filtered).getByTestId('state-badge')).toHaveTextContent('差戻し');
    expect(view.location()).toBe('/plans?type=C&state=returned&round=2026-batch-1');
    expect(requests.at(-1)?.url).toBe('/api/plans?type=C&state=returned&round=2026-batch-1&limit=20&offset=0');
  });

  it('pages through a long list', async () => {
    const plans = Array.from({ length: 20 }, (_, i) => summaryOf(makePlan({ id: i + 1, title: `計画${i + 1}` })));
    fakeServer({
      ...me(KIKUYO_EDITOR),
      ...ROUNDS,
      'GET /api/plans?limit=20&offset=0': () => page(plans, 25),
      'GET /api/plans?limit=20&offset=20': () => page([summaryOf(makePlan({ id: 21, title: '計画21' }))], 25, 20),
    });
    const user = userEvent.setup();
    renderApp('/plans');
    expect(await screen.findByText('25件中 1〜20件を表示')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '前のページ' })).toHaveAttribute('aria-disabled', 'true');
    await user.click(screen.getByRole('button', { name: '次のページ' }));
    expect(await screen.findByText('25件中 21〜21件を表示')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '次のページ' })).toHaveAttribute('aria-disabled', 'true');
  });

  it('offers the national tier a prefecture filter and no create link', async () => {
    fakeServer({ ...me(CAS_REVIEWER), ...ROUNDS, 'GET /api/plans?limit=20&offset=0': () => page([], 0) });
    renderApp('/plans');
    expect(await screen.findByText('条件に合う計画はありません。')).toBeInTheDocument();
    expect(screen.getByLabelText(/都道府県/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '新しい計画を作成する' })).not.toBeInTheDocument();
  });
});

describe('計画の作成', () => {
  it('lets a town create only a C plan and opens the editor on it', async () => {
    const created = makePlan({ id: 12, title: '新しいプラン' });
    const { requests } = fakeServer({
      ...planRoutes(created),
      'POST /api/plans': () => json(201, created, { ETag: '"1"' }),
    });
    const user = userEvent.setup();
    const view = renderApp('/plans/new');
    await screen.findByRole('heading', { level: 1, name: '計画の作成' });
    expect(screen.getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['C']);
    await user.click(screen.getByRole('button', { name: '下書きを作成する' }));
    expect(await screen.findByRole('link', { name: '計画の名称を入力してください。' })).toBeInTheDocument();

    await user.type(screen.getByLabelText(/計画の名称/), '新しいプラン');
    await user.click(screen.getByRole('button', { name: '下書きを作成する' }));
    await screen.findByRole('heading', { level: 1, name: '新しいプラン' });
    expect(view.location()).toBe('/plans/12');
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.body).toMatchObject({ plan_type: 'C', title: '新しいプラン' });
  });
});

describe('the plan editor', () => {
  it('pre-fills the mandatory KGI and saves with If-Match', async () => {
    const plan = makePlan();
    const { requests } = fakeServer(
      planRoutes(plan, {
        'PATCH /api/plans/7': () => json(200, { ...plan, version: 4 }, { ETag: '"4"' }),
        'PUT /api/plans/7/kgis': (r) =>
          json(200, { ...plan, version: 5, kgis: (r.body as object[]).map((k) => ({ baseline: null, baseline_year: null, target: null, target_year: null, basis: '', ...k })) }, { ETag: '"5"' }),
      }),
    );
    const user = userEvent.setup();
    renderApp('/plans/7');
    expect(await screen.findByLabelText('KGI 1 名称')).toHaveValue('付加価値増加額');
    expect(screen.getByTestId('save-status')).toHaveTextContent('未保存の変更があります。');
    await user.type(screen.getByLabelText(/\(1\) 該当する作物・品種等/), '精密部品');
    await user.click(screen.getByRole('button', { name: '保存する' }));
    await waitFor(() => expect(screen.getByTestId('save-status')).toHaveTextContent('保存しました'));
    const patch = requests.find((r) => r.method === 'PATCH');
    const put = requests.find((r) => r.method === 'PUT');
    expect(patch?.headers.get('If-Match')).toBe('"3"');
    expect(put?.headers.get('If-Match')).toBe('"4"');
    expect((patch?.body as { sections: { field: object } }).sections.field).toEqual({ crops_varieties: '精密部品', reason: null });
  });

  it('shows a B plan its own sections, the four mandatory KGIs and the 伴走支援体制', async () => {
    const plan = makePlan({ plan_type: 'B', lead_organisation: '430005', authors: [{ organisation: '430005', is_lead: true }], sections: {}, commitment: {} });
    fakeServer({ ...planRoutes(plan), ...me({ ...KIKUYO_EDITOR, organisation: '430005', organisation_name: '熊本県', tier: 'prefecture' }) });
    renderApp('/plans/7');
    expect(await screen.findByRole('heading', { name: '1. 地域産業クラスターの形成を目指す産業領域' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '自治体のコミットメント（伴走支援体制）' })).toBeInTheDocument();
    expect(screen.getByLabelText(/参画する地域金融機関/)).toBeInTheDocument();
    expect([1, 2, 3, 4].map((n) => screen.getByLabelText<HTMLInputElement>(`KGI ${n} 名称`).value)).toEqual([
      '官民設備投資額（目標年度）',
      '官民設備投資額（累積）',
      '付加価値増加額',
      '産業人材育成数',
    ]);
    expect(screen.getByLabelText(/業種（日本標準産業分類）/).closest('div')).toHaveTextContent('※必須');
  });

  it('shows the 伴走支援体制 in the order and words of plans-api, each list with its one-a-line hint', async () => {
    const plan = makePlan({ plan_type: 'B', lead_organisation: '430005', authors: [{ organisation: '430005', is_lead: true }], sections: {}, commitment: {} });
    fakeServer({ ...planRoutes(plan), ...me({ ...KIKUYO_EDITOR, organisation: '430005', organisation_name: '熊本県', tier: 'prefecture' }) });
    renderApp('/plans/7');
    const commitment = (await screen.findByRole('heading', { name: '自治体のコミットメント（伴走支援体制）' })).closest('section') as HTMLElement;
    const fields = within(commitment).getAllByRole('textbox');
    expect(fields.map((f) => f.id)).toEqual(PLAN_RULES.commitment.B.map((i) => `field-commitment-${i.name}`));
    expect(within(commitment).getByLabelText(/^伴走支援の人員確保・体制構築/)).toBeInTheDocument();
    expect(within(commitment).getByLabelText(/^参画する地域金融機関（あれば）/)).toHaveAccessibleDescription('1行に1件ずつ入力します。');
    expect(within(commitment).getByLabelText(/^伴走支援の頻度/)).not.toHaveAccessibleDescription();
  });

  it('checks the 法人番号 while it is typed', async () => {
    fakeServer(planRoutes());
    const user = userEvent.setup();
    renderApp('/plans/7');
    await user.click(await screen.findByRole('button', { name: '核となる事業者を追加' }));
    const number = screen.getByLabelText(/法人番号/);
    await user.type(number, '583567');
    expect(number).toHaveAccessibleDescription('＊法人番号は13桁です（いま6桁）。');
    await user.clear(number);
    await user.type(number, '4835678256246');
    expect(number).toHaveAttribute('aria-invalid', 'true');
    expect(number).toHaveAccessibleDescription(expect.stringContaining('チェックディジット'));
    await user.clear(number);
    await user.type(number, '5835678256246');
    expect(number).not.toHaveAttribute('aria-invalid');
    expect(screen.getByTestId('company-0-valid')).toHaveTextContent('法人番号の形式は正しいです。');
  });

  it('on a 412 shows both versions and keeps what was typed, saving it onto the new ETag', async () => {
    const plan = makePlan({ kgis: [{ key: 'value_added', kind: 'value_added', name: '付加価値増加額', unit: '百万円', baseline: null, baseline_year: null, target: 100, target_year: 2030, basis: '' }] });
    const theirs = makePlan({ ...plan, version: 9, title: '他の職員が変えた名称', sections: { field: { crops_varieties: 'トマト', reason: null } } });
    let reads = 0;
    const { requests } = fakeServer({
      ...planRoutes(plan),
      'GET /api/plans/7': () => {
        reads += 1;
        return reads === 1 ? json(200, plan, { ETag: '"3"' }) : json(200, theirs, { ETag: '"9"' });
      },
      'PATCH /api/plans/7': (r) =>
        r.headers.get('If-Match') === '"3"'
          ? json(412, { title: '他の利用者が先に更新しました', status: 412 })
          : json(200, { ...theirs, version: 10, sections: (r.body as { sections: object }).sections, title: (r.body as { title: string }).title }, { ETag: '"10"' }),
    });
    const user = userEvent.setup();
    renderApp('/plans/7');
    const field = await screen.findByLabelText(/\(1\) 該当する作物・品種等/);
    await user.type(field, '精密部品');
    await user.click(screen.getByRole('button', { name: '保存する' }));

    const conflict = await screen.findByTestId('conflict');
    expect(within(conflict).getByRole('heading', { name: '他の利用者が先にこの計画を保存しました' })).toHaveFocus();
    const row = within(conflict).getByRole('row', { name: /該当する作物・品種等/ });
    expect(row).toHaveTextContent('精密部品');
    expect(row).toHaveTextContent('トマト');
    expect(screen.getByLabelText(/\(1\) 該当する作物・品種等/)).toHaveValue('精密部品');

    await user.click(within(conflict).getByRole('button', { name: 'あなたの内容で保存し直す' }));
    await waitFor(() => expect(screen.queryByTestId('conflict')).not.toBeInTheDocument());
    const resent = requests.filter((r) => r.method === 'PATCH').at(-1);
    expect(resent?.headers.get('If-Match')).toBe('"9"');
    // Mine where I typed, theirs where I did not.
    expect(resent?.body).toMatchObject({ title: '他の職員が変えた名称', sections: { field: { crops_varieties: '精密部品' } } });
  });

  it('lets the user take the newer version instead', async () => {
    const plan = makePlan();
    const theirs = makePlan({ version: 9, title: '他の職員が変えた名称' });
    let reads = 0;
    fakeServer({
      ...planRoutes(plan),
      'GET /api/plans/7': () => {
        reads += 1;
        return reads === 1 ? json(200, plan, { ETag: '"3"' }) : json(200, theirs, { ETag: '"9"' });
      },
      'PATCH /api/plans/7': () => json(412, { title: '他の利用者が先に更新しました', status: 412 }),
    });
    const user = userEvent.setup();
    renderApp('/plans/7');
    await user.type(await screen.findByLabelText(/\(1\) 該当する作物・品種等/), 'X');
    await user.click(screen.getByRole('button', { name: '保存する' }));
    await user.click(await screen.findByRole('button', { name: '最新の内容を使う（あなたの変更を破棄）' }));
    expect(await screen.findByRole('heading', { level: 1, name: '他の職員が変えた名称' })).toBeInTheDocument();
    expect(screen.getByLabelText(/\(1\) 該当する作物・品種等/)).toHaveValue('');
  });

  it('puts the server’s field errors at their fields after a refused save', async () => {
    fakeServer(
      planRoutes(makePlan(), {
        'PATCH /api/plans/7': () => json(200, makePlan({ version: 4 }), { ETag: '"4"' }),
        'PUT /api/plans/7/kgis': () =>
          json(422, { title: '入力内容に誤りがあります', status: 422, errors: [{ field: 'body/0/unit', message: '単位が長すぎます' }] }),
      }),
    );
    const user = userEvent.setup();
    renderApp('/plans/7');
    await screen.findByLabelText('KGI 1 名称');
    await user.click(screen.getByRole('button', { name: '保存する' }));
    // The summary names the field in Japanese: section ＞ row ＞ item (issue 11).
    const link = await screen.findByRole('link', { name: '3. 現状認識と目指す姿【目標】 ＞ KGI「付加価値増加額」 ＞ 単位：単位が長すぎます' });
    await user.click(link);
    expect(screen.getByLabelText('KGI 1 単位')).toHaveFocus();
    expect(screen.getByLabelText('KGI 1 単位')).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('様式（Excel）', () => {
  it('links the export and imports a workbook with If-Match after its preview, showing the imported plan', async () => {
    const imported = makePlan({ version: 4, title: '取り込んだ計画' });
    const { requests } = fakeServer(
      planRoutes(makePlan({ kgis: [{ key: 'value_added', kind: 'value_added', name: '付加価値増加額', unit: '百万円', baseline: null, baseline_year: null, target: 1, target_year: 2030, basis: '' }] }), {
        'POST /api/plans/7/import/preview': () =>
          json(200, { plan_id: 7, plan_type: 'C', version: 3, workbook_version: 3, changes: [] }),
        'POST /api/plans/7/import': () => json(200, imported, { ETag: '"4"' }),
      }),
    );
    const user = userEvent.setup();
    renderApp('/plans/7');
    expect(await screen.findByTestId('export-link')).toHaveAttribute('href', '/api/plans/7/export.xlsx');
    const file = new File(['xlsx'], '様式2.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    await user.click(screen.getByTestId('import-open'));
    await user.upload(screen.getByTestId('import-file'), file);
    await user.click(await screen.findByTestId('import-apply'));
    expect(await screen.findByText('様式2.xlsx を取り込みました。')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: '取り込んだ計画' })).toBeInTheDocument();
    const post = requests.find((r) => r.url === '/api/plans/7/import');
    expect(post?.headers.get('If-Match')).toBe('"3"');
    expect(post?.headers.get('Content-Type')).toBeNull();
  });
});

describe('検証パネル', () => {
  it('lists what blocks a pre-check request, each item focusing its field', async () => {
    fakeServer(
      planRoutes(makePlan(), {
        'GET /api/plans/7/validation': () =>
          json(200, {
            valid: false,
            errors: [
              { field: 'commitment/department', message: '「相談窓口の担当部署」を記載してください', code: 'x' },
              { field: 'kpis', message: 'KPIを1つ以上設定してください', code: 'y' },
              { field: 'requirements/2/statement', message: '要件2【実現可能性】の充足状況を記載してください', code: 'z' },
            ],
            warnings: [],
          }),
      }),
    );
    const user = userEvent.setup();
    renderApp('/plans/7');
    await user.click(await screen.findByRole('button', { name: '入力内容を確認する' }));
    const panel = screen.getByTestId('validation-panel');
    expect(await within(panel).findByText('事前確認の依頼の前に直す項目：3件')).toBeInTheDocument();
    await user.click(within(panel).getByRole('link', { name: '「相談窓口の担当部署」を記載してください' }));
    expect(screen.getByLabelText(/相談窓口の担当部署/)).toHaveFocus();
    await user.click(within(panel).getByRole('link', { name: 'KPIを1つ以上設定してください' }));
    expect(screen.getByText('KPIの一覧（0件）')).toHaveFocus();
    await user.click(within(panel).getByRole('link', { name: /要件2/ }));
    expect(screen.getByLabelText(/^要件2【実現可能性】/)).toHaveFocus();
  });
});

describe('ワークフロー', () => {
  it('offers the actions the server allows, asks for a comment on a return and sends it with If-Match', async () => {
    const plan = makePlan({ state: 'in_review', first_precheck_requested_at: '2026-07-01T00:00:00Z' });
    const returned = { ...plan, state: 'returned' as const, version: 4 };
    const { requests } = fakeServer({
      ...planRoutes(plan),
      ...me(CAS_REVIEWER),
      'GET /api/plans/7/transitions': () =>
        json(200, [
          { action: 'return_with_comments', label: '事前確認の差戻し(コメント付き)' },
          { action: 'complete_precheck', label: '事前確認の完了' },
        ]),
      'GET /api/plans/7/history': () =>
        json(200, [
          { occurred_at: '2026-07-01T00:00:00Z', actor: 'u', actor_name: '菊陽 次郎', organisation: '434043', role: 'approver', action: 'request_precheck', from_state: 'draft', to_state: 'prefecture_review', comment: '', recorded_outside: false, revision: 1, details: null },
        ]),
      'POST /api/plans/7/transitions': () => json(200, returned, { ETag: '"4"' }),
    });
    const user = userEvent.setup();
    renderApp('/plans/7');
    expect(await screen.findByTestId('read-only')).toBeInTheDocument();
    expect(within(await screen.findByTestId('history')).getByText('事前確認依頼')).toBeInTheDocument();
    // The review's steps are taken from the panel beside the plan (no dialog hiding it).
    const panel = await screen.findByTestId('review-panel');
    await user.click(within(panel).getByRole('button', { name: 'コメントを付けて差し戻す' }));
    await user.click(within(panel).getByRole('button', { name: 'コメントを付けて差し戻す（確定）' }));
    expect(within(panel).getByTestId('review-refusal')).toHaveTextContent('差し戻すときは、全体へのコメントを入力してください。');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.type(within(panel).getByLabelText(/要件1【有望度】へのコメント/), '根拠を追記');
    await user.type(within(panel).getByLabelText(/全体へのコメント/), '要件1を補強してください');
    await user.click(within(panel).getByRole('button', { name: 'コメントを付けて差し戻す' }));
    await user.click(within(panel).getByRole('button', { name: 'コメントを付けて差し戻す（確定）' }));
    expect(await screen.findByText('コメントを付けて差し戻しました。')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.headers.get('If-Match')).toBe('"3"');
    expect(post?.body).toMatchObject({
      action: 'return_with_comments',
      comment: '要件1を補強してください',
      requirement_comments: [{ number: 1, comment: '根拠を追記', verdict: null }],
    });
  });

  it('asks for the reason before it reopens a pre-checked plan (the server refuses it without) and sends it', async () => {
    const plan = makePlan({ state: 'precheck_completed' });
    const { requests } = fakeServer({
      ...planRoutes(plan),
      'GET /api/plans/7/transitions': () => json(200, [{ action: 'reopen', label: '内容変更のための再編集(再度の事前確認が必要)' }]),
      'POST /api/plans/7/transitions': () => json(200, { ...plan, state: 'draft', version: 4 }, { ETag: '"4"' }),
    });
    const user = userEvent.setup();
    renderApp('/plans/7');
    await user.click(await screen.findByRole('button', { name: '修正のため下書きに戻す（再度の事前確認が必要）' }));
    const dialog = screen.getByRole('dialog', { name: '修正のため下書きに戻す（再度の事前確認が必要）' });
    const reason = within(dialog).getByLabelText(/修正の理由/);
    expect(reason).toBeRequired();
    const confirm = within(dialog).getByRole('button', { name: '修正のため下書きに戻す（再度の事前確認が必要）（確定）' });
    await user.click(confirm);
    expect(within(dialog).getByTestId('transition-refusal')).toHaveTextContent('修正の理由を入力してください。');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    await user.type(reason, '選定企業を追記する');
    await user.click(confirm);
    await waitFor(() => expect(requests.find((r) => r.method === 'POST')?.body).toMatchObject({ action: 'reopen', comment: '選定企業を追記する' }));
  });

  it('closes the confirmation on Escape without doing anything', async () => {
    const { requests } = fakeServer({
      ...planRoutes(makePlan({ state: 'precheck_completed' })),
      'GET /api/plans/7/transitions': () => json(200, [{ action: 'withdraw', label: '取下げ' }]),
    });
    const user = userEvent.setup();
    renderApp('/plans/7');
    await user.click(await screen.findByRole('button', { name: '取り下げる' }));
    expect(screen.getByRole('dialog', { name: '取り下げる' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});
