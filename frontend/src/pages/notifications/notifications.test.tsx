import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jstWallClock } from '../../lib/dates';
import { KUMAMOTO_EDITOR, fakeServer, json, type Recorded } from '../../test/http';
import { renderApp } from '../../test/render';

const KUMAMOTO_ADMIN = { ...KUMAMOTO_EDITOR, id: 107, email: 'kumamoto-admin@demo.example.jp', name: '熊本県 管理者', roles: ['admin'] };

const me = (user: object) => ({ 'GET /auth/me': () => json(200, user) });
const page = (items: unknown[], total = items.length, limit = 20, offset = 0) => json(200, { items, total, limit, offset });

function deadline(id: number, title: string, dueAt: string, daysLeft: number, extra: object = {}) {
  return {
    id,
    kind: 'ad_hoc',
    title,
    description: `${title}の説明`,
    due_at: dueAt,
    due_at_label: '',
    days_left: daysLeft,
    mandatory: true,
    organisations: ['430005'],
    ...extra,
  };
}

function mail(id: number, state: string, extra: object = {}) {
  return {
    id,
    recipient_email: `user${id}@demo.example.jp`,
    recipient_name: `熊本 利用者${id}`,
    organisation: '430005',
    reason: 'reminder.national_round',
    mandatory: true,
    subject: `件名${id}`,
    state,
    attempts: state === 'dead' ? 8 : 1,
    last_error: state === 'dead' ? '550 mailbox unavailable' : null,
    message_id: `<${id}@notify>`,
    created_at: '2026-12-01T00:00:00Z',
    next_attempt_at: '2026-12-01T00:05:00Z',
    sent_at: state === 'sent' ? '2026-12-01T00:01:00Z' : null,
    ...extra,
  };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('締切カレンダー', () => {
  it('shows the JST month with its deadlines, the days left and the .ics link, and moves between months', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(jstWallClock(2026, 12, 1, 0, 30)); // still 30 November in UTC
    fakeServer({
      ...me(KUMAMOTO_EDITOR),
      'GET /api/notify/deadlines?limit=500': () =>
        page([
          deadline(1, '公募の締切', '2026-12-11T14:59:00Z', 10, { kind: 'call_closing' }),
          deadline(2, '年明けの報告', '2026-12-31T15:30:00Z', 31, { mandatory: false }),
        ]),
    });
    const user = userEvent.setup();
    const view = renderApp('/notifications');
    expect(await screen.findByRole('heading', { level: 2, name: '令和8年12月（2026年12月）' })).toBeInTheDocument();
    const grid = await screen.findByRole('table', { name: '令和8年12月（2026年12月）の締切' });
    await waitFor(() => expect(grid.querySelector('td[data-date="2026-12-11"]')).toHaveTextContent('23:59公募の締切'));
    expect(grid.querySelector('td[data-date="2026-12-01"]')).toHaveAttribute('aria-current', 'date');
    // 00:30 on 1 January in Tokyo is not a December deadline, although it is 31 December in UTC.
    expect(grid).not.toHaveTextContent('年明けの報告');
    expect(screen.getByTestId('month-count')).toHaveTextContent('締切 1件');

    const first = screen.getByTestId('deadline-1');
    expect(first).toHaveTextContent('あと10日');
    expect(first).toHaveTextContent('令和8年12月11日（2026年12月11日）');
    expect(first).toHaveTextContent('2026年12月11日（金） 23:59（日本時間）');
    expect(first).toHaveTextContent('支援申請の締切');
    expect(within(screen.getByTestId('deadline-2')).queryByText('必須')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: /カレンダーに取り込む/ })).toHaveAttribute('href', '/api/notify/calendar.ics');

    await user.click(screen.getByRole('button', { name: '次の月' }));
    expect(await screen.findByRole('heading', { level: 2, name: '令和9年1月（2027年1月）' })).toBeInTheDocument();
    expect(view.location()).toBe('/notifications?month=2027-01');
    const january = screen.getByRole('table', { name: '令和9年1月（2027年1月）の締切' });
    expect(january.querySelector('td[data-date="2027-01-01"]')).toHaveTextContent('00:30年明けの報告');
    await user.click(screen.getByRole('button', { name: '今月' }));
    expect(await screen.findByRole('heading', { level: 2, name: '令和8年12月（2026年12月）' })).toBeInTheDocument();
  });

  it('says so when nothing is coming, and offers a non-admin no mail log', async () => {
    fakeServer({ ...me(KUMAMOTO_EDITOR), 'GET /api/notify/deadlines?limit=500': () => page([]) });
    renderApp('/notifications?month=2026-12');
    expect(await screen.findByText('今後の締切はありません。')).toBeInTheDocument();
    const menu = screen.getByRole('navigation', { name: '通知のメニュー' });
    expect(within(menu).getByRole('link', { name: '締切カレンダー' })).toHaveAttribute('aria-current', 'page');
    expect(within(menu).queryByRole('link', { name: '送信履歴' })).not.toBeInTheDocument();
  });
});

