/** The candidate projects' rules as the screens apply them: who may do what, the form's working copy, labels. */
import type { Decision, DecisionIn, ProposalOut, ProposalPatch } from '../../api/proposals';
import { ApiError } from '../../api/problem';
import { hasRole, type SessionUser } from '../../auth/types';
import type { SummaryItem } from '../../components/ErrorSummary';
import { DRAFT_MESSAGES, LABEL_SEPARATOR, UNKNOWN_FIELD_LABEL } from '../../lib/fieldLabels';
import { parseFiscalYear } from '../../lib/fiscalYears';
import { corporateNumberProblem, normaliseDigits } from '../../lib/identifiers';
import { parseAmount } from '../../lib/money';
import { fieldId } from '../../lib/plans';
import { messageOf } from '../../lib/useLoad';
import { PLAN_RULES } from '../../api/rules.gen';
import { PROPOSALS, PROPOSAL_OWN_LABELS } from './messages';

/** The states in plans-api's order (rules: `proposal_states`). */
export const PROPOSAL_STATES = PLAN_RULES.proposal_states.map((s) => s.state);

/** Each state's name, as plans-api names it (the API's `state_label` says the same). */
export const PROPOSAL_STATE_LABELS: Record<string, string> = Object.fromEntries(
  PLAN_RULES.proposal_states.map((s) => [s.state, s.label]),
);

type RuleField = (typeof PLAN_RULES.proposal_fields)[number]['name'];
type Leaf<P extends string> = P extends `${string}/${infer Rest}` ? Leaf<Rest> : P;

/**
 * A proposal's fields by their last path part (`since`, `corporate_number`), in plans-api's words
 * (rules: `proposal_fields`, the schema's descriptions), and the decision's fields in the screen's.
 */
export const PROPOSAL_FIELD_LABELS = {
  ...(Object.fromEntries(
    PLAN_RULES.proposal_fields.map((f) => [f.name.split('/').pop() ?? f.name, f.label]),
  ) as Record<Leaf<RuleField>, string>),
  ...PROPOSAL_OWN_LABELS,
};

/** The states in which the prefecture changes and submits its proposal (rules: `proposal_editable_states`). */
export const EDITABLE_STATES: readonly string[] = PLAN_RULES.proposal_editable_states;

/** The badge's colours per state. */
export const PROPOSAL_STATE_TONES: Record<string, string> = {
  draft: 'border-solid-gray-600 text-solid-gray-800',
  submitted: 'border-blue-900 text-blue-900',
  returned: 'border-error-1 text-error-1',
  adopted: 'border-success-2 text-success-2',
  not_adopted: 'border-solid-gray-600 text-solid-gray-700',
};

/** The states a list may be filtered by: a prefecture sees its drafts, the others never do. */
export function filterStates(user: SessionUser): readonly string[] {
  return user.tier === 'prefecture' ? PROPOSAL_STATES : PROPOSAL_STATES.filter((s) => s !== 'draft');
}

/** Creating a proposal: a prefecture's editors (auth.ProposalEditor). */
export const PROPOSAL_AUTHORING = { tiers: ['prefecture'], roles: ['editor'] } as const;

const own = (user: SessionUser, proposal: Pick<ProposalOut, 'organisation'>) =>
  user.tier === 'prefecture' && user.organisation === proposal.organisation;

/** The prefecture's editor changes a draft or a returned proposal (approvers and admins included). */
export function mayEdit(user: SessionUser, proposal: Pick<ProposalOut, 'organisation' | 'state'>): boolean {
  return own(user, proposal) && hasRole(user, 'editor') && EDITABLE_STATES.includes(proposal.state);
}

/** The prefecture's approver submits it to the bureau of its block. */
export function maySubmit(user: SessionUser, proposal: Pick<ProposalOut, 'organisation' | 'state'>): boolean {
  return own(user, proposal) && hasRole(user, 'approver') && EDITABLE_STATES.includes(proposal.state);
}

/** A bureau's approver decides a submitted proposal (the server checks the block). */
export function mayDecide(user: SessionUser, proposal: Pick<ProposalOut, 'state'>): boolean {
  return user.tier === 'bureau' && hasRole(user, 'approver') && proposal.state === 'submitted';
}

// --- the form's working copy --------------------------------------------------------------------

export interface CoordinationRow {
  ministry: string;
  since: string;
  status: string;
}

export interface InvestorRow {
  corporate_number: string;
  name: string;
}

