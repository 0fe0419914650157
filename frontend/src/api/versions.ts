/** plans-api's version history (版の履歴) and the import preview, as the plan screen calls them. */
import { request, queryString, withSignal } from './client';
import type { PlanOut, Versioned } from './plans';
import type { components } from './schema';
import type { ResponseBody } from './types';

type Schemas = components['schemas'];
export type DescribedChange = Schemas['DescribedChange'];
export type VersionSummary = Schemas['VersionSummary'];
export type VersionOut = Schemas['VersionOut'];
export type ImportPreview = Schemas['ImportPreview'];
export type VersionPage = ResponseBody<'/api/plans/{plan_id}/versions', 'get'>;

export const VERSION_PAGE_SIZE = 10;

export async function listVersions(planId: number, offset = 0, signal?: AbortSignal) {
  const path = `/api/plans/${planId}/versions${queryString({ limit: VERSION_PAGE_SIZE, offset })}`;
  return (await request<VersionPage>('GET', path, withSignal(signal))).data;
}

export async function getVersion(planId: number, version: number, signal?: AbortSignal) {
  return (await request<VersionOut>('GET', `/api/plans/${planId}/versions/${version}`, withSignal(signal))).data;
}

/** 「この版に戻す」: the content of `version` written as a new version (If-Match). */
export async function restoreVersion(planId: number, version: number, etag: string): Promise<Versioned> {
  const response = await request<PlanOut>('POST', `/api/plans/${planId}/versions/${version}/restore`, {
    ifMatch: etag,
    handles: ['stale', 'conflict', 'forbidden', 'validation'],
  });
  return { plan: response.data, etag: response.etag ?? `"${response.data.version}"` };
}

/** What importing `file` would change; nothing is written. */
export async function previewImport(planId: number, file: File) {
  const form = new FormData();
  form.append('file', file);
  return (
    await request<ImportPreview>('POST', `/api/plans/${planId}/import/preview`, {
      body: form,
      handles: ['validation', 'conflict', 'forbidden'],
    })
  ).data;
}
