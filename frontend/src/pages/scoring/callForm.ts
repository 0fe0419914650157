/** The call form's rules (必須・形式・順序) and how its values become a CallCreate body. */
import type { CallCreate } from '../../api/scoring';
import type { SummaryItem } from '../../components/ErrorSummary';
import { SCORING_RULES } from '../../api/scoringRules.gen';
import { parseYenInput } from '../../lib/money';
import { SCORING } from './messages';

const E = SCORING.callForm.errors;

export interface LabelledOption {
  code: string;
  label: string;
}

/** The consents and documents of 熊本県's call (seed 003), offered as the usual choices. */
export const CONSENT_OPTIONS: readonly LabelledOption[] = [
  { code: 'accompanying_support', label: SCORING.callForm.consentLabels.accompanying_support },
  { code: 'executive_network', label: SCORING.callForm.consentLabels.executive_network },
];
/** The documents every call asks for, as scoring-api names them (its rules document). */
export const DOCUMENT_OPTIONS: readonly LabelledOption[] = SCORING_RULES.required_documents;

export interface CallFormValues {
  title: string;
  description: string;
  opensDate: string;
  opensTime: string;
  closesDate: string;
  closesTime: string;
  targetFields: string;
  minSales: string;
  maxEmployees: string;
  consents: string[];
  documents: string[];
  planId: string;
}

export const FIELD_IDS = {
  title: 'call-title',
  description: 'call-description',
  opensDate: 'call-opens-date',
  opensTime: 'call-opens-time',
  closesDate: 'call-closes-date',
  closesTime: 'call-closes-time',
  targetFields: 'call-target-fields',
  minSales: 'call-min-sales',
  maxEmployees: 'call-max-employees',
  consents: `call-consent-${CONSENT_OPTIONS[0]?.code ?? ''}`,
  documents: `call-document-${DOCUMENT_OPTIONS[0]?.code ?? ''}`,
  planId: 'call-plan',
} as const satisfies Record<keyof CallFormValues, string>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

/** A JST wall-clock date and time as an ISO instant with its +09:00 offset. */
export function jstInstant(date: string, time: string): string {
  return `${date}T${time}:00+09:00`;
}

function validDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(text);
}

function count(text: string): number | null {
  const normalised = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[,，\s]/g, '');
  return /^\d+$/.test(normalised) ? Number(normalised) : null;
}

/** Every problem of the form at once (the same rules the server applies), or the body to send. */
export function validateCallForm(values: CallFormValues): { errors: SummaryItem[]; body: CallCreate | null } {
  const errors: SummaryItem[] = [];
  const add = (field: keyof CallFormValues, message: string) => errors.push({ fieldId: FIELD_IDS[field], message });
  if (!values.title.trim()) add('title', E.title);
  const opensOk = validDate(values.opensDate);
  const closesOk = validDate(values.closesDate);
  if (!opensOk) add('opensDate', E.opensDate);
  if (!TIME.test(values.opensTime)) add('opensTime', E.opensTime);
  if (!closesOk) add('closesDate', E.closesDate);
  if (!TIME.test(values.closesTime)) add('closesTime', E.closesTime);
  const opensAt = jstInstant(values.opensDate, values.opensTime);
  const closesAt = jstInstant(values.closesDate, values.closesTime);
  const windowComplete = opensOk && closesOk && TIME.test(values.opensTime) && TIME.test(values.closesTime);
  if (windowComplete && new Date(closesAt) <= new Date(opensAt)) add('closesDate', E.closesOrder);
  const minSalesMillion = values.minSales.trim() === '' ? null : parseYenInput(values.minSales, 'million');
  if (values.minSales.trim() !== '' && (minSalesMillion === null || minSalesMillion < 0)) add('minSales', E.minSales);
  const maxEmployees = values.maxEmployees.trim() === '' ? null : count(values.maxEmployees);
  if (values.maxEmployees.trim() !== '' && maxEmployees === null) add('maxEmployees', E.maxEmployees);
  if (errors.length > 0) return { errors, body: null };
  const pick = (options: readonly LabelledOption[], codes: string[]) => options.filter((o) => codes.includes(o.code));
  return {
    errors,
    body: {
      title: values.title.trim(),
      description: values.description.trim() || null,
      opens_at: opensAt,
      closes_at: closesAt,
      target_fields: values.targetFields.split('\n').map((f) => f.trim()).filter(Boolean),
      min_sales: minSalesMillion,
      max_employees: maxEmployees,
      required_consents: pick(CONSENT_OPTIONS, values.consents),
      required_documents: pick(DOCUMENT_OPTIONS, values.documents),
      plan_id: values.planId || null,
    },
  };
}

const SERVER_FIELDS: [RegExp, keyof CallFormValues][] = [
  [/^title/, 'title'],
  [/^description/, 'description'],
  [/^opens_at/, 'opensDate'],
  [/^closes_at/, 'closesDate'],
  [/^target_fields/, 'targetFields'],
  [/^min_sales/, 'minSales'],
  [/^max_employees/, 'maxEmployees'],
  [/^required_consents/, 'consents'],
  [/^required_documents/, 'documents'],
  [/^plan_id/, 'planId'],
];

/** The form field a server problem (`closes_at`, `target_fields/2`) belongs to, if any. */
export function fieldIdForServer(field: string): string | undefined {
  const found = SERVER_FIELDS.find(([pattern]) => pattern.test(field));
  return found ? FIELD_IDS[found[1]] : undefined;
}
