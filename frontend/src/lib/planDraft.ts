/**
 * What the editor holds while someone types: every field as text, so nothing typed is ever
 * reshaped under the cursor, and the request bodies derived from it. The same functions decide which
 * parts changed (only those are sent) and what differs in a 412 conflict.
 */
import type { CoreCompanyIn, KgiIn, KpiIn, PlanOut, PlanPatch } from '../api/plans';
import { DRAFT_MESSAGES } from './fieldLabels';
import { parseFiscalYear } from './fiscalYears';
import { DRAFT_LABELS as L } from './messages';
import { normaliseDigits } from './identifiers';
import { parseAmount } from './money';
import {
  COMMITMENT,
  COMPARATOR_LABELS,
  FIVE_W1H_LABELS,
  KGI_KIND_LABELS,
  MANDATORY_KGIS,
  mandatoryYears,
  SECTIONS,
  STRATEGIC_FIELDS,
  type Comparator,
  type FiveW1HKey,
  type KgiKind,
  type PlanType,
} from './plans';

export interface KgiDraft {
  key: string;
  kind: KgiKind;
  name: string;
  unit: string;
  baseline: string;
  baseline_year: string;
  target: string;
  target_year: string;
  basis: string;
}

export interface KpiDraft {
  key: string;
  name: string;
  unit: string;
  baseline: string;
  targets: { period: string; value: string }[];
  comparator: Comparator | '';
  threshold: string;
  withdrawalText: string;
  five_w1h: Record<FiveW1HKey, string>;
  kgi_key: string;
}

export interface CompanyDraft {
  corporate_number: string;
  name: string;
  role: string;
  scale: string;
  /** 伴走支援の対象: what a ministry's review consideration (審査上の考慮) reads for a B plan. */
  support_target: boolean;
}

export interface PlanDraft {
  title: string;
  period_start_fy: string;
  goal_fiscal_year: string;
  strategic_fields: string[];
  jsic_codes: string;
  sections: Record<string, Record<string, string>>;
  commitment: Record<string, string>;
  statements: Record<string, string>;
  kgis: KgiDraft[];
  kpis: KpiDraft[];
  core_companies: CompanyDraft[];
  co_authors: string;
}

type SectionType = 'B' | 'C';

export function sectionType(type: PlanType): SectionType {
  return type === 'B' ? 'B' : 'C';
}

function text(value: unknown): string {
  if (Array.isArray(value)) return value.map(text).join('\n');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

export function emptyFiveW1H(): Record<FiveW1HKey, string> {
  return { why: '', what: '', deadline: '', department: '', forum: '', how: '' };
}

export function newKgi(kind: KgiKind, existing: readonly KgiDraft[], name = '', unit = ''): KgiDraft {
  const taken = new Set(existing.map((k) => k.key));
  let key: string = kind;
  for (let n = 2; taken.has(key); n += 1) key = `${kind}_${n}`;
  return { key, kind, name, unit, baseline: '', baseline_year: '', target: '', target_year: '', basis: '' };
}

export function newKpi(existing: readonly KpiDraft[]): KpiDraft {
  const taken = new Set(existing.map((k) => k.key));
  let n = existing.length + 1;
  while (taken.has(`kpi_${n}`)) n += 1;
  return {
    key: `kpi_${n}`,
    name: '',
    unit: '',
    baseline: '',
    targets: [{ period: '', value: '' }],
    comparator: '',
    threshold: '',
    withdrawalText: '',
    five_w1h: emptyFiveW1H(),
    kgi_key: '',
  };
}

/** The mandatory KGIs of the type the plan does not have yet, as rows to fill in. */
export function withMandatoryKgis(type: PlanType, kgis: KgiDraft[]): KgiDraft[] {
  const rows = [...kgis];
  for (const mandatory of MANDATORY_KGIS[sectionType(type)]) {
    if (rows.some((row) => mandatory.accepted.includes(row.kind))) continue;
    rows.push(newKgi(mandatory.kind, rows, mandatory.name, mandatory.unit));
  }
  return rows;
}

export function draftFromPlan(plan: PlanOut): PlanDraft {
  const type = sectionType(plan.plan_type);
  const sections: PlanDraft['sections'] = {};
  for (const heading of SECTIONS[type]) {
    const stored = record(plan.sections[heading.key]);
    sections[heading.key] = Object.fromEntries(heading.fields.map((f) => [f.name, text(stored[f.name])]));
  }
  const commitment = Object.fromEntries(COMMITMENT[type].fields.map((f) => [f.name, text(plan.commitment[f.name])]));
  const statements = Object.fromEntries(plan.requirements.map((r) => [String(r.number), r.statement ?? '']));
  const kgis: KgiDraft[] = plan.kgis.map((k) => ({
    key: k.key,
    kind: k.kind as KgiKind,
    name: k.name,
    unit: k.unit,
    baseline: text(k.baseline),
    baseline_year: text(k.baseline_year),
    target: text(k.target),
    target_year: text(k.target_year),
    basis: k.basis,
  }));
  const kpis: KpiDraft[] = plan.kpis.map((k) => ({
    key: k.key,
    name: k.name,
    unit: k.unit,
    baseline: text(k.baseline),
    targets: k.targets.map((t) => ({ period: text(t.period), value: text(t.value) })),
    comparator: k.withdrawal?.comparator ?? '',
    threshold: text(k.withdrawal?.threshold),
    withdrawalText: k.withdrawal?.text ?? '',
    five_w1h: { ...emptyFiveW1H(), ...Object.fromEntries(Object.entries(k.five_w1h).map(([n, v]) => [n, text(v)])) },
    kgi_key: k.kgi_key ?? '',
  }));
  return {
    title: plan.title,
    period_start_fy: text(plan.period_start_fy),
    goal_fiscal_year: text(plan.goal_fiscal_year),
    strategic_fields: [...plan.strategic_fields],
    jsic_codes: plan.jsic_codes.join(' '),
    sections,
    commitment,
    statements,
    kgis,
    kpis,
    core_companies: plan.core_companies.map((c) => ({
      corporate_number: c.corporate_number ?? '',
      name: c.name,
      role: c.role,
      scale: c.scale,
      support_target: c.support_target,
    })),
    co_authors: plan.authors
      .filter((a) => !a.is_lead)
      .map((a) => a.organisation)
      .join(' '),
  };
}

/** A number typed as text (full-width and commas allowed), or null when blank or unreadable. */
export function parseNumber(value: string): number | null {
  const normalised = value
    .replace(/[０-９．]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s]/g, '')
    .replace(/^[−ー－]/, '-');
  if (normalised === '' || !/^-?\d+(\.\d+)?$/.test(normalised)) return null;
  return Number(normalised);
}

