/** plans-api's version history (版の履歴) and the import preview, as the plan screen calls them. */
import { client, dataOf, unwrap } from './client';
import { workbookForm, type Versioned } from './plans';
import type { components } from './schema';
import type { RequestBody, ResponseBody } from './types';

type Schemas = components['schemas'];
export type DescribedChange = Schemas['DescribedChange'];
export type VersionSummary = Schemas['VersionSummary'];
export type VersionOut = Schemas['VersionOut'];
export type ImportPreview = Schemas['ImportPreview'];
export type VersionPage = ResponseBody<'/api/plans/{plan_id}/versions', 'get'>;

export const VERSION_PAGE_SIZE = 10;

export async function listVersions(planId: number, offset = 0, signal?: AbortSignal) {
  const pending = client.GET('/api/plans/{plan_id}/versions', {
    params: { path: { plan_id: planId }, query: { limit: VERSION_PAGE_SIZE, offset } },
    signal: signal ?? null,
  });
  return dataOf(pending);
}

export async function getVersion(planId: number, version: number, signal?: AbortSignal) {
  const pending = client.GET('/api/plans/{plan_id}/versions/{version}', {
    params: { path: { plan_id: planId, version } },
    signal: signal ?? null,
  });
  return dataOf(pending);
}

/** 「この版に戻す」: the content of `version` written as a new version (If-Match). */
export async function restoreVersion(planId: number, version: number, etag: string): Promise<Versioned> {
  const pending = client.POST('/api/plans/{plan_id}/versions/{version}/restore', {
    params: { path: { plan_id: planId, version } },
    headers: { 'If-Match': etag },
  });
  const response = await unwrap(pending, { handles: ['stale', 'conflict', 'forbidden', 'validation'] });
  return { plan: response.data, etag: response.etag ?? `"${response.data.version}"` };
}

/** What importing `file` would change; nothing is written. */
export async function previewImport(planId: number, file: File) {
  const pending = client.POST('/api/plans/{plan_id}/import/preview', {
    params: { path: { plan_id: planId } },
    // openapi-typescript writes a binary field as `string`; the multipart body is a FormData.
    body: workbookForm(file) as unknown as RequestBody<'/api/plans/{plan_id}/import/preview', 'post'>,
  });
  return dataOf(pending, { handles: ['validation', 'conflict', 'forbidden'] });
}
