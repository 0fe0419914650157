/**
 * The one catalogue that names a plan's fields in Japanese for people: an error location from the
 * API (`kgis/0/target`, `commitment/measures`, `sections/area/reason`) or from the editor becomes
 * 「3. 現状認識と目指す姿【目標】 ＞ KGI「付加価値増加額」 ＞ 目標値」 — section, item and row. Data only,
 * plus the functions that read it; a field path itself never reaches a screen.
 */
import {
  COMMITMENT,
  FIVE_W1H_LABELS,
  KGI_KIND_LABELS,
  SECTIONS,
  type KgiKind,
  type PlanType,
} from './plans';

/** Between the parts of a label. */
export const LABEL_SEPARATOR = ' ＞ ';

/** Said of a field whose path the catalogue does not know (never the path itself). */
export const UNKNOWN_FIELD_LABEL = '入力欄';

/** The editor's sections, in the order of the index; `anchor` is the id of each section element. */
export const EDITOR_SECTION_TITLES = {
  basic: '基本情報',
  kgis: 'KGI（目標）',
  kpis: 'KPI（政策手段の指標）',
  requirements: '要件の充足状況',
  co_authors: '共同作成団体',
} as const;

/** Fields of the basic information (基本情報). */
export const BASIC_FIELD_LABELS: Record<string, string> = {
  title: '計画の名称',
  plan_type: '計画の種類',
  period_start_fy: '計画期間の開始年度',
  goal_fiscal_year: '目標年度',
  jsic_codes: '業種（日本標準産業分類）',
  strategic_fields: '17の戦略分野',
};

export const KGI_FIELD_LABELS: Record<string, string> = {
  kind: '種類',
  name: '名称',
  unit: '単位',
  baseline: '基準値',
  baseline_year: '基準年度',
  target: '目標値',
  target_year: '目標年度',
  basis: '設定の根拠',
};

export const KPI_FIELD_LABELS: Record<string, string> = {
  name: '名称',
  unit: '単位',
  baseline: '基準値',
  kgi_key: '対応するKGI',
  targets: '半期ごとの目標値',
  period: '半期',
  value: '目標値',
  withdrawal: '撤退基準',
  comparator: '比較',
  threshold: '閾値',
  text: '撤退基準の内容',
  five_w1h: '施策の5W1H',
  ...FIVE_W1H_LABELS,
};

export const COMPANY_FIELD_LABELS: Record<string, string> = {
  corporate_number: '法人番号',
  name: '名称',
  role: 'サプライチェーン・バリューチェーン内での役割',
  scale: '事業規模',
  support_target: '伴走支援の対象',
};

/** Row nouns: 「KGI「付加価値増加額」」, 「KPI 2」, 「核となる事業者「菊陽精密」」. */
export const ROW_NOUNS = {
  kgi: 'KGI',
  kpi: 'KPI',
  target: '目標',
  companyB: '核となる企業',
  companyC: '核となる事業者',
  requirement: '要件',
  line: '行目',
} as const;

/** The section each table belongs to in the seed's ①記載項目 (KGI: 3.(2), KPI: 5., companies: 2.(2)). */
const TABLE_HEADINGS = { kgis: 'present_and_goals', kpis: 'policy', core_companies: 'area' } as const;

/** What a label needs to know of the plan: its type and the names of its rows. */
export interface LabelContext {
  planType: PlanType;
  kgis?: readonly { name: string; kind?: string }[];
  kpis?: readonly { name: string }[];
  companies?: readonly { name: string }[];
  requirements?: readonly { number: number; label: string }[];
}

const typeOf = (t: PlanType): 'B' | 'C' => (t === 'B' ? 'B' : 'C');

/** 計画推進の核となる企業 (B) / 推進の核となる事業者 (C). */
export function companyTitle(planType: PlanType): string {
  return planType === 'B' ? '計画推進の核となる企業' : '推進の核となる事業者';
}

function headingTitle(planType: PlanType, key: string): string | undefined {
  return SECTIONS[typeOf(planType)].find((h) => h.key === key)?.title;
}

function row(noun: string, index: number, name: string | undefined): string {
  return name && name.trim() !== '' ? `${noun}「${name.trim()}」` : `${noun} ${index + 1}`;
}

function index(text: string | undefined): number | null {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : null;
}

function kgiName(context: LabelContext, i: number): string | undefined {
  const kgi = context.kgis?.[i];
  if (!kgi) return undefined;
  // An unnamed KGI of its own kind is "KGI 2" (two of them must not read alike).
  return kgi.name || (kgi.kind && kgi.kind !== 'own' ? KGI_KIND_LABELS[kgi.kind as KgiKind] : undefined);
}

