/** RFC 9457 problem+json as every service renders it (chiiki_common.errors). */

import { isTranslated } from '../lib/untranslated';
import { DEFAULT_FIELD_MESSAGE, DEFAULT_TITLE, FALLBACK_TITLES, FIELD_MESSAGES } from './messages';

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
