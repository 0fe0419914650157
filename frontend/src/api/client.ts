/**
 * The one fetch wrapper of the SPA. Every call goes through `client`, an openapi-fetch client over
 * the generated `paths`, so the path, the method, the path and query parameters and the body are
 * checked against the services' OpenAPI document at compile time. At run time this module is the
 * one place that sends same-origin cookies only (the gateway keeps the session) and the CSRF token
 * on every unsafe method, turns problem+json into ApiError, and decides what a 401, 403 or 412
 * means for the whole app.
 *
 *     const { data, etag } = await unwrap(client.GET('/api/plans/{plan_id}', { params: { path: { plan_id } } }));
 */
import createClient, {
  createFinalURL,
  defaultPathSerializer,
  type ClientPathsWithMethod,
  type FetchResponse,
  type MaybeOptionalInit,
} from 'openapi-fetch';
import { ApiError, networkError, toProblem, type ProblemKind } from './problem';
import type { paths } from './schema';

export const CSRF_COOKIE = 'chiiki_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

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

/**
 * `?a=1&b=2` from the given parameters, leaving out the empty ones ('' when none is left); a list
 * repeats its name. Every query string the SPA sends is written by this function.
 */
export function queryString(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  const add = (key: string, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new TypeError(`A query value is a string, a number or a boolean: ${key}`);
    }
    search.append(key, String(value));
  };
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) for (const item of value) add(key, item);
    else add(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The body of an answer: JSON, or null (204, another type, or JSON that cannot be read). */
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

/**
 * What openapi-fetch builds for each call, kept as the same-origin path and the init that `fetch`
 * receives (a `Request` would make the path absolute and hide the body in a stream).
 */
class OutgoingRequest {
  readonly method: string;

  constructor(
    readonly url: string,
    readonly init: RequestInit,
  ) {
    this.method = init.method ?? 'GET';
  }
}

/**
 * Sends one request and reads its answer. The body is read here, so that an abort while it is read
 * rejects the call and anything but JSON reads as no body, and is handed on as a plain JSON answer
 * with the status and headers (ETag included) of the server's.
 */
async function send({ url, method, init }: OutgoingRequest): Promise<Response> {
  if (!url.startsWith('/') || url.startsWith('//')) {
    throw new TypeError(`API paths are same-origin absolute paths: ${url}`);
  }
  const headers = new Headers(init.headers);
  if (!SAFE_METHODS.has(method)) {
    const token = readCookie(CSRF_COOKIE) ?? csrfFromSession;
    if (token) headers.set(CSRF_HEADER, token);
  }
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw networkError();
  }
  const body = await readBody(response);
  init.signal?.throwIfAborted();
  const answerHeaders = new Headers(response.headers);
  answerHeaders.delete('Content-Length');
  if (body === null) return new Response(null, { status: response.status, headers: answerHeaders });
  answerHeaders.set('Content-Type', 'application/json');
  return new Response(JSON.stringify(body), { status: response.status, headers: answerHeaders });
}

const openapiClient = createClient<paths, 'application/json'>({
  headers: { Accept: 'application/json, application/problem+json' },
  credentials: 'same-origin',
  redirect: 'error',
  querySerializer: queryString,
  // openapi-fetch builds each call with this constructor and hands the result to `fetch` below; it
  // only reads `method` from it, which OutgoingRequest has (the casts are between the two names).
  Request: OutgoingRequest as unknown as typeof Request,
  fetch: (request) => send(request as unknown as OutgoingRequest),
});

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
type PathOf<M extends Method> = ClientPathsWithMethod<typeof openapiClient, M>;
type Operation<P extends keyof paths, M extends Method> = Extract<paths[P][M], Record<string, unknown>>;
type InitArgs<I> = undefined extends I ? [init?: Exclude<I, undefined>] : [init: I];

/**
 * openapi-fetch's own signature infers the whole init as a type parameter, which lets an unknown
 * key through wherever the required ones are given (openapi-ts/openapi-typescript#1769, #2329).
 * Here the init is the operation's own type, so a misspelt body field, query parameter or option
 * is refused too. Answers are read as JSON.
 */
type StrictMethod<M extends Method> = <P extends PathOf<M>>(
  path: P,
  ...init: InitArgs<MaybeOptionalInit<paths[P], M>>
) => Promise<FetchResponse<Operation<P, M>, object, 'application/json'>>;

export interface TypedClient {
  GET: StrictMethod<'get'>;
  POST: StrictMethod<'post'>;
  PUT: StrictMethod<'put'>;
  PATCH: StrictMethod<'patch'>;
  DELETE: StrictMethod<'delete'>;
}

/**
 * The typed client: `client.GET(path, { params: { path, query }, signal })`, `client.PUT(path,
 * { params, body, headers: { 'If-Match': etag } })`. Pass the promise it returns to `unwrap`.
 * Responses are typed by their `application/json` content (problems included). These are
 * openapi-fetch's own functions, under the stricter signature above.
 */
export const client = openapiClient as unknown as TypedClient;

/** Failures the caller shows itself, so the app-wide reaction is skipped (e.g. login's 401). */
export interface Handles {
  handles?: readonly ProblemKind[];
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  etag: string | null;
}

/** The success body of an openapi-fetch result (its failure half has no `data`). */
type SuccessData<R> = R extends { data: infer D } ? D : never;

function dispatch(error: ApiError, handles: readonly ProblemKind[]): void {
  if (handles.includes(error.kind) || !eventHandler) return;
  if (error.kind === 'unauthorized' || error.kind === 'forbidden' || error.kind === 'stale') {
    eventHandler({ type: error.kind, error });
  }
}

/**
 * The body and ETag of a successful call, or the ApiError of a failed one (reported to the app
 * unless the caller `handles` its kind). An unreachable server rejects with the network ApiError
 * and an aborted call with the AbortError, untouched.
 */
export async function unwrap<R extends { data?: unknown; error?: unknown; response: Response }>(
  pending: Promise<R>,
  options: Handles = {},
): Promise<ApiResponse<SuccessData<R>>> {
  const { data, error, response } = await pending;
  const etag = response.headers.get('ETag');
  if (!response.ok) {
    const failure = new ApiError(toProblem(response.status, error ?? null), etag);
    dispatch(failure, options.handles ?? []);
    throw failure;
  }
  // openapi-fetch gives `data` on every 2xx; it is undefined only where the operation has no body.
  return { data: data as SuccessData<R>, status: response.status, etag };
}

/** The success body of a call, for the many calls that need nothing else of the answer. */
export async function dataOf<R extends { data?: unknown; error?: unknown; response: Response }>(
  pending: Promise<R>,
  options: Handles = {},
): Promise<SuccessData<R>> {
  return (await unwrap(pending, options)).data;
}

type LinkPath = PathOf<'get'>;
type LinkParams<P extends LinkPath> = paths[P]['get'] extends { parameters: infer T } ? Omit<T, 'header' | 'cookie'> : never;

/**
 * The address of a GET the browser follows itself (a download link: the session cookie goes along
 * and the browser saves the file the server names), checked against the schema like a call.
 */
export function hrefOf<P extends LinkPath>(path: P, params: LinkParams<P>): string {
  return createFinalURL(path, {
    baseUrl: '',
    params: params as { path?: Record<string, unknown>; query?: Record<string, unknown> },
    querySerializer: queryString,
    pathSerializer: defaultPathSerializer,
  });
}
