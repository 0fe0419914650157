/** plans-api's review routes as the review screens call them (the queue, /changes, 取りまとめ). */
import { client, dataOf } from '../../api/client';
import type { components } from '../../api/schema';

type Schemas = components['schemas'];
export type ReviewQueueItem = Schemas['ReviewQueueItem'];
export type ContentChange = Schemas['ContentChange'];
export type ChangesSince = Schemas['ChangesSince'];
export type ReviewComments = Schemas['EarlierReview'];
/** `GET /api/plans/{id}/changes?since=…`. */
export type ChangesOut = Schemas['ChangesOut'];
/** `GET /api/plans/prefecture-queue` items. */
export type PrefectureQueueItem = Schemas['PrefectureQueueItem'];

export async function getReviewQueue(signal?: AbortSignal) {
  return dataOf(client.GET('/api/plans/review-queue', { params: { query: { limit: 500, offset: 0 } }, signal: signal ?? null }));
}

export async function getPrefectureQueue(signal?: AbortSignal) {
  return dataOf(client.GET('/api/plans/prefecture-queue', { params: { query: { limit: 500, offset: 0 } }, signal: signal ?? null }));
}

export async function getChanges(id: number, since: ChangesSince, signal?: AbortSignal) {
  const pending = client.GET('/api/plans/{plan_id}/changes', { params: { path: { plan_id: id }, query: { since } }, signal: signal ?? null });
  return dataOf(pending);
}
