/** plans-api's 候補プロジェクト案件 as the proposal screens call it: /api/proposals. */
import { client, dataOf, unwrap, type ApiResponse } from './client';
import type { components, operations } from './schema';
import type { RequestBody, ResponseBody } from './types';

type Schemas = components['schemas'];
export type ProposalOut = Schemas['ProposalOut'];
export type ProposalIn = RequestBody<'/api/proposals', 'post'>;
export type ProposalPatch = RequestBody<'/api/proposals/{proposal_id}', 'patch'>;
export type DecisionIn = RequestBody<'/api/proposals/{proposal_id}/decision', 'post'>;
export type Decision = DecisionIn['decision'];
export type BudgetCoordination = Schemas['BudgetCoordination'];
export type Investment = Schemas['Investment'];
export type Investor = Schemas['Investor'];
export type ProposalState = Schemas['ProposalState'];
export type ProposalPage = ResponseBody<'/api/proposals', 'get'>;

type ListQuery = NonNullable<operations['proposals-list_proposals']['parameters']['query']>;

export const PROPOSAL_PAGE_SIZE = 20;

export interface ProposalFilters {
  state?: string;
  field?: string;
}

/** The proposals the caller reads (own / the block's submitted / every submitted), newest change first. */
export async function listProposals(filters: ProposalFilters, offset = 0, signal?: AbortSignal) {
  const query: ListQuery = {
    limit: PROPOSAL_PAGE_SIZE,
    offset,
    // The filters are the address bar's text, which plans-api checks itself (422 for an unknown state).
    state: (filters.state ?? null) as ProposalState | null,
    strategic_field: filters.field ?? null,
  };
  return dataOf(client.GET('/api/proposals', { params: { query }, signal: signal ?? null }));
}

/** A proposal with the ETag its next write must send. */
export interface VersionedProposal {
  proposal: ProposalOut;
  etag: string;
}

function versioned(response: ApiResponse<ProposalOut>): VersionedProposal {
  return { proposal: response.data, etag: response.etag ?? `"${String(response.data.version)}"` };
}

const proposal = (id: number) => ({ path: { proposal_id: id } });
const ifMatch = (etag: string) => ({ 'If-Match': etag });

// The screens show 412 (the other version), 409 (the state) and 422 (at the fields) themselves.
const WRITE_HANDLES = { handles: ['stale', 'validation', 'conflict'] } as const;

export async function createProposal(body: ProposalIn): Promise<VersionedProposal> {
  return versioned(await unwrap(client.POST('/api/proposals', { body }), { handles: ['validation'] }));
}

export async function getProposal(id: number, signal?: AbortSignal): Promise<VersionedProposal> {
  return versioned(await unwrap(client.GET('/api/proposals/{proposal_id}', { params: proposal(id), signal: signal ?? null })));
}

export async function updateProposal(id: number, body: ProposalPatch, etag: string): Promise<VersionedProposal> {
  const pending = client.PATCH('/api/proposals/{proposal_id}', { params: proposal(id), body, headers: ifMatch(etag) });
  return versioned(await unwrap(pending, WRITE_HANDLES));
}

/** Submits to the bureau of the block; a 422 names every requirement not met yet. */
export async function submitProposal(id: number, etag: string): Promise<VersionedProposal> {
  const pending = client.POST('/api/proposals/{proposal_id}/submit', { params: proposal(id), headers: ifMatch(etag) });
  return versioned(await unwrap(pending, WRITE_HANDLES));
}

export async function decideProposal(id: number, body: DecisionIn, etag: string): Promise<VersionedProposal> {
  const pending = client.POST('/api/proposals/{proposal_id}/decision', { params: proposal(id), body, headers: ifMatch(etag) });
  return versioned(await unwrap(pending, WRITE_HANDLES));
}
