import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { client, dataOf, unwrap } from './api/client';
import { jstWallClock } from './lib/dates';
import { CAS_REVIEWER, KIKUYO_EDITOR, KUMAMOTO_EDITOR, KYUSHU_BUREAU_EDITOR, fakeServer, json } from './test/http';
import { renderApp } from './test/render';

const loggedInAs = (user: object) => ({ 'GET /auth/me': () => json(200, user) });
// The plans list the notice tests stand on, answered empty.
const emptyPlans = {
  'GET /api/plans?limit=20&offset=0': () => json(200, { items: [], total: 0, limit: 20, offset: 0 }),
  'GET /api/rounds': () => json(200, []),
};
// The rounds as plans-api answers them: the last day, and the exclusive cutoff at 00:00 JST after it.
const rounds = {
  'GET /api/rounds': () =>
    json(200, [
      { code: '2026-leading', name: '先行事例', kind: 'leading_example', last_day: '2026-06-05', cutoff_at: '2026-06-05T15:00:00Z', review_target_date: null, editable: false },
      { code: '2026-batch-1', name: '第1弾', kind: 'batch', last_day: '2026-07-15', cutoff_at: '2026-07-15T15:00:00Z', review_target_date: '2026-08-15', editable: false },
    ]),
};
const anonymous = { 'GET /auth/me': () => json(401, { title: '認証が必要です', status: 401 }) };

function menuItems() {
  const nav = screen.getByRole('navigation', { name: 'メインメニュー' });
  return within(nav)
    .getAllByRole('link')
    .map((a) => a.textContent);
}

