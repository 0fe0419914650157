/** The plan domain as the screens name it (DESIGN §2; plans-api content.py / kgi_requirements.py). */
import type { components } from '../api/schema';
import { PLAN_RULES } from '../api/rules.gen';
import { PLAN_LABELS as L } from './messages';

export type PlanType = components['schemas']['PlanType'];
export type PlanState = components['schemas']['PlanState'];
export type KgiKind = components['schemas']['KgiKind'];
export type Action = components['schemas']['Action'];

/** 'B 地域産業クラスター計画': the type's letter and its name from plans-api's rules. */
export const PLAN_TYPE_LABELS = Object.fromEntries(
  PLAN_RULES.plan_types.map((t) => [t.type, `${t.type} ${t.label}`]),
) as Record<PlanType, string>;

export const AUTHORABLE_TYPES: readonly PlanType[] = ['B', 'C'];

/** The states' names, from plans-api's rules (the API's own words for them). */
export const PLAN_STATE_LABELS = Object.fromEntries(
  PLAN_RULES.plan_states.map((s) => [s.state, s.label]),
) as Record<PlanState, string>;

/** Badge colours: states waiting for the author stand out, finished ones are calm. */
export const PLAN_STATE_TONES: Record<PlanState, string> = {
  draft: 'border-solid-gray-600 text-solid-gray-800',
  prefecture_review: 'border-blue-900 text-blue-900',
  precheck_requested: 'border-blue-900 text-blue-900',
  in_review: 'border-blue-900 text-blue-900',
  returned: 'border-error-1 text-error-1',
  precheck_completed: 'border-success-2 text-success-2',
  announced: 'border-success-2 text-success-2',
  submitted: 'border-success-2 text-success-2',
  published: 'border-success-2 text-success-2',
  withdrawn: 'border-solid-gray-600 text-solid-gray-700',
};

export const PLAN_STATES = Object.keys(PLAN_STATE_LABELS) as PlanState[];

export const EDITABLE_STATES: readonly PlanState[] = PLAN_RULES.editable_states;

/** The 17 strategic fields (code → name), from plans-api's rules. */
export const STRATEGIC_FIELDS: Record<string, string> = Object.fromEntries(
  PLAN_RULES.strategic_fields.map((f) => [f.code, f.label]),
);

/** The 47 prefectures in the order of their numbers (01 北海道 … 47 沖縄県), from plans-api's rules. */
export const PREFECTURES: readonly string[] = PLAN_RULES.prefectures.map((p) => p.name);

/** `43` → `熊本県`. */
export function prefectureName(twoDigits: string): string {
  return PREFECTURES[Number(twoDigits) - 1] ?? twoDigits;
}

/**
 * An organisation code in words while the directory's name is not known (`useOrganisationNames`
 * asks the directory): a prefecture by its name, a municipality as its prefecture and code.
 */
export function organisationName(code: string): string {
  if (/^\d{6}$/.test(code)) {
    const prefecture = prefectureName(code.slice(0, 2));
    return code.slice(2, 5) === '000' ? prefecture : L.municipality(prefecture, code);
  }
  return code;
}

/** The KGI kinds' names, as plans-api names them (the 様式 workbook, the version history). */
export const KGI_KIND_LABELS = Object.fromEntries(PLAN_RULES.kgi_kinds.map((k) => [k.kind, k.label])) as Record<KgiKind, string>;

interface MandatoryKgi {
  kind: KgiKind;
  /** Kinds that satisfy the requirement as well (C: 労働生産性 instead of 付加価値). */
  accepted: readonly KgiKind[];
  name: string;
  unit: string;
}

/** 必須KGI per type (seed 000 B ④ / C ④), pre-filled into a new plan's KGI table; from plans-api's rules. */
export const MANDATORY_KGIS: Record<'B' | 'C', readonly MandatoryKgi[]> = PLAN_RULES.mandatory_kgis;

/** A KGI of a kind that satisfies one of the type's mandatory KGIs: its years are the plan's. */
export function isMandatoryKind(type: PlanType, kind: KgiKind): boolean {
  return MANDATORY_KGIS[type === 'B' ? 'B' : 'C'].some((m) => m.accepted.includes(kind));
}

/**
 * The years a mandatory KGI takes from its plan (plans-api kgi_requirements.mandatory_years): the goal
 * year as target year and, for the cumulative capex, the start fiscal year as the start of the sum.
 */
export function mandatoryYears(type: PlanType, kind: KgiKind, start: number | null, goal: number | null): { target_year?: number | null; baseline_year?: number | null } {
  if (!isMandatoryKind(type, kind)) return {};
  return kind === 'capex_cumulative' ? { target_year: goal, baseline_year: start } : { target_year: goal };
}

/** The workflow's buttons, in messages.ts. */
export const ACTION_LABELS: Record<Action, string> = L.actions;

/** Steps a person must explain in a comment (the server refuses them without one), from plans-api's rules. */
export const ACTIONS_NEEDING_COMMENT: readonly Action[] = PLAN_RULES.actions.filter((a) => a.needs_comment).map((a) => a.action);

