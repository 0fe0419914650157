import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlanOut } from '../../api/plans';
import { CAS_REVIEWER, KUMAMOTO_EDITOR, fakeServer, json, type Recorded } from '../../test/http';
import { makePlan } from '../../test/plans';
import { renderApp } from '../../test/render';
import { breaches, criterionText, halfYearLabel, kpiRows, latestBreach, parseActual, periodOptions, type Kpi } from './kpis';

const CRITERION = { comparator: 'lt', threshold: 10, text: '半期の実施件数が10件未満の場合、支援手法を見直す' } as const;

const KPI: Kpi = {
  key: 'support-visits',
  name: '伴走支援の実施件数',
  unit: '件',
  baseline: 0,
  targets: [
    { period: '2026H2', value: 20 },
    { period: '2027H1', value: 40 },
  ],
  withdrawal: CRITERION,
  five_w1h: {},
  kgi_key: 'value_added',
  actuals: [],
  breached: false,
};

function publishedPlan(kpi: Kpi = KPI, overrides: Partial<PlanOut> = {}): PlanOut {
  return makePlan({
    id: 11,
    plan_type: 'B',
    title: '半導体産業と半導体ユーザー産業',
    lead_organisation: '430005',
    state: 'published',
    version: 12,
    published_version: 1,
    period_start_fy: 2026,
    period_end_fy: 2030,
    authors: [{ organisation: '430005', is_lead: true }],
    kgis: [{ key: 'value_added', kind: 'value_added', name: '付加価値増加額', unit: '億円', baseline: 0, baseline_year: 2026, target: 240, target_year: 2030, basis: '' }],
    kpis: [kpi],
    ...overrides,
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('KPI rules', () => {
  it('detects a breach of the withdrawal criterion by its comparator, boundary included or not', () => {
    expect(breaches(KPI.withdrawal, 9)).toBe(true);
    expect(breaches(KPI.withdrawal, 10)).toBe(false);
    expect(breaches({ ...CRITERION, comparator: 'le' }, 10)).toBe(true);
    expect(breaches({ ...CRITERION, comparator: 'gt' }, 10)).toBe(false);
    expect(breaches({ ...CRITERION, comparator: 'ge' }, 10)).toBe(true);
    expect(breaches(null, -1)).toBe(false);
    expect(criterionText(CRITERION, '件')).toBe('10件未満');
  });

  it('merges targets and actuals per half year and flags the latest breach', () => {
    const kpi: Kpi = {
      ...KPI,
      actuals: [
        { period: '2026H2', value: 25, breached: false, reported_at: '2027-04-01T00:00:00Z' },
        { period: '2027H1', value: 4, breached: true, reported_at: '2027-10-01T00:00:00Z' },
      ],
      breached: true,
    };
    expect(kpiRows(kpi).map((r) => [r.period, r.target, r.actual, r.breached])).toEqual([
      ['2026H2', 20, 25, false],
      ['2027H1', 40, 4, true],
    ]);
    expect(latestBreach(kpi)?.period).toBe('2027H1');
    expect(latestBreach({ ...kpi, actuals: kpi.actuals?.slice(0, 1) ?? [] })).toBeNull();
  });

  it('names half years by fiscal year and era, and reads typed numbers', () => {
    expect(halfYearLabel('2026H1')).toBe('2026年度上期（令和8年度）');
    expect(halfYearLabel('2027H2')).toBe('2027年度下期（令和9年度）');
    expect(periodOptions(publishedPlan())).toHaveLength(10);
    expect(periodOptions(publishedPlan()).at(0)).toBe('2026H1');
    expect(parseActual('１２')).toBe(12);
    expect(parseActual('1,200.5')).toBe(1200.5);
    expect(parseActual('−3')).toBe(-3);
    expect(parseActual('十')).toBeNull();
    expect(parseActual('')).toBeNull();
  });
});

describe('KPIの実績', () => {
  function serve(plan: PlanOut, user: object = KUMAMOTO_EDITOR, extra: Record<string, (r: Recorded) => Response> = {}) {
    return fakeServer({
      'GET /auth/me': () => json(200, user),
      [`GET /api/plans/${plan.id}`]: () => json(200, plan, { ETag: `"${plan.version}"` }),
      ...extra,
    });
  }

  it('lists the KPI with its baseline, targets and withdrawal criterion, and links back to the plan', async () => {
    serve(publishedPlan());
    renderApp('/plans/11/kpis');
    const card = await screen.findByTestId('kpi-support-visits');
    expect(within(card).getByRole('heading', { level: 2, name: '伴走支援の実施件数' })).toBeInTheDocument();
    expect(card).toHaveTextContent('10件未満（半期の実施件数が10件未満の場合、支援手法を見直す）');
    expect(card).toHaveTextContent('付加価値増加額');
    const row = within(card).getByTestId('kpi-support-visits-2026H2');
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['20件', '未報告', '—', '—']);
    expect(screen.getByRole('link', { name: '計画に戻る' })).toHaveAttribute('href', '/plans/11');
    expect(screen.queryByTestId('breach-badge')).not.toBeInTheDocument();
  });

  it('reports an actual with If-Match and flags the KPI in words when it breaches the criterion', async () => {
    let plan = publishedPlan();
    const { requests } = serve(plan, KUMAMOTO_EDITOR, {
      'POST /api/plans/11/kpis/support-visits/actuals': (r) => {
        const body = r.body as { period: string; value: number };
        const actual = { ...body, breached: body.value < 10, reported_at: '2027-04-01T00:00:00Z' };
        plan = { ...plan, version: 13, kpis: [{ ...KPI, actuals: [actual], breached: actual.breached }] };
        return json(200, actual);
      },
      'GET /api/plans/11': () => json(200, plan, { ETag: `"${plan.version}"` }),
    });
    const user = userEvent.setup();
    renderApp('/plans/11/kpis');
    await screen.findByTestId('kpi-support-visits');
    await user.selectOptions(screen.getByLabelText(/半期/), '2026H2');
    await user.type(screen.getByLabelText(/実績値/), '４');
    expect(screen.getByTestId('breach-preview')).toHaveTextContent('この値は撤退基準に該当します');
    await user.click(screen.getByRole('button', { name: '実績を登録する' }));

    expect(await screen.findByText(/2026年度下期（令和8年度）の実績を登録しました。登録した実績は撤退基準に該当しています。/)).toBeInTheDocument();
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({ period: '2026H2', value: 4 });
    expect(post?.headers.get('If-Match')).toBe('"12"');
    const card = screen.getByTestId('kpi-support-visits');
    expect(within(card).getByRole('heading', { level: 2 })).toHaveAccessibleName(/^伴走支援の実施件数\s*撤退基準に該当$/);
    expect(within(card).getByTestId('breach-text')).toHaveTextContent('2026年度下期（令和8年度）の実績 4件 が撤退基準（10件未満）に該当しています。');
    expect(within(within(card).getByTestId('kpi-support-visits-2026H2')).getByTestId('breach-badge')).toHaveTextContent('撤退基準に該当');
    expect(screen.getByTestId('breach-summary')).toHaveTextContent('撤退基準に該当しているKPIが1件あります');
  });

  it('refuses an empty or non-numeric value at the field and in the summary', async () => {
    const { requests } = serve(publishedPlan());
    const user = userEvent.setup();
    renderApp('/plans/11/kpis');
    await screen.findByTestId('kpi-support-visits');
    await user.click(screen.getByRole('button', { name: '実績を登録する' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: '実績値を入力してください' })).toBeInTheDocument();
    expect(screen.getByLabelText(/実績値/)).toHaveAttribute('aria-invalid', 'true');
    expect(summary).toHaveFocus();
    await user.type(screen.getByLabelText(/実績値/), 'たくさん');
    await user.click(screen.getByRole('button', { name: '実績を登録する' }));
    expect(await screen.findByText(/半角または全角の数字で入力してください/, { selector: 'a' })).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('reloads the plan and asks again when someone else updated it first (412)', async () => {
    let version = 12;
    serve(publishedPlan(), KUMAMOTO_EDITOR, {
      'GET /api/plans/11': () => json(200, publishedPlan(KPI, { version }), { ETag: `"${version}"` }),
      'POST /api/plans/11/kpis/support-visits/actuals': () => {
        version = 14;
        return json(412, { title: '計画は他の利用者によって更新されています', status: 412 }, { ETag: '"14"' });
      },
    });
    const user = userEvent.setup();
    renderApp('/plans/11/kpis');
    await screen.findByTestId('kpi-support-visits');
    await user.type(screen.getByLabelText(/実績値/), '15');
    await user.click(screen.getByRole('button', { name: '実績を登録する' }));
    expect(await screen.findByRole('heading', { name: /他の利用者が先に計画を更新しました/ })).toBeInTheDocument();
  });

  it('shows a national user the actuals without the form', async () => {
    const kpi = { ...KPI, actuals: [{ period: '2026H2', value: 3, breached: true, reported_at: '2027-04-01T00:00:00Z' }], breached: true };
    serve(publishedPlan(kpi), CAS_REVIEWER);
    renderApp('/plans/11/kpis');
    expect(await screen.findByTestId('breach-text')).toBeInTheDocument();
    expect(screen.getAllByTestId('breach-badge').length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: '実績を登録する' })).not.toBeInTheDocument();
    expect(screen.getByText(/実績を入力できるのは、計画の作成団体の/)).toBeInTheDocument();
  });

  it('says actuals wait for publication on a plan not yet published', async () => {
    serve(publishedPlan(KPI, { state: 'in_review', published_version: null }));
    renderApp('/plans/11/kpis');
    expect(await screen.findByText(/実績は公表後の計画についてのみ入力できます/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '実績を登録する' })).not.toBeInTheDocument();
  });
});
