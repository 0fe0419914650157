/** scoring-api as the screens call it: /api/scoring (scores, 参考リスト, 公募 and applications). */
import { request, queryString, withSignal } from './client';
import type { components } from './schema';
import type { RequestBody, ResponseBody } from './types';

type Schemas = components['schemas'];
export type ScoreOut = Schemas['ScoreOut'];
export type MetricValue = Schemas['MetricValue'];
export type ScorePage = ResponseBody<'/api/scoring/scores', 'get'>;
export type ScoreExplanation = Schemas['ScoreExplanation'];
export type CompanyOut = Schemas['CompanyOut'];
export type FiguresOut = Schemas['FiguresOut'];
export type ReferenceList = Schemas['ReferenceList'];
export type ReferenceEntry = Schemas['ReferenceEntry'];
export type EvidenceFilingOut = Schemas['EvidenceFilingOut'];
export type MetiReferenceList = Schemas['MetiReferenceList'];
export type MetiVersionOut = Schemas['MetiVersionOut'];
export type MetiImportResult = Schemas['MetiImportResult'];
export type SelectionOut = Schemas['SelectionOut'];
export type WaiverIn = RequestBody<'/api/scoring/applications/{application_id}/waivers', 'post'>;
export type CallOut = Schemas['CallOut'];
export type CallCreate = RequestBody<'/api/scoring/calls', 'post'>;
export type ApplicationSummary = Schemas['ApplicationSummary'];
export type ApplicationOut = Schemas['ApplicationOut'];
export type CriterionResult = Schemas['CriterionResult'];
export type AssessmentIn = RequestBody<'/api/scoring/applications/{application_id}/assessment', 'put'>;
export type DecisionIn = RequestBody<'/api/scoring/applications/{application_id}/decisions', 'post'>;

