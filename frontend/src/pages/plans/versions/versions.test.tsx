import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DescribedChange } from '../../../api/versions';
import { KIKUYO_EDITOR, fakeServer, json } from '../../../test/http';
import { makePlan } from '../../../test/plans';
import { renderApp } from '../../../test/render';
import { ChangeList, ContentList } from './ChangeList';
import { changeHeading, groupByArea, groupChanges } from './grouping';
import { importFieldLabel } from './messages';

afterEach(() => vi.unstubAllGlobals());

function change(kind: DescribedChange['kind'], area: string, item: string, extra: Partial<DescribedChange> = {}): DescribedChange {
  const labels: Record<string, string> = { basics: '計画の概要', kgis: 'KGI', core_companies: '核となる事業者', sections: '記載項目' };
  return { kind, area, area_label: labels[area] ?? area, item, field: null, before: null, after: null, path: `${area}/${item}`, ...extra };
}

describe('grouping of changes', () => {
  const changes = [
    change('changed', 'basics', '計画の名称', { before: '旧', after: '新' }),
    change('removed', 'core_companies', '「サンプル製作所」'),
    change('changed', 'kgis', 'KGI「計画での付加価値増加額」', { field: '目標値', path: 'kgis/value_added/target' }),
    change('added', 'kgis', 'KGI「独自」', { path: 'kgis/own-1' }),
    change('changed', 'basics', '目標年度', { path: 'goal_fiscal_year' }),
  ];

  it('groups 追加, 変更, 削除 in that order, leaving out kinds with nothing', () => {
    const groups = groupChanges(changes);
    expect(groups.map((g) => [g.kind, g.count])).toEqual([
      ['added', 1],
      ['changed', 3],
      ['removed', 1],
    ]);
    expect(groupChanges(changes.filter((c) => c.kind === 'changed')).map((g) => g.kind)).toEqual(['changed']);
    expect(groupChanges([])).toEqual([]);
  });

  it('groups by area in the order areas first appear, keeping the items in order', () => {
    const changed = groupChanges(changes).find((g) => g.kind === 'changed');
    expect(changed?.areas.map((a) => [a.label, a.changes.map((c) => c.item)])).toEqual([
      ['計画の概要', ['計画の名称', '目標年度']],
      ['KGI', ['KGI「計画での付加価値増加額」']],
    ]);
    expect(groupByArea(changes).map((a) => a.area)).toEqual(['basics', 'core_companies', 'kgis']);
  });

  it('names a field change with its item, a whole item by itself', () => {
    const [, company, target] = changes;
    expect(target && changeHeading(target)).toBe('KGI「計画での付加価値増加額」 ＞ 目標値');
    expect(company && changeHeading(company)).toBe('「サンプル製作所」');
  });

  it('names where a workbook problem is without field paths', () => {
    expect(importFieldLabel('core_companies/0/corporate_number')).toBe('核となる企業・事業者 1行目');
    expect(importFieldLabel('kgis/2/target')).toBe('KGI 3行目');
    expect(importFieldLabel('file')).toBe('ファイル');
    expect(importFieldLabel('様式/sections/x')).toBe('様式の記載項目');
    expect(importFieldLabel('anything_else')).toBe('様式');
  });
});

const SUMMARY = {
  revision: 1,
  written_at: '2026-12-01T01:00:00Z',
  actor_name: '菊陽 太郎',
  organisation: '434043',
  restored_from: null,
};

const KGI = { key: 'value_added', kind: 'value_added', name: '付加価値増加額', unit: '百万円', baseline: null, baseline_year: null, target: 1, target_year: 2030, basis: '' };

function routes(extra: Record<string, () => Response> = {}) {
  // With its mandatory KGI the plan opens with nothing unsaved.
  const plan = makePlan({ kgis: [KGI] });
  return {
    'GET /auth/me': () => json(200, KIKUYO_EDITOR),
    'GET /api/plans/7': () => json(200, plan, { ETag: '"3"' }),
    'GET /api/plans/7/transitions': () => json(200, []),
    'GET /api/plans/7/history': () => json(200, []),
    'GET /api/plans/7/versions?limit=10&offset=0': () =>
      json(200, {
        items: [
          { ...SUMMARY, version: 3, source: 'edited', source_label: '編集', changed_areas: ['KGI'], change_count: 1, current: true },
          { ...SUMMARY, version: 1, source: 'created', source_label: '作成', changed_areas: ['計画の概要'], change_count: 2, current: false },
        ],
        total: 2,
        limit: 10,
        offset: 0,
      }),
    'GET /api/plans/7/versions/1': () =>
      json(200, {
        ...SUMMARY,
        version: 1,
        source: 'created',
        source_label: '作成',
        changed_areas: [],
        change_count: 0,
        current: false,
        items: [change('added', 'basics', '計画の名称', { after: '第一稿' })],
        changes_to_current: [change('changed', 'basics', '計画の名称', { before: '第二稿', after: '第一稿' })],
      }),
    ...extra,
  };
}

