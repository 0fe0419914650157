import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CAS_REVIEWER, KIKUYO_EDITOR, KUMAMOTO_EDITOR, fakeServer, json } from '../../test/http';
import { renderApp } from '../../test/render';
import { Highlighted } from './SearchPage';

afterEach(() => vi.unstubAllGlobals());

const me = { 'GET /auth/me': () => json(200, CAS_REVIEWER) };
const RESULT = {
  id: 7,
  title: '熊本県 焼酎と半導体の計画',
  lead_organisation: '430005',
  lead_prefecture: '43',
  prefecture_name: '熊本県',
  plan_type: 'B',
  state: 'in_review',
  state_label: '事前確認中',
  version: 4,
  score: 11,
  occurrences: 2,
  snippets: [{ label: '計画の名称', text: '熊本県 焼酎と半導体の計画', highlights: [[4, 6]] }],
};

describe('the plan search', () => {
  it.each([CAS_REVIEWER, KUMAMOTO_EDITOR, KIKUYO_EDITOR])('is in the main menu of $organisation_name, reached and opened by keyboard', async (user) => {
    fakeServer({ 'GET /auth/me': () => json(200, user) });
    const view = renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'ダッシュボード' });
    const nav = screen.getByRole('navigation', { name: 'メインメニュー' });
    const link = within(nav).getByRole('link', { name: '計画の検索' });
    expect(link).toHaveAttribute('href', '/search');
    const keyboard = userEvent.setup();
    for (let i = 0; i < 30 && document.activeElement !== link; i += 1) await keyboard.tab();
    expect(link).toHaveFocus();
    await keyboard.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: '計画の検索' })).toBeInTheDocument();
    expect(view.location()).toBe('/search');
    expect(within(nav).getByRole('link', { name: '計画の検索' })).toHaveAttribute('aria-current', 'page');
  });

  it('marks the matched passage of each result and links the plan', async () => {
    fakeServer({
      ...me,
      'GET /api/plans/search?q=%E7%84%BC%E9%85%8E&limit=20&offset=0': () =>
        json(200, { items: [RESULT], total: 1, limit: 20, offset: 0, query: '焼酎', total_is_estimate: false }),
    });
    renderApp('/search?q=焼酎');
    const results = await screen.findByTestId('search-results');
    expect(within(results).getByRole('link', { name: '熊本県 焼酎と半導体の計画' })).toHaveAttribute('href', '/plans/7');
    const marked = results.querySelectorAll('mark');
    expect(Array.from(marked).map((m) => m.textContent)).toEqual(['焼酎']);
    expect(results).toHaveTextContent('B 地域産業クラスター計画・熊本県・事前確認中');
    expect(screen.getByText('1件')).toBeInTheDocument();
  });

  it('says 約 for an estimated count, and says so when nothing matches', async () => {
    fakeServer({
      ...me,
      'GET /api/plans/search?q=%E5%8D%8A%E5%B0%8E%E4%BD%93%E8%A3%BD%E9%80%A0&limit=20&offset=0': () =>
        json(200, { items: [RESULT], total: 600, limit: 20, offset: 0, query: '半導体製造', total_is_estimate: true }),
      'GET /api/plans/search?q=%E6%B5%B7%E6%B4%8B&limit=20&offset=0': () =>
        json(200, { items: [], total: 0, limit: 20, offset: 0, query: '海洋', total_is_estimate: false }),
    });
    renderApp('/search?q=半導体製造');
    expect(await screen.findByText('約600件')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/検索語/), { target: { value: '海洋' } });
    fireEvent.click(screen.getByRole('button', { name: '検索する' }));
    expect(await screen.findByText('「海洋」を含む計画は見つかりませんでした。')).toBeInTheDocument();
  });

  it('shows the server’s message for a refused query', async () => {
    fakeServer({
      ...me,
      'GET /api/plans/search?q=%E3%80%82%E3%80%82&limit=20&offset=0': () =>
        json(422, { title: '検索語を確認してください', status: 422, errors: [{ field: 'q', message: '文字を含む検索語を入力してください' }] }),
    });
    renderApp('/search?q=。。');
    expect(await screen.findByText('検索できませんでした')).toBeInTheDocument();
  });

  it('marks by characters, not by UTF-16 units, and ignores a range out of order', () => {
    render(<p data-testid="t"><Highlighted text="𠮷野家の焼酎" highlights={[[4, 6], [2, 1]]} /></p>);
    const marks = screen.getByTestId('t').querySelectorAll('mark');
    expect(Array.from(marks).map((m) => m.textContent)).toEqual(['焼酎']);
  });
});
