/** scoring-api as the screens call it: /api/scoring (scores, 参考リスト, 公募 and applications). */
import { client, dataOf, hrefOf } from './client';
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

/** The scores of a fiscal year; `query` finds companies by name or 法人番号 as scoring-api normalises them. */
export async function listScores(
  params: { fiscalYear: number; prefecture?: string; orderBy?: MetricName; query?: string },
  signal?: AbortSignal,
) {
  const pending = client.GET('/api/scoring/scores', {
    params: {
      query: {
        fiscal_year: params.fiscalYear,
        prefecture: params.prefecture ?? null,
        ...(params.orderBy ? { order_by: params.orderBy } : {}),
        ...(params.query ? { q: params.query } : {}),
        limit: SCORE_PAGE_SIZE,
      },
    },
    signal: signal ?? null,
  });
  return dataOf(pending);
}

export type CompanyPage = ResponseBody<'/api/scoring/companies', 'get'>;

/** The registered companies the caller may see (prefecture staff: its own prefecture's). */
export async function listCompanies(signal?: AbortSignal) {
  return dataOf(client.GET('/api/scoring/companies', { params: { query: { limit: SCORE_PAGE_SIZE } }, signal: signal ?? null }));
}

const company = (corporateNumber: string) => ({ path: { corporate_number: corporateNumber } });

export async function getCompany(corporateNumber: string, signal?: AbortSignal) {
  return dataOf(client.GET('/api/scoring/companies/{corporate_number}', { params: company(corporateNumber), signal: signal ?? null }));
}

export async function listFigures(corporateNumber: string, signal?: AbortSignal) {
  const pending = client.GET('/api/scoring/companies/{corporate_number}/figures', { params: company(corporateNumber), signal: signal ?? null });
  return dataOf(pending);
}

export async function companyScores(corporateNumber: string, signal?: AbortSignal) {
  const pending = client.GET('/api/scoring/companies/{corporate_number}/scores', { params: company(corporateNumber), signal: signal ?? null });
  return dataOf(pending);
}

export async function explainScore(corporateNumber: string, fiscalYear: number, signal?: AbortSignal) {
  const pending = client.GET('/api/scoring/companies/{corporate_number}/scores/{fiscal_year}/explanation', {
    params: { path: { corporate_number: corporateNumber, fiscal_year: fiscalYear } },
    signal: signal ?? null,
  });
  return dataOf(pending);
}

export async function getReferenceList(fiscalYear: number, prefecture?: string, signal?: AbortSignal) {
  const pending = client.GET('/api/scoring/reference-list', {
    params: { query: { fiscal_year: fiscalYear, prefecture: prefecture ?? null } },
    signal: signal ?? null,
  });
  return dataOf(pending);
}

/** A plain link downloads it: the session cookie goes along, and the browser saves the file. */
export function referenceListExportUrl(fiscalYear: number, format: 'xlsx' | 'csv', prefecture?: string): string {
  return hrefOf('/api/scoring/reference-list/export', { query: { fiscal_year: fiscalYear, format, prefecture: prefecture ?? null } });
}

/** 経済産業省's 参考リスト of a fiscal year (its current version unless `version` is given). */
export async function getMetiReferenceList(fiscalYear: number, prefecture?: string, signal?: AbortSignal) {
  const pending = client.GET('/api/scoring/reference-list/meti', {
    params: { query: { fiscal_year: fiscalYear, prefecture: prefecture ?? null } },
    signal: signal ?? null,
  });
  return dataOf(pending);
}

export async function listMetiVersions(fiscalYear: number, signal?: AbortSignal) {
  const pending = client.GET('/api/scoring/reference-list/meti/versions', {
    params: { query: { fiscal_year: fiscalYear } },
    signal: signal ?? null,
  });
  return dataOf(pending);
}

/** METI's file (CSV or xlsx): every failing row comes back at once as a 422. */
export async function importMetiReferenceList(file: File) {
  const form = new FormData();
  form.append('file', file);
  const pending = client.POST('/api/scoring/reference-list/meti/import', {
    // openapi-typescript writes a binary field as `string`; the multipart body is a FormData.
    body: form as unknown as RequestBody<'/api/scoring/reference-list/meti/import', 'post'>,
  });
  return dataOf(pending, FORM_HANDLES);
}

export async function listEvidenceFilings(signal?: AbortSignal) {
  return dataOf(client.GET('/api/scoring/evidence-filings', { signal: signal ?? null }));
}

export async function listCalls(signal?: AbortSignal) {
  return dataOf(client.GET('/api/scoring/calls', { signal: signal ?? null }));
}

export async function getCall(id: number, signal?: AbortSignal) {
  return dataOf(client.GET('/api/scoring/calls/{call_id}', { params: { path: { call_id: id } }, signal: signal ?? null }));
}

// Forms show 422 (every failing field) and 409 themselves.
const FORM_HANDLES = { handles: ['validation', 'conflict', 'forbidden'] } as const;

export async function createCall(body: CallCreate) {
  return dataOf(client.POST('/api/scoring/calls', { body }), FORM_HANDLES);
}

export async function setCallPlan(id: number, planId: string) {
  const pending = client.PUT('/api/scoring/calls/{call_id}/plan', { params: { path: { call_id: id } }, body: { plan_id: planId } });
  return dataOf(pending, FORM_HANDLES);
}

export async function listApplications(callId: number, signal?: AbortSignal) {
  const pending = client.GET('/api/scoring/calls/{call_id}/applications', { params: { path: { call_id: callId } }, signal: signal ?? null });
  return dataOf(pending);
}

const application = (id: number) => ({ path: { application_id: id } });

export async function getApplication(id: number, signal?: AbortSignal) {
  return dataOf(client.GET('/api/scoring/applications/{application_id}', { params: application(id), signal: signal ?? null }));
}

export async function saveAssessment(id: number, body: AssessmentIn) {
  return dataOf(client.PUT('/api/scoring/applications/{application_id}/assessment', { params: application(id), body }), FORM_HANDLES);
}

export async function waiveDocument(id: number, body: WaiverIn) {
  return dataOf(client.POST('/api/scoring/applications/{application_id}/waivers', { params: application(id), body }), FORM_HANDLES);
}

export async function decideApplication(id: number, body: DecisionIn) {
  return dataOf(client.POST('/api/scoring/applications/{application_id}/decisions', { params: application(id), body }), FORM_HANDLES);
}

export type EvidenceFilingCreate = RequestBody<'/api/scoring/evidence-filings', 'post'>;
export type EvidenceReview = RequestBody<'/api/scoring/evidence-filings/{filing_id}/review', 'post'>;

export async function fileEvidence(body: EvidenceFilingCreate) {
  return dataOf(client.POST('/api/scoring/evidence-filings', { body }), FORM_HANDLES);
}

export async function reviewEvidence(id: number, body: EvidenceReview) {
  const pending = client.POST('/api/scoring/evidence-filings/{filing_id}/review', { params: { path: { filing_id: id } }, body });
  return dataOf(pending, FORM_HANDLES);
}

/** The registered companies whose name contains `query` or whose 法人番号 is `query` (at most `limit`). */
export async function searchCompanies(query: string, signal?: AbortSignal, limit = 10) {
  return dataOf(client.GET('/api/scoring/companies', { params: { query: { q: query, limit } }, signal: signal ?? null }));
}
