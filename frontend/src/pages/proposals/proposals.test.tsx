import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProposalOut } from '../../api/proposals';
import { UNKNOWN_FIELD_LABEL } from '../../lib/fieldLabels';
import { CAS_REVIEWER, KIKUYO_EDITOR, KUMAMOTO_EDITOR, KYUSHU_BUREAU_EDITOR, fakeServer, json } from '../../test/http';
import { renderApp } from '../../test/render';
import { PLAN_RULES } from '../../api/rules.gen';
import { PROPOSAL_FIELD_LABELS, decisionBody, formOf, patchOf, proposalFieldLabel } from './proposals';

const KUMAMOTO_APPROVER = { ...KUMAMOTO_EDITOR, id: 111, email: 'kumamoto-approver@demo.example.jp', name: '熊本 承認', roles: ['approver'] };
const KUMAMOTO_VIEWER = { ...KUMAMOTO_EDITOR, id: 112, email: 'kumamoto-viewer@demo.example.jp', name: '熊本 閲覧', roles: ['viewer'] };
const KYUSHU_APPROVER = { ...KYUSHU_BUREAU_EDITOR, id: 113, email: 'meti-kyushu-approver@demo.example.jp', name: '九州 承認', roles: ['approver'] };

function makeProposal(overrides: Partial<ProposalOut> = {}): ProposalOut {
  return {
    id: 5,
    organisation: '430005',
    organisation_name: '熊本県',
    prefecture: '43',
    title: '次世代半導体の後工程拠点',
    strategic_fields: ['ai_semiconductor'],
    field_alignment: null,
    draft_alignment: null,
    budget_coordination: [],
    investment: { amount_yen: null, start_fy: null, end_fy: null, investors: [] },
    labour_environment: null,
    state: 'draft',
    state_label: '作成中',
    version: 3,
    created_at: '2026-11-20T01:00:00Z',
    updated_at: '2026-11-23T01:00:00Z',
    submitted_at: null,
    decided_at: null,
    decision_comment: null,
    ...overrides,
  };
}

const SUBMITTED = makeProposal({ state: 'submitted', state_label: '提案済み（地方経済産業局等で確認中）', submitted_at: '2026-11-24T01:00:00Z', version: 4 });
const page = (items: ProposalOut[]) => json(200, { items, total: items.length, limit: 20, offset: 0 });
const one = (proposal: ProposalOut) => () => json(200, proposal, { ETag: `"${String(proposal.version)}"` });
const me = (user: object) => ({ 'GET /auth/me': () => json(200, user) });

/**
 * Every field path plans-api can name in a 422 of /api/proposals: the paths of
 * services/plans-api/src/plans_api/proposals/validation.py (submission_problems), the decision's
 * comment (service.decide) and the fields pydantic checks in schemas.py (a row's ministry, an
 * investor's 法人番号 and name).
 */
const SERVER_PATHS = [
  'title',
  'strategic_fields',
  'field_alignment',
  'draft_alignment',
  'budget_coordination',
  'budget_coordination/0/since',
  'budget_coordination/1/status',
  'budget_coordination/0/ministry',
  'investment/amount_yen',
  'investment/start_fy',
  'investment/end_fy',
  'investment/investors',
  'investment/investors/0/corporate_number',
  'investment/investors/2/name',
  'labour_environment',
  'comment',
];

describe('the proposal fields as people read them', () => {
  it.each(SERVER_PATHS)('labels %s in Japanese, never by its key', (path) => {
    const label = proposalFieldLabel(path);
    expect(label).not.toBe(UNKNOWN_FIELD_LABEL);
    expect(label).not.toMatch(/[a-z_]{3,}/);
  });

  it('names a row by its number and its name', () => {
    const form = formOf(makeProposal({ budget_coordination: [{ ministry: '経済産業省' }, { ministry: '国土交通省', since: null, status: null }] }));
    expect(proposalFieldLabel('budget_coordination/1/since', form)).toBe('関係省庁との予算措置の事前調整 ＞ 関係省庁 2（国土交通省） ＞ 調整を開始した日');
    expect(proposalFieldLabel('investment/investors/0/corporate_number')).toBe('大規模投資の見込み ＞ 投資を予定する企業 ＞ 企業 1 ＞ 法人番号');
    expect(proposalFieldLabel('no_such_field')).toBe(UNKNOWN_FIELD_LABEL);
  });

  it('names every field by plans-api\'s rules, in Japanese', () => {
    for (const field of PLAN_RULES.proposal_fields) {
      const leaf = field.name.split('/').pop() as keyof typeof PROPOSAL_FIELD_LABELS;
      expect(PROPOSAL_FIELD_LABELS[leaf], field.name).toBe(field.label);
    }
    for (const label of Object.values(PROPOSAL_FIELD_LABELS)) expect(label).toMatch(/[\u3040-\u9fff]/);
  });
});

