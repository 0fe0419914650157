import { describe, expect, it, vi } from 'vitest';
import { fakeServer, json, recordClientEvents } from '../test/http';
import { login } from './auth';
import { client, dataOf, rememberCsrfToken, unwrap } from './client';
import { CALENDAR_ICS_PATH, listMails } from './notify';
import { cancelPublication, updateRound } from './rounds';
import { exportUrl, getPlan, importWorkbook, listOrganisations, listPlans, savePart } from './plans';
import { ApiError } from './problem';
import { referenceListExportUrl } from './scoring';

const PLAN = { id: 7, version: 3, title: '熊本県 半導体関連産業の成長計画' };

describe('the typed client', () => {
  const events = recordClientEvents();

  it('sends same-origin credentials, never follows a redirect, asks for JSON and sends CSRF on unsafe methods only', async () => {
    document.cookie = 'chiiki_csrf=tok%2Fen-1; path=/';
    const { requests } = fakeServer({
      'GET /api/rounds': () => json(200, []),
      'POST /api/rounds': () => json(201, { code: 'r1' }),
    });
    const fetchMock = vi.mocked(fetch);
    await dataOf(client.GET('/api/rounds'));
    const round = { code: 'r1', kind: 'batch', last_day: '2026-07-15', name: '第1回' } as const;
    await dataOf(client.POST('/api/rounds', { body: round }));
    expect(requests.map((r) => r.credentials)).toEqual(['same-origin', 'same-origin']);
    expect(fetchMock.mock.calls.map(([, init]) => init?.redirect)).toEqual(['error', 'error']);
    expect(requests[0]?.headers.get('Accept')).toBe('application/json, application/problem+json');
    expect(requests[0]?.headers.get('X-CSRF-Token')).toBeNull();
    expect(requests[0]?.headers.get('Content-Type')).toBeNull();
    expect(requests[1]?.headers.get('X-CSRF-Token')).toBe('tok/en-1');
    expect(requests[1]?.headers.get('Content-Type')).toBe('application/json');
    expect(requests[1]?.body).toEqual(round);
  });

  it('falls back to the token the session returned when the cookie is absent', async () => {
    rememberCsrfToken('from-session');
    const { requests } = fakeServer({ 'DELETE /api/rounds/r1/publication': () => new Response(null, { status: 204 }) });
    await expect(cancelPublication('r1')).resolves.toBeUndefined();
    expect(requests[0]?.headers.get('X-CSRF-Token')).toBe('from-session');
  });

  it('sends no CSRF header when there is no token at all', async () => {
    const { requests } = fakeServer({ 'DELETE /api/rounds/r1/publication': () => new Response(null, { status: 204 }) });
    await cancelPublication('r1');
    expect(requests[0]?.headers.has('X-CSRF-Token')).toBe(false);
  });

  it('fills path parameters encoded and writes the query without its empty values, in order', async () => {
    const { requests } = fakeServer({
      'PATCH /api/rounds/2026%2Fbatch%201': () => json(200, { code: '2026/batch 1' }),
      'GET /api/plans?type=C&state=returned&round=2026-batch-1&limit=20&offset=0': () => json(200, { items: [], total: 0 }),
      'GET /api/notify/mails?state=dead&recipient=user2%40demo.example.jp&limit=20&offset=0': () => json(200, { items: [], total: 0 }),
      'GET /directory/v1/organisations?codes=432024%2C434043': () => json(200, []),
    });
    await updateRound('2026/batch 1', { name: '第1回' });
    await listPlans({ type: 'C', state: 'returned', round: '2026-batch-1', prefecture: '' });
    await listMails({ state: 'dead', recipient: 'user2@demo.example.jp' }, 0);
    await listOrganisations(['432024', '434043']);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'PATCH /api/rounds/2026%2Fbatch%201',
      'GET /api/plans?type=C&state=returned&round=2026-batch-1&limit=20&offset=0',
      'GET /api/notify/mails?state=dead&recipient=user2%40demo.example.jp&limit=20&offset=0',
      'GET /directory/v1/organisations?codes=432024%2C434043',
    ]);
  });

  it('returns the ETag of the answer, and the version as one when the server sent none', async () => {
    fakeServer({ 'GET /api/plans/7': () => json(200, PLAN, { ETag: '"3"' }) });
    await expect(getPlan(7)).resolves.toEqual({ plan: PLAN, etag: '"3"' });
    fakeServer({ 'GET /api/plans/7': () => json(200, PLAN) });
    await expect(getPlan(7)).resolves.toEqual({ plan: PLAN, etag: '"3"' });
  });

  it('turns problem+json into an ApiError with every field error and leaves it to the form', async () => {
    const { requests } = fakeServer({
      'PUT /api/plans/7/kgis': () =>
        json(422, {
          type: 'https://chiiki-platform.example/problems/validation',
          title: '入力内容に誤りがあります',
          status: 422,
          errors: [{ field: 'kgis/0/target', message: '0以上の数を入力してください' }, { nonsense: true }],
        }),
    });
    const error = (await savePart(7, 'kgis', [], '"3"').catch((e: unknown) => e)) as ApiError;
    expect(requests[0]?.headers.get('If-Match')).toBe('"3"');
    expect(error).toBeInstanceOf(ApiError);
    expect(error.kind).toBe('validation');
    expect(error.title).toBe('入力内容に誤りがあります');
    expect(error.fieldErrors.map((f) => f.field)).toEqual(['kgis/0/target']);
    expect(events).toEqual([]);
  });

  it('reports a 401, a 403 and a 412 to the app, with the current ETag on the 412', async () => {
    fakeServer({
      'GET /api/rounds': () => json(401, { title: '認証が必要です', status: 401 }),
      'POST /api/rounds': () => json(403, { title: 'この操作を行う権限がありません', status: 403 }),
      'PATCH /api/plans/7': () => json(412, { title: '他の利用者が先に更新しました', status: 412 }, { ETag: '"v8"' }),
    });
    await expect(dataOf(client.GET('/api/rounds'))).rejects.toMatchObject({ kind: 'unauthorized', status: 401 });
    const round = { code: 'r1', kind: 'batch', last_day: '2026-07-15', name: '第1回' } as const;
    await expect(dataOf(client.POST('/api/rounds', { body: round }))).rejects.toMatchObject({ kind: 'forbidden' });
    const patch = client.PATCH('/api/plans/{plan_id}', { params: { path: { plan_id: 7 } }, body: { title: 'mine' }, headers: { 'If-Match': '"v7"' } });
    const stale = (await unwrap(patch).catch((e: unknown) => e)) as ApiError;
    expect(stale.kind).toBe('stale');
    expect(stale.currentEtag).toBe('"v8"');
    expect(events.map((e) => e.type)).toEqual(['unauthorized', 'forbidden', 'stale']);
  });

  it('leaves a failure to the caller that says it handles it', async () => {
    fakeServer({
      'POST /auth/login': () => json(401, { title: '認証に失敗しました', status: 401 }),
      'PATCH /api/plans/7': () => json(412, { title: '他の利用者が先に更新しました', status: 412 }),
    });
    await expect(login({ email: 'a@example.jp', password: 'x' })).rejects.toMatchObject({ kind: 'unauthorized' });
    await expect(savePart(7, 'patch', { title: 'mine' }, '"1"')).rejects.toMatchObject({ kind: 'stale' });
    expect(events).toEqual([]);
  });

  it('gives a Japanese title when the server sent no problem body', async () => {
    fakeServer({ 'GET /api/rounds': () => new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }) });
    await expect(dataOf(client.GET('/api/rounds'))).rejects.toMatchObject({
      kind: 'server',
      problem: { title: 'サーバーでエラーが発生しました。しばらく待ってから再試行してください' },
    });
  });

  it('reads an answer that is not JSON as no body', async () => {
    fakeServer({ 'GET /api/rounds': () => new Response('<html>index</html>', { status: 200, headers: { 'Content-Type': 'text/html' } }) });
    await expect(unwrap(client.GET('/api/rounds'))).resolves.toMatchObject({ data: undefined, status: 200 });
  });

  it('reports an unreachable server as a network error and an abort as itself', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(dataOf(client.GET('/api/rounds'))).rejects.toMatchObject({ kind: 'network', status: 0 });
    const aborted = new DOMException('The operation was aborted.', 'AbortError');
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(aborted)));
    await expect(dataOf(client.GET('/api/rounds'))).rejects.toBe(aborted);
  });

  it('rejects a call aborted while its body is read, never answering it with an empty body', async () => {
    const controller = new AbortController();
    const body = {
      ok: true,
      status: 200,
      headers: new Headers({ 'Content-Type': 'application/json' }),
      json: () => {
        controller.abort();
        return Promise.reject(new DOMException('The operation was aborted.', 'AbortError'));
      },
    };
    vi.stubGlobal('fetch', () => Promise.resolve(body as unknown as Response));
    await expect(dataOf(client.GET('/api/rounds', { signal: controller.signal }))).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses to call anything but a same-origin path', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    // @ts-expect-error: not a path of the schema
    await expect(dataOf(client.GET('//example.com/x'))).rejects.toThrow(TypeError);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('uploads a workbook as multipart FormData through the same client', async () => {
    document.cookie = 'chiiki_csrf=tok; path=/';
    const fetchMock = vi.fn<(url: string, init?: RequestInit) => Promise<Response>>(() => Promise.resolve(json(200, PLAN, { ETag: '"4"' })));
    vi.stubGlobal('fetch', fetchMock);
    const file = new File(['xlsx'], 'plan.xlsx');
    await expect(importWorkbook(7, file, '"3"')).resolves.toEqual({ plan: PLAN, etag: '"4"' });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/plans/7/import');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBeInstanceOf(FormData);
    expect((init?.body as FormData).get('file')).toBeInstanceOf(File);
    const headers = new Headers(init?.headers);
    // The browser writes the multipart Content-Type with its boundary.
    expect(headers.has('Content-Type')).toBe(false);
    expect(headers.get('If-Match')).toBe('"3"');
    expect(headers.get('X-CSRF-Token')).toBe('tok');
  });

  it('writes download links from the schema paths', () => {
    expect(exportUrl(7)).toBe('/api/plans/7/export.xlsx');
    expect(referenceListExportUrl(2025, 'csv', '43')).toBe('/api/scoring/reference-list/export?fiscal_year=2025&format=csv&prefecture=43');
    expect(referenceListExportUrl(2025, 'xlsx')).toBe('/api/scoring/reference-list/export?fiscal_year=2025&format=xlsx');
    expect(CALENDAR_ICS_PATH).toBe('/api/notify/calendar.ics');
  });
});
