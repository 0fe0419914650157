/** plans-api's rounds as the rounds screens call them: /api/rounds, its history and publication. */
import { request, withSignal } from './client';
import { ApiError } from './problem';
import type { components } from './schema';
import type { RequestBody } from './types';

type Schemas = components['schemas'];
export type RoundOut = Schemas['RoundOut'];
export type RoundIn = RequestBody<'/api/rounds', 'post'>;
export type RoundPatch = Schemas['RoundPatch'];
export type RoundHistoryOut = Schemas['RoundHistoryOut'];
export type PublicationOut = Schemas['PublicationOut'];
export type PublicationPlan = Schemas['PublicationPlan'];

const at = (code: string) => `/api/rounds/${encodeURIComponent(code)}`;

export async function listRounds(signal?: AbortSignal) {
  return (await request<RoundOut[]>('GET', '/api/rounds', withSignal(signal))).data;
}

export async function createRound(body: RoundIn) {
  return (await request<RoundOut>('POST', '/api/rounds', { body, handles: ['validation', 'conflict'] })).data;
}

export async function updateRound(code: string, body: RoundPatch) {
  return (await request<RoundOut>('PATCH', at(code), { body, handles: ['validation', 'conflict'] })).data;
}

export async function roundHistory(code: string, signal?: AbortSignal) {
  return (await request<RoundHistoryOut[]>('GET', `${at(code)}/history`, withSignal(signal))).data;
}

/** The round's publication, or null when none is scheduled (404). */
export async function getPublication(code: string, signal?: AbortSignal): Promise<PublicationOut | null> {
  try {
    return (await request<PublicationOut>('GET', `${at(code)}/publication`, { ...withSignal(signal), handles: ['not_found'] })).data;
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'not_found') return null;
    throw error;
  }
}

export async function schedulePublication(code: string, publishAt: string) {
  return (
    await request<PublicationOut>('PUT', `${at(code)}/publication`, { body: { publish_at: publishAt }, handles: ['validation', 'conflict'] })
  ).data;
}

export async function cancelPublication(code: string) {
  await request<null>('DELETE', `${at(code)}/publication`, { handles: ['conflict', 'not_found'] });
}