describe('版の履歴', () => {
  it('lists versions, shows one as a diff and its content, and restores it after a confirmation', async () => {
    const restored = makePlan({ version: 4, title: '第一稿' });
    const { requests } = fakeServer(
      routes({ 'POST /api/plans/7/versions/1/restore': () => json(200, restored, { ETag: '"4"' }) }),
    );
    const user = userEvent.setup();
    renderApp('/plans/7');
    const row = await screen.findByTestId('version-1');
    expect(row).toHaveTextContent('作成：計画の概要（2件）');
    expect(screen.getByTestId('version-3')).toHaveTextContent('現在の内容');
    await user.click(within(row).getByRole('button', { name: '第1版を表示する' }));
    const diff = await screen.findByTestId('version-diff');
    expect(within(diff).getByRole('heading', { name: '変更（1件）' })).toBeInTheDocument();
    expect(diff).toHaveTextContent('変更前：第二稿 → 変更後：第一稿');
    await user.click(screen.getByRole('button', { name: 'この版の内容' }));
    expect(screen.getByTestId('version-content')).toHaveTextContent('第一稿');
    await user.click(screen.getByTestId('restore-open'));
    const dialog = screen.getByRole('dialog', { name: '第1版に戻しますか' });
    await user.click(within(dialog).getByRole('button', { name: '戻す' }));
    expect(await screen.findByText('第1版の内容に戻しました（第4版として記録しました）。')).toBeInTheDocument();
    const post = requests.find((r) => r.url === '/api/plans/7/versions/1/restore');
    expect(post?.headers.get('If-Match')).toBe('"3"');
  });
});

describe('PDFで表示', () => {
  it('links the plan as it is now and each version of the history to its PDF, each named by its version', async () => {
    fakeServer(routes());
    renderApp('/plans/7');
    const table = await screen.findByTestId('versions');
    expect(screen.getByRole('link', { name: 'PDFで表示' })).toHaveAttribute('href', '/api/plans/7/document.pdf');
    expect(within(table).getAllByRole('link')).toHaveLength(2);
    for (const n of [3, 1]) {
      const row = within(table).getByTestId(`version-${n}`);
      expect(within(row).getByRole('link', { name: `第${n}版をPDFで表示` })).toHaveAttribute('href', `/api/plans/7/document.pdf?version=${n}`);
    }
  });
});

describe('様式の取込', () => {
  it('previews the changes grouped before applying, and applies only on 取り込む', async () => {
    const { requests } = fakeServer(
      routes({
        'POST /api/plans/7/import/preview': () =>
          json(200, {
            plan_id: 7,
            plan_type: 'C',
            version: 3,
            workbook_version: 3,
            changes: [
              change('changed', 'basics', '計画の名称', { before: '旧', after: '新' }),
              change('removed', 'core_companies', '「サンプル製作所」'),
            ],
          }),
        'POST /api/plans/7/import': () => json(200, makePlan({ version: 4, title: '新' }), { ETag: '"4"' }),
      }),
    );
    const user = userEvent.setup();
    renderApp('/plans/7');
    await user.click(await screen.findByTestId('import-open'));
    const dialog = screen.getByRole('dialog', { name: '様式（Excel）の取込' });
    await user.upload(within(dialog).getByLabelText('取り込む様式（Excel）ファイル'), new File(['x'], '様式.xlsx'));
    const changes = await within(dialog).findByTestId('import-changes');
    expect(within(changes).getByRole('heading', { name: '変更（1件）' })).toBeInTheDocument();
    expect(within(changes).getByRole('heading', { name: '削除（1件）' })).toBeInTheDocument();
    expect(requests.some((r) => r.url === '/api/plans/7/import')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: '取り込む' }));
    expect(await screen.findByText('様式.xlsx を取り込みました。')).toBeInTheDocument();
    expect(requests.find((r) => r.url === '/api/plans/7/import')?.headers.get('If-Match')).toBe('"3"');
  });

  it('names a workbook of another plan and offers no 取り込む', async () => {
    const detail = 'この様式は「別の計画」(計画ID 9)のものです。この計画「菊陽町 地場産業成長プラン」(計画ID 7)の様式を選んでください';
    const { requests } = fakeServer(
      routes({
        'POST /api/plans/7/import/preview': () =>
          json(422, {
            type: 'https://chiiki-platform.example/problems/workbook-of-another-plan',
            title: '別の計画の様式です',
            status: 422,
            detail,
            errors: [{ field: 'file', message: detail }],
          }),
      }),
    );
    const user = userEvent.setup();
    renderApp('/plans/7');
    await user.click(await screen.findByTestId('import-open'));
    const dialog = screen.getByRole('dialog', { name: '様式（Excel）の取込' });
    await user.upload(within(dialog).getByLabelText('取り込む様式（Excel）ファイル'), new File(['x'], '別.xlsx'));
    expect(await within(dialog).findByText(`取り込めません：${detail}`)).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: '取り込む' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'キャンセル' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(requests.some((r) => r.url === '/api/plans/7/import')).toBe(false);
  });
});

describe('industries in an import preview or a version', () => {
  const JSIC = { revision: '', coverage: '', items: [{ code: 'E28', name: '電子部品・デバイス・電子回路製造業', level: '中分類', label: 'E28 電子部品・デバイス・電子回路製造業', keywords: [] }, { code: 'E2814', name: '集積回路製造業', level: '細分類', label: 'E2814 集積回路製造業', keywords: [] }] };
  const industries = change('changed', 'basics', '該当する業種(日本標準産業分類)', { path: 'jsic_codes', before: 'E28', after: 'E28、E2814' });

  it('names each code the API describes bare, from the list the picker loads', async () => {
    fakeServer({ 'GET /api/plans/reference/jsic': () => json(200, JSIC) });
    render(<ChangeList changes={[industries]} level={3} testId="preview" />);
    expect(await screen.findByText(/→ 変更後：E28 電子部品・デバイス・電子回路製造業、E2814 集積回路製造業$/)).toBeInTheDocument();
    expect(screen.getByTestId('preview')).toHaveTextContent('変更前：E28 電子部品・デバイス・電子回路製造業 →');
  });

  it('names them in a version read as a whole too', async () => {
    fakeServer({ 'GET /api/plans/reference/jsic': () => json(200, JSIC) });
    render(<ContentList items={[{ ...industries, kind: 'added', before: null }]} level={3} />);
    expect(await screen.findByText('E28 電子部品・デバイス・電子回路製造業、E2814 集積回路製造業')).toBeInTheDocument();
  });
});
