import { describe, expect, it, vi } from 'vitest';
import { fakeServer, json, recordClientEvents } from '../test/http';
import { client, dataOf, queryString, readCookie, rememberCsrfToken, unwrap } from './client';
import { ApiError } from './problem';

describe('api client', () => {
  const events = recordClientEvents();

  it('sends the session cookie same-origin and the CSRF cookie on unsafe methods only', async () => {
    document.cookie = 'chiiki_csrf=tok%2Fen-1; path=/';
    const { requests } = fakeServer({
      'GET /api/plans': () => json(200, []),
      'PATCH /api/plans/1': () => json(200, { id: 1 }),
    });
    await dataOf(client.GET('/api/plans'));
    await dataOf(client.PATCH('/api/plans/{plan_id}', { params: { path: { plan_id: 1 } }, body: { title: 'x' } }));
    expect(requests.map((r) => r.credentials)).toEqual(['same-origin', 'same-origin']);
    expect(requests[0]?.headers.get('X-CSRF-Token')).toBeNull();
    expect(requests[1]?.headers.get('X-CSRF-Token')).toBe('tok/en-1');
    expect(requests[1]?.body).toEqual({ title: 'x' });
  });

  it('falls back to the token the session returned when the cookie is absent', async () => {
    rememberCsrfToken('from-session');
    const { requests } = fakeServer({ 'DELETE /api/rounds/r1/publication': () => new Response(null, { status: 204 }) });
    await dataOf(client.DELETE('/api/rounds/{code}/publication', { params: { path: { code: 'r1' } } }));
    expect(requests[0]?.headers.get('X-CSRF-Token')).toBe('from-session');
  });

  it('turns problem+json into an ApiError with every field error', async () => {
    fakeServer({
      'PATCH /api/plans/1': () =>
        json(422, {
          type: 'https://chiiki-platform.example/problems/validation',
          title: '入力内容に誤りがあります',
          status: 422,
          errors: [
            { field: 'title', message: '入力してください' },
            { field: 'kgis/0/target', message: '0以上の数を入力してください' },
            { nonsense: true },
          ],
        }),
    });
    const error = await dataOf(client.PATCH('/api/plans/{plan_id}', { params: { path: { plan_id: 1 } }, body: {} })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.kind).toBe('validation');
    expect(apiError.title).toBe('入力内容に誤りがあります');
    expect(apiError.fieldErrors.map((f) => f.field)).toEqual(['title', 'kgis/0/target']);
    expect(events).toEqual([]);
  });

  it('reports a 401 once to the app so it can send the user to login', async () => {
    fakeServer({ 'GET /api/plans': () => json(401, { title: '認証が必要です', status: 401 }) });
    await expect(dataOf(client.GET('/api/plans'))).rejects.toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(events.map((e) => e.type)).toEqual(['unauthorized']);
  });

  it('leaves a 401 to the caller that says it handles it', async () => {
    fakeServer({ 'POST /auth/login': () => json(401, { title: '認証に失敗しました', status: 401 }) });
    const login = client.POST('/auth/login', { body: { email: 'a@example.jp', password: 'x' } });
    await expect(dataOf(login, { handles: ['unauthorized'] })).rejects.toMatchObject({ kind: 'unauthorized' });
    expect(events).toEqual([]);
  });

  it('reports a 403 to the app as forbidden', async () => {
    fakeServer({ 'POST /api/plans/1/transitions': () => json(403, { title: 'この操作を行う権限がありません', status: 403 }) });
    const publish = client.POST('/api/plans/{plan_id}/transitions', {
      params: { path: { plan_id: 1 } },
      body: { action: 'publish', comment: '', recorded_outside: false },
    });
    await expect(dataOf(publish)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(events.map((e) => e.type)).toEqual(['forbidden']);
  });

  it('sends If-Match and turns a 412 into a stale error carrying the current ETag', async () => {
    const { requests } = fakeServer({
      'PATCH /api/plans/1': () => json(412, { title: '他の利用者が先に更新しました', status: 412 }, { ETag: '"v8"' }),
    });
    const save = client.PATCH('/api/plans/{plan_id}', { params: { path: { plan_id: 1 } }, body: { title: 'mine' }, headers: { 'If-Match': '"v7"' } });
    const error = (await unwrap(save).catch((e: unknown) => e)) as ApiError;
    expect(requests[0]?.headers.get('If-Match')).toBe('"v7"');
    expect(error.kind).toBe('stale');
    expect(error.currentEtag).toBe('"v8"');
    expect(events.map((e) => e.type)).toEqual(['stale']);
  });

  it('lets an editor that resolves conflicts itself keep the 412 to itself', async () => {
    fakeServer({ 'PATCH /api/plans/1': () => json(412, { title: '他の利用者が先に更新しました', status: 412 }) });
    const save = client.PATCH('/api/plans/{plan_id}', { params: { path: { plan_id: 1 } }, body: {}, headers: { 'If-Match': '"v1"' } });
    await expect(unwrap(save, { handles: ['stale'] })).rejects.toMatchObject({
      kind: 'stale',
    });
    expect(events).toEqual([]);
  });

  it('gives a Japanese title when the server sent no problem body', async () => {
    fakeServer({ 'GET /api/plans': () => new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }) });
    await expect(dataOf(client.GET('/api/plans'))).rejects.toMatchObject({
      kind: 'server',
      problem: { title: 'サーバーでエラーが発生しました。しばらく待ってから再試行してください' },
    });
  });

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(dataOf(client.GET('/api/plans'))).rejects.toMatchObject({ kind: 'network', status: 0 });
  });

  it('refuses to call anything but a same-origin path', async () => {
    fakeServer({});
    // @ts-expect-error: not a path of the schema
    await expect(dataOf(client.GET('https://example.com/x'))).rejects.toThrow(TypeError);
    // @ts-expect-error: not a path of the schema
    await expect(dataOf(client.GET('//example.com/x'))).rejects.toThrow(TypeError);
  });
});

describe('readCookie', () => {
  it('finds one cookie among several and decodes it', () => {
    expect(readCookie('chiiki_csrf', 'a=1; chiiki_csrf=x%3Dy; b=2')).toBe('x=y');
    expect(readCookie('chiiki_csrf', 'a=1')).toBeNull();
  });
});

describe('queryString', () => {
  it('leaves out empty parameters and encodes the rest', () => {
    expect(queryString({ type: 'C', state: '', round: undefined, q: '熊本 県', offset: 0 })).toBe(
      '?type=C&q=%E7%86%8A%E6%9C%AC+%E7%9C%8C&offset=0',
    );
    expect(queryString({ state: '' })).toBe('');
  });

  it('rejects a request aborted while its body is read, never answering it with an empty body', async () => {
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
    await expect(dataOf(client.GET('/api/plans', { signal: controller.signal }))).rejects.toMatchObject({ name: 'AbortError' });
  });
});
