/** The review screens' logic: queue order, and a change's path named in Japanese. */
import type { PlanOut } from '../../api/plans';
import { COMMITMENT, COMPARATOR_LABELS, FIVE_W1H_LABELS, KGI_KIND_LABELS, SECTIONS, STRATEGIC_FIELDS } from '../../lib/plans';
import { KGI_FIELD_LABELS } from '../../lib/fieldLabels';
import { REVIEW_MESSAGES as M } from './messages';

interface Clocked {
  review_clock: { requested_at: string; target_date: string | null; overdue: boolean; days_in_review: number };
}

/** The national queue's order: the round's target date first (none last), then the longest waiting. */
export function sortByTarget<T extends Clocked>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => {
    const ta = a.review_clock.target_date;
    const tb = b.review_clock.target_date;
    if (ta !== tb) {
      if (ta === null) return 1;
      if (tb === null) return -1;
      return ta < tb ? -1 : 1;
    }
    return a.review_clock.requested_at < b.review_clock.requested_at ? -1 : a.review_clock.requested_at > b.review_clock.requested_at ? 1 : 0;
  });
}

/** Whole days from `since` to `now` (never negative). */
export function daysSince(since: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / 86_400_000));
}

const PLAN_FIELDS = M.fields.plan;
/** A KGI's fields in the words of the one field catalogue (lib/fieldLabels). */
const KGI_FIELDS = KGI_FIELD_LABELS;
// 「5W1H」 alone holds no Japanese, which the catalogue's check (untranslated.test.ts) refuses: named here.
const KPI_FIELDS: Record<string, string> = { ...M.fields.kpi, five_w1h: '5W1H' };
const WITHDRAWAL_FIELDS = M.fields.withdrawal;
const COMPANY_FIELDS = M.fields.company;
const FIVE_W1H: Record<string, string> = FIVE_W1H_LABELS;

export interface NamedChange {
  /** The section key a reviewer comments on (`path`, `kgis`, …), or null for 基本情報. */
  section: string | null;
  sectionLabel: string;
  itemLabel: string;
}

function planType(plan: Pick<PlanOut, 'plan_type'>): 'B' | 'C' {
  return plan.plan_type === 'B' ? 'B' : 'C';
}

/** The Japanese heading of a part a reviewer may comment on (記載項目, commitment, tables). */
export function sectionLabel(plan: Pick<PlanOut, 'plan_type'>, key: string): string {
  const type = planType(plan);
  const heading = SECTIONS[type].find((h) => h.key === key);
  if (heading) return heading.title;
  if (key === 'commitment') return COMMITMENT[type].title;
  if (key === 'kgis') return M.sections.kgis;
  if (key === 'kpis') return M.sections.kpis;
  if (key === 'core_companies') return type === 'B' ? M.sections.companiesB : M.sections.companiesC;
  return M.sections.basic;
}

/** `sections/path/basic_strategy` → 「4. 勝ち筋…」 ＞ 「(1) 基本戦略」; KGI / KPI rows by their name. */
export function nameChange(plan: Pick<PlanOut, 'plan_type' | 'kgis' | 'kpis' | 'requirements'>, path: string, before: unknown, after: unknown): NamedChange {
  const type = planType(plan);
  const [head = '', key = '', ...rest] = path.split('/');
  const rowName = (value: unknown) => (value && typeof value === 'object' && 'name' in value ? String(value.name) : key);
  if (head === 'sections') {
    const heading = SECTIONS[type].find((h) => h.key === key);
    const field = heading?.fields.find((f) => f.name === rest[0]);
    return { section: key, sectionLabel: heading?.title ?? M.sections.description, itemLabel: field?.label ?? M.descriptionItem };
  }
  if (head === 'commitment') {
    const field = COMMITMENT[type].fields.find((f) => f.name === key);
    return { section: 'commitment', sectionLabel: COMMITMENT[type].title, itemLabel: field?.label ?? M.commitmentItem };
  }
  if (head === 'requirement_statements') {
    const requirement = plan.requirements.find((r) => String(r.number) === key);
    return { section: null, sectionLabel: M.sections.requirements, itemLabel: M.requirement(key, requirement ? requirement.label : null) };
  }
  if (head === 'kgis' || head === 'kpis' || head === 'core_companies') {
    const current = head === 'kgis' ? plan.kgis.find((k) => k.key === key) : head === 'kpis' ? plan.kpis.find((k) => k.key === key) : null;
    const name = current?.name ?? rowName(after ?? before);
    const fields = head === 'kgis' ? KGI_FIELDS : head === 'kpis' ? KPI_FIELDS : COMPANY_FIELDS;
    const parts = rest.map((part, i) => (i > 0 && rest[0] === 'withdrawal' ? WITHDRAWAL_FIELDS[part] : i > 0 && rest[0] === 'five_w1h' ? FIVE_W1H[part] : fields[part]) ?? M.detail);
    const row = head === 'kgis' ? `KGI「${name}」` : head === 'kpis' ? `KPI「${name}」` : `「${name}」`;
    return { section: head, sectionLabel: sectionLabel(plan, head), itemLabel: [row, ...parts].join(M.pathSeparator) };
  }
  return { section: null, sectionLabel: M.sections.basic, itemLabel: PLAN_FIELDS[head] ?? M.planItem };
}

/** A changed value as people read it (no keys, codes or JSON; industries named by `jsicLabel`). */
export function showValue(path: string, value: unknown, jsicLabel: (code: string) => string = (code) => code): string {
  if (value === null || value === undefined || value === '') return M.empty;
  if (typeof value === 'boolean') return value ? M.yes : M.no;
  if (typeof value === 'number') return value.toLocaleString('ja-JP');
  if (typeof value === 'string') {
    if (path.endsWith('/comparator')) return (COMPARATOR_LABELS as Record<string, string>)[value] ?? value;
    if (path.endsWith('/kind')) return (KGI_KIND_LABELS as Record<string, string>)[value] ?? value;
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return M.empty;
    return value
      .map((v) => {
        if (v && typeof v === 'object' && 'period' in v && 'value' in v) {
          const { period, value: amount } = v as { period: string; value: number };
          const match = /^(\d{4})H([12])$/.exec(period);
          return M.periodValue(match ? M.halfYear(match[1] ?? '', match[2] === '1') : period, amount.toLocaleString('ja-JP'));
        }
        if (path === 'strategic_fields' && typeof v === 'string') return STRATEGIC_FIELDS[v] ?? v;
        if (path === 'jsic_codes' && typeof v === 'string') return jsicLabel(v);
        return typeof v === 'object' ? M.wholeItem : String(v as string | number);
      })
      .join('、');
  }
  if (typeof value === 'object' && 'name' in value) return String(value.name);
  return M.wholeItem;
}
