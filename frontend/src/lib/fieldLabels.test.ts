import { describe, expect, it } from 'vitest';
import { fieldLabel, lineInSection, type LabelContext } from './fieldLabels';

const C: LabelContext = {
  planType: 'C',
  kgis: [{ name: '計画での付加価値増加額', kind: 'value_added' }, { name: '', kind: 'own' }],
  kpis: [{ name: '新規取引件数' }],
  companies: [{ name: '菊陽精密(サンプル)' }],
  requirements: [{ number: 2, label: '実現可能性' }],
};

describe('field labels', () => {
  it('names a field by section, row and item', () => {
    expect(fieldLabel('kgis/0/target', C)).toBe('3. 現状認識と目指す姿【目標】 ＞ KGI「計画での付加価値増加額」 ＞ 目標値');
    expect(fieldLabel('kgis/1/basis', C)).toBe('3. 現状認識と目指す姿【目標】 ＞ KGI 2 ＞ 設定の根拠');
    expect(fieldLabel('kpis/0/targets/1/value', C)).toBe('5. 取組に向けた課題と自治体が行う取組【政策手段】 ＞ KPI「新規取引件数」 ＞ 半期ごとの目標値 ＞ 目標 2 ＞ 目標値');
    expect(fieldLabel('kpis/0/withdrawal/text', C)).toBe('5. 取組に向けた課題と自治体が行う取組【政策手段】 ＞ KPI「新規取引件数」 ＞ 撤退基準の内容');
    expect(fieldLabel('core_companies/0/corporate_number', C)).toBe('2. 支援する地域及び推進の核となる事業者 ＞ 核となる事業者「菊陽精密(サンプル)」 ＞ 法人番号');
    expect(fieldLabel('requirements/2/statement', C)).toBe('要件の充足状況 ＞ 要件2【実現可能性】');
    expect(fieldLabel('commitment/further_departments/1', C)).toBe('自治体のコミットメント（相談窓口） ＞ その他の相談窓口 ＞ 2行目');
    expect(fieldLabel('commitment/measures', { planType: 'B' })).toBe('自治体のコミットメント（伴走支援体制） ＞ 伴走支援の具体的取組');
    expect(fieldLabel('goal_fiscal_year', C)).toBe('基本情報 ＞ 目標年度');
  });

  it('never shows a path it does not know', () => {
    expect(fieldLabel('capex_target_year')).toBe('入力欄');
    expect(fieldLabel('sections/nowhere/x', C)).toBe('入力欄');
    expect(fieldLabel('kgis/0/accompanying_support', C)).toBe('3. 現状認識と目指す姿【目標】 ＞ KGI「計画での付加価値増加額」');
  });

  it('makes two KGIs’ identical messages two different lines', () => {
    const a = lineInSection('kgis/0/target', '目標値を入力してください', C);
    const b = lineInSection('kgis/1/target', '目標値を入力してください', C);
    expect(a).toBe('KGI「計画での付加価値増加額」：目標値を入力してください');
    expect(b).toBe('KGI 2：目標値を入力してください');
    expect(lineInSection('kpis', 'KPIを1つ以上設定してください', C)).toBe('KPIを1つ以上設定してください');
  });
});

describe('lines of the validation list', () => {
  it('name the KPI and the company they concern, so two of them never read the same', () => {
    const two: LabelContext = { ...C, kpis: [{ name: '新規取引件数' }, { name: '' }], companies: [{ name: '菊陽精密(サンプル)' }, { name: '阿蘇部品(サンプル)' }] };
    const kpiLines = ['kpis/0/withdrawal/text', 'kpis/1/withdrawal/text'].map((p) => lineInSection(p, '撤退基準を記載してください', two));
    expect(kpiLines[0]).toMatch(/^KPI「新規取引件数」/);
    expect(kpiLines[1]).toMatch(/^KPI 2/);
    expect(new Set(kpiLines).size).toBe(2);
    const companyLines = ['core_companies/0/role', 'core_companies/1/role'].map((p) => lineInSection(p, '役割を記載してください', two));
    expect(companyLines[0]).toContain('「菊陽精密(サンプル)」');
    expect(companyLines[1]).toContain('「阿蘇部品(サンプル)」');
    expect(new Set(companyLines).size).toBe(2);
    for (const line of [...kpiLines, ...companyLines]) expect(line).not.toMatch(/[a-z_]+\/\d|kpis|core_companies/);
  });
});
