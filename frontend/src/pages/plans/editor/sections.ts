/** The editor's sections: their order in the index, the part of the plan each saves, and which section a field path is in. */
import { EDITOR_SECTION_TITLES, companyTitle } from '../../../lib/fieldLabels';
import type { DraftPart, PlanDraft } from '../../../lib/planDraft';
import { COMMITMENT, SECTIONS, type PlanType } from '../../../lib/plans';

export interface EditorSectionInfo {
  /** `basic`, `sections/area`, `kgis`, … (the first segments of the field paths inside it). */
  key: string;
  title: string;
  /** The id of the section's element in the editor. */
  anchor: string;
  /** The request that saves it. */
  part: DraftPart;
}

const typeOf = (t: PlanType): 'B' | 'C' => (t === 'B' ? 'B' : 'C');

/** Every section of the editor of a plan type, in the order of the section index (1–6, KGI, KPI, 要件, コミットメント). */
export function editorSections(planType: PlanType): EditorSectionInfo[] {
  const t = typeOf(planType);
  return [
    { key: 'basic', title: EDITOR_SECTION_TITLES.basic, anchor: 'editor-basic', part: 'patch' },
    ...SECTIONS[t].map((h) => ({ key: `sections/${h.key}`, title: h.title, anchor: `editor-section-${h.key}`, part: 'patch' as const })),
    { key: 'kgis', title: EDITOR_SECTION_TITLES.kgis, anchor: 'editor-kgis', part: 'kgis' },
    { key: 'kpis', title: EDITOR_SECTION_TITLES.kpis, anchor: 'editor-kpis', part: 'kpis' },
    { key: 'core_companies', title: companyTitle(planType), anchor: 'editor-companies', part: 'core-companies' },
    { key: 'requirements', title: EDITOR_SECTION_TITLES.requirements, anchor: 'editor-requirements', part: 'patch' },
    { key: 'commitment', title: COMMITMENT[t].title, anchor: 'editor-commitment', part: 'patch' },
    { key: 'co_authors', title: EDITOR_SECTION_TITLES.co_authors, anchor: 'editor-co-authors', part: 'co-authors' },
  ];
}

const TABLES = ['kgis', 'kpis', 'core_companies', 'requirements', 'commitment', 'co_authors'];

/** The editor section a field path belongs to (`kgis/0/target` → `kgis`, `sections/area/reason` → `sections/area`). */
export function sectionOf(path: string): string {
  const [head = '', second = ''] = path.split('/');
  if (head === 'sections' && second) return `sections/${second}`;
  if (TABLES.includes(head)) return head;
  if (head === 'organisations') return 'co_authors';
  return 'basic';
}

/** `onto` with the fields of one section taken from `from` (saving one section, or taking the server's copy of it back). */
export function overlay(onto: PlanDraft, from: PlanDraft, key: string): PlanDraft {
  const result = JSON.parse(JSON.stringify(onto)) as PlanDraft;
  const copy = <T,>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  if (key === 'basic') {
    result.title = from.title;
    result.period_start_fy = from.period_start_fy;
    result.goal_fiscal_year = from.goal_fiscal_year;
    result.strategic_fields = copy(from.strategic_fields);
    result.jsic_codes = from.jsic_codes;
  } else if (key.startsWith('sections/')) {
    const heading = key.slice('sections/'.length);
    result.sections[heading] = copy(from.sections[heading] ?? {});
  } else if (key === 'requirements') {
    result.statements = copy(from.statements);
  } else if (key === 'commitment') {
    result.commitment = copy(from.commitment);
  } else if (key === 'kgis') {
    result.kgis = copy(from.kgis);
  } else if (key === 'kpis') {
    result.kpis = copy(from.kpis);
  } else if (key === 'core_companies') {
    result.core_companies = copy(from.core_companies);
  } else if (key === 'co_authors') {
    result.co_authors = from.co_authors;
  }
  return result;
}
