/** plans-api as the screens call it: /api/plans, /api/rounds and the public open data. */
import { client, dataOf, hrefOf, unwrap, type ApiResponse } from './client';
import type { components, operations } from './schema';
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
  const query: PlanListQuery = {
    ...filters,
    // The filters are the address bar's text, which plans-api checks itself (422 for an unknown
    // type or state); the schema names the values it accepts.
    type: (filters.type ?? null) as Schemas['PlanType'] | null,
    state: (filters.state ?? null) as Schemas['PlanState'] | null,
    limit,
    offset,
  };
  return dataOf(client.GET('/api/plans', { params: { query }, signal: signal ?? null }));
}

type PlanListQuery = NonNullable<operations['plans-list_plans']['parameters']['query']>;

export async function listRounds(signal?: AbortSignal) {
  return dataOf(client.GET('/api/rounds', { signal: signal ?? null }));
}

export async function createPlan(body: PlanCreate) {
  return dataOf(client.POST('/api/plans', { body }), { handles: ['validation', 'forbidden'] });
}

/** A plan with the ETag its next write must send. */
export interface Versioned {
  plan: PlanOut;
  etag: string;
}

function versioned(response: ApiResponse<PlanOut>): Versioned {
  return { plan: response.data, etag: response.etag ?? `"${response.data.version}"` };
}

const plan = (id: number) => ({ path: { plan_id: id } });
const ifMatch = (etag: string) => ({ 'If-Match': etag });

export async function getPlan(id: number, signal?: AbortSignal): Promise<Versioned> {
  return versioned(await unwrap(client.GET('/api/plans/{plan_id}', { params: plan(id), signal: signal ?? null })));
}

/** The parts of a plan the editor writes, each its own request with If-Match. */
export type PlanPart = 'patch' | 'kgis' | 'kpis' | 'core-companies' | 'co-authors';

/** The body each part's request carries. */
export interface PlanPartBodies {
  patch: RequestBody<'/api/plans/{plan_id}', 'patch'>;
  kgis: RequestBody<'/api/plans/{plan_id}/kgis', 'put'>;
  kpis: RequestBody<'/api/plans/{plan_id}/kpis', 'put'>;
  'core-companies': RequestBody<'/api/plans/{plan_id}/core-companies', 'put'>;
  'co-authors': RequestBody<'/api/plans/{plan_id}/co-authors', 'put'>;
}

// The editor shows 412 and 422 itself (both versions / errors at the fields).
const EDITOR_HANDLES = { handles: ['stale', 'validation', 'conflict'] } as const;

function sendPart(id: number, part: PlanPart, body: unknown, etag: string) {
  const init = { params: plan(id), headers: ifMatch(etag) };
  // The editor's draft (lib/planDraft.ts) hands each part's body over untyped; PlanPartBodies names
  // what each request carries.
  switch (part) {
    case 'patch':
      return client.PATCH('/api/plans/{plan_id}', { ...init, body: body as PlanPartBodies['patch'] });
    case 'kgis':
      return client.PUT('/api/plans/{plan_id}/kgis', { ...init, body: body as PlanPartBodies['kgis'] });
    case 'kpis':
      return client.PUT('/api/plans/{plan_id}/kpis', { ...init, body: body as PlanPartBodies['kpis'] });
    case 'core-companies':
      return client.PUT('/api/plans/{plan_id}/core-companies', { ...init, body: body as PlanPartBodies['core-companies'] });
    case 'co-authors':
      return client.PUT('/api/plans/{plan_id}/co-authors', { ...init, body: body as PlanPartBodies['co-authors'] });
  }
}

export async function savePart(id: number, part: PlanPart, body: unknown, etag: string): Promise<Versioned> {
  return versioned(await unwrap(sendPart(id, part, body, etag), EDITOR_HANDLES));
}

export async function getValidation(id: number) {
  return dataOf(client.GET('/api/plans/{plan_id}/validation', { params: plan(id) }));
}

/**
 * The same report for a side display that fails quietly (the editor's section index): no failure
 * goes to the app-wide handler.
 */
export async function getValidationQuietly(id: number) {
  const pending = client.GET('/api/plans/{plan_id}/validation', { params: plan(id) });
  return dataOf(pending, { handles: ['unauthorized', 'forbidden', 'not_found', 'server', 'network', 'stale'] });
}

export async function getTransitions(id: number, signal?: AbortSignal) {
  return dataOf(client.GET('/api/plans/{plan_id}/transitions', { params: plan(id), signal: signal ?? null }));
}

export async function postTransition(id: number, body: TransitionIn, etag: string): Promise<Versioned> {
  const pending = client.POST('/api/plans/{plan_id}/transitions', { params: plan(id), body, headers: ifMatch(etag) });
  return versioned(await unwrap(pending, { handles: ['validation', 'conflict', 'stale'] }));
}

export async function getHistory(id: number, signal?: AbortSignal) {
  return dataOf(client.GET('/api/plans/{plan_id}/history', { params: plan(id), signal: signal ?? null }));
}

export function exportUrl(id: number): string {
  return hrefOf('/api/plans/{plan_id}/export.xlsx', plan(id));
}

/**
 * The plan as a PDF for staff (the session cookie goes along): as it is now, or `version` of its
 * version history (版の履歴); a version not published carries 「下書き」.
 */
export function planPdfUrl(id: number, version?: number): string {
  return hrefOf('/api/plans/{plan_id}/document.pdf', { ...plan(id), query: { version: version ?? null } });
}

