/**
 * The reviewer's work in progress (判断とコメント) kept in this browser per user and plan, and the
 * return (修正依頼) as its authors read it at the top of the plan.
 */
import type { HistoryOut, PlanOut, TransitionIn } from '../../../api/plans';
import { SECTIONS, fieldId } from '../../../lib/plans';
import { sectionLabel } from '../../review/review';
import { VERDICT_LABELS } from '../messages';
import { REVIEW_PANEL_MESSAGES as M } from './messages';
import { storage } from '../../../lib/localDraft';

const PREFIX = 'chiiki.review-draft.v1';

export type Verdict = 'satisfied' | 'not_satisfied' | 'needs_revision';

export interface ReviewDraft {
  /** 全体へのコメント. */
  comment: string;
  /** Per requirement number. */
  verdicts: Record<string, Verdict | ''>;
  notes: Record<string, string>;
  /** Per section key (記載項目, commitment, kgis, kpis, core_companies). */
  sections: Record<string, string>;
}

export const EMPTY_REVIEW: ReviewDraft = { comment: '', verdicts: {}, notes: {}, sections: {} };

export function reviewDraftKey(userId: number | string, planId: number): string {
  return `${PREFIX}.${userId}.${planId}`;
}

/** Nothing chosen and nothing typed (only blanks). */
export function isEmptyReview(draft: ReviewDraft): boolean {
  const blank = (values: Record<string, string>) => Object.values(values).every((v) => v.trim() === '');
  return draft.comment.trim() === '' && blank(draft.verdicts) && blank(draft.notes) && blank(draft.sections);
}

export function loadReviewDraft(userId: number | string, planId: number): ReviewDraft | null {
  const raw = storage()?.getItem(reviewDraftKey(userId, planId));
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<ReviewDraft> | null;
    if (!value || typeof value !== 'object' || typeof value.comment !== 'string') return null;
    return { comment: value.comment, verdicts: value.verdicts ?? {}, notes: value.notes ?? {}, sections: value.sections ?? {} };
  } catch {
    return null;
  }
}

/** Keeps the draft, or forgets it once it holds nothing. */
export function storeReviewDraft(userId: number | string, planId: number, draft: ReviewDraft): void {
  try {
    if (isEmptyReview(draft)) storage()?.removeItem(reviewDraftKey(userId, planId));
    else storage()?.setItem(reviewDraftKey(userId, planId), JSON.stringify(draft));
  } catch {
    // A full or disabled storage: the review is still sent from the page.
  }
}

export function clearReviewDraft(userId: number | string, planId: number): void {
  try {
    storage()?.removeItem(reviewDraftKey(userId, planId));
  } catch {
    // nothing kept
  }
}

/** The parts a reviewer may comment on, in the plan's order. */
export function reviewSections(plan: Pick<PlanOut, 'plan_type'>): { key: string; label: string }[] {
  const type = plan.plan_type === 'B' ? 'B' : 'C';
  return [...SECTIONS[type].map((s) => s.key), 'commitment', 'kgis', 'kpis', 'core_companies'].map((key) => ({ key, label: sectionLabel(plan, key) }));
}

/** The body of `return_with_comments` / `complete_precheck`: only what was chosen or typed. */
export function reviewBody(action: 'return_with_comments' | 'complete_precheck', draft: ReviewDraft, plan: Pick<PlanOut, 'requirements'>): TransitionIn {
  return {
    action,
    comment: draft.comment.trim(),
    recorded_outside: false,
    requirement_comments: plan.requirements
      .filter((r) => (draft.notes[r.number] ?? '').trim() !== '' || draft.verdicts[r.number])
      .map((r) => ({ number: r.number, comment: (draft.notes[r.number] ?? '').trim(), verdict: draft.verdicts[r.number] || null })),
    section_comments: Object.entries(draft.sections)
      .filter(([, comment]) => comment.trim() !== '')
      .map(([section, comment]) => ({ section, comment: comment.trim() })),
  };
}

/** Where in the plan page a section (or requirement) is edited. */
export function sectionAnchor(key: string): string {
  if (key === 'commitment') return 'editor-commitment';
  if (key === 'kgis') return 'editor-kgis';
  if (key === 'kpis') return 'editor-kpis';
  if (key === 'core_companies') return 'editor-companies';
  return `editor-section-${key}`;
}

export function requirementAnchor(number: number): string {
  return fieldId(`requirements/${number}/statement`);
}

export interface ReturnSummary {
  byReviewer: boolean;
  actorName: string;
  occurredAt: string;
  comment: string;
  requirements: { number: number; label: string; verdict: string | null; comment: string; anchor: string }[];
  sections: { key: string; label: string; comment: string; anchor: string }[];
}

interface Details {
  requirement_comments?: { number: number; verdict?: string | null; comment: string }[];
  section_comments?: { section: string; comment: string }[];
}

/**
 * The return that brought the plan back to its authors (国の修正依頼 or 県の差戻し): the latest
 * step into `returned`, with each comment named and linked to the part it concerns.
 */
export function returnSummary(plan: Pick<PlanOut, 'plan_type' | 'requirements' | 'state'>, history: readonly HistoryOut[]): ReturnSummary | null {
  if (plan.state !== 'returned') return null;
  const entry = [...history].sort((a, b) => (a.occurred_at < b.occurred_at ? 1 : a.occurred_at > b.occurred_at ? -1 : 0)).find((h) => h.to_state === 'returned');
  if (!entry) return null;
  const details = (entry.details ?? {}) as Details;
  return {
    byReviewer: entry.action === 'return_with_comments',
    actorName: entry.actor_name,
    occurredAt: entry.occurred_at,
    comment: entry.comment,
    requirements: (details.requirement_comments ?? [])
      .filter((c) => c.comment.trim() !== '' || c.verdict)
      .map((c) => {
        const requirement = plan.requirements.find((r) => r.number === c.number);
        return {
          number: c.number,
          label: M.returnRequirement(c.number, requirement ? requirement.label : null),
          verdict: c.verdict ? (VERDICT_LABELS[c.verdict] ?? null) : null,
          comment: c.comment,
          anchor: requirementAnchor(c.number),
        };
      }),
    sections: (details.section_comments ?? [])
      .filter((c) => c.comment.trim() !== '')
      .map((c) => ({ key: c.section, label: sectionLabel(plan, c.section), comment: c.comment, anchor: sectionAnchor(c.section) })),
  };
}