/** The parts of a field's label: [section, item, row…]. Unknown parts are left out, never shown raw. */
export function labelParts(path: string, context: LabelContext): string[] {
  const t = typeOf(context.planType);
  const parts = path.split('/').filter(Boolean);
  const [head = '', ...rest] = parts;
  const known = (label: string | undefined) => (label ? [label] : []);
  switch (head) {
    case 'sections': {
      const heading = SECTIONS[t].find((h) => h.key === rest[0]);
      if (!heading) return [UNKNOWN_FIELD_LABEL];
      return [heading.title, ...known(heading.fields.find((f) => f.name === rest[1])?.label)];
    }
    case 'commitment': {
      const spec = COMMITMENT[t];
      const field = spec.fields.find((f) => f.name === rest[0]);
      const line = index(rest[1]);
      // The item's name without its note in brackets (「参画する地域金融機関（あれば）」).
      return [spec.title, ...known(field?.label.replace(/（[^）]*）$/, '')), ...(field && line !== null ? [`${line + 1}${ROW_NOUNS.line}`] : [])];
    }
    case 'kgis': {
      const title = headingTitle(context.planType, TABLE_HEADINGS.kgis) ?? EDITOR_SECTION_TITLES.kgis;
      const i = index(rest[0]);
      if (i === null) return [title, ROW_NOUNS.kgi];
      return [title, row(ROW_NOUNS.kgi, i, kgiName(context, i)), ...known(KGI_FIELD_LABELS[rest[1] ?? ''])];
    }
    case 'kpis': {
      const title = headingTitle(context.planType, TABLE_HEADINGS.kpis) ?? EDITOR_SECTION_TITLES.kpis;
      const i = index(rest[0]);
      if (i === null) return [title, ROW_NOUNS.kpi];
      const out = [title, row(ROW_NOUNS.kpi, i, context.kpis?.[i]?.name)];
      const [field, second, third] = rest.slice(1);
      if (field === 'targets') {
        out.push(KPI_FIELD_LABELS.targets ?? '');
        const t2 = index(second);
        if (t2 !== null) out.push(`${ROW_NOUNS.target} ${t2 + 1}`, ...known(KPI_FIELD_LABELS[third ?? '']));
      } else if (field === 'withdrawal') {
        out.push(...(second === 'text' ? [KPI_FIELD_LABELS.text ?? ''] : [KPI_FIELD_LABELS.withdrawal ?? '', ...known(KPI_FIELD_LABELS[second ?? ''])]));
      } else if (field === 'five_w1h') {
        out.push(...known(KPI_FIELD_LABELS.five_w1h), ...known(KPI_FIELD_LABELS[second ?? '']));
      } else {
        out.push(...known(KPI_FIELD_LABELS[field ?? '']));
      }
      return out;
    }
    case 'core_companies': {
      const title = headingTitle(context.planType, TABLE_HEADINGS.core_companies) ?? companyTitle(context.planType);
      const noun = context.planType === 'B' ? ROW_NOUNS.companyB : ROW_NOUNS.companyC;
      const i = index(rest[0]);
      if (i === null) return [title, noun];
      return [title, row(noun, i, context.companies?.[i]?.name), ...known(COMPANY_FIELD_LABELS[rest[1] ?? ''])];
    }
    case 'requirements': {
      const number = index(rest[0]);
      const requirement = context.requirements?.find((r) => r.number === number);
      return [
        EDITOR_SECTION_TITLES.requirements,
        ...(number === null ? [] : [requirement ? `${ROW_NOUNS.requirement}${number}【${requirement.label}】` : `${ROW_NOUNS.requirement}${number}`]),
      ];
    }
    case 'co_authors':
    case 'organisations':
      return [EDITOR_SECTION_TITLES.co_authors];
    default: {
      const basic = BASIC_FIELD_LABELS[head];
      return basic ? [EDITOR_SECTION_TITLES.basic, basic] : [UNKNOWN_FIELD_LABEL];
    }
  }
}

/**
 * 「3. 現状認識と目指す姿【目標】 ＞ KGI「付加価値増加額」 ＞ 目標値」 for `kgis/0/target`. Without a
 * context (or for a path it does not know) it still answers Japanese, never the path.
 */
export function fieldLabel(path: string, context: LabelContext = { planType: 'C' }): string {
  return labelParts(path, context).filter(Boolean).join(LABEL_SEPARATOR);
}

/** `〈label〉：〈message〉`, the line a summary shows for one failing field. */
export function labelledMessage(path: string, message: string, context: LabelContext): string {
  return `${fieldLabel(path, context)}：${message}`;
}

/** The label of a field inside its own section (without the section's title), for row-level lists. */
export function itemLabel(path: string, context: LabelContext): string {
  return labelParts(path, context).slice(1).filter(Boolean).join(LABEL_SEPARATOR) || fieldLabel(path, context);
}

/** What the editor says at a field it refuses to save as typed (lib/planDraft.ts draftProblems). */
export const DRAFT_MESSAGES = {
  number: (label: string) => `「${label}」は数値で入力してください（例：1,200、12億、4,800万、１２０）。「約」などの言葉や年度は入れられません。`,
  year: (label: string) => `「${label}」は年度で入力してください（例：2027、令和9年度、R9）。`,
  targetValue: '半期を選んだ目標には値を入力してください（値のない目標は保存できません）。',
  targetPeriod: '値を入れた目標には半期を選んでください（半期のない目標は保存できません）。',
  withdrawal: '撤退基準は「閾値」と「実績が閾値の…とき撤退」の両方を入力してください（一方だけでは保存できません）。',
  refused: (n: number) => `入力内容を保存できませんでした。直す項目が${n}件あります（何も保存していません）`,
} as const;

/**
 * A validation line inside its section's group: the row and item the message concerns, without
 * the section (the group's heading) and without an item the message names already —
 * `KGI「付加価値増加額」：目標値を入力してください`, `「(1) 現状の整理」を記載してください`.
 */
export function lineInSection(path: string, message: string, context: LabelContext): string {
  const parts = labelParts(path, context).slice(1).filter(Boolean);
  const last = parts.at(-1);
  if (last && message.includes(last.replace(/（[^）]*）$/, ''))) parts.pop();
  return parts.length ? `${parts.join(LABEL_SEPARATOR)}：${message}` : message;
}
