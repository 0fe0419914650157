import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApplicationOut, CallOut, ScoreOut } from '../../api/scoring';
import { KUMAMOTO_EDITOR, fakeServer, json } from '../../test/http';
import { renderApp } from '../../test/render';
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
          { id: 9, call_id: 5, status: 'received', corporate_number: '5430000000002', company_name: '阿蘇セミコンパーツ', employees: 2400, sales: 3_200_000_000, submitted_at: '2026-05-18T01:00:00Z' },
          { id: 10, call_id: 5, status: 'selected', corporate_number: '8430000000001', company_name: '肥後精密工業', employees: 900, sales: 800_000_000, submitted_at: '2026-05-19T01:00:00Z' },
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
    expect(requests.at(-1)?.body).toEqual({ decision: 'selected', comment: null, role: null });
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

describe('参考リスト and 証憑', () => {
  const LISTING = {
    fiscal_year: 2025,
    top_percent: 10,
    max_employees: 2000,
    entries: [
      {
        corporate_number: '5430000000002',
        name: '阿蘇セミコンパーツ',
        prefecture: '43',
        fiscal_year: 2025,
        employees: 400,
        connector_share: 0.106,
        connector_share_rank: 1,
        hub_share: 0.0167,
        hub_share_rank: 30,
        companies_counted: 36,
        basis: ['connector'],
      },
    ],
  };

  it('offers the export, and files evidence only for companies outside the list without an open filing', async () => {
    const { requests } = fakeServer({
      ...me(KUMAMOTO_EDITOR),
      'GET /api/scoring/reference-list?fiscal_year=2025': () => json(200, LISTING),
      'GET /api/scoring/evidence-filings': () =>
        json(200, [
          { id: 1, corporate_number: '8430000000001', fiscal_year: 2025, prefecture: '43', statement: '根拠', claimed_out_of_prefecture_sales: null, claimed_in_prefecture_purchases: null, status: 'submitted', filed_by: '1', filed_at: '2026-11-01T00:00:00Z', decided_at: null },
        ]),
      'GET /api/scoring/scores?fiscal_year=2025&limit=500': () =>
        json(200, {
          items: [
            score('5430000000002', '阿蘇セミコンパーツ', [0.106, 0.0167, 0.846, 0.88]),
            score('8430000000001', '肥後精密工業', [0.09, 0.02, 0.8, 0.3]),
            score('2430000000005', '球磨川化成', [0.036, 0.028, 0.7, 0.4]),
          ],
          total: 3,
          limit: 500,
          offset: 0,
        }),
      'POST /api/scoring/evidence-filings': () =>
        json(409, { type: 'conflict', title: '競合しています', status: 409, detail: 'この企業・年度の証憑は既に提出され、確認中または確認済みです' }),
    });
    const user = userEvent.setup();
    renderApp('/scoring/reference-list');
    expect(await screen.findByRole('link', { name: '参考リストをExcel（xlsx）でダウンロード' })).toHaveAttribute(
      'href',
      '/api/scoring/reference-list/export?fiscal_year=2025&format=xlsx',
    );
    expect(await screen.findByTestId('evidence-8430000000001-2025')).toHaveTextContent('確認待ち');
    const select = screen.getByRole('combobox', { name: /対象の企業/ });
    await within(select).findByRole('option', { name: '球磨川化成（2430000000005）' });
    expect(within(select).getAllByRole('option').map((o) => o.getAttribute('value'))).toEqual(['', '2430000000005']);

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
});

describe('a company’s page', () => {
  it('shows its 様式2 figures per year and why its score is what it is', async () => {
    const number = '5430000000002';
    fakeServer({
      ...me(KUMAMOTO_EDITOR),
      [`GET /api/scoring/companies/${number}`]: () =>
        json(200, { corporate_number: number, name: '阿蘇セミコンパーツ', hq_prefecture: '43', jsic_major: 'E', jsic_middle: '28', employees: 400, web: null, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' }),
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
    expect(within(screen.getByTestId('figures')).getByRole('row', { name: /令和7年度（2025年度） 5,757,000,000円 4,872,000,000円 523,000,000円 461,000,000円 取引一覧から集計/ })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'なぜこのスコアか（令和7年度（2025年度））' })).toBeInTheDocument();
    const row = within(screen.getByTestId('explanation')).getByRole('row', { name: /コネクター度（都道府県内シェア・国の定義）/ });
    expect(row).toHaveTextContent('10.607%企業の域外販売額4,872,000,000円企業が所在する都道府県の域外販売額45,930,000,000円36社中 1位パーセンタイル 100.089.2');
  });
});
