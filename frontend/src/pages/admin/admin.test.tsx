import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CAS_REVIEWER, KUMAMOTO_EDITOR, fakeServer, json, type Recorded } from '../../test/http';
import { renderApp } from '../../test/render';

const KUMAMOTO_ADMIN = { ...KUMAMOTO_EDITOR, id: 7, email: 'kumamoto-admin@demo.example.jp', name: '熊本県 管理者', roles: ['admin'] };
const CAS_ADMIN = { ...CAS_REVIEWER, id: 3, email: 'cas-admin@demo.example.jp', name: '内閣官房 管理者', roles: ['admin', 'reviewer', 'publisher'] };

const me = (user: object) => ({ 'GET /auth/me': () => json(200, user) });

function userOut(id: number, name: string, extra: object = {}) {
  return {
    id,
    email: `user${id}@demo.example.jp`,
    name,
    organisation: '430005',
    roles: ['editor'],
    active: true,
    created_at: '2026-11-30T15:30:00Z',
    ...extra,
  };
}

function clientOut(clientId: string, extra: object = {}) {
  return {
    client_id: clientId,
    name: '農林水産省 補助金審査システム',
    tier: 'ministry_system',
    organisation: 'maff',
    scopes: ['registry:read'],
    created_at: '2026-11-01T00:00:00Z',
    expires_at: null,
    revoked_at: null,
    previous_secret_expires_at: null,
    ...extra,
  };
}

const usersPage = (items: unknown[], total = items.length, offset = 0) => json(200, { items, total, limit: 20, offset });

afterEach(() => vi.unstubAllGlobals());

