/** plans-api's review routes as the review screens call them (the queue, /changes, 取りまとめ). */
import { queryString, request, withSignal } from '../../api/client';
import type { components } from '../../api/schema';

type Schemas = components['schemas'];
export type ReviewQueueItem = Schemas['ReviewQueueItem'];
export type ContentChange = Schemas['ContentChange'];

export type ChangesSince = 'review' | 'returned' | 'published';

export interface ReviewComments {
  action: string;
  occurred_at: string;
  actor_name: string;
  comment: string;
  requirement_comments: { number: number; verdict?: string | null; comment: string }[];
  section_comments: { section: string; comment: string }[];
}

/** `GET /api/plans/{id}/changes?since=…` (ChangesOut). */
export interface ChangesOut {
  since: ChangesSince;
  base_found: boolean;
  base_at: string | null;
  reviewed_at: string | null;
  changes: ContentChange[];
  earlier_review: ReviewComments | null;
}

/** `GET /api/plans/prefecture-queue` items (PrefectureQueueItem). */
export type PrefectureQueueItem = Schemas['PlanSummary'] & {
  pending_step: 'precheck' | 'submission' | null;
  waiting_since: string | null;
};

interface Paged<T> {
  items: T[];
  total: number;
}

export async function getReviewQueue(signal?: AbortSignal) {
  return (await request<Paged<ReviewQueueItem>>('GET', `/api/plans/review-queue${queryString({ limit: 500, offset: 0 })}`, withSignal(signal))).data;
}

export async function getPrefectureQueue(signal?: AbortSignal) {
  return (await request<Paged<PrefectureQueueItem>>('GET', `/api/plans/prefecture-queue${queryString({ limit: 500, offset: 0 })}`, withSignal(signal))).data;
}

export async function getChanges(id: number, since: ChangesSince, signal?: AbortSignal) {
  return (await request<ChangesOut>('GET', `/api/plans/${id}/changes${queryString({ since })}`, withSignal(signal))).data;
}
