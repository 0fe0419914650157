import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApplicationOut, CallOut, ScoreOut, SelectionOut } from '../../api/scoring';
import { CAS_REVIEWER, KUMAMOTO_EDITOR, fakeServer, json } from '../../test/http';
import { renderApp } from '../../test/render';
import { selectionEffectText } from './ApplicationPage';
import { CriteriaTable } from './CriteriaTable';
import { validateCallForm, type CallFormValues } from './callForm';
import { quantitativeChecks } from './criteria';
import { layoutScatter, linearScale, niceMax, ticks } from './scatter';

afterEach(() => vi.unstubAllGlobals());

const KUMAMOTO_APPROVER = { ...KUMAMOTO_EDITOR, id: 104, email: 'kumamoto-approver@demo.example.jp', roles: ['approver'] };
const me = (user: object) => ({ 'GET /auth/me': () => json(200, user) });

function metric(definition: 'national_share' | 'company_ratio', value: number | null, rank: number | null, percentile: number | null) {
  return { label: '', definition, value, rank, percentile, deviation: null };
}

function score(number: string, name: string, values: [number | null, number | null, number | null, number | null], rank = 1): ScoreOut {
  return {
    corporate_number: number,
    name,
    fiscal_year: 2025,
    prefecture: '43',
    companies_counted: 3,
    connector_share: metric('national_share', values[0], rank, 100),
    hub_share: metric('national_share', values[1], rank, 100),
    connector_ratio: metric('company_ratio', values[2], rank, 100),
    hub_ratio: metric('company_ratio', values[3], values[3] === null ? null : rank, values[3] === null ? null : 66.7),
    computed_at: '2026-11-30T00:00:00Z',
  };
}

const CALL: CallOut = {
  id: 5,
  prefecture: '43',
  organisation: '430005',
  title: '重点支援企業の公募',
  description: null,
  opens_at: '2026-05-14T15:00:00Z',
  closes_at: '2026-06-01T03:00:00Z',
  opens_at_jst: '2026-05-15T00:00:00+09:00',
  closes_at_jst: '2026-06-01T12:00:00+09:00',
  target_fields: ['半導体産業と半導体ユーザー産業'],
  min_sales: 1_000_000_000,
  max_employees: 2000,
  required_consents: [{ code: 'accompanying_support', label: '伴走支援体制の承諾' }],
  required_documents: [{ code: 'form1', label: '応募申請書（様式1）' }],
  plan_id: '3',
  created_at: '2026-05-01T00:00:00Z',
};

describe('the scatter plot’s scaling', () => {
  it('ends an axis at the next round value above the largest one', () => {
    expect(niceMax(0.0834)).toBe(0.1);
    expect(niceMax(0.106)).toBe(0.2);
    expect(niceMax(0.846)).toBe(1);
    expect(niceMax(0.22)).toBe(0.25);
    expect(niceMax(0.3)).toBe(0.5);
    expect(niceMax(0.5)).toBe(0.5);
    // No data, or only zeros: a 0–100% axis rather than a division by zero.
    expect(niceMax(0)).toBe(1);
    expect(ticks(0.25)).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25]);
  });

  it('maps values linearly onto the plot, y growing upwards', () => {
    const x = linearScale(0.2, 72, 616);
    expect(x(0)).toBe(72);
    expect(x(0.1)).toBe(344);
    expect(x(0.2)).toBe(616);
    const y = linearScale(0.5, 364, 24);
    expect(y(0)).toBe(364);
    expect(y(0.25)).toBe(194);
    expect(y(0.5)).toBe(24);
  });

  it('places each company and lists those whose value cannot be computed instead of drawing them', () => {
    const layout = layoutScatter([
      { id: 'a', label: 'A', x: 0.2, y: 0.5 },
      { id: 'b', label: 'B', x: 0.1, y: 0 },
      { id: 'c', label: 'C', x: 0.05, y: null },
    ]);
    expect(layout.xEnd).toBe(0.2);
    expect(layout.yEnd).toBe(0.5);
    expect(layout.points.map((p) => [p.id, p.cx, p.cy])).toEqual([
      ['a', layout.plot.right, layout.plot.top],
      ['b', (layout.plot.left + layout.plot.right) / 2, layout.plot.bottom],
    ]);
    expect(layout.missing.map((m) => m.id)).toEqual(['c']);
  });
});

describe('企業のコネクター度・ハブ度', () => {
  it('shows both definitions with rank and percentile, and the scatter plot with its table', async () => {
    fakeServer({
      ...me(KUMAMOTO_EDITOR),
      'GET /api/scoring/scores?fiscal_year=2025&limit=500': () =>
        json(200, {
          items: [
            score('5430000000002', '阿蘇セミコンパーツ', [0.106, 0.0167, 0.846, null]),
            score('8430000000001', '肥後精密工業', [0.09, 0.02, 0.8, 0.3], 2),
          ],
          total: 2,
          limit: 500,
          offset: 0,
        }),
    });
    renderApp('/scoring');
    const row = await screen.findByTestId('score-row-5430000000002');
    expect(within(row).getByRole('link', { name: '阿蘇セミコンパーツ' })).toHaveAttribute('href', '/scoring/companies/5430000000002?fy=2025');
    const cells = within(row).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('10.60%3社中 1位・パーセンタイル 100.0');
    expect(cells[2]).toHaveTextContent('84.6%');
    expect(cells[3]).toHaveTextContent('計算できません（分母が0）');
    expect(screen.getByRole('columnheader', { name: '都道府県内シェア（国の定義）' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: '企業内比率（熊本県様式2の定義）' })).toBeInTheDocument();
    const plot = screen.getByRole('img', { name: /散布図 — 都道府県内シェア（国の定義）/ });
    expect(within(plot).getAllByTestId('scatter-point')).toHaveLength(2);
    const table = screen.getByRole('table', { name: /散布図/ });
    expect(within(table).getByRole('row', { name: /肥後精密工業 9.00% 2.00%/ })).toBeInTheDocument();
  });
});