describe('利用者の管理', () => {
  it('deactivates a user only after confirmation, and never offers it for oneself', async () => {
    let deactivated = false;
    const { requests } = fakeServer({
      ...me(KUMAMOTO_ADMIN),
      'GET /admin/users?limit=20&offset=0': () =>
        usersPage([userOut(5, '熊本 花子'), userOut(7, '熊本県 管理者', { roles: ['admin'] }), userOut(9, '熊本 次郎', { active: !deactivated })]),
      'POST /admin/users/9/deactivate': () => {
        deactivated = true;
        return json(200, userOut(9, '熊本 次郎', { active: false }));
      },
    });
    const user = userEvent.setup();
    renderApp('/settings');
    const table = await screen.findByRole('table', { name: '熊本県の利用者' });
    expect(within(table).getByTestId('user-row-5')).toHaveTextContent('作成者');
    expect(within(table).getByTestId('user-row-5')).toHaveTextContent('令和8年12月1日（2026年12月1日）');
    expect(within(within(table).getByTestId('user-row-7')).queryByRole('button')).not.toBeInTheDocument();
    expect(within(table).getByTestId('user-row-7')).toHaveTextContent('（あなた）');

    await user.click(screen.getByRole('button', { name: '熊本 次郎さんを無効にする' }));
    const dialog = screen.getByRole('dialog', { name: '利用者を無効にする' });
    expect(dialog).toHaveTextContent('user9@demo.example.jp');
    await user.click(within(dialog).getByRole('button', { name: 'やめる' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    await user.click(screen.getByRole('button', { name: '熊本 次郎さんを無効にする' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '無効にする（確定）' }));
    expect(await screen.findByText('熊本 次郎さんを無効にしました')).toBeInTheDocument();
    await waitFor(() => expect(within(screen.getByTestId('user-row-9')).getByTestId('user-state')).toHaveTextContent('無効'));
    expect(within(screen.getByTestId('user-row-9')).queryByRole('button')).not.toBeInTheDocument();
  });

  it('pages through the users', async () => {
    const first = Array.from({ length: 20 }, (_, i) => userOut(i + 1, `利用者${i + 1}`));
    fakeServer({
      ...me(KUMAMOTO_ADMIN),
      'GET /admin/users?limit=20&offset=0': () => usersPage(first, 23),
      'GET /admin/users?limit=20&offset=20': () => usersPage([userOut(21, '利用者21')], 23, 20),
    });
    const user = userEvent.setup();
    const view = renderApp('/settings');
    expect(await screen.findByText('23人中 1〜20人を表示')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '次のページ' }));
    expect(await screen.findByText('23人中 21〜21人を表示')).toBeInTheDocument();
    expect(view.location()).toBe('/settings?offset=20');
  });

  it('is not for users who are not administrators', async () => {
    fakeServer(me(KUMAMOTO_EDITOR));
    renderApp('/settings');
    expect(await screen.findByRole('heading', { level: 1, name: 'このページを表示する権限がありません' })).toBeInTheDocument();
  });
});

describe('利用者の登録', () => {
  it('checks the form, then registers the user in the admin’s own organisation', async () => {
    const { requests } = fakeServer({
      ...me(KUMAMOTO_ADMIN),
      'POST /admin/users': (r: Recorded) => json(201, userOut(30, (r.body as { name: string }).name)),
      'GET /admin/users?limit=20&offset=0': () => usersPage([userOut(5, '熊本 花子'), userOut(30, '熊本 三郎')]),
    });
    const user = userEvent.setup();
    const view = renderApp('/settings/users/new');
    expect(await screen.findByTestId('user-organisation')).toHaveTextContent('熊本県');
    // Local governments cannot grant the national roles.
    expect(screen.queryByRole('radio', { name: '審査担当' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '登録する' }));
    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(summary).toHaveFocus());
    expect(within(summary).getAllByRole('listitem')).toHaveLength(4);
    expect(screen.getByLabelText(/氏名/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('＊役割を選んでください。')).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    await user.type(screen.getByLabelText(/氏名/), '熊本 三郎');
    await user.type(screen.getByLabelText(/メールアドレス/), 'saburo');
    await user.click(screen.getByRole('radio', { name: '承認者' }));
    await user.type(screen.getByLabelText(/初期パスワード/), 'short');
    await user.click(screen.getByRole('button', { name: '登録する' }));
    expect(await screen.findByText('＊メールアドレスを「name@example.jp」の形で入力してください。')).toBeInTheDocument();
    expect(screen.getByText('＊初期パスワードは10文字以上で入力してください。')).toBeInTheDocument();

    await user.clear(screen.getByLabelText(/メールアドレス/));
    await user.type(screen.getByLabelText(/メールアドレス/), 'saburo@kumamoto.example.jp');
    await user.type(screen.getByLabelText(/初期パスワード/), '-long-enough');
    await user.click(screen.getByRole('button', { name: '登録する' }));
    expect(await screen.findByText('熊本 三郎さんを登録しました')).toBeInTheDocument();
    expect(view.location()).toBe('/settings');
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({
      name: '熊本 三郎',
      email: 'saburo@kumamoto.example.jp',
      password: 'short-long-enough',
      roles: ['approver'],
    });
  });

  it('puts a taken address at the e-mail field', async () => {
    fakeServer({
      ...me(KUMAMOTO_ADMIN),
      'POST /admin/users': () => json(409, { title: 'このメールアドレスは既に登録されています', status: 409 }),
    });
    const user = userEvent.setup();
    renderApp('/settings/users/new');
    await user.type(await screen.findByLabelText(/氏名/), '熊本 三郎');
    await user.type(screen.getByLabelText(/メールアドレス/), 'kumamoto-editor@demo.example.jp');
    await user.click(screen.getByRole('radio', { name: '閲覧者' }));
    await user.type(screen.getByLabelText(/初期パスワード/), 'long-enough-1');
    await user.click(screen.getByRole('button', { name: '登録する' }));
    expect(await screen.findByRole('link', { name: 'このメールアドレスは既に登録されています' })).toHaveAttribute('href', '#user-email');
    expect(screen.getByLabelText(/メールアドレス/)).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('マシンクライアント', () => {
  it('registers a client and shows its secret once, with a warning and a copy button', async () => {
    const secret = 'S3cr3t-only-shown-once-0123456789';
    const { requests } = fakeServer({
      ...me(CAS_ADMIN),
      'POST /admin/clients': (r: Recorded) =>
        json(201, { client: clientOut('meti-grants', { ...(r.body as object), expires_at: '2026-12-31T00:00:00Z' }), client_secret: secret }),
      'GET /admin/clients': () => json(200, [clientOut('maff-subsidy'), clientOut('meti-grants')]),
    });
    const user = userEvent.setup();
    const view = renderApp('/settings/clients/new');
    await user.click(await screen.findByRole('button', { name: '登録して秘密鍵を発行する' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('クライアントIDを入力してください。');
    expect(summary).toHaveTextContent('スコープを1つ以上選んでください。');

    await user.type(screen.getByLabelText(/クライアントID/), 'meti-grants');
    await user.type(screen.getByLabelText(/^名称/), '経済産業省 補助金システム');
    await user.type(screen.getByLabelText(/所管する団体のコード/), 'meti');
    await user.click(screen.getByRole('checkbox', { name: /registry:read/ }));
    await user.type(screen.getByLabelText(/有効期間/), '３０');
    await user.click(screen.getByRole('button', { name: '登録して秘密鍵を発行する' }));

    expect(await screen.findByText('秘密鍵はこの画面で一度だけ表示されます')).toBeInTheDocument();
    expect(screen.getByTestId('client-secret')).toHaveTextContent(secret);
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      client_id: 'meti-grants',
      name: '経済産業省 補助金システム',
      tier: 'ministry_system',
      organisation: 'meti',
      scopes: ['registry:read'],
      expires_in_days: 30,
    });
    await user.click(screen.getByRole('button', { name: '秘密鍵をコピーする' }));
    expect(await screen.findByText('秘密鍵をコピーしました。')).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe(secret);

    await user.click(screen.getByRole('button', { name: '秘密鍵を保管しました' }));
    expect(await screen.findByTestId('client-row-meti-grants')).toBeInTheDocument();
    expect(view.location()).toBe('/settings/clients');
    expect(screen.queryByText(secret)).not.toBeInTheDocument();
  });

  it('rotates a secret (shown once in the dialog) and revokes a client after confirmation', async () => {
    const { requests } = fakeServer({
      ...me(CAS_ADMIN),
      'GET /admin/clients': () =>
        json(200, [
          clientOut('maff-subsidy', { expires_at: '2027-03-31T15:00:00Z' }),
          clientOut('svc-notify', { name: 'notify', tier: 'service', organisation: 'notify', scopes: ['events:read'] }),
        ]),
      'POST /admin/clients/maff-subsidy/rotate': () =>
        json(200, { client: clientOut('maff-subsidy', { previous_secret_expires_at: '2099-12-01T00:00:00Z' }), client_secret: 'new-secret-value-1234567890' }),
      'POST /admin/clients/maff-subsidy/revoke': () => json(200, clientOut('maff-subsidy', { revoked_at: '2026-12-01T01:00:00Z' })),
    });
    const user = userEvent.setup();
    renderApp('/settings/clients');
    const row = await screen.findByTestId('client-row-maff-subsidy');
    expect(row).toHaveTextContent('令和9年4月1日（2027年4月1日）');
    expect(row).toHaveTextContent('省庁のシステム');

    await user.click(within(row).getByRole('button', { name: 'maff-subsidy の秘密鍵を更新する' }));
    const rotate = screen.getByRole('dialog', { name: '秘密鍵を更新する' });
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    await user.click(within(rotate).getByRole('button', { name: '秘密鍵を更新する（確定）' }));
    expect(await within(rotate).findByTestId('client-secret')).toHaveTextContent('new-secret-value-1234567890');
    expect(within(rotate).getByRole('button', { name: '秘密鍵をコピーする' })).toHaveFocus();
    await user.click(within(rotate).getByRole('button', { name: '秘密鍵を保管しました' }));
    expect(screen.queryByText('new-secret-value-1234567890')).not.toBeInTheDocument();
    expect(row).toHaveTextContent('旧秘密鍵は');

    await user.click(within(row).getByRole('button', { name: 'maff-subsidy を失効させる' }));
    const revoke = screen.getByRole('dialog', { name: 'クライアントを失効させる' });
    expect(revoke).not.toHaveTextContent('プラットフォームのサービスのクライアントです');
    await user.click(within(revoke).getByRole('button', { name: '失効させる（確定）' }));
    expect(await screen.findByText('maff-subsidy を失効させました')).toBeInTheDocument();
    expect(within(row).getByTestId('client-state')).toHaveTextContent('失効');
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();

    // Revoking one of the platform's own services says what it stops.
    await user.click(screen.getByRole('button', { name: 'svc-notify を失効させる' }));
    const service = screen.getByRole('dialog', { name: 'クライアントを失効させる' });
    expect(service).toHaveTextContent('このサービスは他のサービスと連携できなくなります');
    await user.click(within(service).getByRole('button', { name: 'やめる' }));
    expect(requests.filter((r) => r.url.endsWith('/revoke'))).toHaveLength(1);
  });

  it('is for national administrators only', async () => {
    const { requests } = fakeServer(me(KUMAMOTO_ADMIN));
    renderApp('/settings/clients');
    expect(await screen.findByRole('heading', { level: 1, name: 'このページを表示する権限がありません' })).toBeInTheDocument();
    expect(requests.some((r) => r.url.startsWith('/admin/clients'))).toBe(false);
  });
});