/** A typed amount in `unit` (12億, 4,800万, １２０) as the number sent; null only when blank. */
function amount(value: string, unit = ''): number | null {
  const parsed = parseAmount(value, unit);
  return parsed.kind === 'ok' ? parsed.value : null;
}

/** A typed fiscal year (2027, 令和9年度, R9) as the number sent; null only when blank. */
function year(value: string): number | null {
  const parsed = parseFiscalYear(value);
  return parsed.kind === 'ok' ? parsed.year : null;
}

const words = (value: string) => value.split(/[\s,、，]+/).filter(Boolean);
const blankToNull = (value: string) => (value.trim() === '' ? null : value);

export function patchBody(draft: PlanDraft, type: PlanType): PlanPatch {
  const t = sectionType(type);
  const commitment: Record<string, unknown> = {};
  for (const field of COMMITMENT[t].fields) {
    const value = draft.commitment[field.name] ?? '';
    commitment[field.name] = field.list ? value.split('\n').map((s) => s.trim()).filter(Boolean) : blankToNull(value);
  }
  const sections: Record<string, Record<string, string | null>> = {};
  for (const heading of SECTIONS[t]) {
    const values = draft.sections[heading.key] ?? {};
    sections[heading.key] = Object.fromEntries(heading.fields.map((f) => [f.name, blankToNull(values[f.name] ?? '')]));
  }
  return {
    title: draft.title,
    period_start_fy: year(draft.period_start_fy),
    goal_fiscal_year: year(draft.goal_fiscal_year),
    strategic_fields: draft.strategic_fields,
    jsic_codes: words(draft.jsic_codes.toUpperCase()),
    sections,
    commitment,
    requirement_statements: Object.fromEntries(Object.entries(draft.statements).filter(([, v]) => v.trim() !== '')),
  };
}

export function kgisBody(draft: PlanDraft, type: PlanType = 'C'): KgiIn[] {
  const start = year(draft.period_start_fy);
  const goal = year(draft.goal_fiscal_year);
  return draft.kgis.map((k) => ({
    key: k.key,
    kind: k.kind,
    name: k.name,
    unit: k.unit,
    baseline: amount(k.baseline, k.unit),
    baseline_year: year(k.baseline_year),
    target: amount(k.target, k.unit),
    target_year: year(k.target_year),
    basis: k.basis,
    ...mandatoryYears(type, k.kind, start, goal),
  }));
}