/** The form as typed: numbers and years stay text until they are saved. */
export interface ProposalForm {
  title: string;
  strategic_fields: string[];
  field_alignment: string;
  draft_alignment: string;
  budget_coordination: CoordinationRow[];
  amount_yen: string;
  start_fy: string;
  end_fy: string;
  investors: InvestorRow[];
  labour_environment: string;
}

export function formOf(proposal: ProposalOut): ProposalForm {
  const investment = proposal.investment;
  return {
    title: proposal.title,
    strategic_fields: [...proposal.strategic_fields],
    field_alignment: proposal.field_alignment ?? '',
    draft_alignment: proposal.draft_alignment ?? '',
    budget_coordination: proposal.budget_coordination.map((b) => ({ ministry: b.ministry, since: b.since ?? '', status: b.status ?? '' })),
    amount_yen: investment.amount_yen == null ? '' : String(investment.amount_yen),
    start_fy: investment.start_fy == null ? '' : String(investment.start_fy),
    end_fy: investment.end_fy == null ? '' : String(investment.end_fy),
    investors: (investment.investors ?? []).map((i) => ({ corporate_number: i.corporate_number, name: i.name })),
    labour_environment: proposal.labour_environment ?? '',
  };
}

/** A problem at one field: its path (as the server names it) and the message. */
export interface FieldMessage {
  path: string;
  message: string;
}

const L = PROPOSAL_FIELD_LABELS;
const F = PROPOSALS.form;

const text = (value: string) => (value.trim() === '' ? null : value);

function yearOf(value: string, label: string, path: string, problems: FieldMessage[]): number | null {
  const parsed = parseFiscalYear(value);
  // The same message the year field itself shows once left (components/FiscalYearField).
  if (parsed.kind === 'invalid') problems.push({ path, message: DRAFT_MESSAGES.year(label) });
  return parsed.kind === 'ok' ? parsed.year : null;
}

/** The body a save sends: every part that differs from the proposal, and what cannot be saved as typed. */
export function patchOf(form: ProposalForm, proposal: ProposalOut): { problems: FieldMessage[]; patch: ProposalPatch } {
  const problems: FieldMessage[] = [];
  if (form.title.trim() === '') problems.push({ path: 'title', message: F.required(L.title) });
  form.budget_coordination.forEach((row, i) => {
    if (row.ministry.trim() === '') problems.push({ path: `budget_coordination/${i}/ministry`, message: F.required(L.ministry) });
  });
  const amount = parseAmount(form.amount_yen, F.yenUnit);
  let amountYen: number | null = null;
  if (amount.kind === 'ok' && Number.isSafeInteger(amount.value) && amount.value >= 0) amountYen = amount.value;
  else if (amount.kind !== 'empty') problems.push({ path: 'investment/amount_yen', message: F.yenWhole(L.amount_yen) });
  const start = yearOf(form.start_fy, L.start_fy, 'investment/start_fy', problems);
  const end = yearOf(form.end_fy, L.end_fy, 'investment/end_fy', problems);
  if (start !== null && end !== null && end < start) problems.push({ path: 'investment/end_fy', message: F.yearsReversed });
  form.investors.forEach((row, i) => {
    const number = corporateNumberProblem(row.corporate_number);
    if (number) problems.push({ path: `investment/investors/${i}/corporate_number`, message: number });
    if (row.name.trim() === '') problems.push({ path: `investment/investors/${i}/name`, message: F.required(L.name) });
  });
  const full: Required<{ [K in keyof ProposalPatch]: NonNullable<ProposalPatch[K]> | null }> = {
    title: form.title.trim(),
    strategic_fields: form.strategic_fields,
    field_alignment: text(form.field_alignment),
    draft_alignment: text(form.draft_alignment),
    budget_coordination: form.budget_coordination.map((row) => ({
      ministry: row.ministry.trim(),
      since: row.since || null,
      status: text(row.status),
    })),
    investment: {
      amount_yen: amountYen,
      start_fy: start,
      end_fy: end,
      investors: form.investors.map((row) => ({ corporate_number: normaliseDigits(row.corporate_number), name: row.name.trim() })),
    },
    labour_environment: text(form.labour_environment),
  };
  const before = patchFields(formOf(proposal), proposal);
  const patch: ProposalPatch = {};
  for (const key of Object.keys(full) as (keyof ProposalPatch)[]) {
    if (JSON.stringify(full[key]) !== JSON.stringify(before[key])) Object.assign(patch, { [key]: full[key] });
  }
  return { problems, patch };
}