describe('the app shell', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('sends an anonymous visitor to login and remembers where they were going', async () => {
    fakeServer(anonymous);
    const view = renderApp('/plans?type=C');
    await screen.findByRole('heading', { level: 1, name: 'ログイン' });
    expect(view.location()).toBe('/login?next=%2Fplans%3Ftype%3DC');
  });

  it('shows the organisation, the user and a skip link to the main content', async () => {
    fakeServer(loggedInAs(KUMAMOTO_EDITOR));
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'ダッシュボード' });
    expect(screen.getByTestId('organisation-name')).toHaveTextContent('熊本県');
    expect(screen.getByText('熊本 花子（作成者）')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '本文へスキップ' })).toHaveAttribute('href', '#main');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'main');
  });

  it.each([
    { user: KIKUYO_EDITOR, expected: ['ダッシュボード', '計画一覧', '計画の検索', '通知・締切'] },
    {
      user: KUMAMOTO_EDITOR,
      expected: ['ダッシュボード', '計画一覧', '計画の検索', '候補プロジェクト案件', '市町村計画の取りまとめ', '企業スコアリング・公募', '通知・締切'],
    },
    // a regional bureau: no plan of its own yet, no company figures; it decides the candidate projects
    { user: KYUSHU_BUREAU_EDITOR, expected: ['ダッシュボード', '計画一覧', '計画の検索', '候補プロジェクト案件', '通知・締切'] },
    {
      user: CAS_REVIEWER,
      expected: ['ダッシュボード', '計画一覧', '計画の検索', '候補プロジェクト案件', '事前確認の審査', '回と締切', '全国集計', '企業スコアリング・公募', '通知・締切'],
    },
  ])('offers $user.organisation_name the menu of its tier', async ({ user, expected }) => {
    fakeServer(loggedInAs(user));
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'ダッシュボード' });
    expect(menuItems()).toEqual(expected);
  });

  it('names a regional bureau by its tier and offers it no plan to create', async () => {
    fakeServer({ ...loggedInAs(KYUSHU_BUREAU_EDITOR), ...emptyPlans });
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'ダッシュボード' });
    expect(screen.getByText(/^九州経済産業局（地方経済産業局等）／本日：/)).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('link', { name: '計画一覧' }));
    expect(await screen.findByText('条件に合う計画はありません。')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '新しい計画を作成する' })).not.toBeInTheDocument();
  });

  it('refuses a municipality the national review queue', async () => {
    fakeServer(loggedInAs(KIKUYO_EDITOR));
    renderApp('/review');
    expect(await screen.findByRole('heading', { level: 1, name: 'このページを表示する権限がありません' })).toBeInTheDocument();
  });

  it('opens the review queue for a national reviewer', async () => {
    fakeServer(loggedInAs(CAS_REVIEWER));
    renderApp('/review');
    expect(await screen.findByRole('heading', { level: 1, name: '事前確認の審査' })).toBeInTheDocument();
  });

  it('answers an unknown address with the 404 page inside the frame', async () => {
    fakeServer(loggedInAs(KUMAMOTO_EDITOR));
    renderApp('/no-such-page');
    expect(await screen.findByRole('heading', { level: 1, name: 'ページが見つかりません' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'メインメニュー' })).toBeInTheDocument();
  });

  it('returns to login with a notice when the session expires during work', async () => {
    fakeServer({
      ...loggedInAs(KUMAMOTO_EDITOR),
      'GET /api/rollup/plan-states': () => json(401, { title: '認証が必要です', status: 401 }),
    });
    const view = renderApp('/plans');
    await screen.findByRole('heading', { level: 1, name: '計画一覧' });
    await act(async () => {
      await dataOf(client.GET('/api/rollup/plan-states')).catch(() => undefined);
    });
    await screen.findByRole('heading', { level: 1, name: 'ログイン' });
    expect(view.location()).toBe('/login?next=%2Fplans');
    expect(screen.getByText('ログインの有効期限が切れました。もう一度ログインしてください。')).toBeInTheDocument();
  });

  it('drops the expiry notice once the user has logged in again', async () => {
    let plansAnswer = 401;
    fakeServer({
      ...loggedInAs(KUMAMOTO_EDITOR),
      'GET /api/rollup/plan-states': () => json(plansAnswer, plansAnswer === 200 ? [] : { title: '認証が必要です', status: 401 }),
      'POST /auth/login': () => json(200, { user: KUMAMOTO_EDITOR, csrf_token: 'csrf-2' }),
    });
    const user = userEvent.setup();
    renderApp('/plans');
    await screen.findByRole('heading', { level: 1, name: '計画一覧' });
    await act(async () => {
      await dataOf(client.GET('/api/rollup/plan-states')).catch(() => undefined);
    });
    await screen.findByText('ログインの有効期限が切れました。もう一度ログインしてください。');
    plansAnswer = 200;
    await user.type(screen.getByLabelText(/メールアドレス/), 'kumamoto-editor@demo.example.jp');
    await user.type(screen.getByLabelText(/パスワード/), 'Demo-2026!');
    await user.click(screen.getByRole('button', { name: 'ログインする' }));
    await screen.findByRole('heading', { level: 1, name: '計画一覧' });
    expect(screen.queryByText(/ログインの有効期限が切れました/)).not.toBeInTheDocument();
  });

  it('shows a notice only on the page it is about', async () => {
    fakeServer({
      ...loggedInAs(KUMAMOTO_EDITOR),
      ...emptyPlans,
      'POST /api/plans/1/transitions': () => json(403, { title: 'この操作を行う権限がありません', status: 403 }),
    });
    const user = userEvent.setup();
    renderApp('/plans');
    await screen.findByRole('heading', { level: 1, name: '計画一覧' });
    await act(async () => {
      await dataOf(client.POST('/api/plans/{plan_id}/transitions', { params: { path: { plan_id: 1 } }, body: { action: 'publish', comment: '', recorded_outside: false } })).catch(() => undefined);
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('この操作を行う権限がありません');
    await user.click(screen.getByRole('link', { name: 'ダッシュボード' }));
    await screen.findByRole('heading', { level: 1, name: 'ダッシュボード' });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a 403 from any call as a notice and keeps the user on the screen', async () => {
    fakeServer({
      ...loggedInAs(KUMAMOTO_EDITOR),
      ...emptyPlans,
      'POST /api/plans/1/transitions': () =>
        json(403, { title: 'この操作を行う権限がありません', status: 403, detail: '公表は国の公表担当のみが行えます。' }),
    });
    const view = renderApp('/plans');
    await screen.findByRole('heading', { level: 1, name: '計画一覧' });
    await act(async () => {
      await dataOf(client.POST('/api/plans/{plan_id}/transitions', { params: { path: { plan_id: 1 } }, body: { action: 'publish', comment: '', recorded_outside: false } })).catch(() => undefined);
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('この操作を行う権限がありません');
    expect(alert).toHaveTextContent('公表は国の公表担当のみが行えます。');
    expect(view.location()).toBe('/plans');
  });

  it('tells the user someone else saved first on a 412', async () => {
    fakeServer({
      ...loggedInAs(KUMAMOTO_EDITOR),
      'PATCH /api/plans/1': () => json(412, { title: '他の利用者が先に更新しました', status: 412 }),
    });
    renderApp('/plans');
    await screen.findByRole('heading', { level: 1, name: '計画一覧' });
    await act(async () => {
      await unwrap(client.PATCH('/api/plans/{plan_id}', { params: { path: { plan_id: 1 } }, body: { title: 'x' }, headers: { 'If-Match': '"1"' } })).catch(() => undefined);
    });
    expect(await screen.findByText('他の利用者が先に更新しました')).toBeInTheDocument();
    expect(screen.getByText(/最新の内容を確認してから/)).toBeInTheDocument();
  });

  it('logs out with the CSRF token from the cookie and lands on the login page', async () => {
    document.cookie = 'chiiki_csrf=csrf-1; path=/';
    const { requests } = fakeServer({
      ...loggedInAs(KUMAMOTO_EDITOR),
      'POST /auth/logout': () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup();
    const view = renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'ダッシュボード' });
    await user.click(screen.getByRole('button', { name: 'ログアウト' }));
    await screen.findByRole('heading', { level: 1, name: 'ログイン' });
    expect(view.location()).toBe('/login');
    expect(requests.find((r) => r.url === '/auth/logout')?.headers.get('X-CSRF-Token')).toBe('csrf-1');
  });

  it('warns when the server could not confirm the logout', async () => {
    fakeServer({
      ...loggedInAs(KUMAMOTO_EDITOR),
      'POST /auth/logout': () => json(502, { title: '連携先のサービスに接続できません', status: 502 }),
    });
    const user = userEvent.setup();
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'ダッシュボード' });
    await user.click(screen.getByRole('button', { name: 'ログアウト' }));
    await screen.findByRole('heading', { level: 1, name: 'ログイン' });
    expect(screen.getByText(/ログアウトを確認できませんでした/)).toBeInTheDocument();
  });
});