describe('企業の検索', () => {
  it('finds companies by name or 法人番号 through scoring-api’s q, keeping what the server matched', async () => {
    const scores = (items: ScoreOut[]) => () => json(200, { items, total: items.length, limit: 500, offset: 0 });
    const { requests } = fakeServer({
      ...me(KUMAMOTO_EDITOR),
      'GET /api/scoring/scores?fiscal_year=2025&limit=500': scores([
        score('5430000000002', '阿蘇セミコンパーツ', [0.106, 0.0167, 0.846, null]),
        score('8430000000001', '肥後精密工業', [0.09, 0.02, 0.8, 0.3], 2),
      ]),
      // the server normalises the katakana and matches the reading it holds; the SPA filters nothing itself
      [`GET /api/scoring/scores?fiscal_year=2025&q=${encodeURIComponent('ｱｿ')}&limit=500`]: scores([
        score('5430000000002', '阿蘇セミコンパーツ', [0.106, 0.0167, 0.846, null]),
      ]),
    });
    const user = userEvent.setup();
    renderApp('/scoring');
    await screen.findByTestId('score-row-8430000000001');
    await user.type(screen.getByLabelText(/企業名・法人番号/), ' ｱｿ ');
    await user.click(screen.getByRole('button', { name: '表示する' }));
    await screen.findByRole('heading', { name: '企業の一覧（1社）' });
    expect(screen.getByTestId('score-row-5430000000002')).toBeInTheDocument();
    expect(screen.queryByTestId('score-row-8430000000001')).not.toBeInTheDocument();
    expect(requests.filter((r) => r.url.startsWith('/api/scoring/scores')).map((r) => new URL(r.url, 'http://x').searchParams.get('q'))).toEqual([null, 'ｱｿ']);
  });
});

const APPLICATION: ApplicationOut = {
  id: 9,
  call_id: 5,
  status: 'received',
  corporate_number: '5430000000002',
  company_name: '阿蘇セミコンパーツ',
  employees: 2400,
  sales: 3_200_000_000,
  submitted_at: '2026-05-18T01:00:00Z',
  hq_address: '熊本県',
  business_summary: '部品',
  employees_as_of: null,
  current_sales: 3_200_000_000,
  current_sales_period: null,
  web: null,
  philosophy: '理念',
  present_state: '現状',
  strategy: '戦略',
  investment_picture: '投資',
  regional_impact: '波及',
  vision: '姿',
  fiscal_period: '2026-03',
  out_of_prefecture_sales: 2_400_000_000,
  purchases: 1_600_000_000,
  in_prefecture_purchases: 800_000_000,
  excellence_statement: null,
  consents: ['accompanying_support'],
  connector_assessment: null,
  hub_assessment: null,
  field_match: null,
  assessment_note: null,
  connector_ratio: 0.75,
  hub_ratio: 0.5,
  criteria: [
    { code: 'min_sales', kind: 'quantitative', label: '売上高が10億円以上', passed: true, actual: '32億円' },
    { code: 'max_employees', kind: 'quantitative', label: '従業員規模が2,000名以下', passed: false, actual: '2,400名' },
    { code: 'form1', kind: 'document', label: '応募申請書（様式1）', passed: false, actual: null },
  ],
  decisions: [],
  attachments: [],
  selection: null,
};

