import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jstWallClock } from '../../lib/dates';
import { KUMAMOTO_EDITOR, fakeServer, json, type Recorded } from '../../test/http';
import { renderApp } from '../../test/render';
import { deadlineDay, gridRange } from './calendar';
import { isViewer } from './preferences';

const me = (user: object) => ({ 'GET /auth/me': () => json(200, user) });
const KUMAMOTO_VIEWER = { ...KUMAMOTO_EDITOR, id: 108, email: 'kumamoto-viewer@demo.example.jp', name: '熊本県 閲覧者', roles: ['viewer'] };

const FIRST_BATCH = {
  id: 3,
  kind: 'national_round',
  title: '第1弾 事前確認依頼の期限',
  description: '第1弾(2026年7月15日までの事前確認依頼): この期限までに計画(素案)の事前確認依頼を行ってください。',
  due_at: '2026-07-15T15:00:00Z',
  last_day: '2026-07-15',
  due_at_label: '令和8年7月15日(水)まで',
  days_left: 5,
  mandatory: true,
  organisations: [],
};

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('day deadlines and closed days', () => {
  it('puts a 「…までに」 deadline on its last day, not on the exclusive cutoff', () => {
    expect(deadlineDay(FIRST_BATCH)).toBe('2026-07-15');
    expect(deadlineDay({ due_at: '2026-06-01T03:00:00Z', last_day: null })).toBe('2026-06-01');
    expect(gridRange({ year: 2026, month: 7 })).toEqual({ from: '2026-06-28', to: '2026-08-01' });
  });

  it('tells a viewer from the people mailed at once', () => {
    expect(isViewer(['viewer'])).toBe(true);
    expect(isViewer(['editor'])).toBe(false);
    expect(isViewer(['admin', 'viewer'])).toBe(false);
    expect(isViewer(['reviewer'])).toBe(false);
  });

  it('marks the holidays on the grid and shows a round as its last day 「まで」, linked to its page', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(jstWallClock(2026, 7, 10, 9, 0));
    const { requests } = fakeServer({
      ...me(KUMAMOTO_EDITOR),
      'GET /api/notify/deadlines?limit=500': () => json(200, { items: [FIRST_BATCH], total: 1, limit: 500, offset: 0 }),
      'GET /api/notify/closed-days?from=2026-06-28&to=2026-08-01': () =>
        json(200, [{ date: '2026-07-20', name: '海の日', kind: 'holiday' }]),
    });
    renderApp('/notifications?month=2026-07');
    const grid = await screen.findByRole('table', { name: '令和8年7月（2026年7月）の締切' });
    await waitFor(() => expect(grid.querySelector('td[data-date="2026-07-20"]')).toHaveAttribute('data-closed', 'holiday'));
    expect(grid.querySelector('td[data-date="2026-07-20"]')).toHaveTextContent('休日：海の日');
    expect(grid.querySelector('td[data-date="2026-07-21"]')).not.toHaveAttribute('data-closed');
    const lastDay = grid.querySelector('td[data-date="2026-07-15"]');
    expect(lastDay).toHaveTextContent('まで第1弾 事前確認依頼の期限');
    // the exclusive cutoff (00:00 on 7/16) is not a day of the deadline
    expect(grid.querySelector('td[data-date="2026-07-16"]')).not.toHaveTextContent('第1弾');
    expect(within(lastDay as HTMLElement).getByRole('link', { name: '第1弾 事前確認依頼の期限' })).toHaveAttribute(
      'href',
      '/notifications/deadlines/3',
    );
    const item = screen.getByTestId('deadline-3');
    expect(item).toHaveTextContent('2026年7月15日（水）まで（日本時間）');
    expect(item).not.toHaveTextContent('23:59');
    expect(item).not.toHaveTextContent('00:00');
    expect(requests.some((r) => r.url.startsWith('/api/notify/closed-days'))).toBe(true);
  });

  it('opens one deadline from its address (the .ics URL), and says so for one it cannot see', async () => {
    fakeServer({
      ...me(KUMAMOTO_EDITOR),
      'GET /api/notify/deadlines/3': () => json(200, FIRST_BATCH),
    });
    renderApp('/notifications/deadlines/3');
    expect(await screen.findByRole('heading', { level: 1, name: '第1弾 事前確認依頼の期限' })).toBeInTheDocument();
    const detail = screen.getByTestId('deadline-detail');
    expect(detail).toHaveTextContent('2026年7月15日（水）まで（日本時間）');
    expect(detail).toHaveTextContent('国の事前確認');
    expect(detail).toHaveTextContent('すべての地方公共団体');
    expect(screen.getByRole('link', { name: '締切カレンダーに戻る' })).toHaveAttribute('href', '/notifications?month=2026-07');
  });

  it('answers a deadline it may not see with a Japanese page, not an error', async () => {
    fakeServer({ ...me(KUMAMOTO_EDITOR) });
    renderApp('/notifications/deadlines/99');
    expect(await screen.findByText('この締切は見つかりません')).toBeInTheDocument();
  });
});

describe('a viewer’s mail', () => {
  it('offers a viewer instant mail and keeps the choice', async () => {
    const { requests } = fakeServer({
      ...me(KUMAMOTO_VIEWER),
      'GET /api/notify/preferences': () =>
        json(200, { mute_optional: false, daily_digest: false, muted_reasons: [], instant_mail: false }),
      'PUT /api/notify/preferences': (r: Recorded) => json(200, r.body),
    });
    const user = userEvent.setup();
    renderApp('/notifications/preferences');
    const instant = await screen.findByRole('checkbox', { name: '通知を1件ずつすぐにメールで受け取る' });
    expect(instant).not.toBeChecked();
    expect(screen.getByText(/既定では毎朝9時のまとめ通知だけが届きます/)).toBeInTheDocument();
    await user.click(instant);
    await user.click(screen.getByRole('button', { name: '設定を保存する' }));
    expect(await screen.findByText('通知設定を保存しました')).toBeInTheDocument();
    const put = requests.find((r) => r.method === 'PUT');
    expect(put?.body).toMatchObject({ instant_mail: true });
  });
});
