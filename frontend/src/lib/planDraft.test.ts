import { describe, expect, it } from 'vitest';
import { makePlan } from '../test/plans';
import { changedParts, differences, draftFromPlan, draftProblems, kgisBody, kpisBody, patchBody, rebase, withMandatoryKgis } from './planDraft';

describe('the editor draft', () => {
  it('pre-fills the mandatory KGIs of each type and leaves an accepted alternative alone', () => {
    const b = withMandatoryKgis('B', []);
    expect(b.map((k) => k.kind)).toEqual(['capex_target_year', 'capex_cumulative', 'value_added', 'human_resources']);
    expect(withMandatoryKgis('C', []).map((k) => k.name)).toEqual(['付加価値増加額']);
    const [valueAdded] = withMandatoryKgis('C', []);
    if (!valueAdded) throw new Error('C has a mandatory KGI');
    const productivity = withMandatoryKgis('C', [{ ...valueAdded, kind: 'labour_productivity', key: 'lp' }]);
    expect(productivity).toHaveLength(1);
  });

  it('sends nothing for an untouched plan and only the changed part otherwise', () => {
    const plan = makePlan();
    const base = draftFromPlan(plan);
    expect(changedParts(base, base, 'C')).toEqual([]);
    const mine = { ...base, sections: { ...base.sections, field: { crops_varieties: '精密部品', reason: '' } } };
    const parts = changedParts(mine, base, 'C');
    expect(parts.map(([part]) => part)).toEqual(['patch']);
    expect(patchBody(mine, 'C').sections?.field).toEqual({ crops_varieties: '精密部品', reason: null });
  });

  it('turns typed numbers (full-width, commas) into numbers and drops a half-filled withdrawal criterion', () => {
    const base = draftFromPlan(makePlan());
    const kpi = {
      key: 'kpi_1',
      name: '取引件数',
      unit: '件',
      baseline: '１，２００',
      targets: [{ period: '2026h2', value: '5' }, { period: '', value: '' }],
      comparator: '' as const,
      threshold: '1',
      withdrawalText: '見直す',
      five_w1h: { why: 'a', what: '', deadline: '', department: '', forum: '', how: '' },
      kgi_key: '',
    };
    const [body] = kpisBody({ ...base, kpis: [kpi] });
    expect(body?.baseline).toBe(1200);
    expect(body?.targets).toEqual([{ period: '2026H2', value: 5 }]);
    expect(body?.withdrawal).toBeNull();
    expect(body?.kgi_key).toBeNull();
  });

  it('re-applies only the parts I changed onto the newer version (a 412 keeps their other work)', () => {
    const base = draftFromPlan(makePlan());
    const theirs = { ...base, title: '他の人が変えた名称', co_authors: '431001' };
    const mine = { ...base, core_companies: [{ corporate_number: '5835678256246', name: '菊陽精密(サンプル)', role: '部品', scale: '', support_target: true }] };
    const rebased = rebase(mine, base, theirs);
    expect(rebased.title).toBe('他の人が変えた名称');
    expect(rebased.co_authors).toBe('431001');
    expect(rebased.core_companies).toEqual(mine.core_companies);
    expect(differences(rebased, theirs, 'C').map((d) => d.label)).toEqual(['核となる企業・事業者 1']);
  });

  it('shows industries in a conflict by their names, never as bare codes', () => {
    const base = draftFromPlan(makePlan({ plan_type: 'B' }));
    const labels: Record<string, string> = { E28: 'E28 電子部品・デバイス・電子回路製造業', E2814: 'E2814 集積回路製造業' };
    const rows = differences({ ...base, jsic_codes: 'E28 E2814' }, { ...base, jsic_codes: 'E28' }, 'B', (code) => labels[code] ?? code);
    expect(rows).toEqual([{ label: '日本標準産業分類', mine: 'E28 電子部品・デバイス・電子回路製造業、E2814 集積回路製造業', theirs: 'E28 電子部品・デバイス・電子回路製造業' }]);
  });

  it('merges the description items field by field', () => {
    const base = draftFromPlan(makePlan());
    const theirs = { ...base, sections: { ...base.sections, field: { crops_varieties: 'トマト', reason: '' } } };
    const mine = { ...base, sections: { ...base.sections, field: { crops_varieties: '', reason: '理由' } } };
    expect(rebase(mine, base, theirs).sections.field).toEqual({ crops_varieties: 'トマト', reason: '理由' });
  });
});

describe('a save never drops what was typed', () => {
  it('reads 12億 into 1,200 百万円 and R9 into 2027 in the request bodies', () => {
    const base = draftFromPlan(makePlan());
    const kgis = withMandatoryKgis('C', []).map((k) => ({ ...k, target: '12億', baseline: '4,800万', basis: '根拠' }));
    const [kgi] = kgisBody({ ...base, goal_fiscal_year: 'R9', kgis }, 'C');
    expect(kgi?.target).toBe(1200);
    expect(kgi?.baseline).toBe(48);
    // A mandatory KGI's target year is the plan's goal year.
    expect(kgi?.target_year).toBe(2027);
    expect(patchBody({ ...base, period_start_fy: '令和8年度' }, 'C').period_start_fy).toBe(2026);
  });

  it('names every field that cannot be read, so the save is refused as a whole', () => {
    const base = draftFromPlan(makePlan());
    const kgis = withMandatoryKgis('C', []).map((k) => ({ ...k, target: '約100', baseline: '令和7年度' }));
    const kpi = {
      key: 'kpi_1',
      name: '取引件数',
      unit: '件',
      baseline: '',
      targets: [{ period: '2026H2', value: '' }, { period: '', value: '5' }],
      comparator: '' as const,
      threshold: '1',
      withdrawalText: '',
      five_w1h: { why: '', what: '', deadline: '', department: '', forum: '', how: '' },
      kgi_key: '',
    };
    const problems = draftProblems({ ...base, goal_fiscal_year: '約2030', kgis, kpis: [kpi] }, 'C');
    expect(problems.map((p) => p.path)).toEqual([
      'goal_fiscal_year',
      'kgis/0/baseline',
      'kgis/0/target',
      'kpis/0/targets/0/value',
      'kpis/0/targets/1/period',
      'kpis/0/withdrawal',
    ]);
    expect(problems[2]?.message).toContain('「目標値」は数値で入力してください');
    expect(draftProblems(base, 'C')).toEqual([]);
  });
});