export function kpisBody(draft: PlanDraft): KpiIn[] {
  return draft.kpis.map((k) => {
    const threshold = amount(k.threshold, k.unit);
    const body: KpiIn = {
      key: k.key,
      name: k.name,
      unit: k.unit,
      baseline: amount(k.baseline, k.unit),
      targets: k.targets
        .filter((t) => t.period.trim() !== '' && amount(t.value, k.unit) !== null)
        .map((t) => ({ period: t.period.trim().toUpperCase(), value: amount(t.value, k.unit) ?? 0 })),
      withdrawal:
        k.comparator && threshold !== null ? { comparator: k.comparator, threshold, text: k.withdrawalText } : null,
      five_w1h: Object.fromEntries(Object.entries(k.five_w1h).map(([n, v]) => [n, blankToNull(v)])),
      kgi_key: blankToNull(k.kgi_key),
    };
    return body;
  });
}

export function companiesBody(draft: PlanDraft): CoreCompanyIn[] {
  return draft.core_companies.map((c) => ({
    corporate_number: blankToNull(normaliseDigits(c.corporate_number)),
    name: c.name,
    role: c.role,
    scale: c.scale,
    support_target: c.support_target,
  }));
}

export function coAuthorsBody(draft: PlanDraft): { organisations: string[] } {
  return { organisations: words(normaliseDigits(draft.co_authors.replace(/[\s,、]+/g, '\n')).replace(/\n/g, ' ')) };
}

/** A field the editor refuses to save as typed: its path (`kgis/0/target`) and what to do. */
export interface DraftProblem {
  path: string;
  message: string;
}


/**
 * Every field whose text would not survive a save: a number or a year that cannot be read, a half
 * year without a value and the reverse, half a withdrawal criterion. A save with any of these is
 * refused as a whole, so a save never "succeeds" while dropping what was typed.
 */
export function draftProblems(draft: PlanDraft, type: PlanType): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const checkYear = (path: string, label: string, value: string) => {
    if (parseFiscalYear(value).kind === 'invalid') problems.push({ path, message: DRAFT_MESSAGES.year(label) });
  };
  const checkNumber = (path: string, label: string, value: string, unit: string) => {
    if (parseAmount(value, unit).kind === 'invalid') problems.push({ path, message: DRAFT_MESSAGES.number(label) });
  };
  checkYear('period_start_fy', L.periodStart, draft.period_start_fy);
  checkYear('goal_fiscal_year', L.goalYear, draft.goal_fiscal_year);
  draft.kgis.forEach((k, i) => {
    const fixed = mandatoryYears(type, k.kind, null, null);
    checkNumber(`kgis/${i}/baseline`, L.baseline, k.baseline, k.unit);
    if (!('baseline_year' in fixed)) checkYear(`kgis/${i}/baseline_year`, L.baselineYear, k.baseline_year);
    checkNumber(`kgis/${i}/target`, L.target, k.target, k.unit);
    if (!('target_year' in fixed)) checkYear(`kgis/${i}/target_year`, L.targetYear, k.target_year);
  });
  draft.kpis.forEach((k, i) => {
    checkNumber(`kpis/${i}/baseline`, L.baseline, k.baseline, k.unit);
    k.targets.forEach((t, j) => {
      const path = `kpis/${i}/targets/${j}`;
      const value = parseAmount(t.value, k.unit);
      if (value.kind === 'invalid') problems.push({ path: `${path}/value`, message: DRAFT_MESSAGES.number(L.target) });
      else if (value.kind === 'empty' && t.period.trim() !== '') problems.push({ path: `${path}/value`, message: DRAFT_MESSAGES.targetValue });
      else if (value.kind === 'ok' && t.period.trim() === '') problems.push({ path: `${path}/period`, message: DRAFT_MESSAGES.targetPeriod });
    });
    const threshold = parseAmount(k.threshold, k.unit);
    if (threshold.kind === 'invalid') {
      problems.push({ path: `kpis/${i}/withdrawal/threshold`, message: DRAFT_MESSAGES.number(L.threshold) });
    } else {
      const some = k.comparator !== '' || threshold.kind === 'ok' || k.withdrawalText.trim() !== '';
      if (some && (k.comparator === '' || threshold.kind !== 'ok')) problems.push({ path: `kpis/${i}/withdrawal`, message: DRAFT_MESSAGES.withdrawal });
    }
  });
  return problems;
}

export type DraftPart = 'patch' | 'kgis' | 'kpis' | 'core-companies' | 'co-authors';

/** The parts in the order they are saved, each with its request body. */
export function partBodies(draft: PlanDraft, type: PlanType): [DraftPart, unknown][] {
  return [
    ['patch', patchBody(draft, type)],
    ['kgis', kgisBody(draft, type)],
    ['kpis', kpisBody(draft)],
    ['core-companies', companiesBody(draft)],
    ['co-authors', coAuthorsBody(draft)],
  ];
}

