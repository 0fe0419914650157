import { fireEvent, screen, waitFor, within } from '@testing-library/react';
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
  lead_organisation_name: '熊本県菊陽町',
  prefecture_name: '熊本県',
  version: 2,
  published_at: '2026-09-01T01:00:00Z',
  core_companies: [],
};
const page = (items: unknown[]) => () => json(200, { items, total: items.length, limit: 50, offset: 0 });
const reference = {
  'GET /public/v1/reference/rounds': () =>
    json(200, [
      { code: '2026-leading', name: '先行事例', kind: 'leading_example', kind_label: '先行事例', last_day: '2026-06-05', review_target_date: null, filterable: false },
      { code: '2026-batch-1', name: '第1弾', kind: 'batch', kind_label: '取りまとめ(一斉公表)', last_day: '2026-07-15', review_target_date: '2026-08-15', filterable: true },
    ]),
  'GET /public/v1/reference/jsic': () =>
    json(200, {
      revision: '日本標準産業分類（令和5年7月改定・第14回改定）',
      coverage: '',
      items: [
        { code: 'E', name: '製造業', level: '大分類', label: 'E 製造業', keywords: [] },
        { code: 'E28', name: '電子部品・デバイス・電子回路製造業', level: '中分類', label: 'E28 電子部品・デバイス・電子回路製造業', keywords: ['半導体'] },
      ],
    }),
};
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

  it('names the municipality that made the plan, as the server gives it, never its code', async () => {
    fakeServer({ ...anonymous, 'GET /public/v1/plans?limit=50&offset=0': page([PLAN]) });
    renderApp('/open-data');
    const table = await screen.findByTestId('open-data');
    expect(within(table).getByRole('columnheader', { name: '作成団体' })).toBeInTheDocument();
    expect(within(table).getByRole('cell', { name: '熊本県菊陽町' })).toBeInTheDocument();
    expect(within(table).queryByText('434043')).toBeNull();
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

  it('filters by industry (searched by name in the public list) and by round, kept in the address', async () => {
    const server = fakeServer({
      ...anonymous,
      ...reference,
      'GET /public/v1/plans?limit=50&offset=0': page([PLAN]),
      'GET /public/v1/plans?limit=50&offset=0&industry=E28': page([PLAN]),
      'GET /public/v1/plans?limit=50&offset=0&industry=E28&round=2026-batch-1': page([]),
    });
    const view = renderApp('/open-data');
    await screen.findByTestId('open-data');
    fireEvent.change(screen.getByLabelText(/^業種（日本標準産業分類）/), { target: { value: '電子部品' } });
    fireEvent.click(await screen.findByRole('button', { name: 'E28 電子部品・デバイス・電子回路製造業 で絞り込む' }));
    expect(await screen.findByTestId('industry-chosen')).toHaveTextContent('選んだ業種：E28 電子部品・デバイス・電子回路製造業');
    await screen.findByTestId('open-data');
    const round = screen.getByLabelText(/^回/);
    // only a round plans belong to is offered (先行事例 is a flag, not a round of its own)
    expect(within(round).getAllByRole('option').map((o) => o.textContent)).toEqual(['すべて', '第1弾']);
    fireEvent.change(round, { target: { value: '2026-batch-1' } });
    expect(await screen.findByText('条件に合う公表計画はありません。')).toBeInTheDocument();
    expect(view.location()).toBe('/open-data?industry=E28&round=2026-batch-1');
    expect(server.requests.map((r) => r.url)).toContain('/public/v1/plans?limit=50&offset=0&industry=E28&round=2026-batch-1');
    expect(screen.getByRole('link', { name: 'CSVで取得する' })).toHaveAttribute('href', '/public/v1/plans.csv?industry=E28&round=2026-batch-1');
    fireEvent.click(screen.getByRole('button', { name: '業種の絞り込みを外す' }));
    await waitFor(() => expect(view.location()).toBe('/open-data?round=2026-batch-1'));
    expect(server.requests.filter((r) => r.url.startsWith('/api/'))).toEqual([]);
  });

  it('reads the filters from the address and ignores what is not a code', async () => {
    const server = fakeServer({ ...anonymous, ...reference, 'GET /public/v1/plans?limit=50&offset=0&prefecture=43&industry=E28': page([PLAN]) });
    renderApp('/open-data?prefecture=43&industry=e28&round=第1弾&field=none');
    await screen.findByTestId('open-data');
    expect(server.requests.map((r) => r.url)).toContain('/public/v1/plans?limit=50&offset=0&prefecture=43&industry=E28');
    expect(await screen.findByTestId('industry-chosen')).toHaveTextContent('E28 電子部品・デバイス・電子回路製造業');
  });

  describe('the 類型 filter', () => {
    const LIST = '/public/v1/plans?limit=50&offset=0';
    const listRequests = (server: ReturnType<typeof fakeServer>) => server.requests.map((r) => r.url).filter((url) => url.startsWith('/public/v1/plans?'));
    const typeSelect = () => screen.getByLabelText<HTMLSelectElement>(/^類型/);
    const routes = { ...anonymous, ...reference, [`GET ${LIST}`]: page([PLAN]), [`GET ${LIST}&type=B`]: page([]), [`GET ${LIST}&type=C`]: page([PLAN]) };

    it('offers all, B and C, and sends the type chosen to the server and into the address', async () => {
      const server = fakeServer(routes);
      const view = renderApp('/open-data');
      await screen.findByTestId('open-data');
      expect(within(typeSelect()).getAllByRole('option').map((o) => [o.getAttribute('value'), o.textContent])).toEqual([
        ['', 'すべて'],
        ['B', 'B 地域産業クラスター計画'],
        ['C', 'C 地場産業成長プラン'],
      ]);
      fireEvent.change(typeSelect(), { target: { value: 'B' } });
      await waitFor(() => expect(listRequests(server)).toEqual([LIST, `${LIST}&type=B`]));
      expect(view.location()).toBe('/open-data?type=B');
      expect(typeSelect()).toHaveValue('B');
      expect(await screen.findByText('条件に合う公表計画はありません。')).toBeInTheDocument();
      expect(screen.getByRole('link', { name: 'CSVで取得する' })).toHaveAttribute('href', '/public/v1/plans.csv?type=B');
    });

    it('pre-selects the type the address names and sends it', async () => {
      const server = fakeServer(routes);
      renderApp('/open-data?type=B');
      await waitFor(() => expect(listRequests(server)).toEqual([`${LIST}&type=B`]));
      expect(typeSelect()).toHaveValue('B');
      expect(await screen.findByText('条件に合う公表計画はありません。')).toBeInTheDocument();
    });

    for (const unknown of ['Z', 'A']) {
      it(`ignores type=${unknown} in the address: nothing sent, all selected`, async () => {
        const server = fakeServer(routes);
        renderApp(`/open-data?type=${unknown}`);
        await screen.findByTestId('open-data');
        expect(typeSelect()).toHaveValue('');
        expect(within(typeSelect()).getByRole('option', { selected: true })).toHaveTextContent('すべて');
        expect(listRequests(server)).toEqual([LIST]);
      });
    }

    it('clearing the type back to all takes it out of the address and the request', async () => {
      const server = fakeServer(routes);
      const view = renderApp('/open-data?type=C');
      await screen.findByTestId('open-data');
      expect(typeSelect()).toHaveValue('C');
      expect(listRequests(server)).toEqual([`${LIST}&type=C`]);
      fireEvent.change(typeSelect(), { target: { value: '' } });
      await waitFor(() => expect(view.location()).toBe('/open-data'));
      await waitFor(() => expect(listRequests(server)).toEqual([`${LIST}&type=C`, LIST]));
      expect(typeSelect()).toHaveValue('');
      expect(await screen.findByTestId('open-data')).toBeInTheDocument();
    });
  });

  it('lists the prefectures by region', async () => {
    fakeServer({ ...anonymous, ...reference, 'GET /public/v1/plans?limit=50&offset=0': page([PLAN]) });
    renderApp('/open-data');
    await screen.findByTestId('open-data');
    const prefecture = screen.getByLabelText(/^都道府県/);
    const groups = within(prefecture).getAllByRole('group');
    expect(groups.map((g) => g.getAttribute('label'))).toEqual(['北海道・東北', '関東', '中部', '近畿', '中国', '四国', '九州・沖縄']);
    expect(within(groups[6] as HTMLElement).getByRole('option', { name: '熊本県' })).toHaveValue('43');
    expect(within(prefecture).getAllByRole('option')).toHaveLength(48);
  });

  it('offers the shown version as PDF, CSV, Excel and JSON', async () => {
    fakeServer({
      ...anonymous,
      'GET /public/v1/plans/9/versions': () => json(200, [{ version: 2, title: '公表された計画', published_at: '2026-09-01T01:00:00Z' }, { version: 1, title: '最初の名称', published_at: '2026-07-01T01:00:00Z' }]),
      'GET /public/v1/plans/9/versions/1/items': () => json(200, [item('basics', '計画の概要', '計画の名称', '最初の名称')]),
    });
    renderApp('/open-data/plans/9?version=1');
    expect(await screen.findByRole('heading', { level: 1, name: '最初の名称' })).toBeInTheDocument();
    const downloads = screen.getByRole('region', { name: 'この版のデータ' });
    expect(within(downloads).getAllByRole('link').map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['PDFで取得する', '/public/v1/plans/9/versions/1.pdf'],
      ['CSVで取得する', '/public/v1/plans/9/versions/1.csv'],
      ['Excelで取得する', '/public/v1/plans/9/versions/1.xlsx'],
      ['JSONで取得する', '/public/v1/plans/9/versions/1'],
    ]);
  });

  it('is a 404 for a plan that was never published', async () => {
    fakeServer({ ...anonymous });
    renderApp('/open-data/plans/5');
    expect(await screen.findByRole('heading', { level: 1, name: /見つかりません/ })).toBeInTheDocument();
  });
});
