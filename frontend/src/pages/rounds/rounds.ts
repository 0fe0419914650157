import type { RoundHistoryOut, RoundIn, RoundOut, RoundPatch } from '../../api/rounds';
import type { SummaryItem } from '../../components/ErrorSummary';
import { formatDay, formatUntil } from '../../lib/dates';
import { ROUNDS } from './messages';

const M = ROUNDS.form;

/**
 * A round can be changed until its cutoff passes (plans-api refuses afterwards): the server's
 * `editable`, and the cutoff itself, since the screen may stay open past it.
 */
export function roundEditable(round: Pick<RoundOut, 'editable' | 'cutoff_at'>, now: Date): boolean {
  return round.editable && now.getTime() < new Date(round.cutoff_at).getTime();
}

export const kindLabel = (kind: string) => ROUNDS.kinds[kind] ?? ROUNDS.kinds.batch ?? '';

export const FIELD_IDS = {
  code: 'round-code',
  name: 'round-name',
  kind: 'round-kind',
  last_day: 'round-last-day',
  review_target_date: 'round-target',
} as const;

/** The form field a server problem names (`last_day` → the last-day input). */
export function fieldIdForServer(field: string): string | undefined {
  const key = field.replace(/^body[./]/, '') as keyof typeof FIELD_IDS;
  return FIELD_IDS[key];
}

export interface RoundFormValues {
  name: string;
  lastDay: string;
  target: string;
}

export function formValuesOf(round: RoundOut): RoundFormValues {
  return { name: round.name, lastDay: round.last_day, target: round.review_target_date ?? '' };
}

function dateProblems(values: RoundFormValues): SummaryItem[] {
  const errors: SummaryItem[] = [];
  if (!values.name.trim()) errors.push({ fieldId: FIELD_IDS.name, message: M.required(ROUNDS.form.name) });
  if (!values.lastDay) errors.push({ fieldId: FIELD_IDS.last_day, message: M.required(ROUNDS.form.lastDay) });
  // ISO dates compare as text.
  if (values.lastDay && values.target && values.target <= values.lastDay) {
    errors.push({ fieldId: FIELD_IDS.review_target_date, message: M.targetAfter });
  }
  return errors;
}

/** The changed fields only (plans-api keeps the others), or every problem at once. */
export function roundPatch(values: RoundFormValues, round: RoundOut): { errors: SummaryItem[]; patch: RoundPatch | null } {
  const errors = dateProblems(values);
  if (errors.length > 0) return { errors, patch: null };
  const patch: RoundPatch = {};
  if (values.name.trim() !== round.name) patch.name = values.name.trim();
  if (values.lastDay !== round.last_day) patch.last_day = values.lastDay;
  if ((values.target || null) !== round.review_target_date) patch.review_target_date = values.target || null;
  if (Object.keys(patch).length === 0) return { errors: [{ message: M.unchanged }], patch: null };
  return { errors: [], patch };
}

export interface NewRoundValues extends RoundFormValues {
  code: string;
  kind: 'leading_example' | 'batch';
}

export function newRoundBody(values: NewRoundValues): { errors: SummaryItem[]; body: RoundIn | null } {
  const errors: SummaryItem[] = [];
  if (!values.code) errors.push({ fieldId: FIELD_IDS.code, message: M.required(ROUNDS.create.code) });
  else if (!/^[a-z0-9-]{1,30}$/.test(values.code)) errors.push({ fieldId: FIELD_IDS.code, message: M.codeFormat });
  errors.push(...dateProblems(values));
  if (errors.length > 0) return { errors, body: null };
  return {
    errors: [],
    body: {
      code: values.code,
      name: values.name.trim(),
      kind: values.kind,
      last_day: values.lastDay,
      review_target_date: values.target || null,
    },
  };
}

function fieldText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return ROUNDS.history.empty;
  if (typeof value !== 'string') return ROUNDS.history.empty;
  const text = value;
  if (field === 'last_day') return formatUntil(text);
  if (field === 'review_target_date') return formatDay(text);
  if (field === 'kind') return kindLabel(text);
  return text;
}

export interface HistoryChange {
  field: string;
  label: string;
  before: string | null;
  after: string;
}

/**
 * What an entry of the round's history changed, in Japanese: each field that differs, before → after
 * (a creation lists every field). `cutoff_at` follows from the last day and is not shown twice.
 */
export function historyChanges(entry: Pick<RoundHistoryOut, 'before' | 'after'>): HistoryChange[] {
  const changes: HistoryChange[] = [];
  for (const [field, label] of Object.entries(ROUNDS.history.fields)) {
    const after = entry.after[field];
    const before = entry.before ? entry.before[field] : undefined;
    if (entry.before && before === after) continue;
    if (!entry.before && (after === null || after === undefined)) continue;
    changes.push({ field, label, before: entry.before ? fieldText(field, before) : null, after: fieldText(field, after) });
  }
  return changes;
}