describe('メール通知の設定', () => {
  it('lists the mandatory notices as always on and saves which optional notices arrive, and how', async () => {
    const { requests } = fakeServer({
      ...me(KUMAMOTO_EDITOR),
      'GET /api/notify/preferences': () =>
        json(200, { mute_optional: false, daily_digest: false, muted_reasons: ['application.received'], instant_mail: false }),
      'PUT /api/notify/preferences': (r: Recorded) => json(200, r.body),
    });
    const user = userEvent.setup();
    renderApp('/notifications/preferences');
    expect(await screen.findByRole('radio', { name: '届くたびに受け取る' })).toBeChecked();
    const mandatory = screen.getByTestId('mandatory-notices');
    expect(within(mandatory).getAllByText('常に受け取る')).toHaveLength(6);
    expect(within(mandatory).getByText('計画の差戻し')).toBeInTheDocument();
    // Always-on notices are not controls a user could (seem to) switch off.
    expect(within(mandatory).queryByRole('checkbox')).not.toBeInTheDocument();
    const optional = screen.getByRole('group', { name: /受け取る任意の通知/ });
    expect(optional).toHaveTextContent('任意');
    expect(within(optional).getByRole('checkbox', { name: '計画の公表' })).toBeChecked();
    expect(within(optional).getByRole('checkbox', { name: '支援申請の受付' })).not.toBeChecked();
    expect(screen.getByRole('group', { name: /任意の通知の受け取り方/ })).toHaveTextContent('※必須');

    await user.click(within(optional).getByRole('checkbox', { name: '計画の公表' }));
    await user.click(within(optional).getByRole('checkbox', { name: '支援申請の受付' }));
    await user.click(screen.getByRole('radio', { name: '毎朝9時にまとめて受け取る' }));
    await user.click(screen.getByRole('button', { name: '設定を保存する' }));
    expect(await screen.findByText('通知設定を保存しました')).toBeInTheDocument();
    const put = requests.find((r) => r.method === 'PUT');
    expect(put?.body).toEqual({ mute_optional: false, daily_digest: true, muted_reasons: ['plan.published'], instant_mail: false });
    // an editor is mailed at once anyway: the viewers' opt-in is not offered
    expect(screen.queryByRole('checkbox', { name: '通知を1件ずつすぐにメールで受け取る' })).not.toBeInTheDocument();
    expect(put?.headers.get('Content-Type')).toBe('application/json');
  });

  it('shows mail muted as a whole as every optional notice unticked, and puts a refused save in an error summary', async () => {
    fakeServer({
      ...me(KUMAMOTO_EDITOR),
      'GET /api/notify/preferences': () => json(200, { mute_optional: true, daily_digest: true, muted_reasons: [] }),
      'PUT /api/notify/preferences': () => json(500, { title: 'サーバーでエラーが発生しました', status: 500 }),
    });
    const user = userEvent.setup();
    renderApp('/notifications/preferences');
    const optional = await screen.findByRole('group', { name: /受け取る任意の通知/ });
    expect(within(optional).getAllByRole('checkbox').map((c) => (c as HTMLInputElement).checked)).toEqual([false, false, false]);
    expect(screen.getByRole('radio', { name: '毎朝9時にまとめて受け取る' })).toBeChecked();
    await user.click(within(optional).getByRole('checkbox', { name: '支援申請の決定' }));
    await user.click(screen.getByRole('button', { name: '設定を保存する' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('通知設定を保存できませんでした');
    expect(summary).toHaveTextContent('サーバーでエラーが発生しました');
    expect(screen.queryByText('通知設定を保存しました')).not.toBeInTheDocument();
  });
});

describe('送信履歴', () => {
  it('lists mail with JST times and retries an undeliverable one', async () => {
    const { requests } = fakeServer({
      ...me(KUMAMOTO_ADMIN),
      'GET /api/notify/mails?limit=20&offset=0': () =>
        page([mail(1, 'sent'), mail(2, 'dead', { reason: 'plan.published', mandatory: false }), mail(3, 'failed')]),
      'GET /api/notify/mails?state=dead&recipient=user2%40demo.example.jp&limit=20&offset=0': () => page([mail(2, 'dead')]),
      'POST /api/notify/mails/2/retry': () => json(200, mail(2, 'pending', { reason: 'plan.published', mandatory: false })),
    });
    const user = userEvent.setup();
    const view = renderApp('/notifications/mails');
    const table = await screen.findByRole('table', { name: 'メールの送信履歴' });
    const sent = within(table).getByTestId('mail-row-1');
    expect(sent).toHaveTextContent('熊本 利用者1');
    expect(sent).toHaveTextContent('user1@demo.example.jp');
    expect(sent).toHaveTextContent('締切のリマインダー');
    expect(sent).toHaveTextContent('2026年12月1日（火） 09:00');
    expect(sent).toHaveTextContent('2026年12月1日（火） 09:01');
    expect(within(sent).getByTestId('mail-state')).toHaveTextContent('送信済み');
    expect(within(sent).queryByRole('button')).not.toBeInTheDocument();
    expect(within(within(table).getByTestId('mail-row-3')).getByTestId('mail-state')).toHaveTextContent('再試行待ち');
    expect(within(table).getByTestId('mail-row-3')).toHaveTextContent('次回 2026年12月1日（火） 09:05');
    expect(within(table).getByTestId('mail-row-3')).not.toHaveTextContent('再送する');

    const dead = within(table).getByTestId('mail-row-2');
    expect(dead).toHaveTextContent('計画の公表');
    expect(dead).toHaveTextContent('550 mailbox unavailable');
    await user.click(within(dead).getByRole('button', { name: 'user2@demo.example.jp 宛てのメールを再送する' }));
    expect(await screen.findByText('user2@demo.example.jp 宛てのメールを再送の待ち行列に入れました')).toBeInTheDocument();
    expect(within(dead).getByTestId('mail-state')).toHaveTextContent('送信待ち');
    expect(within(dead).queryByRole('button')).not.toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST' && r.url === '/api/notify/mails/2/retry')).toBe(true);

    await user.selectOptions(screen.getByLabelText(/送信状態/), 'dead');
    await user.type(screen.getByLabelText(/宛先のメールアドレス/), ' user2@demo.example.jp ');
    await user.click(screen.getByRole('button', { name: '絞り込む' }));
    await waitFor(() => expect(view.location()).toBe('/notifications/mails?state=dead&recipient=user2%40demo.example.jp'));
    expect(await screen.findByText('1件中 1〜1件を表示')).toBeInTheDocument();
  });

  it('tells why a retry was refused', async () => {
    fakeServer({
      ...me(KUMAMOTO_ADMIN),
      'GET /api/notify/mails?limit=20&offset=0': () => page([mail(4, 'dead')]),
      'POST /api/notify/mails/4/retry': () => json(409, { title: '送信不能のメールではありません', status: 409 }),
    });
    const user = userEvent.setup();
    renderApp('/notifications/mails');
    await user.click(await screen.findByRole('button', { name: /再送する/ }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('再送できませんでした');
    expect(alert).toHaveTextContent('送信不能のメールではありません');
  });

  it('is for administrators only', async () => {
    const { requests } = fakeServer(me(KUMAMOTO_EDITOR));
    renderApp('/notifications/mails');
    expect(await screen.findByRole('heading', { level: 1, name: 'このページを表示する権限がありません' })).toBeInTheDocument();
    expect(requests.some((r) => r.url.startsWith('/api/notify/mails'))).toBe(false);
  });
});

describe('団体の通知設定', () => {
  it('saves the organisation mail format', async () => {
    const { requests } = fakeServer({
      ...me(KUMAMOTO_ADMIN),
      'GET /api/notify/organisation-settings': () => json(200, { organisation: '430005', attach_ics: false, lgwan: false }),
      'PUT /api/notify/organisation-settings': (r: Recorded) => json(200, { organisation: '430005', ...(r.body as object) }),
    });
    const user = userEvent.setup();
    renderApp('/notifications/organisation');
    await user.click(await screen.findByRole('checkbox', { name: 'LGWAN 側のメールボックスで受信する' }));
    await user.click(screen.getByRole('button', { name: '設定を保存する' }));
    expect(await screen.findByText('団体の通知設定を保存しました')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({ attach_ics: false, lgwan: true });
  });
});