describe('the criteria checks', () => {
  it('counts the limits themselves as met (売上高10億円以上・従業員2,000名以下)', () => {
    expect(quantitativeChecks(CALL, { sales: 1_000_000_000, employees: 2000 }).map((c) => [c.label, c.passed, c.actual])).toEqual([
      ['売上高が10億円以上', true, '10億円'],
      ['従業員規模が2,000名以下', true, '2,000名'],
    ]);
    expect(quantitativeChecks(CALL, { sales: 999_999_999, employees: 2001 }).map((c) => c.passed)).toEqual([false, false]);
    expect(quantitativeChecks({ min_sales: null, max_employees: null }, { sales: 0, employees: 0 })).toEqual([]);
  });

  it('says passed or not in words and marks, with the actual value', () => {
    render(<CriteriaTable criteria={APPLICATION.criteria ?? []} />);
    expect(screen.getByTestId('criterion-min_sales')).toHaveTextContent('売上高が10億円以上定量的基準✓ 満たしている32億円');
    expect(screen.getByTestId('criterion-max_employees')).toHaveTextContent('✕ 満たしていない2,400名');
    expect(screen.getByTestId('criterion-form1')).toHaveTextContent('応募書類✕ 満たしていない—');
  });

  it('checks each application of a call against its quantitative criteria', async () => {
    fakeServer({
      ...me(KUMAMOTO_APPROVER),
      'GET /api/scoring/calls/5': () => json(200, CALL),
      'GET /api/scoring/calls/5/applications': () =>
        json(200, [
          {
            id: 9, call_id: 5, status: 'received', corporate_number: '5430000000002', company_name: '阿蘇セミコンパーツ', employees: 2400, sales: 3_200_000_000, submitted_at: '2026-05-18T01:00:00Z',
            quantitative_criteria: [
              { code: 'min_sales', kind: 'quantitative', label: '売上高が10億円以上', passed: true, actual: '32億円' },
              { code: 'max_employees', kind: 'quantitative', label: '従業員規模が2,000名以下', passed: false, actual: '2,400名' },
            ],
          },
          {
            id: 10, call_id: 5, status: 'selected', corporate_number: '8430000000001', company_name: '肥後精密工業', employees: 900, sales: 800_000_000, submitted_at: '2026-05-19T01:00:00Z',
            quantitative_criteria: [
              { code: 'min_sales', kind: 'quantitative', label: '売上高が10億円以上', passed: false, actual: '8億円' },
              { code: 'max_employees', kind: 'quantitative', label: '従業員規模が2,000名以下', passed: true, actual: '900名' },
            ],
          },
        ]),
      'GET /api/plans?type=B&limit=100&offset=0': () => json(200, { items: [], total: 0, limit: 100, offset: 0 }),
    });
    renderApp('/scoring/calls/5');
    const first = await screen.findByTestId('application-9');
    expect(first).toHaveTextContent('売上高が10億円以上：✓ 満たしている');
    expect(first).toHaveTextContent('従業員規模が2,000名以下：✕ 満たしていない');
    const second = screen.getByTestId('application-10');
    expect(second).toHaveTextContent('売上高が10億円以上：✕ 満たしていない');
    expect(second).toHaveTextContent('選定');
    expect(screen.getByTestId('call-facts')).toHaveTextContent('令和8年5月15日（2026年5月15日） 00:00 〜 令和8年6月1日（2026年6月1日） 12:00');
  });

  it('shows scoring-api’s verdict on each application, not one worked out from the numbers it shows', async () => {
    fakeServer({
      ...me(KUMAMOTO_APPROVER),
      'GET /api/scoring/calls/5': () => json(200, CALL),
      'GET /api/scoring/calls/5/applications': () =>
        json(200, [
          {
            id: 11, call_id: 5, status: 'received', corporate_number: '5430000000002', company_name: '阿蘇セミコンパーツ', employees: 900, sales: 3_200_000_000, submitted_at: '2026-05-18T01:00:00Z',
            // the server judged the 様式2 売上高 it holds; the summary's figures alone would pass both
            quantitative_criteria: [
              { code: 'min_sales', kind: 'quantitative', label: '売上高が10億円以上', passed: false, actual: '9億円' },
              { code: 'max_employees', kind: 'quantitative', label: '従業員規模が1,500名以下', passed: true, actual: '900名' },
            ],
          },
        ]),
      'GET /api/plans?type=B&limit=100&offset=0': () => json(200, { items: [], total: 0, limit: 100, offset: 0 }),
    });
    renderApp('/scoring/calls/5');
    const row = await screen.findByTestId('application-11');
    expect(row).toHaveTextContent('売上高が10億円以上：✕ 満たしていない');
    expect(row).toHaveTextContent('従業員規模が1,500名以下：✓ 満たしている');
    expect(row).not.toHaveTextContent('従業員規模が2,000名以下');
    expect(quantitativeChecks(CALL, { sales: 3_200_000_000, employees: 900 }).every((c) => c.passed)).toBe(true);
  });

  it('shows every reason the server refuses a selection', async () => {
    const { requests } = fakeServer({
      ...me(KUMAMOTO_APPROVER),
      'GET /api/scoring/applications/9': () => json(200, APPLICATION),
      'GET /api/scoring/calls/5': () => json(200, CALL),
      'POST /api/scoring/applications/9/decisions': () =>
        json(422, {
          type: 'validation',
          title: '入力内容に誤りがあります',
          status: 422,
          detail: '定量的基準を満たしていないため選定できません',
          errors: [{ field: 'criteria/max_employees', message: '従業員規模が2,000名以下（実績: 2,400名）' }],
        }),
    });
    const user = userEvent.setup();
    renderApp('/scoring/applications/9');
    await screen.findByRole('heading', { level: 1, name: '応募：阿蘇セミコンパーツ' });
    await user.click(screen.getByRole('button', { name: '選定する' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('定量的基準を満たしていないため選定できません');
    expect(summary).toHaveTextContent('従業員規模が2,000名以下（実績: 2,400名）');
    expect(requests.at(-1)?.body).toEqual({ decision: 'selected', comment: null, role: null, scale: null });
  });

  it('names the 様式2 fiscal-year check as a form criterion, never by its code', () => {
    render(<CriteriaTable criteria={[{ code: 'form2_fiscal_year', kind: 'form', label: '様式2の取引高情報が2024年4月以降開始の事業年度のもの', passed: false, actual: '2023年4月〜2024年3月期' }]} />);
    expect(screen.getByTestId('criterion-form2_fiscal_year')).toHaveTextContent('様式の記載✕ 満たしていない2023年4月〜2024年3月期');
    expect(screen.getByTestId('criterion-form2_fiscal_year')).not.toHaveTextContent('form');
  });

  it('records a waiver with its reason for a missing required document, and refuses one without', async () => {
    const waived: ApplicationOut = {
      ...APPLICATION,
      criteria: [{ code: 'form1', kind: 'document', label: '応募申請書（様式1）', passed: true, actual: '提出免除(理由: 災害で原本が失われた)' }],
      waivers: [{ document_type: 'form1', reason: '災害で原本が失われた', actor: '104', organisation: '430005', waived_at: '2026-05-20T01:00:00Z' }],
    };
    const { requests } = fakeServer({
      ...me(KUMAMOTO_APPROVER),
      'GET /api/scoring/applications/9': () => json(200, APPLICATION),
      'GET /api/scoring/calls/5': () => json(200, CALL),
      'POST /api/scoring/applications/9/waivers': () => json(201, waived),
    });
    const user = userEvent.setup();
    renderApp('/scoring/applications/9');
    const panel = await screen.findByTestId('waivers');
    expect(within(panel).getAllByRole('option').map((o) => o.textContent)).toEqual(['選択してください', '応募申請書（様式1）']);
    await user.click(within(panel).getByRole('button', { name: '提出を免除する' }));
    expect(within(panel).getByText('＊免除する書類を選択してください。')).toBeInTheDocument();
    expect(within(panel).getByText('＊免除の理由を入力してください。')).toBeInTheDocument();
    expect(within(panel).getByRole('combobox', { name: /免除する書類/ })).toHaveAttribute('aria-invalid', 'true');
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    await user.selectOptions(within(panel).getByRole('combobox', { name: /免除する書類/ }), 'form1');
    await user.type(within(panel).getByLabelText(/免除の理由/), '災害で原本が失われた');
    await user.click(within(panel).getByRole('button', { name: '提出を免除する' }));
    expect(await screen.findByTestId('waiver-form1')).toHaveTextContent('応募申請書（様式1）：災害で原本が失われた');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ document_type: 'form1', reason: '災害で原本が失われた' });
    expect(screen.getByTestId('criterion-form1')).toHaveTextContent('✓ 満たしている提出免除(理由: 災害で原本が失われた)');
  });

  it('sends the optional scale wording, shows a refused amount at its field, then what the selection did to the plan', async () => {
    const selected = (selection: SelectionOut): ApplicationOut => ({ ...APPLICATION, status: 'selected', selection });
    const base = { plan_id: '3', role: '前工程装置向け精密部品の供給', scale: '県内有数の中堅企業', attempts: 1, pushed_at: '2026-05-20T01:00:00Z' };
    let answer = 0;
    const { requests } = fakeServer({
      ...me(KUMAMOTO_APPROVER),
      'GET /api/scoring/applications/9': () => json(200, APPLICATION),
      'GET /api/scoring/calls/5': () => json(200, CALL),
      'POST /api/scoring/applications/9/decisions': () => {
        answer += 1;
        return answer === 1
          ? json(422, {
              type: 'validation',
              title: '選定の条件を満たしていないため選定できません',
              status: 422,
              errors: [{ field: 'scale', message: '計画とともに公表されるため、売上高・仕入高などの金額は書けません', code: 'trade_figure' }],
            })
          : json(200, selected({ ...base, status: 'done', effect: 'change_request', last_error: null }));
      },
    });
    const user = userEvent.setup();
    renderApp('/scoring/applications/9');
    await screen.findByRole('heading', { level: 1, name: '応募：阿蘇セミコンパーツ' });
    expect(screen.getByText(/金額は書けません。$/)).toBeInTheDocument();
    await user.type(screen.getByLabelText(/計画に公表される規模/), '売上高32億円');
    await user.click(screen.getByRole('button', { name: '選定する' }));
    expect(await screen.findByText('＊計画とともに公表されるため、売上高・仕入高などの金額は書けません')).toBeInTheDocument();
    expect(screen.getByLabelText(/計画に公表される規模/)).toHaveAttribute('aria-invalid', 'true');

    await user.clear(screen.getByLabelText(/計画に公表される規模/));
    await user.type(screen.getByLabelText(/計画に公表される規模/), '県内有数の中堅企業');
    await user.click(screen.getByRole('button', { name: '選定する' }));
    const effect = await screen.findByTestId('selection-effect');
    expect(effect).toHaveTextContent('変更依頼として事前確認へ戻りました。');
    expect(screen.getByTestId('selection')).toHaveTextContent('規模県内有数の中堅企業');
    expect(requests.filter((r) => r.method === 'POST').at(-1)?.body).toMatchObject({ decision: 'selected', scale: '県内有数の中堅企業' });
  });

  it('says in Japanese why plans-api refused a selection, and that an added one is in the plan', async () => {
    const base = { plan_id: '3', role: '役割', scale: '従業員 301〜1,000名', attempts: 2, pushed_at: null };
    const refused: ApplicationOut = {
      ...APPLICATION,
      status: 'selected',
      selection: { ...base, status: 'refused', effect: null, last_error: '計画の管理機能が受け付けませんでした:公表済みの計画には追加できません(計画を改訂してから追加してください)' },
    };
    fakeServer({ ...me(KUMAMOTO_APPROVER), 'GET /api/scoring/applications/9': () => json(200, refused), 'GET /api/scoring/calls/5': () => json(200, CALL) });
    renderApp('/scoring/applications/9');
    expect(await screen.findByTestId('selection')).toHaveTextContent('計画への反映：計画に追加できませんでした');
    expect(screen.getByTestId('selection-reason')).toHaveTextContent('理由：計画の管理機能が受け付けませんでした:公表済みの計画には追加できません');
    expect(selectionEffectText({ ...base, status: 'done', effect: 'added', last_error: null })).toBe('計画に追加しました。選定企業は計画推進の核となる企業に登録されています。');
    expect(selectionEffectText({ ...base, status: 'pending', effect: null, last_error: null })).toMatch(/^計画への追加を待っています/);
  });
});

const FILLED: CallFormValues = {
  title: '公募',
  description: '',
  opensDate: '2026-05-15',
  opensTime: '00:00',
  closesDate: '2026-06-01',
  closesTime: '12:00',
  targetFields: '半導体\n\n食品 ',
  minSales: '1,000',
  maxEmployees: '２０００',
  consents: ['accompanying_support'],
  documents: [],
  planId: '3',
};

describe('the call form', () => {
  it('shows plans-api’s reason for refusing the call’s plan at the plan field', async () => {
    fakeServer({
      ...me(KUMAMOTO_APPROVER),
      'GET /api/plans?type=B&limit=100&offset=0': () => json(200, { items: [{ id: 3, title: '半導体産業と半導体ユーザー産業' }], total: 1, limit: 100, offset: 0 }),
      'POST /api/scoring/calls': () =>
        json(422, {
          type: 'validation',
          title: '入力内容に誤りがあります',
          status: 422,
          errors: [{ field: 'plan_id', message: '公表済みの計画には追加できません(計画を改訂してから追加してください)', code: 'plan.published' }],
        }),
    });
    const user = userEvent.setup();
    renderApp('/scoring/calls/new');
    await user.type(await screen.findByLabelText(/公募の名称/), '公募');
    fireEvent.change(screen.getByLabelText(/募集開始日/), { target: { value: '2026-05-15' } });
    fireEvent.change(screen.getByLabelText(/締切日/), { target: { value: '2026-06-01' } });
    const plan = await screen.findByRole('combobox', { name: /選定企業が参加するB計画/ });
    await within(plan).findByRole('option', { name: '半導体産業と半導体ユーザー産業' });
    await user.selectOptions(plan, '3');
    await user.click(screen.getByRole('button', { name: '公募を開始する' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: /公表済みの計画には追加できません/ })).toHaveAttribute('href', '#call-plan');
    expect(plan).toHaveAttribute('aria-invalid', 'true');
    expect(document.getElementById('call-plan-error')).toHaveTextContent('＊公表済みの計画には追加できません');
  });

  it('turns JST wall-clock times and 百万円 into the API body', () => {
    const { errors, body } = validateCallForm(FILLED);
    expect(errors).toEqual([]);
    expect(body).toMatchObject({
      opens_at: '2026-05-15T00:00:00+09:00',
      closes_at: '2026-06-01T12:00:00+09:00',
      target_fields: ['半導体', '食品'],
      min_sales: 1_000_000_000,
      max_employees: 2000,
      required_consents: [{ code: 'accompanying_support' }],
      required_documents: [],
      plan_id: '3',
    });
  });

  it('lists every failing field at once', () => {
    const { errors, body } = validateCallForm({ ...FILLED, title: ' ', opensDate: '', minSales: '十億', maxEmployees: '-1' });
    expect(body).toBeNull();
    expect(errors.map((e) => e.fieldId)).toEqual(['call-title', 'call-opens-date', 'call-min-sales', 'call-max-employees']);
  });

  it('refuses a deadline that is not after the opening, and an impossible date', () => {
    expect(validateCallForm({ ...FILLED, closesDate: '2026-05-15', closesTime: '00:00' }).errors).toEqual([
      { fieldId: 'call-closes-date', message: '締切は募集開始より後にしてください。' },
    ]);
    expect(validateCallForm({ ...FILLED, closesDate: '2026-02-30' }).errors.map((e) => e.fieldId)).toEqual(['call-closes-date']);
  });

  it('shows the errors at the fields and in the summary, then every problem the server returns', async () => {
    const { requests } = fakeServer({
      ...me(KUMAMOTO_APPROVER),
      'GET /api/plans?type=B&limit=100&offset=0': () =>
        json(200, { items: [{ id: 3, title: '半導体産業と半導体ユーザー産業' }], total: 1, limit: 100, offset: 0 }),
      'POST /api/scoring/calls': () =>
        json(422, {
          type: 'validation',
          title: '入力内容に誤りがあります',
          status: 422,
          errors: [
            { field: 'title', message: '200文字以内で入力してください' },
            { field: 'target_fields/1', message: '500文字以内で入力してください' },
          ],
        }),
    });
    const user = userEvent.setup();
    renderApp('/scoring/calls/new');
    await screen.findByRole('heading', { level: 1, name: '公募の開始' });
    expect(screen.getByText('公募の名称').parentElement).toHaveTextContent('※必須');
    expect(screen.getByText('売上高の下限（百万円）').parentElement).toHaveTextContent('任意');

    await user.click(screen.getByRole('button', { name: '公募を開始する' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getAllByRole('link').map((l) => l.textContent)).toEqual([
      '公募の名称を入力してください。',
      '募集開始日を入力してください。',
      '締切日を入力してください。',
    ]);
    expect(screen.getByLabelText(/公募の名称/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('＊締切日を入力してください。')).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    await user.type(screen.getByLabelText(/公募の名称/), '公募');
    fireEvent.change(screen.getByLabelText(/募集開始日/), { target: { value: '2026-05-15' } });
    fireEvent.change(screen.getByLabelText(/締切日/), { target: { value: '2026-06-01' } });
    expect(screen.getByText(/入力中の日付：令和8年6月1日（2026年6月1日）/)).toBeInTheDocument();
    await user.type(screen.getByLabelText(/対象分野/), '半導体{enter}食品');
    await user.selectOptions(await screen.findByRole('combobox', { name: /選定企業が参加するB計画/ }), '3');
    await user.click(screen.getByRole('button', { name: '公募を開始する' }));
    const serverSummary = await screen.findByRole('alert');
    expect(within(serverSummary).getAllByRole('link').map((l) => l.getAttribute('href'))).toEqual(['#call-title', '#call-target-fields']);
    expect(screen.getByText('＊500文字以内で入力してください')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      title: '公募',
      opens_at: '2026-05-15T00:00:00+09:00',
      closes_at: '2026-06-01T12:00:00+09:00',
      target_fields: ['半導体', '食品'],
      plan_id: '3',
    });
  });
});

describe('参考リスト: 経済産業省の参考リスト, 本システムによる推計 and 証憑', () => {
  const METI_REVIEWER = { ...CAS_REVIEWER, id: 105, email: 'meti-reviewer@demo.example.jp', organisation: 'meti', organisation_name: '経済産業省' };
  const estimateEntry = (number: string, name: string, marks: { meti: boolean; evidence: boolean }) => ({
    corporate_number: number,
    name,
    prefecture: '43',
    fiscal_year: 2025,
    employees: 400,
    connector_share: 0.106,
    connector_share_rank: 1,
    hub_share: 0.0167,
    hub_share_rank: 30,
    companies_counted: 36,
    basis: ['connector'],
    on_meti_list: marks.meti,
    confirmed_by_evidence: marks.evidence,
  });
  const ESTIMATE = {
    fiscal_year: 2025,
    source: 'platform_estimate',
    label: '本システムによる推計(経済産業省の参考リストではありません)',
    top_percent: 10,
    max_employees: 2000,
    meti_version: 2,
    entries: [
      estimateEntry('5430000000002', '阿蘇セミコンパーツ', { meti: true, evidence: false }),
      estimateEntry('2430000000005', '球磨川化成', { meti: false, evidence: false }),
      estimateEntry('7430000000003', '熊本シリコン材料', { meti: false, evidence: true }),
    ],
  };
  const VERSION = {
    fiscal_year: 2025,
    version: 2,
    filename: '参考リスト_令和7年度.xlsx',
    sha256: 'a'.repeat(64),
    entry_count: 1200,
    imported_by: '105',
    organisation: 'meti',
    imported_at: '2026-11-30T01:00:00Z',
  };
  const METI_LIST = {
    fiscal_year: 2025,
    source: 'meti',
    label: '経済産業省 参考リスト',
    version: VERSION,
    entries: [
      { corporate_number: '5430000000002', name: '阿蘇セミコンパーツ', prefecture: '43', fiscal_year: 2025, note: '民間DB' },
      { corporate_number: '1430000000090', name: '球磨テクノサービス', prefecture: '43', fiscal_year: 2025, note: null },
    ],
    confirmed_by_evidence: [{ corporate_number: '7430000000003', name: '熊本シリコン材料', prefecture: '43', fiscal_year: 2025, filing_id: 4, confirmed_at: '2026-11-20T00:00:00Z' }],
  };
  const company = (number: string, name: string, employees: number | null, prefecture = '43') => ({
    corporate_number: number,
    name,
    hq_prefecture: prefecture,
    jsic_major: 'E',
    jsic_middle: '28',
    employees,
    web: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  });
  const routes = (user: object) => ({
    ...me(user),
    'GET /api/scoring/reference-list?fiscal_year=2025': () => json(200, ESTIMATE),
    'GET /api/scoring/reference-list/meti?fiscal_year=2025': () => json(200, METI_LIST),
    'GET /api/scoring/reference-list/meti/versions?fiscal_year=2025': () => json(200, [VERSION, { ...VERSION, version: 1, entry_count: 1100, imported_at: '2026-06-01T01:00:00Z' }]),
    'GET /directory/v1/organisations?codes=meti': () => json(200, [{ code: 'meti', name: '経済産業省', kind: 'national', prefecture: null, block: [] }]),
    'GET /api/scoring/evidence-filings': () =>
      json(200, [
        { id: 1, corporate_number: '8430000000001', fiscal_year: 2025, prefecture: '43', statement: '根拠', claimed_out_of_prefecture_sales: null, claimed_in_prefecture_purchases: null, status: 'submitted', filed_by: '1', filed_at: '2026-11-01T00:00:00Z', decided_at: null },
      ]),
    'GET /api/scoring/companies?limit=500': () =>
      json(200, {
        items: [
          company('5430000000002', '阿蘇セミコンパーツ', 400),
          company('8430000000001', '肥後精密工業', 900),
          company('2430000000005', '球磨川化成', 400),
          company('3430000000004', '菊陽クリーンテック', 2400),
          company('4430000000006', '人吉酒造', null),
        ],
        total: 5,
        limit: 500,
        offset: 0,
      }),
  });

  it('shows 経済産業省の参考リスト with its current version and every version, the estimate labelled as such with both marks', async () => {
    fakeServer(routes(KUMAMOTO_EDITOR));
    renderApp('/scoring/reference-list');
    const version = await screen.findByTestId('meti-version');
    expect(version).toHaveTextContent('令和7年度');
    expect(version).toHaveTextContent('第2版');
    expect(version).toHaveTextContent('経済産業省（利用者ID 105）');
    expect(version).toHaveTextContent('1,200社');
    expect(within(screen.getByTestId('meti-table')).getByRole('row', { name: /球磨テクノサービス 1430000000090 熊本県/ })).toBeInTheDocument();
    expect(screen.getByTestId('meti-confirmed')).toHaveTextContent('熊本シリコン材料（7430000000003・熊本県）');
    const versions = within(screen.getByTestId('meti-versions')).getAllByRole('row');
    expect(versions.map((r) => r.textContent)).toEqual([expect.stringContaining('版'), expect.stringContaining('第2版（現行版）'), expect.stringContaining('第1版（過去の版）')]);

    expect(screen.getByRole('heading', { level: 2, name: '本システムによる推計' })).toBeInTheDocument();
    expect(screen.getByText(/経済産業省の参考リストではありません。本システムに登録された数値から/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '本システムによる推計をExcel（xlsx）でダウンロード' })).toHaveAttribute('href', '/api/scoring/reference-list/export?fiscal_year=2025&format=xlsx');
    expect(screen.queryByRole('link', { name: /参考リストを/ })).toBeNull();
    const table = screen.getByTestId('estimate-table');
    expect(within(table).getByRole('columnheader', { name: '経済産業省リスト掲載' })).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: '証憑で確認済み' })).toBeInTheDocument();
    expect(screen.getByTestId('estimate-5430000000002')).toHaveTextContent('✓ 掲載');
    expect(screen.getByTestId('estimate-2430000000005')).toHaveTextContent('掲載なし');
    expect(screen.getByTestId('estimate-2430000000005')).not.toHaveTextContent('✓');
    expect(screen.getByTestId('estimate-7430000000003')).toHaveTextContent('✓ 確認済み');
    // prefecture staff do not import METI's list
    expect(screen.queryByRole('button', { name: '参考リストを取り込む' })).toBeNull();
  });

  it('offers for evidence the companies off 経済産業省’s list (not off the estimate), with the 2,000 employees rule', async () => {
    const { requests } = fakeServer({
      ...routes(KUMAMOTO_EDITOR),
      'POST /api/scoring/evidence-filings': () =>
        json(409, { type: 'conflict', title: '競合しています', status: 409, detail: 'この企業・年度の証憑は既に提出され、確認中または確認済みです' }),
    });
    const user = userEvent.setup();
    renderApp('/scoring/reference-list');
    const select = await screen.findByRole('combobox', { name: /対象の企業/ });
    await within(select).findByRole('option', { name: /球磨川化成/ });
    // on METI's list: 阿蘇セミコンパーツ; open filing: 肥後精密工業. 球磨川化成 is in the estimate yet off METI's list.
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      '選択してください',
      '球磨川化成（2430000000005）・従業員400名',
      '菊陽クリーンテック（3430000000004）・従業員2,400名（2,000名超のため確認されません）',
      '人吉酒造（4430000000006）・従業員数未登録（確認には登録が必要）',
    ]);
    expect(screen.getByText(/経済産業省が確認できるのは従業員2,000名以下の企業です/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '証憑を提出する' }));
    expect(within(await screen.findByRole('alert')).getAllByRole('link').map((l) => l.textContent)).toEqual([
      '対象の企業を選択してください。',
      '根拠を入力してください。',
    ]);
    await user.selectOptions(select, '2430000000005');
    await user.type(screen.getByLabelText(/相対的に高いコネクター度・ハブ度を有する根拠/), '県外への直接納入');
    await user.type(screen.getByLabelText(/申告する域外売上高/), '1,500,000,000');
    await user.click(screen.getByRole('button', { name: '証憑を提出する' }));
    expect(await screen.findByText('この企業・年度の証憑は既に提出され、確認中または確認済みです')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      corporate_number: '2430000000005',
      fiscal_year: 2025,
      statement: '県外への直接納入',
      claimed_out_of_prefecture_sales: 1_500_000_000,
      claimed_in_prefecture_purchases: null,
    });
  });

  it('lets 経済産業省 import its list and shows every failing row at once, by row and column, in Japanese', async () => {
    let attempt = 0;
    const { requests } = fakeServer({
      ...routes(METI_REVIEWER),
      'GET /api/scoring/reference-list?fiscal_year=2025&prefecture=43': () => json(200, ESTIMATE),
      'GET /api/scoring/reference-list/meti?fiscal_year=2025&prefecture=43': () => json(200, METI_LIST),
      'POST /api/scoring/reference-list/meti/import': () => {
        attempt += 1;
        return attempt === 1
          ? json(422, {
              type: 'validation',
              title: '誤りのある行があるため、1行も取り込んでいません',
              status: 422,
              errors: [
                { field: 'rows/3/corporate_number', message: '法人番号のチェックデジットが正しくありません' },
                { field: 'rows/7/prefecture', message: '都道府県の番号が正しくありません' },
                { field: 'columns/note', message: '列がありません' },
              ],
            })
          : json(200, { rows: 1201, versions: [{ ...VERSION, version: 3, entry_count: 1201 }] });
      },
    });
    const user = userEvent.setup();
    renderApp('/scoring/reference-list');
    const input = await screen.findByLabelText('取り込むファイル（CSV・xlsx）');
    await user.click(screen.getByRole('button', { name: '参考リストを取り込む' }));
    expect(await screen.findByText('ファイルを選択してください。')).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    await user.upload(input, new File(['法人番号,企業名\n'], 'list.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: '参考リストを取り込む' }));
    const result = await screen.findByTestId('meti-import-result');
    await within(result).findByText(/取り込めませんでした：誤りのある行があるため/);
    expect(within(result).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '3行目「法人番号」：法人番号のチェックデジットが正しくありません',
      '7行目「都道府県」：都道府県の番号が正しくありません',
      '列「備考」：列がありません',
    ]);
    await user.upload(input, new File(['法人番号,企業名\n'], 'list.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: '参考リストを取り込む' }));
    expect(await screen.findByText('1,201行を取り込みました（令和7年度（2025年度） 第3版）。')).toBeInTheDocument();
    // METI reads but does not file evidence
    expect(screen.queryByRole('button', { name: '証憑を提出する' })).toBeNull();
  });
});

describe('a company’s page', () => {
  it('shows its 様式2 figures per year and why its score is what it is', async () => {
    const number = '5430000000002';
    fakeServer({
      ...me(KUMAMOTO_EDITOR),
      [`GET /api/scoring/companies/${number}`]: () =>
        json(200, { corporate_number: number, name: '阿蘇セミコンパーツ', hq_prefecture: '43', jsic_major: 'E', jsic_middle: '28', employees: 400, web: null, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' }),
      'GET /api/plans/reference/jsic': () =>
        json(200, { revision: '', coverage: '', items: [{ code: 'E', name: '製造業', level: '大分類', label: 'E 製造業', keywords: [] }, { code: 'E28', name: '電子部品・デバイス・電子回路製造業', level: '中分類', label: 'E28 電子部品・デバイス・電子回路製造業', keywords: [] }] }),
      [`GET /api/scoring/companies/${number}/figures`]: () =>
        json(200, [{ corporate_number: number, fiscal_year: 2025, sales: 5_757_000_000, out_of_prefecture_sales: 4_872_000_000, purchases: 523_000_000, in_prefecture_purchases: 461_000_000, source: 'transactions', updated_at: '2026-01-01T00:00:00Z' }]),
      [`GET /api/scoring/companies/${number}/scores`]: () => json(200, [score(number, '阿蘇セミコンパーツ', [0.106, 0.0167, 0.846, 0.88])]),
      [`GET /api/scoring/companies/${number}/scores/2025/explanation`]: () =>
        json(200, {
          corporate_number: number,
          fiscal_year: 2025,
          prefecture: '43',
          companies_counted: 36,
          computed_at: '2026-11-30T00:00:00Z',
          metrics: [
            { name: 'connector_share', label: 'x', definition: 'national_share', value: 0.10607, rank: 1, percentile: 100, deviation: 89.2, numerator_label: '企業の域外販売額', numerator: 4_872_000_000, denominator_label: '企業が所在する都道府県の域外販売額', denominator: 45_930_000_000 },
          ],
          counted_companies: [{ corporate_number: number, name: '阿蘇セミコンパーツ', out_of_prefecture_sales: 4_872_000_000, in_prefecture_purchases: 461_000_000 }],
        }),
    });
    renderApp(`/scoring/companies/${number}`);
    expect(await screen.findByRole('heading', { level: 1, name: '阿蘇セミコンパーツ' })).toBeInTheDocument();
    // The industry by its names, never the bare codes scoring keeps (E, 28).
    expect(await screen.findByText('E 製造業 / E28 電子部品・デバイス・電子回路製造業')).toBeInTheDocument();
    expect(within(screen.getByTestId('figures')).getByRole('row', { name: /令和7年度（2025年度） 5,757,000,000円 4,872,000,000円 523,000,000円 461,000,000円 取引一覧から集計/ })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'なぜこのスコアか（令和7年度（2025年度））' })).toBeInTheDocument();
    const row = within(screen.getByTestId('explanation')).getByRole('row', { name: /コネクター度（都道府県内シェア・国の定義）/ });
    expect(row).toHaveTextContent('10.607%企業の域外販売額4,872,000,000円企業が所在する都道府県の域外販売額45,930,000,000円36社中 1位パーセンタイル 100.089.2');
  });
});
