import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryOut } from '../../../api/plans';
import { CAS_REVIEWER, KIKUYO_EDITOR, fakeServer, json, type Recorded } from '../../../test/http';
import { makePlan } from '../../../test/plans';
import { renderApp } from '../../../test/render';
import { ReturnSummary } from './ReturnSummary';
import { EMPTY_REVIEW, loadReviewDraft, returnSummary, reviewBody, storeReviewDraft, clearReviewDraft } from './reviewDraft';

const returned = (overrides: Partial<HistoryOut> = {}): HistoryOut => ({
  action: 'return_with_comments',
  actor: 'cas-reviewer@demo.example.jp',
  actor_name: '内閣 一郎',
  comment: '要件1の根拠を補強してください。',
  details: {
    requirement_comments: [
      { number: 1, verdict: 'needs_revision', comment: '市場ニーズの根拠となる数値を追記してください。' },
      { number: 2, verdict: 'satisfied', comment: '' },
      { number: 3, verdict: null, comment: '  ' },
    ],
    section_comments: [{ section: 'path', comment: '取組の具体像を書いてください。' }],
  },
  from_state: 'in_review',
  occurred_at: '2026-07-20T01:00:00Z',
  organisation: 'cas',
  recorded_outside: false,
  revision: 1,
  role: 'reviewer',
  to_state: 'returned',
  ...overrides,
});

beforeEach(() => window.localStorage.clear());
afterEach(() => vi.unstubAllGlobals());

describe('the review draft kept in the browser', () => {
  it('is kept per user and plan, and forgotten once empty or cleared', () => {
    const draft = { ...EMPTY_REVIEW, comment: '全体', verdicts: { 1: 'needs_revision' as const } };
    storeReviewDraft(103, 7, draft);
    expect(loadReviewDraft(103, 7)).toEqual(draft);
    expect(loadReviewDraft(103, 8)).toBeNull();
    expect(loadReviewDraft(104, 7)).toBeNull();
    storeReviewDraft(103, 7, { ...EMPTY_REVIEW, comment: '   ', notes: { 1: '' } });
    expect(loadReviewDraft(103, 7)).toBeNull();
    storeReviewDraft(103, 7, draft);
    clearReviewDraft(103, 7);
    expect(loadReviewDraft(103, 7)).toBeNull();
  });

  it('ignores what it cannot read', () => {
    window.localStorage.setItem('chiiki.review-draft.v1.103.7', '{not json');
    expect(loadReviewDraft(103, 7)).toBeNull();
    window.localStorage.setItem('chiiki.review-draft.v1.103.7', '{"verdicts":{}}');
    expect(loadReviewDraft(103, 7)).toBeNull();
  });

  it('sends only the requirements and sections that were judged or commented on', () => {
    const body = reviewBody('return_with_comments', { comment: ' 全体 ', verdicts: { 2: 'not_satisfied' }, notes: { 1: ' 根拠を ', 3: '  ' }, sections: { path: '具体的に', kgis: ' ' } }, makePlan());
    expect(body).toMatchObject({ action: 'return_with_comments', comment: '全体' });
    expect(body.requirement_comments).toEqual([
      { number: 1, comment: '根拠を', verdict: null },
      { number: 2, comment: '', verdict: 'not_satisfied' },
    ]);
    expect(body.section_comments).toEqual([{ section: 'path', comment: '具体的に' }]);
  });
});