/** The four values of a score, in the order the screens show them. */
export const METRIC_NAMES = ['connector_share', 'hub_share', 'connector_ratio', 'hub_ratio'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** The companies of one prefecture fit in one page (the demo has a few dozen; the API allows 500). */
export const SCORE_PAGE_SIZE = 500;

export async function listScores(
  params: { fiscalYear: number; prefecture?: string; orderBy?: MetricName },
  signal?: AbortSignal,
) {
  const path = `/api/scoring/scores${queryString({
    fiscal_year: params.fiscalYear,
    prefecture: params.prefecture,
    order_by: params.orderBy,
    limit: SCORE_PAGE_SIZE,
  })}`;
  return (await request<ScorePage>('GET', path, withSignal(signal))).data;
}

export type CompanyPage = ResponseBody<'/api/scoring/companies', 'get'>;

/** The registered companies the caller may see (prefecture staff: its own prefecture's). */
export async function listCompanies(signal?: AbortSignal) {
  return (await request<CompanyPage>('GET', `/api/scoring/companies${queryString({ limit: SCORE_PAGE_SIZE })}`, withSignal(signal))).data;
}

export async function getCompany(corporateNumber: string, signal?: AbortSignal) {
  return (await request<CompanyOut>('GET', `/api/scoring/companies/${corporateNumber}`, withSignal(signal))).data;
}

export async function listFigures(corporateNumber: string, signal?: AbortSignal) {
  return (await request<FiguresOut[]>('GET', `/api/scoring/companies/${corporateNumber}/figures`, withSignal(signal))).data;
}

export async function companyScores(corporateNumber: string, signal?: AbortSignal) {
  return (await request<ScoreOut[]>('GET', `/api/scoring/companies/${corporateNumber}/scores`, withSignal(signal))).data;
}

export async function explainScore(corporateNumber: string, fiscalYear: number, signal?: AbortSignal) {
  const path = `/api/scoring/companies/${corporateNumber}/scores/${fiscalYear}/explanation`;
  return (await request<ScoreExplanation>('GET', path, withSignal(signal))).data;
}

export async function getReferenceList(fiscalYear: number, prefecture?: string, signal?: AbortSignal) {
  const path = `/api/scoring/reference-list${queryString({ fiscal_year: fiscalYear, prefecture })}`;
  return (await request<ReferenceList>('GET', path, withSignal(signal))).data;
}

/** A plain link downloads it: the session cookie goes along, and the browser saves the file. */
export function referenceListExportUrl(fiscalYear: number, format: 'xlsx' | 'csv', prefecture?: string): string {
  return `/api/scoring/reference-list/export${queryString({ fiscal_year: fiscalYear, format, prefecture })}`;
}

/** 経済産業省's 参考リスト of a fiscal year (its current version unless `version` is given). */
export async function getMetiReferenceList(fiscalYear: number, prefecture?: string, signal?: AbortSignal) {
  const path = `/api/scoring/reference-list/meti${queryString({ fiscal_year: fiscalYear, prefecture })}`;
  return (await request<MetiReferenceList>('GET', path, withSignal(signal))).data;
}

export async function listMetiVersions(fiscalYear: number, signal?: AbortSignal) {
  const path = `/api/scoring/reference-list/meti/versions${queryString({ fiscal_year: fiscalYear })}`;
  return (await request<MetiVersionOut[]>('GET', path, withSignal(signal))).data;
}

/** METI's file (CSV or xlsx): every failing row comes back at once as a 422. */
export async function importMetiReferenceList(file: File) {
  const form = new FormData();
  form.append('file', file);
  return (await request<MetiImportResult>('POST', '/api/scoring/reference-list/meti/import', { body: form, handles: FORM_HANDLES })).data;
}

export async function listEvidenceFilings(signal?: AbortSignal) {
  return (await request<EvidenceFilingOut[]>('GET', '/api/scoring/evidence-filings', withSignal(signal))).data;
}

export async function listCalls(signal?: AbortSignal) {
  return (await request<CallOut[]>('GET', '/api/scoring/calls', withSignal(signal))).data;
}

export async function getCall(id: number, signal?: AbortSignal) {
  return (await request<CallOut>('GET', `/api/scoring/calls/${id}`, withSignal(signal))).data;
}

// Forms show 422 (every failing field) and 409 themselves.
const FORM_HANDLES = ['validation', 'conflict', 'forbidden'] as const;

export async function createCall(body: CallCreate) {
  return (await request<CallOut>('POST', '/api/scoring/calls', { body, handles: FORM_HANDLES })).data;
}

export async function setCallPlan(id: number, planId: string) {
  return (await request<CallOut>('PUT', `/api/scoring/calls/${id}/plan`, { body: { plan_id: planId }, handles: FORM_HANDLES })).data;
}

export async function listApplications(callId: number, signal?: AbortSignal) {
  return (await request<ApplicationSummary[]>('GET', `/api/scoring/calls/${callId}/applications`, withSignal(signal))).data;
}

export async function getApplication(id: number, signal?: AbortSignal) {
  return (await request<ApplicationOut>('GET', `/api/scoring/applications/${id}`, withSignal(signal))).data;
}

export async function saveAssessment(id: number, body: AssessmentIn) {
  return (await request<ApplicationOut>('PUT', `/api/scoring/applications/${id}/assessment`, { body, handles: FORM_HANDLES })).data;
}

export async function waiveDocument(id: number, body: WaiverIn) {
  return (await request<ApplicationOut>('POST', `/api/scoring/applications/${id}/waivers`, { body, handles: FORM_HANDLES })).data;
}

export async function decideApplication(id: number, body: DecisionIn) {
  return (await request<ApplicationOut>('POST', `/api/scoring/applications/${id}/decisions`, { body, handles: FORM_HANDLES })).data;
}

export type EvidenceFilingCreate = RequestBody<'/api/scoring/evidence-filings', 'post'>;
export type EvidenceReview = RequestBody<'/api/scoring/evidence-filings/{filing_id}/review', 'post'>;

export async function fileEvidence(body: EvidenceFilingCreate) {
  return (await request<EvidenceFilingOut>('POST', '/api/scoring/evidence-filings', { body, handles: FORM_HANDLES })).data;
}

export async function reviewEvidence(id: number, body: EvidenceReview) {
  return (await request<unknown>('POST', `/api/scoring/evidence-filings/${id}/review`, { body, handles: FORM_HANDLES })).data;
}

/** The registered companies whose name contains `query` or whose 法人番号 is `query` (at most `limit`). */
export async function searchCompanies(query: string, signal?: AbortSignal, limit = 10) {
  return (await request<CompanyPage>('GET', `/api/scoring/companies${queryString({ q: query, limit })}`, withSignal(signal))).data;
}
