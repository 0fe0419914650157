/**
 * The one fetch wrapper of the SPA. Same-origin cookies only (the gateway keeps the session), the
 * CSRF token on every unsafe method, problem+json turned into ApiError, and the single place that
 * decides what a 401, 403 or 412 means for the whole app.
 */
import { ApiError, networkError, toProblem, type ProblemKind } from './problem';

export const CSRF_COOKIE = 'chiiki_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the app as a whole does about a failure no screen handles itself. */
export type ApiEvent =
  | { type: 'unauthorized'; error: ApiError }
  | { type: 'forbidden'; error: ApiError }
  | { type: 'stale'; error: ApiError };

type ApiEventHandler = (event: ApiEvent) => void;

let eventHandler: ApiEventHandler | null = null;
let csrfFromSession: string | null = null;

/** The app shell registers how to react (go to login, show a notice); returns the unregister. */
export function setApiEventHandler(handler: ApiEventHandler): () => void {
  eventHandler = handler;
  return () => {
    if (eventHandler === handler) eventHandler = null;
  };
}

/** The token /auth/login and /auth/me return, used when the cookie cannot be read. */
export function rememberCsrfToken(token: string | null): void {
  csrfFromSession = token;
}

export function readCookie(name: string, cookieHeader: string = document.cookie): string | null {
  for (const part of cookieHeader.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export interface RequestOptions {
  body?: unknown;
  /** The ETag the screen loaded; a stale one answers 412. */
  ifMatch?: string;
  signal?: AbortSignal;
  /** Failures this caller shows itself, so the app-wide reaction is skipped (e.g. login's 401). */
  handles?: readonly ProblemKind[];
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  etag: string | null;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return null;
  try {
    return await response.json();
  } catch (cause) {
    // A request aborted while its body was read is aborted, never an empty answer.
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    return null;
  }
}

function dispatch(error: ApiError, handles: readonly ProblemKind[]): void {
  if (handles.includes(error.kind) || !eventHandler) return;
  if (error.kind === 'unauthorized' || error.kind === 'forbidden' || error.kind === 'stale') {
    eventHandler({ type: error.kind, error });
  }
}

export async function request<T>(
  method: HttpMethod,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  if (!path.startsWith('/') || path.startsWith('//')) {
    throw new TypeError(`API paths are same-origin absolute paths: ${path}`);
  }
  const headers = new Headers({ Accept: 'application/json, application/problem+json' });
  const isForm = options.body instanceof FormData;
  // A FormData body sets its own multipart boundary.
  if (options.body !== undefined && !isForm) headers.set('Content-Type', 'application/json');
  if (options.ifMatch) headers.set('If-Match', options.ifMatch);
  if (!SAFE_METHODS.has(method)) {
    const token = readCookie(CSRF_COOKIE) ?? csrfFromSession;
    if (token) headers.set(CSRF_HEADER, token);
  }
  const init: RequestInit = { method, headers, credentials: 'same-origin', redirect: 'error' };
  if (options.body !== undefined) init.body = isForm ? (options.body as FormData) : JSON.stringify(options.body);
  if (options.signal) init.signal = options.signal;

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw networkError();
  }
  const body = await readBody(response);
  options.signal?.throwIfAborted();
  if (!response.ok) {
    const error = new ApiError(toProblem(response.status, body), response.headers.get('ETag'));
    dispatch(error, options.handles ?? []);
    throw error;
  }
  return { data: body as T, status: response.status, etag: response.headers.get('ETag') };
}

/** `?a=1&b=2` from the given parameters, leaving out the empty ones ('' when none is left). */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Request options carrying an abort signal, when there is one. */
export const withSignal = (signal?: AbortSignal): Pick<RequestOptions, 'signal'> => (signal ? { signal } : {});

export const api = {
  get: async <T>(path: string, options?: RequestOptions) => (await request<T>('GET', path, options)).data,
  post: async <T>(path: string, body?: unknown, options?: RequestOptions) =>
    (await request<T>('POST', path, { ...options, body })).data,
  put: async <T>(path: string, body: unknown, options?: RequestOptions) =>
    (await request<T>('PUT', path, { ...options, body })).data,
  patch: async <T>(path: string, body: unknown, options?: RequestOptions) =>
    (await request<T>('PATCH', path, { ...options, body })).data,
  delete: async <T>(path: string, options?: RequestOptions) => (await request<T>('DELETE', path, options)).data,
};
