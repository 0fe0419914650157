import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KUMAMOTO_EDITOR, fakeServer, json } from '../test/http';
import { renderApp } from '../test/render';

const anonymous = { 'GET /auth/me': () => json(401, { title: '認証が必要です', status: 401 }) };

async function openLogin(path = '/login') {
  const view = renderApp(path);
  await screen.findByRole('heading', { level: 1, name: 'ログイン' });
  return view;
}

describe('login page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('labels both fields as required and uses no placeholder', async () => {
    fakeServer(anonymous);
    await openLogin();
    const email = screen.getByLabelText(/メールアドレス/);
    const password = screen.getByLabelText(/パスワード/);
    expect(email.closest('div')?.textContent).toContain('※必須');
    expect(password.closest('div')?.textContent).toContain('※必須');
    expect(email).not.toHaveAttribute('placeholder');
    expect(password).not.toHaveAttribute('placeholder');
  });

  it('shows each field error at its field and a focused summary linking to them', async () => {
    const { requests } = fakeServer(anonymous);
    const user = userEvent.setup();
    await openLogin();
    await user.click(screen.getByRole('button', { name: 'ログインする' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: '入力内容を確認してください' })).toBeInTheDocument();
    const links = within(summary).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(['メールアドレスを入力してください。', 'パスワードを入力してください。']);
    expect(summary).toHaveFocus();

    const email = screen.getByLabelText(/メールアドレス/);
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription(expect.stringContaining('メールアドレスを入力してください。'));

    const passwordLink = links[1];
    if (!passwordLink) throw new Error('the summary has no link to the password field');
    await user.click(passwordLink);
    expect(screen.getByLabelText(/パスワード/)).toHaveFocus();
    expect(requests.filter((r) => r.url === '/auth/login')).toHaveLength(0);
  });

  it('catches an address without a domain before sending it', async () => {
    fakeServer(anonymous);
    const user = userEvent.setup();
    await openLogin();
    await user.type(screen.getByLabelText(/メールアドレス/), 'kumamoto-editor');
    await user.type(screen.getByLabelText(/パスワード/), 'x');
    await user.click(screen.getByRole('button', { name: 'ログインする' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('メールアドレスの形式が正しくありません');
    expect(screen.getByLabelText(/パスワード/)).not.toHaveAttribute('aria-invalid');
  });

  it('says the credentials were wrong on a 401, stays on the page and clears the password', async () => {
    fakeServer({
      ...anonymous,
      'POST /auth/login': () => json(401, { title: '認証に失敗しました', status: 401 }),
    });
    const user = userEvent.setup();
    const view = await openLogin();
    await user.type(screen.getByLabelText(/メールアドレス/), 'kumamoto-editor@demo.example.jp');
    await user.type(screen.getByLabelText(/パスワード/), 'wrong');
    await user.click(screen.getByRole('button', { name: 'ログインする' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('メールアドレスまたはパスワードが正しくありません。');
    expect(screen.getByLabelText(/パスワード/)).toHaveValue('');
    expect(view.location()).toBe('/login');
  });

  it('puts the server’s field errors at their fields', async () => {
    fakeServer({
      ...anonymous,
      'POST /auth/login': () =>
        json(422, {
          title: '入力内容に誤りがあります',
          status: 422,
          errors: [{ field: 'body/email', message: 'このメールアドレスは使用できません' }],
        }),
    });
    const user = userEvent.setup();
    await openLogin();
    await user.type(screen.getByLabelText(/メールアドレス/), 'someone@example.jp');
    await user.type(screen.getByLabelText(/パスワード/), 'pw');
    await user.click(screen.getByRole('button', { name: 'ログインする' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'このメールアドレスは使用できません' })).toHaveAttribute('href', '#login-email');
    expect(screen.getByLabelText(/メールアドレス/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('logs in with the trimmed address and returns to the page asked for', async () => {
    const { requests } = fakeServer({
      ...anonymous,
      'POST /auth/login': () => json(200, { user: KUMAMOTO_EDITOR, csrf_token: 'csrf-1' }),
    });
    const user = userEvent.setup();
    const view = await openLogin('/login?next=%2Fplans');
    await user.type(screen.getByLabelText(/メールアドレス/), ' kumamoto-editor@demo.example.jp ');
    await user.type(screen.getByLabelText(/パスワード/), 'Demo-2026!');
    await user.click(screen.getByRole('button', { name: 'ログインする' }));
    await screen.findByRole('heading', { level: 1, name: '計画一覧' });
    expect(view.location()).toBe('/plans');
    expect(requests.find((r) => r.url === '/auth/login')?.body).toEqual({
      email: 'kumamoto-editor@demo.example.jp',
      password: 'Demo-2026!',
    });
  });

  it('never follows a next= that leaves the app', async () => {
    fakeServer({
      ...anonymous,
      'POST /auth/login': () => json(200, { user: KUMAMOTO_EDITOR, csrf_token: 'csrf-1' }),
    });
    const user = userEvent.setup();
    const view = await openLogin('/login?next=%2F%2Fevil.example%2F');
    await user.type(screen.getByLabelText(/メールアドレス/), 'kumamoto-editor@demo.example.jp');
    await user.type(screen.getByLabelText(/パスワード/), 'Demo-2026!');
    await user.click(screen.getByRole('button', { name: 'ログインする' }));
    await waitFor(() => expect(view.location()).toBe('/'));
  });
});
