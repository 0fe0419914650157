import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json } from '../../test/http';
import { renderApp } from '../../test/render';

afterEach(() => vi.unstubAllGlobals());

const anonymous = { 'GET /auth/me': () => json(401, { title: '認証が必要です', status: 401 }) };
const PLAN = {
  plan_id: 9,
  plan_type: 'C',
  title: '公表された計画',
  lead_organisation: '434043',
  organisations: ['434043'],
  prefecture_code: '43',
  prefecture_name: '熊本県',
  version: 2,
  published_at: '2026-09-01T01:00:00Z',
  core_companies: [],
};
const page = (items: unknown[]) => () => json(200, { items, total: items.length, limit: 50, offset: 0 });
const item = (area: string, label: string, name: string, after: string) => ({ kind: 'added', area, area_label: label, item: name, field: null, before: null, after, path: `${area}/${name}` });

describe('the open data (no login)', () => {
  it('lists the published plans, each a link to its page, with its type and version in words', async () => {
    fakeServer({ ...anonymous, 'GET /public/v1/plans?limit=50&offset=0': page([PLAN]) });
    renderApp('/open-data');
    const table = await screen.findByTestId('open-data');
    expect(within(table).getByRole('link', { name: '公表された計画' })).toHaveAttribute('href', '/open-data/plans/9');
    expect(within(table).getByRole('cell', { name: 'C 地場産業成長プラン' })).toBeInTheDocument();
    expect(within(table).getByRole('cell', { name: '第2版' })).toBeInTheDocument();
    expect(within(table).getByRole('cell', { name: '2026年9月1日（火） 10:00' })).toBeInTheDocument();
    expect(screen.getByText('1件')).toBeInTheDocument();
  });

  it('filters by prefecture and strategic field, and says when nothing matches', async () => {
    const server = fakeServer({
      ...anonymous,
      'GET /public/v1/plans?limit=50&offset=0': page([PLAN]),
      'GET /public/v1/plans?limit=50&offset=0&prefecture=40': page([]),
      'GET /public/v1/plans?limit=50&offset=0&prefecture=40&field=shipbuilding': page([]),
    });
    renderApp('/open-data');
    await screen.findByTestId('open-data');
    fireEvent.change(screen.getByLabelText(/都道府県/), { target: { value: '40' } });
    expect(await screen.findByText('条件に合う公表計画はありません。')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/戦略分野/), { target: { value: 'shipbuilding' } });
    await screen.findByText('条件に合う公表計画はありません。');
    expect(server.requests.map((r) => r.url)).toContain('/public/v1/plans?limit=50&offset=0&prefecture=40&field=shipbuilding');
  });

  it('shows one plan’s published content, its files and its publications, asking nothing that needs a login', async () => {
    const server = fakeServer({
      ...anonymous,
      'GET /public/v1/plans/9/versions': () =>
        json(200, [
          { version: 2, title: '公表された計画', published_at: '2026-09-01T01:00:00Z' },
          { version: 1, title: '最初の名称', published_at: '2026-07-01T01:00:00Z' },
        ]),
      'GET /public/v1/plans/9/versions/2/items': () =>
        json(200, [
          item('basics', '計画の概要', '計画の名称', '公表された計画'),
          item('basics', '計画の概要', '該当する業種(日本標準産業分類)', 'E28 電子部品・デバイス・電子回路製造業'),
          item('kgis', 'KGI', 'KGI「計画での付加価値増加額」', '目標値: 1,200'),
        ]),
      'GET /public/v1/plans/9/versions/1/items': () => json(200, [item('basics', '計画の概要', '計画の名称', '最初の名称')]),
    });
    renderApp('/open-data/plans/9');
    expect(await screen.findByRole('heading', { level: 1, name: '公表された計画' })).toBeInTheDocument();
    const content = await screen.findByTestId('version-content');
    expect(content).toHaveTextContent('E28 電子部品・デバイス・電子回路製造業');
    expect(content).toHaveTextContent('KGI「計画での付加価値増加額」');
    expect(screen.getByRole('link', { name: 'PDFで取得する' })).toHaveAttribute('href', '/public/v1/plans/9/versions/2.pdf');
    expect(screen.getByRole('link', { name: 'JSONで取得する' })).toHaveAttribute('href', '/public/v1/plans/9/versions/2');
    const history = screen.getByTestId('publications');
    expect(within(history).getAllByRole('row')).toHaveLength(3);
    fireEvent.click(within(history).getByRole('link', { name: '第1版を表示する' }));
    expect(await screen.findByRole('heading', { level: 1, name: '最初の名称' })).toBeInTheDocument();
    expect(await screen.findByTestId('version-content')).toHaveTextContent('最初の名称');
    expect(screen.getByRole('link', { name: 'PDFで取得する' })).toHaveAttribute('href', '/public/v1/plans/9/versions/1.pdf');
    expect(server.requests.filter((r) => r.url.startsWith('/api/'))).toEqual([]);
  });

  it('is a 404 for a plan that was never published', async () => {
    fakeServer({ ...anonymous });
    renderApp('/open-data/plans/5');
    expect(await screen.findByRole('heading', { level: 1, name: /見つかりません/ })).toBeInTheDocument();
  });
});
