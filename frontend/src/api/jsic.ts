/** plans-api's 日本標準産業分類 list (GET /api/plans/reference/jsic, and without login GET
 * /public/v1/reference/jsic), fetched once per page load. */
import { client, dataOf } from './client';
import type { components } from './schema';

export type JsicEntry = components['schemas']['JsicEntryOut'];
export type JsicList = components['schemas']['JsicListOut'];

let cached: Promise<JsicList> | null = null;

/**
 * The whole list; it only changes with a release, so one request serves every screen on the page.
 * Not abortable: one screen going away must not cancel the request the others wait for.
 */
export function loadJsic(): Promise<JsicList> {
  cached ??= dataOf(client.GET('/api/plans/reference/jsic')).catch((error: unknown) => {
    cached = null;
    throw error;
  });
  return cached;
}

let publicCached: Promise<JsicList> | null = null;

/** The same list without a login, for the open-data pages. */
export function loadPublicJsic(): Promise<JsicList> {
  publicCached ??= dataOf(client.GET('/public/v1/reference/jsic'), { handles: ['unauthorized'] }).catch((error: unknown) => {
    publicCached = null;
    throw error;
  });
  return publicCached;
}