describe('the rules the screens share with plans-api', () => {
  it('asks a reason for returning and not adopting, none for adopting', () => {
    expect(decisionBody('return', '  ').problems).toEqual([{ path: 'comment', message: '差戻し・不採用の理由を入力してください' }]);
    expect(decisionBody('not_adopt', '').body).toBeNull();
    expect(decisionBody('adopt', '').body).toEqual({ decision: 'adopt', comment: null });
    expect(decisionBody('return', ' 投資額の根拠を ').body).toEqual({ decision: 'return', comment: '投資額の根拠を' });
    expect(decisionBody('', '').problems.map((p) => p.path)).toEqual(['decision']);
  });

  it('sends only the changed parts, with yen and fiscal years read as typed', () => {
    const proposal = makeProposal();
    const form = { ...formOf(proposal), amount_yen: '3000億', start_fy: '令和9年度', end_fy: '2030' };
    expect(patchOf(form, proposal)).toEqual({
      problems: [],
      patch: { investment: { amount_yen: 300_000_000_000, start_fy: 2027, end_fy: 2030, investors: [] } },
    });
    expect(patchOf(formOf(proposal), proposal).patch).toEqual({});
  });

  it('refuses what cannot be saved as typed, every field at once', () => {
    const proposal = makeProposal();
    const form = { ...formOf(proposal), title: ' ', amount_yen: '約100億', start_fy: '2030', end_fy: '2027', investors: [{ corporate_number: '123', name: '' }] };
    expect(patchOf(form, proposal).problems.map((p) => p.path)).toEqual([
      'title',
      'investment/amount_yen',
      'investment/end_fy',
      'investment/investors/0/corporate_number',
      'investment/investors/0/name',
    ]);
  });
});

