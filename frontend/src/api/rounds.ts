/** plans-api's rounds as the rounds screens call them: /api/rounds, its history and publication. */
import { client, dataOf } from './client';
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

const round = (code: string) => ({ path: { code } });

export async function listRounds(signal?: AbortSignal) {
  return dataOf(client.GET('/api/rounds', { signal: signal ?? null }));
}

export async function createRound(body: RoundIn) {
  return dataOf(client.POST('/api/rounds', { body }), { handles: ['validation', 'conflict'] });
}

export async function updateRound(code: string, body: RoundPatch) {
  return dataOf(client.PATCH('/api/rounds/{code}', { params: round(code), body }), { handles: ['validation', 'conflict'] });
}

export async function roundHistory(code: string, signal?: AbortSignal) {
  return dataOf(client.GET('/api/rounds/{code}/history', { params: round(code), signal: signal ?? null }));
}

/** The round's publication, or null when none is scheduled (404). */
export async function getPublication(code: string, signal?: AbortSignal): Promise<PublicationOut | null> {
  try {
    const pending = client.GET('/api/rounds/{code}/publication', { params: round(code), signal: signal ?? null });
    return await dataOf(pending, { handles: ['not_found'] });
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'not_found') return null;
    throw error;
  }
}

export async function schedulePublication(code: string, publishAt: string) {
  const pending = client.PUT('/api/rounds/{code}/publication', { params: round(code), body: { publish_at: publishAt } });
  return dataOf(pending, { handles: ['validation', 'conflict'] });
}

export async function cancelPublication(code: string) {
  await dataOf(client.DELETE('/api/rounds/{code}/publication', { params: round(code) }), { handles: ['conflict', 'not_found'] });
}
