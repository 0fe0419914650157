import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makePlan } from '../../test/plans';
import { ChangesRows } from './ChangesTable';
import type { ChangesOut } from './api';
import { daysSince, nameChange, showValue, sortByTarget } from './review';

const clocked = (id: number, target: string | null, requested: string) => ({ id, review_clock: { requested_at: requested, target_date: target, overdue: false, days_in_review: 0 } });

describe('the review logic', () => {
  it('sorts by the target date, the ones without one last, then by the longest waiting', () => {
    const items = [clocked(1, null, '2026-01-01'), clocked(2, '2026-08-15', '2026-07-02'), clocked(3, '2026-08-15', '2026-07-01'), clocked(4, '2026-08-01', '2026-07-10')];
    expect(sortByTarget(items).map((i) => i.id)).toEqual([4, 3, 2, 1]);
  });

  it('counts whole days and never a negative one', () => {
    expect(daysSince('2026-07-01T00:00:00Z', new Date('2026-07-03T23:00:00Z'))).toBe(2);
    expect(daysSince('2026-07-05T00:00:00Z', new Date('2026-07-03T00:00:00Z'))).toBe(0);
  });

  it('names a change by its section and item in Japanese, KGI and KPI rows by their names', () => {
    const plan = makePlan({ kgis: [{ key: 'value_added', kind: 'value_added', name: '付加価値増加額', unit: '百万円', baseline: 0, baseline_year: 2025, target: 1200, target_year: 2030, basis: '', years_label: null }] });
    expect(nameChange(plan, 'sections/path/initiatives', 'a', 'b')).toEqual({ section: 'path', sectionLabel: '4. 勝ち筋の特定と定量的なインパクト【道筋】', itemLabel: '(2) 取組の具体像' });
    expect(nameChange(plan, 'kgis/value_added/target', 1, 2).itemLabel).toBe('KGI「付加価値増加額」 ＞ 目標値');
    expect(nameChange(plan, 'kpis/kpi-1/withdrawal/threshold', 1, 2).itemLabel).toBe('KPI「kpi-1」 ＞ 撤退基準 ＞ 閾値');
    expect(nameChange(plan, 'requirement_statements/1', 'a', 'b').itemLabel).toBe('要件1【有望度】');
    expect(nameChange(plan, 'title', 'a', 'b')).toMatchObject({ sectionLabel: '基本情報', itemLabel: '計画の名称' });
  });

  it('shows values without keys, codes or JSON', () => {
    expect(showValue('kpis/k/targets', [{ period: '2027H1', value: 5 }])).toBe('2027年度上期：5');
    expect(showValue('kpis/k/withdrawal/comparator', 'lt')).toBe('未満');
    expect(showValue('core_companies/1/support_target', true)).toBe('はい');
    expect(showValue('strategic_fields', ['ai_semiconductor'])).toBe('AI・半導体');
    expect(showValue('title', null)).toBe('（なし）');
    expect(showValue('kgis/x', { key: 'x', kind: 'own' })).toBe('（項目一式）');
  });

  it('renders before → after with the earlier comment of the same section beside it', () => {
    const changes: ChangesOut = {
      since: 'returned',
      base_found: true,
      base_at: '2026-07-20T01:00:00Z',
      reviewed_at: null,
      earlier_review: { action: 'return_with_comments', occurred_at: '2026-07-20T01:00:00Z', actor_name: '内閣 一郎', comment: '全体', requirement_comments: [{ number: 1, comment: '根拠を' }], section_comments: [{ section: 'path', comment: '戦略を具体的に' }] },
      changes: [
        { path: 'sections/path/basic_strategy', before: '戦略', after: '新しい戦略' },
        { path: 'requirement_statements/1', before: '旧', after: '新' },
        { path: 'core_companies/5835678256246', before: null, after: { name: '菊陽精密工業', corporate_number: '5835678256246' } },
      ],
    };
    render(<ChangesRows plan={makePlan()} changes={changes} />);
    const rows = within(screen.getByTestId('changes-table')).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('(1) 基本戦略戦略新しい戦略戦略を具体的に');
    expect(rows[1]).toHaveTextContent('根拠を');
    expect(rows[2]).toHaveTextContent('「菊陽精密工業」を追加');
    expect(screen.getByTestId('changes-table')).not.toHaveTextContent(/[{}[\]]|null|undefined/);
  });
});