describe('候補プロジェクト案件 screens', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists a prefecture its own proposals with their state and offers its editor a new one', async () => {
    fakeServer({ ...me(KUMAMOTO_EDITOR), 'GET /api/proposals?limit=20&offset=0': () => page([makeProposal(), { ...SUBMITTED, id: 6, title: '港湾ロジスティクスの拠点' }]) });
    renderApp('/proposals');
    const row = await screen.findByTestId('proposal-row-5');
    expect(within(row).getByTestId('proposal-state')).toHaveTextContent('作成中');
    expect(within(row).getByRole('link', { name: '次世代半導体の後工程拠点' })).toHaveAttribute('href', '/proposals/5');
    expect(row).toHaveTextContent('AI・半導体');
    expect(screen.getByRole('link', { name: '新しい候補プロジェクト案件' })).toHaveAttribute('href', '/proposals/new');
    expect(within(screen.getByLabelText(/^状態/)).getByRole('option', { name: '作成中' })).toBeInTheDocument();
  });

  it('lists a bureau the submitted proposals of its block, filtered by state and field, with nothing to create', async () => {
    const { requests } = fakeServer({
      ...me(KYUSHU_APPROVER),
      'GET /api/proposals?limit=20&offset=0': () => page([SUBMITTED]),
      'GET /api/proposals?limit=20&offset=0&state=submitted&strategic_field=ai_semiconductor': () => page([SUBMITTED]),
    });
    const user = userEvent.setup();
    const view = renderApp('/proposals');
    const row = await screen.findByTestId('proposal-row-5');
    expect(row).toHaveTextContent('熊本県');
    expect(row).toHaveTextContent('提案済み（地方経済産業局等で確認中）');
    expect(screen.queryByRole('link', { name: '新しい候補プロジェクト案件' })).not.toBeInTheDocument();
    const state = screen.getByLabelText(/^状態/);
    expect(within(state).queryByRole('option', { name: '作成中' })).not.toBeInTheDocument();
    await user.selectOptions(state, '提案済み（地方経済産業局等で確認中）');
    await user.selectOptions(screen.getByLabelText(/^戦略分野/), 'AI・半導体');
    await user.click(screen.getByRole('button', { name: '絞り込む' }));
    await vi.waitFor(() => expect(view.location()).toBe('/proposals?state=submitted&field=ai_semiconductor'));
    await vi.waitFor(() => expect(requests.some((r) => r.url.includes('strategic_field=ai_semiconductor'))).toBe(true));
  });

  it('lists the national side every submitted one, read-only', async () => {
    fakeServer({ ...me(CAS_REVIEWER), 'GET /api/proposals?limit=20&offset=0': () => page([SUBMITTED]), 'GET /api/proposals/5': one(SUBMITTED) });
    const user = userEvent.setup();
    renderApp('/proposals');
    await user.click(await screen.findByRole('link', { name: '次世代半導体の後工程拠点' }));
    expect(await screen.findByTestId('proposal-read-only')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '保存する' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('decision-panel')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '新しい候補プロジェクト案件' })).not.toBeInTheDocument();
  });

  it('keeps the screens from a municipality', async () => {
    fakeServer(me(KIKUYO_EDITOR));
    renderApp('/proposals');
    expect(await screen.findByRole('heading', { level: 1, name: 'このページを表示する権限がありません' })).toBeInTheDocument();
  });

  it('creates a draft and opens it', async () => {
    const created = makeProposal({ id: 9, title: '後工程の新拠点', strategic_fields: ['ai_semiconductor'] });
    const { requests } = fakeServer({
      ...me(KUMAMOTO_EDITOR),
      'POST /api/proposals': () => json(201, created, { ETag: '"1"' }),
      'GET /api/proposals/9': one(created),
    });
    const user = userEvent.setup();
    const view = renderApp('/proposals/new');
    await user.click(await screen.findByRole('button', { name: '下書きを作成する' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('候補プロジェクトの名称：候補プロジェクトの名称を入力してください');
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    await user.type(screen.getByLabelText(/^候補プロジェクトの名称/), '後工程の新拠点');
    await user.click(screen.getByRole('checkbox', { name: 'AI・半導体' }));
    await user.click(screen.getByRole('button', { name: '下書きを作成する' }));
    await screen.findByRole('heading', { level: 1, name: '後工程の新拠点' });
    expect(view.location()).toBe('/proposals/9');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ title: '後工程の新拠点', strategic_fields: ['ai_semiconductor'] });
  });

  it('saves the changed parts with If-Match, submits, and lists every unmet requirement linked to its field', async () => {
    const draft = makeProposal();
    const saved = makeProposal({
      version: 4,
      budget_coordination: [{ ministry: '経済産業省', since: null, status: null }],
      investment: { amount_yen: 300_000_000_000, start_fy: null, end_fy: null, investors: [] },
    });
    const { requests } = fakeServer({
      ...me(KUMAMOTO_APPROVER),
      'GET /api/proposals/5': one(draft),
      'PATCH /api/proposals/5': () => json(200, saved, { ETag: '"4"' }),
      'POST /api/proposals/5/submit': () =>
        json(422, {
          title: '入力内容に誤りがあります',
          status: 422,
          detail: '提案の要件を満たしていない項目があります',
          errors: [
            { field: 'field_alignment', message: '17の戦略分野に関する検討・官民投資ロードマップとの整合を記載してください', code: 'proposal.missing' },
            { field: 'budget_coordination/0/since', message: '調整を開始した日を入力してください', code: 'proposal.missing' },
            { field: 'investment/investors', message: '投資を予定する企業を1社以上、法人番号とともに記載してください', code: 'proposal.missing' },
          ],
        }),
    });
    const user = userEvent.setup();
    renderApp('/proposals/5');
    await user.type(await screen.findByLabelText(/^投資見込額（円）/), '3000億');
    expect(screen.getByTestId('field-investment-amount_yen-preview')).toHaveTextContent('= 300,000,000,000 円');
    await user.click(screen.getByRole('button', { name: '関係省庁を追加' }));
    await user.type(screen.getByLabelText(/^調整先の省庁/), '経済産業省');
    await user.click(screen.getByRole('button', { name: '提案する' }));
    const dialog = await screen.findByRole('dialog', { name: '候補プロジェクト案件を提案しますか' });
    await user.click(within(dialog).getByRole('button', { name: '提案する' }));

    const summary = await screen.findByRole('alert', { name: /提案の要件を満たしていない項目が3件あります/ });
    const patch = requests.find((r) => r.method === 'PATCH');
    expect(patch?.headers.get('If-Match')).toBe('"3"');
    expect(patch?.body).toEqual({
      budget_coordination: [{ ministry: '経済産業省', since: null, status: null }],
      investment: { amount_yen: 300_000_000_000, start_fy: null, end_fy: null, investors: [] },
    });
    // the submission goes with the ETag of the save just made
    expect(requests.find((r) => r.url.endsWith('/submit'))?.headers.get('If-Match')).toBe('"4"');
    const links = within(summary).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['#field-field_alignment', '#field-budget_coordination-0-since', '#field-investment-investors']);
    expect(links[1]).toHaveTextContent('関係省庁との予算措置の事前調整 ＞ 関係省庁 1（経済産業省） ＞ 調整を開始した日：調整を開始した日を入力してください');
    expect(summary).not.toHaveTextContent('budget_coordination');
    expect(screen.getByLabelText(/^17の戦略分野に関する検討・官民投資ロードマップとの整合/)).toHaveAccessibleDescription(/記載してください/);
    await user.click(links[1] as HTMLElement);
    expect(screen.getByLabelText(/^調整を開始した日/)).toHaveFocus();
  });

  it('refuses a wrong 法人番号 before asking the server', async () => {
    const { requests } = fakeServer({ ...me(KUMAMOTO_EDITOR), 'GET /api/proposals/5': one(makeProposal()) });
    const user = userEvent.setup();
    renderApp('/proposals/5');
    await user.click(await screen.findByRole('button', { name: '企業を追加' }));
    await user.type(screen.getByLabelText(/^法人番号/), '1234567890123');
    await user.type(screen.getByLabelText(/^企業名/), '九州デバイス');
    await user.click(screen.getByRole('button', { name: '保存する' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('企業 1（九州デバイス） ＞ 法人番号：法人番号のチェックディジット');
    expect(requests.some((r) => r.method === 'PATCH')).toBe(false);
  });

  it('offers an editor who is not an approver the form but not 提案する', async () => {
    fakeServer({ ...me(KUMAMOTO_EDITOR), 'GET /api/proposals/5': one(makeProposal()) });
    renderApp('/proposals/5');
    expect(await screen.findByRole('button', { name: '保存する' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '提案する' })).not.toBeInTheDocument();
  });

  it('shows a prefecture viewer the proposal read-only, and a submitted one to its editor too', async () => {
    fakeServer({ ...me(KUMAMOTO_VIEWER), 'GET /api/proposals/5': one(makeProposal()) });
    renderApp('/proposals/5');
    expect(await screen.findByTestId('proposal-read-only')).toBeInTheDocument();
    expect(screen.getByText(/編集できるのは、提案団体の作成者です/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '保存する' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '提案する' })).not.toBeInTheDocument();
  });

  it('shows the prefecture the bureau’s comment on a returned proposal, with the form to fix it', async () => {
    const returned = makeProposal({ state: 'returned', state_label: '差戻し', decided_at: '2026-11-25T01:00:00Z', decision_comment: '投資額の根拠を追記してください。' });
    fakeServer({ ...me(KUMAMOTO_EDITOR), 'GET /api/proposals/5': one(returned) });
    renderApp('/proposals/5');
    expect(await screen.findByTestId('decision-comment')).toHaveTextContent('投資額の根拠を追記してください。');
    expect(screen.getByText('地方経済産業局等から差し戻されました')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '保存する' })).toBeInTheDocument();
  });

  it('lets a bureau approver return a proposal only with a reason', async () => {
    const returned = { ...SUBMITTED, state: 'returned', state_label: '差戻し', version: 5, decision_comment: '投資額の根拠を追記してください。' };
    const { requests } = fakeServer({
      ...me(KYUSHU_APPROVER),
      'GET /api/proposals/5': one(SUBMITTED),
      'POST /api/proposals/5/decision': () => json(200, returned, { ETag: '"5"' }),
    });
    const user = userEvent.setup();
    renderApp('/proposals/5');
    const panel = await screen.findByTestId('decision-panel');
    expect(screen.getByTestId('proposal-read-only')).toBeInTheDocument();
    await user.click(within(panel).getByRole('radio', { name: /差戻し/ }));
    await user.click(within(panel).getByRole('button', { name: '決定する' }));
    const alert = await within(panel).findByRole('alert');
    expect(alert).toHaveTextContent('理由・コメント：差戻し・不採用の理由を入力してください');
    expect(within(alert).getByRole('link')).toHaveAttribute('href', '#field-comment');
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    await user.type(within(panel).getByLabelText(/^理由・コメント/), '投資額の根拠を追記してください。');
    await user.click(within(panel).getByRole('button', { name: '決定する' }));
    const dialog = await screen.findByRole('dialog', { name: '採否を決定しますか' });
    await user.click(within(dialog).getByRole('button', { name: '決定する' }));
    expect(await screen.findByText('差し戻しました。')).toBeInTheDocument();
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({ decision: 'return', comment: '投資額の根拠を追記してください。' });
    expect(post?.headers.get('If-Match')).toBe('"4"');
    expect(screen.queryByTestId('decision-panel')).not.toBeInTheDocument();
    expect(screen.getByTestId('decision-comment')).toHaveTextContent('投資額の根拠を追記してください。');
  });

  it('adopts without a comment', async () => {
    const adopted = { ...SUBMITTED, state: 'adopted', state_label: '採用', version: 5 };
    const { requests } = fakeServer({
      ...me(KYUSHU_APPROVER),
      'GET /api/proposals/5': one(SUBMITTED),
      'POST /api/proposals/5/decision': () => json(200, adopted, { ETag: '"5"' }),
    });
    const user = userEvent.setup();
    renderApp('/proposals/5');
    const panel = await screen.findByTestId('decision-panel');
    await user.click(within(panel).getByRole('radio', { name: /^採用/ }));
    await user.click(within(panel).getByRole('button', { name: '決定する' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: '決定する' }));
    expect(await screen.findByText('採用と決定しました。')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ decision: 'adopt', comment: null });
  });

  it('offers a bureau member who is not an approver no decision', async () => {
    fakeServer({ ...me(KYUSHU_BUREAU_EDITOR), 'GET /api/proposals/5': one(SUBMITTED) });
    renderApp('/proposals/5');
    expect(await screen.findByTestId('proposal-read-only')).toBeInTheDocument();
    expect(screen.queryByTestId('decision-panel')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '決定する' })).not.toBeInTheDocument();
  });

  it('says so when another person changed the proposal (412) and loads the latest on request', async () => {
    const newer = makeProposal({ version: 6, title: '次世代半導体の後工程拠点（改）' });
    let latest = false;
    fakeServer({
      ...me(KUMAMOTO_EDITOR),
      'GET /api/proposals/5': () => (latest ? one(newer)() : one(makeProposal())()),
      'PATCH /api/proposals/5': () => {
        latest = true;
        return json(412, { title: '他の利用者が先に更新しました', status: 412 }, { ETag: '"6"' });
      },
    });
    const user = userEvent.setup();
    renderApp('/proposals/5');
    await user.type(await screen.findByLabelText(/^賃上げも含めた/), '500人を採用');
    await user.click(screen.getByRole('button', { name: '保存する' }));
    expect(await screen.findByText('他の利用者がこの候補プロジェクト案件を更新しました')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '最新の内容を読み込む' }));
    expect(await screen.findByRole('heading', { level: 1, name: '次世代半導体の後工程拠点（改）' })).toBeInTheDocument();
    expect(screen.getByLabelText(/^賃上げも含めた/)).toHaveValue('');
  });
});
