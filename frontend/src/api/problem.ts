/** RFC 9457 problem+json as every service renders it (chiiki_common.errors). */

import { isTranslated } from '../lib/untranslated';

export interface FieldProblem {
  /** Path of the failing field: `email`, `kgis/0/target`. */
  field: string;
  message: string;
  code?: string | null;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string | null;
  instance?: string | null;
  errors?: FieldProblem[] | null;
  request_id?: string | null;
}

export type ProblemKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'stale'
  | 'validation'
  | 'rate_limited'
  | 'server'
  | 'network';

function kindOf(status: number): ProblemKind {
  switch (status) {
    case 0:
      return 'network';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 412:
      return 'stale';
    case 400:
    case 422:
      return 'validation';
    case 429:
      return 'rate_limited';
    default:
      return 'server';
  }
}

export const FALLBACK_TITLES: Partial<Record<ProblemKind, string>> = {
  network: 'サーバーに接続できません。ネットワークの状態を確認してください',
  unauthorized: 'ログインが必要です',
  forbidden: 'この操作を行う権限がありません',
  not_found: '対象が見つかりません',
  stale: '他の利用者が先に更新しました',
  rate_limited: 'リクエストが多すぎます。しばらく待ってから再試行してください',
  server: 'サーバーでエラーが発生しました。しばらく待ってから再試行してください',
};

/** Used when a title is missing, or is not Japanese, for a kind without its own. */
export const DEFAULT_TITLE = 'リクエストが正しくありません';

/** Shown at a field whose message from the server is not Japanese and whose code is unknown. */
export const DEFAULT_FIELD_MESSAGE = '入力内容を確認してください';

/**
 * Japanese for a field error by its code, for when the server's message cannot be shown (it is
 * in English or holds a code). The API sends Japanese already; this is the SPA's own safety net.
 */
export const FIELD_MESSAGES: Record<string, string> = {
  missing: '必須項目です',
  extra_forbidden: 'この項目は指定できません',
  string_type: '文字列で指定してください',
  string_too_short: '文字数が足りません',
  string_too_long: '文字数が多すぎます',
  string_pattern_mismatch: '形式が正しくありません',
  int_type: '整数で入力してください',
  int_parsing: '整数で入力してください',
  int_from_float: '小数ではなく整数で入力してください',
  float_type: '数値で入力してください',
  float_parsing: '数値で入力してください',
  decimal_parsing: '数値で入力してください',
  greater_than_equal: '値が小さすぎます',
  greater_than: '値が小さすぎます',
  less_than_equal: '値が大きすぎます',
  less_than: '値が大きすぎます',
  enum: '選択肢から選んでください',
  literal_error: '選択肢から選んでください',
  bool_parsing: 'はい・いいえで指定してください',
  date_parsing: '日付の形式が正しくありません',
  datetime_parsing: '日時の形式が正しくありません',
  too_long: '件数が多すぎます',
  too_short: '件数が足りません',
  control_character: '制御文字(NUL など)は入力できません',
  strict_input: '数値で入力してください',
};

function fieldMessage(problem: FieldProblem): string {
  if (isTranslated(problem.message)) return problem.message;
  return (problem.code && FIELD_MESSAGES[problem.code]) || DEFAULT_FIELD_MESSAGE;
}

/** A failed API call, with the server's problem details when it sent any. */
export class ApiError extends Error {
  readonly kind: ProblemKind;
  readonly status: number;
  readonly problem: Problem;
  /** The ETag the server holds now, sent with a 412 so the screen can fetch the other version. */
  readonly currentEtag: string | null;

  constructor(problem: Problem, currentEtag: string | null = null) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.kind = kindOf(problem.status);
    this.problem = problem;
    this.currentEtag = currentEtag;
  }

  get title(): string {
    return this.problem.title;
  }

  get fieldErrors(): FieldProblem[] {
    return this.problem.errors ?? [];
  }
}

function isFieldProblem(value: unknown): value is FieldProblem {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.field === 'string' && typeof candidate.message === 'string';
}

/**
 * Reads whatever a failed response carried into a Problem; never throws. What a screen shows of it
 * (title, detail, each field's message) is Japanese: a title that is not (a proxy's "Bad Gateway",
 * a framework's English) gives way to the SPA's own for the status, such a detail is dropped, and
 * such a field message gives way to the SPA's message for its code. Field paths (`field`) stay as
 * they are, for placing the message beside its field; they are never shown.
 */
export function toProblem(status: number, body: unknown): Problem {
  const kind = kindOf(status);
  const fallbackTitle = FALLBACK_TITLES[kind] ?? DEFAULT_TITLE;
  if (typeof body !== 'object' || body === null) {
    return { type: 'about:blank', title: fallbackTitle, status };
  }
  const raw = body as Record<string, unknown>;
  const problem: Problem = {
    type: typeof raw.type === 'string' ? raw.type : 'about:blank',
    title: typeof raw.title === 'string' && isTranslated(raw.title) ? raw.title : fallbackTitle,
    status,
  };
  if (typeof raw.detail === 'string' && isTranslated(raw.detail)) problem.detail = raw.detail;
  if (typeof raw.instance === 'string') problem.instance = raw.instance;
  if (typeof raw.request_id === 'string') problem.request_id = raw.request_id;
  if (Array.isArray(raw.errors)) {
    problem.errors = raw.errors.filter(isFieldProblem).map((p) => ({ ...p, message: fieldMessage(p) }));
  }
  return problem;
}

export function networkError(): ApiError {
  return new ApiError(toProblem(0, null));
}
