/**
 * The one catalogue that names a plan's fields in Japanese for people: an error location from the
 * API (`kgis/0/target`, `commitment/measures`, `sections/area/reason`) or from the editor becomes
 * 「3. 現状認識と目指す姿【目標】 ＞ KGI「付加価値増加額」 ＞ 目標値」 — section, item and row. Data only,
 * plus the functions that read it; a field path itself never reaches a screen. The words are in
 * messages.ts (FIELD_LABELS); the headings and items of the sections are plans-api's rules.
 */
import {
  COMMITMENT,
  FIVE_W1H_LABELS,
  KGI_KIND_LABELS,
  SECTIONS,
  type KgiKind,
  type PlanType,
} from './plans';
import { FIELD_LABELS as L } from './messages';

/** Between the parts of a label. */
export const LABEL_SEPARATOR = L.separator;

/** Said of a field whose path the catalogue does not know (never the path itself). */
export const UNKNOWN_FIELD_LABEL = L.unknown;

/** The editor's sections, in the order of the index. */
export const EDITOR_SECTION_TITLES = L.editorSections;

/** Fields of the basic information (基本情報). */
export const BASIC_FIELD_LABELS: Record<string, string> = L.basic;

export const KGI_FIELD_LABELS: Record<string, string> = L.kgi;

/** A KPI's fields and the items of its 5W1H (plans-api's rules). */
export const KPI_FIELD_LABELS: Record<string, string> = {
  ...L.kpi,
  ...FIVE_W1H_LABELS,
};

export const COMPANY_FIELD_LABELS: Record<string, string> = L.company;

/** Row nouns: 「KGI「付加価値増加額」」, 「KPI 2」, 「核となる事業者「菊陽精密」」. */
export const ROW_NOUNS = L.rowNouns;

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
  return L.companyTitles[typeOf(planType)];
}

function headingTitle(planType: PlanType, key: string): string | undefined {
  return SECTIONS[typeOf(planType)].find((h) => h.key === key)?.title;
}

function row(noun: string, index: number, name: string | undefined): string {
  return name && name.trim() !== '' ? L.namedRow(noun, name.trim()) : L.numberedRow(noun, index + 1);
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
      return [spec.title, ...known(field?.label.replace(/（[^）]*）$/, '')), ...(field && line !== null ? [L.line(line + 1)] : [])];
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
        if (t2 !== null) out.push(L.numberedRow(ROW_NOUNS.target, t2 + 1), ...known(KPI_FIELD_LABELS[third ?? '']));
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
        ...(number === null ? [] : [requirement ? L.requirementNamed(number, requirement.label) : L.requirement(number)]),
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
  return L.labelled(fieldLabel(path, context), message);
}

/** The label of a field inside its own section (without the section's title), for row-level lists. */
export function itemLabel(path: string, context: LabelContext): string {
  return labelParts(path, context).slice(1).filter(Boolean).join(LABEL_SEPARATOR) || fieldLabel(path, context);
}

/** What the editor says at a field it refuses to save as typed (lib/planDraft.ts draftProblems), in messages.ts. */
export { DRAFT_MESSAGES } from './messages';

/**
 * A validation line inside its section's group: the row and item the message concerns, without
 * the section (the group's heading) and without an item the message names already —
 * `KGI「付加価値増加額」：目標値を入力してください`, `「(1) 現状の整理」を記載してください`.
 */
export function lineInSection(path: string, message: string, context: LabelContext): string {
  const parts = labelParts(path, context).slice(1).filter(Boolean);
  const last = parts.at(-1);
  if (last && message.includes(last.replace(/（[^）]*）$/, ''))) parts.pop();
  return parts.length ? L.labelled(parts.join(LABEL_SEPARATOR), message) : message;
}
