import { afterEach, beforeEach, vi } from 'vitest';
import { rememberCsrfToken, setApiEventHandler, type ApiEvent } from '../api/client';

export interface Recorded {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

type Responder = (request: Recorded) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

/** Replaces fetch with a responder keyed by "METHOD /path"; unknown routes answer 404 problem+json. */
export function fakeServer(routes: Record<string, Responder>) {
  const requests: Recorded[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const recorded: Recorded = {
      url,
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      credentials: init.credentials,
    };
    requests.push(recorded);
    const responder = routes[`${recorded.method} ${url}`];
    return responder ? responder(recorded) : json(404, { title: '対象が見つかりません', status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { requests };
}

export const KUMAMOTO_EDITOR = {
  id: 101,
  email: 'kumamoto-editor@demo.example.jp',
  name: '熊本 花子',
  organisation: '430005',
  organisation_name: '熊本県',
  tier: 'prefecture',
  roles: ['editor'],
  designated_city: false,
} as const;

export const KIKUYO_EDITOR = {
  id: 102,
  email: 'kikuyo-editor@demo.example.jp',
  name: '菊陽 太郎',
  organisation: '434043',
  organisation_name: '菊陽町',
  tier: 'municipality',
  roles: ['editor'],
  designated_city: false,
} as const;

export const CAS_REVIEWER = {
  id: 103,
  email: 'cas-reviewer@demo.example.jp',
  name: '内閣 一郎',
  organisation: 'cas',
  organisation_name: '内閣官房 地域未来戦略本部事務局',
  tier: 'national',
  roles: ['reviewer'],
  designated_city: false,
} as const;

export const KYUSHU_BUREAU_EDITOR = {
  id: 104,
  email: 'meti-kyushu-editor@demo.example.jp',
  name: '九州 次郎',
  organisation: 'meti-kyushu',
  organisation_name: '九州経済産業局',
  tier: 'bureau',
  roles: ['editor'],
  designated_city: false,
} as const;

function clearCookies() {
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
}

/**
 * For a describe block of client tests: before each test no cookie and no CSRF token, and the
 * client's events of that test in the returned list; fetch restored after it.
 */
export function recordClientEvents(): ApiEvent[] {
  const events: ApiEvent[] = [];
  let unregister: () => void = () => undefined;
  beforeEach(() => {
    events.length = 0;
    unregister = setApiEventHandler((event) => events.push(event));
    rememberCsrfToken(null);
    clearCookies();
  });
  afterEach(() => {
    unregister();
    vi.unstubAllGlobals();
  });
  return events;
}
