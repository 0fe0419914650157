import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KgiRollup, PrefectureTypeTotals } from '../../api/rollup';
import { CAS_REVIEWER, KUMAMOTO_EDITOR, fakeServer, json } from '../../test/http';
import { renderApp } from '../../test/render';
import { PREFECTURES } from '../../lib/plans';
import { TILE_POSITIONS, VALUE_ADDED, byPrefecture, byType, formatMetric, METRICS, publishedCounts, shadeRanges, tileShade } from './rollup';

const OKU = 100_000_000;

function group(code: string, name: string, type: string, plans: number, valueAddedOku: number, people: number): PrefectureTypeTotals {
  return {
    prefecture_code: code,
    prefecture_name: name,
    plan_type: type,
    plans,
    totals: { capex_target_year: 0, capex_cumulative: 0, value_added: valueAddedOku, human_resources: people },
    yen_totals: { capex_target_year: 0, capex_cumulative: 0, value_added: valueAddedOku * OKU },
    unconverted_kgis: 0,
  };
}

const GROUPS = [
  group('130001', '東京都', 'B', 1, 320, 6000),
  group('400009', '福岡県', 'B', 1, 160, 3000),
  group('430005', '熊本県', 'B', 2, 240, 4500),
  group('430005', '熊本県', 'C', 1, 8, 0),
  group('110000', '埼玉県', 'C', 1, 5, 0),
];

function totalsOf(rows: PrefectureTypeTotals[]) {
  const plans = rows.reduce((n, r) => n + r.plans, 0);
  const va = rows.reduce((n, r) => n + (r.totals.value_added ?? 0), 0);
  const hr = rows.reduce((n, r) => n + (r.totals.human_resources ?? 0), 0);
  return {
    plans,
    totals: { capex_target_year: 0, capex_cumulative: 0, value_added: va, human_resources: hr },
    yen_totals: { capex_target_year: 0, capex_cumulative: 0, value_added: va * OKU },
    unconverted_kgis: 0,
  };
}

const OUTSIDE = GROUPS.filter((g) => !['13', '11'].includes(g.prefecture_code.slice(0, 2)));
const ROLLUP: KgiRollup = {
  published: { by_prefecture_and_type: GROUPS, national: totalsOf(GROUPS), national_excluding_tokyo_area: totalsOf(OUTSIDE) },
  precheck_completed: { by_prefecture_and_type: [], national: totalsOf([]), national_excluding_tokyo_area: totalsOf([]) },
};
const STATES = {
  total: 9,
  by_state: [
    { state: 'in_review', plans: 2 },
    { state: 'published', plans: 6 },
    { state: 'withdrawn', plans: 1 },
  ],
};

afterEach(() => vi.unstubAllGlobals());

describe('roll-up arithmetic', () => {
  it('adds B and C per prefecture and leaves out 東京圏 only when asked', () => {
    const all = byPrefecture(GROUPS, false);
    expect(all.map((p) => p.name)).toEqual(['埼玉県', '東京都', '福岡県', '熊本県']);
    const kumamoto = all.find((p) => p.code === '43');
    expect(kumamoto?.totals.plans).toBe(3);
    expect(kumamoto?.totals.yen_totals.value_added).toBe(248 * OKU);
    expect(all.filter((p) => p.tokyoArea).map((p) => p.name)).toEqual(['埼玉県', '東京都']);
    expect(byPrefecture(GROUPS, true).map((p) => p.name)).toEqual(['福岡県', '熊本県']);
  });

  it('totals per type with and without the Tokyo area', () => {
    const withTokyo = byType(GROUPS, false);
    expect(withTokyo.map((t) => [t.type, t.totals.plans, t.totals.yen_totals.value_added])).toEqual([
      ['B', 4, 720 * OKU],
      ['C', 2, 13 * OKU],
    ]);
    expect(byType(GROUPS, true).map((t) => [t.type, t.totals.plans, t.totals.yen_totals.value_added])).toEqual([
      ['B', 3, 400 * OKU],
      ['C', 1, 8 * OKU],
    ]);
  });

  it('shows money in 百万円 and people in 人', () => {
    const metric = (key: string) => METRICS.find((m) => m.key === key) ?? VALUE_ADDED;
    expect(formatMetric(320 * OKU, VALUE_ADDED)).toBe('32,000百万円');
    expect(formatMetric(1_234_500_000, metric('capex_target_year'))).toBe('1,235百万円');
    expect(formatMetric(4500, metric('human_resources'))).toBe('4,500人');
  });

  it('places all 47 prefectures on distinct tiles and shades them by count', () => {
    const positions = PREFECTURES.map((_, i) => TILE_POSITIONS[String(i + 1).padStart(2, '0')]);
    expect(positions.every(Boolean)).toBe(true);
    expect(new Set(positions.map((p) => p?.join(','))).size).toBe(47);
    // 北海道 is north-east of 沖縄
    const [hokkaidoColumn, hokkaidoRow] = TILE_POSITIONS['01'] ?? [0, 0];
    const [okinawaColumn, okinawaRow] = TILE_POSITIONS['47'] ?? [0, 0];
    expect(hokkaidoColumn).toBeGreaterThan(okinawaColumn);
    expect(hokkaidoRow).toBeLessThan(okinawaRow);
    const counts = publishedCounts(GROUPS);
    expect(counts.size).toBe(47);
    expect(counts.get('43')).toBe(3);
    expect(counts.get('01')).toBe(0);
    expect([0, 1, 2, 3].map((n) => tileShade(n, 3))).toEqual([0, 1, 2, 3]);
    expect(tileShade(1, 10)).toBe(1);
    expect(shadeRanges(6)).toEqual([
      { shade: 0, from: 0, to: 0 },
      { shade: 1, from: 1, to: 2 },
      { shade: 2, from: 3, to: 4 },
      { shade: 3, from: 5, to: 6 },
    ]);
  });
});