/** The parts whose body differs from what the server holds (`base`). */
export function changedParts(draft: PlanDraft, base: PlanDraft, type: PlanType): [DraftPart, unknown][] {
  const before = new Map(partBodies(base, type).map(([part, body]) => [part, JSON.stringify(body)]));
  return partBodies(draft, type).filter(([part, body]) => before.get(part) !== JSON.stringify(body));
}

/** Every field as a labelled line of text, for showing two versions side by side (industries named by `jsicLabel`). */
export function describeDraft(draft: PlanDraft, type: PlanType, jsicLabel: (code: string) => string = (code) => code): Map<string, string> {
  const t = sectionType(type);
  const lines = new Map<string, string>();
  lines.set(L.title, draft.title);
  lines.set(L.periodStart, draft.period_start_fy);
  lines.set(L.goalYear, draft.goal_fiscal_year);
  lines.set(L.strategicFields, draft.strategic_fields.map((f) => STRATEGIC_FIELDS[f] ?? f).join('、'));
  lines.set(L.jsic, words(draft.jsic_codes.toUpperCase()).map(jsicLabel).join('、'));
  for (const heading of SECTIONS[t]) {
    for (const field of heading.fields) {
      lines.set(`${heading.title} ${field.label}`, draft.sections[heading.key]?.[field.name] ?? '');
    }
  }
  for (const field of COMMITMENT[t].fields) lines.set(`${COMMITMENT[t].title} ${field.label}`, draft.commitment[field.name] ?? '');
  for (const [number, statement] of Object.entries(draft.statements)) lines.set(L.statement(number), statement);
  draft.kgis.forEach((k, i) => {
    lines.set(
      `KGI ${i + 1}`,
      L.kgiLine(KGI_KIND_LABELS[k.kind], k.name, k.baseline, k.baseline_year, k.target, k.unit, k.target_year, k.basis),
    );
  });
  draft.kpis.forEach((k, i) => {
    const comparator = k.comparator ? COMPARATOR_LABELS[k.comparator] : '';
    const plan = Object.entries(FIVE_W1H_LABELS)
      .map(([n, label]) => `${label}:${k.five_w1h[n as FiveW1HKey]}`)
      .join(' ');
    lines.set(
      `KPI ${i + 1}`,
      L.kpiLine(k.name, k.unit, k.targets.map((t) => `${t.period}=${t.value}`).join(' '), k.threshold, comparator, k.withdrawalText, plan),
    );
  });
  draft.core_companies.forEach((c, i) => lines.set(L.company(i + 1), L.companyLine(c.corporate_number, c.name, c.role, c.scale)));
  lines.set(L.coAuthors, draft.co_authors);
  return lines;
}

export interface Difference {
  label: string;
  mine: string;
  theirs: string;
}

export function differences(mine: PlanDraft, theirs: PlanDraft, type: PlanType, jsicLabel?: (code: string) => string): Difference[] {
  const a = describeDraft(mine, type, jsicLabel);
  const b = describeDraft(theirs, type, jsicLabel);
  const labels = [...new Set([...a.keys(), ...b.keys()])];
  return labels
    .map((label) => ({ label, mine: a.get(label) ?? L.none, theirs: b.get(label) ?? L.none }))
    .filter((d) => d.mine !== d.theirs);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Per key: mine where I changed it since `base`, theirs where I did not. */
function mergeRecord<T>(mine: Record<string, T>, base: Record<string, T>, theirs: Record<string, T>, deeper?: (m: T, b: T, t: T) => T) {
  const result: Record<string, T> = copy(theirs);
  for (const key of Object.keys(mine)) {
    const m = mine[key] as T;
    if (same(m, base[key])) continue;
    const b = base[key];
    const t = theirs[key];
    result[key] = deeper && b !== undefined && t !== undefined ? deeper(m, b, t) : copy(m);
  }
  return result;
}

/**
 * The user's changes re-applied onto a newer version: every field the user changed since `base`
 * comes from `mine`, everything else from `theirs`, so keeping one's own work after a 412 never
 * undoes the other person's work elsewhere. Tables (KGI, KPI, companies) count as one field each.
 */
export function rebase(mine: PlanDraft, base: PlanDraft, theirs: PlanDraft): PlanDraft {
  const result = copy(theirs);
  for (const key of Object.keys(mine) as (keyof PlanDraft)[]) {
    if (same(mine[key], base[key])) continue;
    if (key === 'sections') {
      result.sections = mergeRecord(mine.sections, base.sections, theirs.sections, (m, b, t) => mergeRecord(m, b, t));
    } else if (key === 'commitment' || key === 'statements') {
      result[key] = mergeRecord(mine[key], base[key], theirs[key]);
    } else {
      (result as unknown as Record<string, unknown>)[key] = copy(mine[key]);
    }
  }
  return result;
}
