/** plans-api's 日本標準産業分類 list (GET /api/plans/reference/jsic), fetched once per page load. */
import { request, withSignal } from './client';
import type { components } from './schema';

export type JsicEntry = components['schemas']['JsicEntryOut'];
export type JsicList = components['schemas']['JsicListOut'];

let cached: Promise<JsicList> | null = null;

/** The whole list; it only changes with a release, so one request serves every editor on the page. */
export function loadJsic(signal?: AbortSignal): Promise<JsicList> {
  cached ??= request<JsicList>('GET', '/api/plans/reference/jsic', withSignal(signal)).then(
    (r) => r.data,
    (error: unknown) => {
      cached = null;
      throw error;
    },
  );
  return cached;
}