/** The multipart body of a workbook upload: the schema's `file` (format binary) is the File itself. */
export function workbookForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file);
  return form;
}

export async function importWorkbook(id: number, file: File, etag: string): Promise<Versioned> {
  const pending = client.POST('/api/plans/{plan_id}/import', {
    params: plan(id),
    // openapi-typescript writes a binary field as `string`; the multipart body is a FormData.
    body: workbookForm(file) as unknown as RequestBody<'/api/plans/{plan_id}/import', 'post'>,
    headers: ifMatch(etag),
  });
  return versioned(await unwrap(pending, { handles: ['validation', 'stale', 'conflict'] }));
}

/** What the open-data list is filtered by (`''` leaves a criterion out). */
export interface PublishedFilters {
  type: '' | 'B' | 'C';
  prefecture: string;
  field: string;
  /** A JSIC code: the plans naming it or an industry under it (`E` finds `E28`). */
  industry: string;
  round: string;
}

export const OPEN_DATA_PAGE_SIZE = 50;

/** The published plans, newest version of each (open data, no login). */
export async function listPublishedPlans(filters: PublishedFilters, offset: number, signal?: AbortSignal) {
  const query = {
    limit: OPEN_DATA_PAGE_SIZE,
    offset,
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.prefecture ? { prefecture: filters.prefecture } : {}),
    ...(filters.field ? { field: filters.field } : {}),
    ...(filters.industry ? { industry: filters.industry } : {}),
    ...(filters.round ? { round: filters.round } : {}),
  };
  const pending = client.GET('/public/v1/plans', { params: { query }, signal: signal ?? null });
  return dataOf(pending, { handles: ['unauthorized'] });
}

export type Publication = Schemas['Publication'];
export type DescribedItem = Schemas['DescribedChange'];

/** Every published version of a plan, newest first. */
export async function listPublications(id: number, signal?: AbortSignal) {
  const pending = client.GET('/public/v1/plans/{plan_id}/versions', { params: { path: { plan_id: id } }, signal: signal ?? null });
  return dataOf(pending, { handles: ['unauthorized'] });
}

/** One published version's content, each item with its Japanese heading and value. */
export async function publicationItems(id: number, version: number, signal?: AbortSignal) {
  const params = { path: { plan_id: id, version } };
  return dataOf(client.GET('/public/v1/plans/{plan_id}/versions/{version}/items', { params, signal: signal ?? null }), { handles: ['unauthorized'] });
}

/** Where a published version's files are (no login): its PDF, CSV, Excel workbook and JSON. */
export function publicationLinks(id: number, version: number) {
  const path = { path: { plan_id: id, version } };
  return {
    pdf: hrefOf('/public/v1/plans/{plan_id}/versions/{version}.pdf', path),
    csv: hrefOf('/public/v1/plans/{plan_id}/versions/{version}.csv', path),
    xlsx: hrefOf('/public/v1/plans/{plan_id}/versions/{version}.xlsx', path),
    json: hrefOf('/public/v1/plans/{plan_id}/versions/{version}', path),
  };
}

export type PublicRound = Schemas['PublicRound'];

let publicRounds: Promise<PublicRound[]> | null = null;

/** The pre-check rounds as the public reads them (no login), fetched once per page load. */
export function loadPublicRounds(): Promise<PublicRound[]> {
  publicRounds ??= dataOf(client.GET('/public/v1/reference/rounds'), { handles: ['unauthorized'] }).catch((error: unknown) => {
    publicRounds = null;
    throw error;
  });
  return publicRounds;
}

export type DirectoryOrganisation = Schemas['DirectoryOrganisation'];

/** Names, kinds and prefectures behind organisation codes (the gateway's directory; at most 200 codes). */
export async function listOrganisations(codes: readonly string[], signal?: AbortSignal) {
  const pending = client.GET('/directory/v1/organisations', {
    // One element in the comma form the gateway also reads (`codes=430005,434043`): a short address.
    params: { query: { codes: [codes.join(',')] } },
    signal: signal ?? null,
  });
  return dataOf(pending, { handles: ['forbidden'] });
}

export type ValueAddedResult = Schemas['ValueAddedResult'];
export type CoordinationEntry = Schemas['CoordinationEntry'];

/** C's estimate (seed 000 C ④): 売上増加額 × 既存の付加価値率 (a fraction 0–1). */
export async function calculateValueAdded(salesIncrease: number, valueAddedRate: number) {
  const body: Schemas['ValueAddedCalculation'] = { sales_increase: salesIncrease, value_added_rate: valueAddedRate };
  return dataOf(client.POST('/api/plans/calculators/value-added', { body }), { handles: ['validation'] });
}

/** Replaces the 各種調整 checklist of a plan (If-Match: the plan's ETag). */
export async function replaceCoordination(id: number, entries: CoordinationEntry[], etag: string): Promise<Versioned> {
  const pending = client.PUT('/api/plans/{plan_id}/coordination', { params: plan(id), body: { entries }, headers: ifMatch(etag) });
  return versioned(await unwrap(pending, EDITOR_HANDLES));
}

export type SearchPage = Schemas['SearchPage'];
export const SEARCH_PAGE_SIZE = 20;

/** Plans the caller may see that hold the words (title, every item, KGI/KPI and company names, 法人番号). */
export async function searchPlans(q: string, offset: number, signal?: AbortSignal) {
  const query = { q, limit: SEARCH_PAGE_SIZE, offset };
  return dataOf(client.GET('/api/plans/search', { params: { query }, signal: signal ?? null }), { handles: ['validation'] });
}
