import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json } from '../../test/http';
import { makePlan } from '../../test/plans';
import { ChangesRows, ChangesTable } from './ChangesTable';
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
    const list = screen.getByRole('list', { name: '変更された項目（変更前 → 変更後）' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('(1) 基本戦略変更前戦略変更後新しい戦略そのときのコメント戦略を具体的に');
    expect(items[0]).toHaveTextContent(/^4\. 勝ち筋の特定と定量的なインパクト【道筋】 ＞ \(1\) 基本戦略/);
    expect(items[1]).toHaveTextContent('そのときのコメント根拠を');
    expect(items[2]).toHaveTextContent('変更後「菊陽精密工業」を追加');
    expect(list).not.toHaveTextContent(/[{}[\]]|null|undefined/);
  });
});

describe('the changes since an earlier version', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('switches from the return to the last published version, field by field', async () => {
    const changes = (since: string, after: string) => json(200, { since, base_found: true, base_at: '2026-05-01T03:00:00Z', reviewed_at: null, earlier_review: null, changes: [{ path: 'sections/field/crops_varieties', before: 'にんじん', after }] });
    const server = fakeServer({
      'GET /api/plans/7/changes?since=returned': () => changes('returned', 'にんじんとトマト'),
      'GET /api/plans/7/changes?since=published': () => changes('published', 'にんじんとトマトとなす'),
    });
    render(<ChangesTable plan={makePlan()} />);
    expect(await screen.findByText('にんじんとトマト')).toBeVisible();
    await userEvent.selectOptions(screen.getByLabelText(/^比較する版/), '最後に公表した版から');
    expect(await screen.findByText('にんじんとトマトとなす')).toBeVisible();
    expect(screen.getByText('比較する版：2026年5月1日（金） 12:00')).toBeVisible();
    expect(server.requests.map((r) => r.url)).toEqual(['/api/plans/7/changes?since=returned', '/api/plans/7/changes?since=published']);
  });
});

describe('industries in the changes', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('names each JSIC code from the list the picker loads, never the bare code', async () => {
    fakeServer({
      'GET /api/plans/reference/jsic': () =>
        json(200, { revision: '', coverage: '', items: [{ code: 'E28', name: '電子部品・デバイス・電子回路製造業', level: '中分類', label: 'E28 電子部品・デバイス・電子回路製造業', keywords: [] }, { code: 'A01', name: '農業', level: '中分類', label: 'A01 農業', keywords: [] }] }),
    });
    const changes: ChangesOut = { since: 'returned', base_found: true, base_at: null, reviewed_at: null, earlier_review: null, changes: [{ path: 'jsic_codes', before: ['E28'], after: ['E28', 'A01'] }] };
    render(<ChangesRows plan={makePlan()} changes={changes} />);
    const item = screen.getByTestId('change');
    expect(await within(item).findByText('E28 電子部品・デバイス・電子回路製造業、A01 農業')).toBeVisible();
    expect(item).toHaveTextContent('基本情報 ＞ 日本標準産業分類変更前E28 電子部品・デバイス・電子回路製造業変更後E28 電子部品・デバイス・電子回路製造業、A01 農業');
  });
});
