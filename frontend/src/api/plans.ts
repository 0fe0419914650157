/** plans-api as the screens call it: /api/plans, /api/rounds and the public open data. */
import { request, type ApiResponse, queryString, withSignal } from './client';
import type { components } from './schema';
import type { RequestBody, ResponseBody } from './types';

type Schemas = components['schemas'];
export type PlanSummary = Schemas['PlanSummary'];
export type PlanOut = Schemas['PlanOut'];
export type PlanCreate = RequestBody<'/api/plans', 'post'>;
export type PlanPatch = Schemas['PlanPatch'];
export type KgiIn = Schemas['KgiIn'];
export type KpiIn = Schemas['KpiIn'];
export type CoreCompanyIn = Schemas['CoreCompanyIn'];
export type ValidationOut = Schemas['ValidationOut'];
export type AvailableAction = Schemas['AvailableAction'];
export type TransitionIn = RequestBody<'/api/plans/{plan_id}/transitions', 'post'>;
export type HistoryOut = Schemas['HistoryOut'];
export type RoundOut = Schemas['RoundOut'];
export type PlanPage = ResponseBody<'/api/plans', 'get'>;
export type PublishedPlanPage = ResponseBody<'/public/v1/plans', 'get'>;

export interface PlanFilters {
  type?: string;
  state?: string;
  round?: string;
  prefecture?: string;
  field?: string;
}

export const PAGE_SIZE = 20;

export async function listPlans(filters: PlanFilters, offset = 0, signal?: AbortSignal, limit = PAGE_SIZE) {
  const path = `/api/plans${queryString({ ...filters, limit, offset })}`;
  return (await request<PlanPage>('GET', path, withSignal(signal))).data;
}

export async function listRounds(signal?: AbortSignal) {
  return (await request<RoundOut[]>('GET', '/api/rounds', withSignal(signal))).data;
}

export async function createPlan(body: PlanCreate) {
  return (await request<PlanOut>('POST', '/api/plans', { body, handles: ['validation', 'forbidden'] })).data;
}

/** A plan with the ETag its next write must send. */
export interface Versioned {
  plan: PlanOut;
  etag: string;
}

function versioned(response: ApiResponse<PlanOut>): Versioned {
  return { plan: response.data, etag: response.etag ?? `"${response.data.version}"` };
}

export async function getPlan(id: number, signal?: AbortSignal): Promise<Versioned> {
  return versioned(await request<PlanOut>('GET', `/api/plans/${id}`, withSignal(signal)));
}

/** The parts of a plan the editor writes, each its own request with If-Match. */
export type PlanPart = 'patch' | 'kgis' | 'kpis' | 'core-companies' | 'co-authors';

// The editor shows 412 and 422 itself (both versions / errors at the fields).
const EDITOR_HANDLES = ['stale', 'validation', 'conflict'] as const;

export async function savePart(id: number, part: PlanPart, body: unknown, etag: string): Promise<Versioned> {
  const method = part === 'patch' ? 'PATCH' : 'PUT';
  const path = part === 'patch' ? `/api/plans/${id}` : `/api/plans/${id}/${part}`;
  return versioned(await request<PlanOut>(method, path, { body, ifMatch: etag, handles: EDITOR_HANDLES }));
}

export async function getValidation(id: number) {
  return (await request<ValidationOut>('GET', `/api/plans/${id}/validation`)).data;
}

export async function getTransitions(id: number, signal?: AbortSignal) {
  return (await request<AvailableAction[]>('GET', `/api/plans/${id}/transitions`, withSignal(signal))).data;
}

export async function postTransition(id: number, body: TransitionIn, etag: string): Promise<Versioned> {
  return versioned(
    await request<PlanOut>('POST', `/api/plans/${id}/transitions`, {
      body,
      ifMatch: etag,
      handles: ['validation', 'conflict', 'stale'],
    }),
  );
}

export async function getHistory(id: number, signal?: AbortSignal) {
  return (await request<HistoryOut[]>('GET', `/api/plans/${id}/history`, withSignal(signal))).data;
}

export function exportUrl(id: number): string {
  return `/api/plans/${id}/export.xlsx`;
}

export async function importWorkbook(id: number, file: File, etag: string): Promise<Versioned> {
  const form = new FormData();
  form.append('file', file);
  return versioned(
    await request<PlanOut>('POST', `/api/plans/${id}/import`, {
      body: form,
      ifMatch: etag,
      handles: ['validation', 'stale', 'conflict'],
    }),
  );
}

export async function listPublishedPlans(signal?: AbortSignal) {
  return (
    await request<PublishedPlanPage>('GET', `/public/v1/plans${queryString({ limit: 100 })}`, {
      handles: ['unauthorized'],
      ...withSignal(signal),
    })
  ).data;
}

export type DirectoryOrganisation = Schemas['DirectoryOrganisation'];

/** Names, kinds and prefectures behind organisation codes (the gateway's directory; at most 200 codes). */
export async function listOrganisations(codes: readonly string[], signal?: AbortSignal) {
  const path = `/directory/v1/organisations${queryString({ codes: codes.join(',') })}`;
  return (await request<DirectoryOrganisation[]>('GET', path, { handles: ['forbidden'], ...withSignal(signal) })).data;
}

export type ValueAddedResult = Schemas['ValueAddedResult'];
export type CoordinationEntry = Schemas['CoordinationEntry'];

/** C's estimate (seed 000 C ④): 売上増加額 × 既存の付加価値率 (a fraction 0–1). */
export async function calculateValueAdded(salesIncrease: number, valueAddedRate: number) {
  const body: Schemas['ValueAddedCalculation'] = { sales_increase: salesIncrease, value_added_rate: valueAddedRate };
  return (await request<ValueAddedResult>('POST', '/api/plans/calculators/value-added', { body, handles: ['validation'] })).data;
}

/** Replaces the 各種調整 checklist of a plan (If-Match: the plan's ETag). */
export async function replaceCoordination(id: number, entries: CoordinationEntry[], etag: string): Promise<Versioned> {
  return versioned(
    await request<PlanOut>('PUT', `/api/plans/${id}/coordination`, { body: { entries }, ifMatch: etag, handles: EDITOR_HANDLES }),
  );
}