/** The steps' names in a plan's history, from plans-api's rules (the transition table's own words). */
export const HISTORY_ACTION_LABELS = Object.fromEntries(
  PLAN_RULES.actions.map((a) => [a.action, a.label]),
) as Record<Action, string>;

/** A history entry's step in words (a step this screen does not know yet reads as 「手続」, never its key). */
export function historyActionLabel(action: string): string {
  return (HISTORY_ACTION_LABELS as Record<string, string | undefined>)[action] ?? L.unknownAction;
}

/** 撤退基準の比較 (code → words, 「10億円未満」), from plans-api's rules. */
export type Comparator = (typeof PLAN_RULES.comparators)[number]['code'];
export const COMPARATOR_LABELS = Object.fromEntries(
  PLAN_RULES.comparators.map((c) => [c.code, c.label]),
) as Record<Comparator, string>;

/** A KPI's 5W1H (seed 000 ④), in order, from plans-api's rules. */
export type FiveW1HKey = (typeof PLAN_RULES.five_w1h)[number]['name'];
export const FIVE_W1H_LABELS = Object.fromEntries(
  PLAN_RULES.five_w1h.map((p) => [p.name, p.label]),
) as Record<FiveW1HKey, string>;

export interface SectionField {
  name: string;
  label: string;
  required: boolean;
}

export interface SectionHeading {
  key: string;
  title: string;
  fields: readonly SectionField[];
  /** Parts of the heading kept elsewhere in the editor (業種, 核となる企業, KGI, KPI). */
  elsewhere?: string;
}

/** The editor's own hints: where a heading's other parts are entered, in messages.ts. */
const ELSEWHERE: Record<'B' | 'C', Partial<Record<string, string>>> = L.elsewhere;

/** The description items 1–6 (①記載項目) per type: headings, items and required ones from plans-api's rules. */
export const SECTIONS: Record<'B' | 'C', readonly SectionHeading[]> = {
  B: sectionHeadings('B'),
  C: sectionHeadings('C'),
};

function sectionHeadings(type: 'B' | 'C'): SectionHeading[] {
  return PLAN_RULES.sections[type].map((h) => {
    const elsewhere = ELSEWHERE[type][h.key];
    return {
      key: h.key,
      title: h.title,
      fields: h.items.map((i) => ({
        name: i.name,
        label: i.label,
        required: i.required,
      })),
      ...(elsewhere === undefined ? {} : { elsewhere }),
    };
  });
}

export interface CommitmentField {
  name: string;
  label: string;
  required: boolean;
  /** One entry per line, sent as a list. */
  list?: boolean;
  /** A text of several lines (a Text field of the API). */
  multiline?: boolean;
}

type CommitmentRule = (typeof PLAN_RULES.commitment)['B' | 'C'][number];

/** A commitment item as plans-api's rules define it: its words, whether it is asked for, its shape. */
function commitmentItem(item: CommitmentRule): CommitmentField {
  return {
    name: item.name,
    label: item.label,
    required: item.required,
    ...(item.list ? { list: true } : {}),
    ...(item.multiline ? { multiline: true } : {}),
  };
}

/**
 * 自治体のコミットメント (plans-api content.py): B's 伴走支援体制 names the fields of support, the
 * staffing, the departments, the concrete measures and their frequency, and the regional financial
 * institutions involved if any (seed 000 B ⑥※); C's 相談窓口 names one department and any number of
 * further ones, the government's own or those of partner bodies (関係団体等, seed 000 C ⑤※).
 * The items, their order and their words are plans-api's rules'; the titles are in messages.ts.
 */
export const COMMITMENT: Record<'B' | 'C', { title: string; fields: readonly CommitmentField[] }> = {
  B: { title: L.commitmentTitles.B, fields: PLAN_RULES.commitment.B.map(commitmentItem) },
  C: { title: L.commitmentTitles.C, fields: PLAN_RULES.commitment.C.map(commitmentItem) },
};

/** The id of the input a validation path (`sections/field/reason`, `kgis/0/target`) points at. */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_]+/g, '-')}`;
}

export type CoordinationPartyKind = components['schemas']['CoordinationEntry']['party_kind'];

/** Who a plan was coordinated with (各種調整, seed 000 ⑤ 3.): the kinds in order, from plans-api's rules. */
export const COORDINATION_PARTY_LABELS = Object.fromEntries(
  PLAN_RULES.coordination_parties.map((p) => [p.kind, p.label]),
) as Record<CoordinationPartyKind, string>;

/** `25` or `２５．５` (percent) as a rate 0–1; `null` when it is not a number from 0 to 100. */
export function rateFromPercent(text: string): number | null {
  const normalised = text
    .replace(/[０-９．]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[%％\s]/g, '');
  if (!/^\d+(\.\d+)?$/.test(normalised)) return null;
  const percent = Number(normalised);
  return percent <= 100 ? percent / 100 : null;
}