describe('dashboard', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('counts down to both national deadlines in JST days, with 和暦', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(jstWallClock(2026, 6, 1, 0, 30)); // still 5月31日 in UTC
    fakeServer({ ...loggedInAs(KIKUYO_EDITOR), ...rounds });
    renderApp('/');
    const leading = await screen.findByTestId('deadline-round-2026-leading');
    expect(leading).toHaveTextContent('先行事例');
    expect(leading).toHaveTextContent('あと4日');
    expect(leading).toHaveTextContent('令和8年6月5日');
    // The last day of 「6月5日(金)までに」, never 23:59 of it.
    expect(leading).toHaveTextContent('2026年6月5日（金）まで');
    expect(leading).not.toHaveTextContent('23:59');
    expect(screen.getByTestId('deadline-round-2026-batch-1')).toHaveTextContent('あと44日');
    expect(screen.getByText(/本日：令和8年6月1日（2026年6月1日）/)).toBeInTheDocument();
    expect(screen.getByTestId('deadlines-local')).toHaveTextContent('取得できなかったため');
  });

  it('shows the deadlines notify provides, counted down on the client', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(jstWallClock(2026, 5, 20, 10, 0));
    fakeServer({
      ...loggedInAs(KUMAMOTO_EDITOR),
      'GET /api/notify/deadlines?limit=20': () =>
        json(200, {
          items: [
            {
              id: 7,
              kind: 'call',
              title: '重点支援企業の公募 締切',
              description: '熊本県の公募の受付終了',
              due_at: '2026-06-01T03:00:00Z',
              due_at_label: '令和8年6月1日 12:00',
              days_left: 12,
              mandatory: false,
              organisations: ['430005'],
            },
          ],
          total: 1,
          limit: 20,
          offset: 0,
        }),
    });
    renderApp('/');
    const call = await screen.findByTestId('deadline-notify-7');
    expect(call).toHaveTextContent('重点支援企業の公募 締切');
    expect(call).toHaveTextContent('あと12日');
    expect(call).toHaveTextContent('2026年6月1日（月） 12:00（日本時間）');
    expect(screen.queryByTestId('deadlines-local')).not.toBeInTheDocument();
  });

  it('marks the day itself and puts closed rounds last', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(jstWallClock(2026, 7, 15, 23, 59));
    fakeServer({ ...loggedInAs(CAS_REVIEWER), ...rounds });
    renderApp('/');
    const first = await screen.findByTestId('deadline-round-2026-batch-1');
    expect(first).toHaveTextContent('本日締切');
    expect(screen.getByTestId('deadline-round-2026-leading')).toHaveTextContent('締切済み');
    const cards = screen.getAllByTestId(/^deadline-round/).map((el) => el.dataset.testid);
    expect(cards).toEqual(['deadline-round-2026-batch-1', 'deadline-round-2026-leading']);
  });

  it('says so when neither notify nor plans-api can give the deadlines, and invents none', async () => {
    fakeServer(loggedInAs(KIKUYO_EDITOR));
    renderApp('/');
    expect(await screen.findByTestId('deadlines-failed')).toHaveTextContent('締切の一覧を取得できませんでした');
    expect(screen.queryAllByTestId(/^deadline-round/)).toHaveLength(0);
  });
});