describe('the return shown to the authors', () => {
  it('names each requirement and section of the latest return, with the verdict in Japanese and a link', () => {
    const older = returned({ comment: '古い差戻し', occurred_at: '2026-07-01T00:00:00Z' });
    const summary = returnSummary(makePlan({ state: 'returned' }), [older, returned()]);
    expect(summary?.comment).toBe('要件1の根拠を補強してください。');
    expect(summary?.requirements).toEqual([
      { number: 1, label: '要件1【有望度】', verdict: '要修正', comment: '市場ニーズの根拠となる数値を追記してください。', anchor: 'field-requirements-1-statement' },
      expect.objectContaining({ number: 2, verdict: '充足', comment: '' }),
    ]);
    expect(summary?.sections).toEqual([{ key: 'path', label: '4. 勝ち筋の特定と定量的なインパクト【道筋】', comment: '取組の具体像を書いてください。', anchor: 'editor-section-path' }]);
  });

  it('is not shown once the plan has left the returned state', () => {
    expect(returnSummary(makePlan({ state: 'draft' }), [returned()])).toBeNull();
    expect(returnSummary(makePlan({ state: 'returned' }), [])).toBeNull();
  });

  it('renders the overall comment, the verdicts, what to do next, and moves to the section', async () => {
    render(
      <>
        <ReturnSummary plan={makePlan({ state: 'returned' })} history={[returned()]} />
        <section id="editor-section-path">道筋</section>
      </>,
    );
    const box = screen.getByTestId('return-summary');
    expect(within(box).getByRole('heading', { level: 2 })).toHaveTextContent('修正依頼が届いています');
    expect(screen.getByTestId('return-overall')).toHaveTextContent('要件1の根拠を補強してください。');
    expect(screen.getByTestId('return-requirements')).toHaveTextContent('要件1【有望度】判断：要修正市場ニーズの根拠となる数値を追記してください。');
    expect(screen.getByTestId('return-next')).toHaveTextContent('改めて事前確認を依頼');
    expect(box).not.toHaveTextContent(/needs_revision|satisfied|path|\{|null/);
    await userEvent.click(within(box).getByRole('link', { name: '4. 勝ち筋の特定と定量的なインパクト【道筋】を開く' }));
    expect(document.activeElement?.id).toBe('editor-section-path');
  });
});

describe('the review beside the plan', () => {
  function reviewRoutes(posted: Recorded[], refuse = false) {
    let state: 'precheck_requested' | 'in_review' | 'returned' = 'precheck_requested';
    const plan = () => makePlan({ state, version: state === 'precheck_requested' ? 3 : 4 });
    return {
      'GET /auth/me': () => json(200, CAS_REVIEWER),
      'GET /api/plans/7': () => json(200, plan(), { ETag: `"${plan().version}"` }),
      'GET /api/plans/7/history': () => json(200, []),
      'GET /api/plans/7/changes?since=returned': () => json(200, { since: 'returned', base_found: false, base_at: null, reviewed_at: null, changes: [], earlier_review: null }),
      'GET /api/plans/7/transitions': () =>
        json(
          200,
          state === 'precheck_requested'
            ? [{ action: 'start_review', label: '事前確認の開始' }]
            : state === 'in_review'
              ? [
                  { action: 'return_with_comments', label: '差戻し' },
                  { action: 'complete_precheck', label: '完了' },
                ]
              : [],
        ),
      'POST /api/plans/7/transitions': (request: Recorded) => {
        posted.push(request);
        const action = (request.body as { action: string }).action;
        if (action === 'start_review') state = 'in_review';
        else if (refuse)
          return json(422, {
            title: '入力内容を確認してください',
            status: 422,
            detail: '差戻しの内容を確認してください。',
            errors: [
              { field: 'requirement_comments/0/comment', message: '要件1へのコメントは2000文字以内で入力してください。' },
              { field: 'section_comments/0/section', message: '「4. 勝ち筋」のコメントを確認してください。' },
            ],
          });
        else state = 'returned';
        return json(200, plan(), { ETag: `"${plan().version}"` });
      },
    };
  }

  it('starts the review on opening, keeps the draft over a reload, and clears it once returned', async () => {
    const posted: Recorded[] = [];
    fakeServer(reviewRoutes(posted));
    const first = renderApp('/plans/7');
    expect(await screen.findByText('事前確認を開始しました。この画面で計画を読みながら判断とコメントを記入できます。')).toBeVisible();
    expect(posted.map((r) => (r.body as { action: string }).action)).toEqual(['start_review']);
    const panel = await screen.findByTestId('review-panel');
    await userEvent.selectOptions(within(panel).getByLabelText(/^要件1【有望度】の判断/), 'needs_revision');
    await userEvent.type(within(panel).getByLabelText(/^要件1【有望度】へのコメント/), '根拠を追記');
    expect(within(panel).getByTestId('review-draft-status')).toHaveTextContent('保存しています（2件）');
    // The workflow list no longer offers the review's steps in a dialog.
    const workflow = screen.getByRole('region', { name: '手続（ワークフロー）' });
    expect(within(workflow).queryByRole('button', { name: 'コメントを付けて差し戻す' })).toBeNull();
    expect(workflow).toHaveTextContent('「事前確認（判断とコメント）」の欄から行います');
    expect(within(screen.getByTestId('review-actions')).getByRole('button', { name: 'コメントを付けて差し戻す' })).toBeVisible();
    first.unmount();

    renderApp('/plans/7');
    const again = await screen.findByTestId('review-panel');
    expect(within(again).getByLabelText(/^要件1【有望度】の判断/)).toHaveValue('needs_revision');
    expect(within(again).getByLabelText(/^要件1【有望度】へのコメント/)).toHaveValue('根拠を追記');
    expect(posted).toHaveLength(1);

    await userEvent.click(within(again).getByRole('button', { name: 'コメントを付けて差し戻す' }));
    await userEvent.click(within(again).getByRole('button', { name: 'コメントを付けて差し戻す（確定）' }));
    expect(await within(again).findByText('差し戻すときは、全体へのコメントを入力してください。', { selector: 'li' })).toBeVisible();
    expect(posted).toHaveLength(1);

    await userEvent.type(within(again).getByLabelText(/^全体へのコメント（差し戻すときは必須）/), '要件1を補強してください。');
    await userEvent.click(within(again).getByRole('button', { name: 'コメントを付けて差し戻す' }));
    await userEvent.click(within(again).getByRole('button', { name: 'コメントを付けて差し戻す（確定）' }));
    expect(await screen.findByText('コメントを付けて差し戻しました。')).toBeVisible();
    expect(posted[1]?.body).toMatchObject({
      action: 'return_with_comments',
      comment: '要件1を補強してください。',
      requirement_comments: [{ number: 1, comment: '根拠を追記', verdict: 'needs_revision' }],
    });
    await waitFor(() => expect(loadReviewDraft(CAS_REVIEWER.id, 7)).toBeNull());
  });

  it('shows every failing field at once when the server refuses, and keeps the draft', async () => {
    const posted: Recorded[] = [];
    fakeServer(reviewRoutes(posted, true));
    renderApp('/plans/7');
    const panel = await screen.findByTestId('review-panel');
    await userEvent.type(within(panel).getByLabelText(/^全体へのコメント（差し戻すときは必須）/), '全体');
    await userEvent.click(within(panel).getByRole('button', { name: 'コメントを付けて差し戻す' }));
    await userEvent.click(within(panel).getByRole('button', { name: 'コメントを付けて差し戻す（確定）' }));
    const refusal = await within(panel).findByTestId('review-refusal');
    expect(refusal).toHaveTextContent('要件1へのコメントは2000文字以内で入力してください。');
    expect(refusal).toHaveTextContent('「4. 勝ち筋」のコメントを確認してください。');
    expect(document.activeElement).toBe(refusal);
    expect(loadReviewDraft(CAS_REVIEWER.id, 7)?.comment).toBe('全体');
  });

  it('compares with the last published version too, and says when the plan was never published', async () => {
    const posted: Recorded[] = [];
    const server = fakeServer({
      ...reviewRoutes(posted),
      'GET /api/plans/7/changes?since=published': () => json(200, { since: 'published', base_found: false, base_at: null, reviewed_at: null, changes: [], earlier_review: null }),
    });
    renderApp('/plans/7');
    const panel = await screen.findByTestId('review-panel');
    const since = within(panel).getByLabelText(/^比較する版/);
    expect(within(since).getAllByRole('option').map((o) => o.textContent)).toEqual(['差戻し（修正依頼）の時点から', '前回の事前確認完了時から', '最後に公表した版から']);
    await userEvent.selectOptions(since, 'published');
    expect(await within(panel).findByTestId('changes-no-base')).toHaveTextContent('この計画はまだ公表されていないため、比較する版がありません。');
    expect(server.requests.map((r) => r.url)).toContain('/api/plans/7/changes?since=published');
  });

  it('never starts a review for the authors', async () => {
    const posted: Recorded[] = [];
    fakeServer({ ...reviewRoutes(posted), 'GET /auth/me': () => json(200, KIKUYO_EDITOR) });
    renderApp('/plans/7');
    await screen.findByRole('heading', { level: 1 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(posted).toHaveLength(0);
    expect(screen.queryByTestId('review-panel')).toBeNull();
  });
});