describe('全国集計', () => {
  function serve(user: object = CAS_REVIEWER) {
    return fakeServer({
      'GET /auth/me': () => json(200, user),
      'GET /api/rollup/kgis': () => json(200, ROLLUP),
      'GET /api/rollup/plan-states': () => json(200, STATES),
    });
  }

  it('names the prefectures of 東京圏 as plans-api defines them', async () => {
    serve();
    renderApp('/rollup');
    expect(await screen.findByText(/「地域未来戦略」全体KGIは東京圏（埼玉県・千葉県・東京都・神奈川県）以外で数えます。$/)).toBeInTheDocument();
  });

  it('shows the national totals with and without 東京圏 side by side', async () => {
    serve();
    renderApp('/rollup');
    const table = await screen.findByTestId('national-totals');
    const row = within(table).getByRole('rowheader', { name: '付加価値増加額' }).closest('tr') as HTMLElement;
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['73,300百万円', '40,800百万円']);
    const plans = within(table).getByRole('rowheader', { name: '計画数' }).closest('tr') as HTMLElement;
    expect(within(plans).getAllByRole('cell').map((c) => c.textContent)).toEqual(['6件', '4件']);
  });

  it('drops the Tokyo-area prefectures from the tables and charts when 東京圏を除く is chosen', async () => {
    serve();
    const user = userEvent.setup();
    renderApp('/rollup');
    const prefectures = await screen.findByTestId('prefecture-table');
    expect(within(prefectures).getByRole('rowheader', { name: '東京都（東京圏）' })).toBeInTheDocument();
    const types = screen.getByTestId('type-table');
    const typeB = () => within(screen.getByTestId('type-table')).getByRole('rowheader', { name: /^B/ }).closest('tr') as HTMLElement;
    expect(within(typeB()).getAllByRole('cell')[0]).toHaveTextContent('4件');
    expect(types).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: '東京圏を除く（全体KGI）' }));
    const outside = screen.getByTestId('prefecture-table');
    expect(within(outside).queryByRole('rowheader', { name: /東京都/ })).not.toBeInTheDocument();
    expect(within(outside).queryByRole('rowheader', { name: /埼玉県/ })).not.toBeInTheDocument();
    expect(within(typeB()).getAllByRole('cell').map((c) => c.textContent)).toEqual(['3件', '0百万円', '0百万円', '40,000百万円', '7,500人']);
    const chart = screen.getByRole('img', { name: '都道府県別の付加価値増加額（東京圏を除く（全体KGI））' });
    expect(chart).toHaveAccessibleDescription('福岡県 16,000百万円、熊本県 24,800百万円');
  });

  it('draws every prefecture as a named, focusable tile linking to its published plans', async () => {
    serve();
    const user = userEvent.setup();
    renderApp('/rollup');
    const tiles = await screen.findByRole('list', { name: '都道府県別の公表済み計画数' });
    const links = within(tiles).getAllByRole('link');
    expect(links).toHaveLength(47);
    const kumamoto = within(tiles).getByRole('link', { name: '熊本県 公表済み 3件' });
    expect(kumamoto).toHaveAttribute('href', '/plans?state=published&prefecture=43');
    expect(kumamoto).toHaveAttribute('data-shade', '3');
    expect(within(tiles).getByRole('link', { name: '北海道 公表済み 0件' })).toHaveAttribute('data-shade', '0');
    kumamoto.focus();
    await user.tab();
    expect(document.activeElement).toBe(links[43]);
  });

  it('counts plans by state in a table', async () => {
    serve();
    renderApp('/rollup');
    const table = await screen.findByTestId('state-counts');
    const row = within(table).getByRole('rowheader', { name: '事前確認中' }).closest('tr') as HTMLElement;
    expect(within(row).getByRole('cell')).toHaveTextContent('2件');
    expect(within(table).getByRole('rowheader', { name: '合計' }).closest('tr')).toHaveTextContent('9件');
  });

  it('is not offered to a prefecture', async () => {
    const { requests } = serve(KUMAMOTO_EDITOR);
    renderApp('/rollup');
    expect(await screen.findByRole('heading', { level: 1, name: 'このページを表示する権限がありません' })).toBeInTheDocument();
    expect(requests.some((r) => r.url.startsWith('/api/rollup'))).toBe(false);
  });
});