/** The proposal as a save of its own form would send it (what "unchanged" is measured against). */
function patchFields(form: ProposalForm, proposal: ProposalOut): Record<keyof ProposalPatch, unknown> {
  return {
    title: proposal.title,
    strategic_fields: form.strategic_fields,
    field_alignment: proposal.field_alignment,
    draft_alignment: proposal.draft_alignment,
    budget_coordination: proposal.budget_coordination.map((b) => ({ ministry: b.ministry, since: b.since ?? null, status: b.status ?? null })),
    investment: {
      amount_yen: proposal.investment.amount_yen ?? null,
      start_fy: proposal.investment.start_fy ?? null,
      end_fy: proposal.investment.end_fy ?? null,
      investors: (proposal.investment.investors ?? []).map((i) => ({ corporate_number: i.corporate_number, name: i.name })),
    },
    labour_environment: proposal.labour_environment,
  };
}

/** Whether the form differs from the proposal as saved. */
export function isDirty(form: ProposalForm, proposal: ProposalOut): boolean {
  return JSON.stringify(form) !== JSON.stringify(formOf(proposal));
}

// --- labels and where a message goes --------------------------------------------------------------

function rowName(noun: (n: number, name: string) => string, index: string | undefined, name: string | undefined): string | null {
  if (index === undefined || !/^\d+$/.test(index)) return null;
  return noun(Number(index) + 1, name ?? '');
}

/**
 * A field's label for people: `budget_coordination/1/since` →
 * 「関係省庁との予算措置の事前調整 ＞ 関係省庁 2（国土交通省） ＞ 調整を開始した日」. Never the path.
 */
export function proposalFieldLabel(path: string, form?: ProposalForm): string {
  const [head = '', ...rest] = path.split('/').filter(Boolean);
  const known = (key: string | undefined): string | null => (key && key in L ? L[key as keyof typeof L] : null);
  const parts: (string | null)[] = [];
  if (head === 'budget_coordination') {
    parts.push(L.budget_coordination);
    if (rest.length > 0) {
      parts.push(rowName(F.coordinationLegend, rest[0], form?.budget_coordination[Number(rest[0])]?.ministry));
      if (rest[1]) parts.push(known(rest[1]));
    }
  } else if (head === 'investment') {
    parts.push(L.investment);
    if (rest[0] === 'investors') {
      parts.push(L.investors);
      if (rest.length > 1) {
        parts.push(rowName(F.investorLegend, rest[1], form?.investors[Number(rest[1])]?.name));
        if (rest[2]) parts.push(known(rest[2]));
      }
    } else if (rest[0]) {
      parts.push(known(rest[0]));
    }
  } else {
    parts.push(known(head));
  }
  // A part the catalogue does not know is left out, never shown raw.
  const found = parts.filter((p): p is string => p !== null);
  return found.length > 0 ? found.join(LABEL_SEPARATOR) : UNKNOWN_FIELD_LABEL;
}

/** The element a path's message links to: the input, or the list / group it belongs to. */
export function proposalFieldId(path: string): string {
  return fieldId(path === 'investment' ? 'investment/amount_yen' : path);
}

/** What a summary lists for problems at fields: 「label：message」, linked to the field. */
export function summaryOf(problems: readonly FieldMessage[], form?: ProposalForm): SummaryItem[] {
  return problems.map((p) => ({ fieldId: proposalFieldId(p.path), message: F.labelled(proposalFieldLabel(p.path, form), p.message) }));
}

/** A refused write: each field the server named (labelled, linked), else its message alone. */
export function refusalOf(error: unknown): { problems: FieldMessage[]; message: string } {
  if (error instanceof ApiError && error.fieldErrors.length > 0) {
    return { problems: error.fieldErrors.map((p) => ({ path: p.field, message: p.message })), message: messageOf(error) };
  }
  return { problems: [], message: messageOf(error) };
}

/** Each field's own message, by element id (shown under the field). */
export function messagesByField(problems: readonly FieldMessage[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    const id = proposalFieldId(p.path);
    out[id] = out[id] ? `${out[id]} ${p.message}` : p.message;
  }
  return out;
}

// --- the bureau's decision ------------------------------------------------------------------------

export const DECISIONS: readonly Decision[] = ['adopt', 'return', 'not_adopt'];

/** As plans-api decides it (service.decide): returning and not adopting need a comment. */
export function decisionBody(decision: Decision | '', comment: string): { problems: FieldMessage[]; body: DecisionIn | null } {
  if (decision === '') return { problems: [{ path: 'decision', message: PROPOSALS.decision.choiceMissing }], body: null };
  const trimmed = comment.trim();
  if (decision !== 'adopt' && trimmed === '') return { problems: [{ path: 'comment', message: PROPOSALS.decision.commentMissing }], body: null };
  return { problems: [], body: { decision, comment: trimmed === '' ? null : trimmed } };
}
