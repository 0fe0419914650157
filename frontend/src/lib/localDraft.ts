/**
 * A draft in progress kept in this browser (localStorage), per user and plan, so a crash, a closed
 * tab or an expired session never loses what was typed. Kept with the version it was typed onto
 * (and that version's content), so it can be re-applied onto a newer version with `rebase`.
 */
import type { PlanDraft } from './planDraft';

const PREFIX = 'chiiki.plan-draft.v1';

export interface StoredDraft {
  /** What was typed. */
  mine: PlanDraft;
  /** The server's content it was typed onto. */
  base: PlanDraft;
  /** The plan version of `base`. */
  version: number;
  /** When it was last written (ISO). */
  savedAt: string;
  /** Why the editor was left: after a lost session the draft is put back without asking. */
  reason?: 'session_expired';
}

export function draftKey(userId: number | string, planId: number): string {
  return `${PREFIX}.${userId}.${planId}`;
}

/** The browser's local storage, or null where there is none (or it is refused, as in private windows). */
export function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function loadDraft(userId: number | string, planId: number): StoredDraft | null {
  const raw = storage()?.getItem(draftKey(userId, planId));
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<StoredDraft> | null;
    return value && typeof value === 'object' && value.mine && value.base && typeof value.version === 'number' ? (value as StoredDraft) : null;
  } catch {
    return null;
  }
}

export function storeDraft(userId: number | string, planId: number, draft: Omit<StoredDraft, 'savedAt'>): void {
  try {
    storage()?.setItem(draftKey(userId, planId), JSON.stringify({ ...draft, savedAt: new Date().toISOString() }));
  } catch {
    // A full or disabled storage: the page still warns before leaving.
  }
}

/** Marks the stored draft as left by a lost session (restored without asking after the next login). */
export function markSessionExpired(userId: number | string, planId: number): void {
  const stored = loadDraft(userId, planId);
  if (stored) storeDraft(userId, planId, { ...stored, reason: 'session_expired' });
}

export function clearDraft(userId: number | string, planId: number): void {
  try {
    storage()?.removeItem(draftKey(userId, planId));
  } catch {
    // nothing kept
  }
}
