/** What a user can act on now (DESIGN §2 workflow; plans-api workflow/transitions.py actors). */
import type { PlanState } from '../../lib/plans';
import type { PlanSummary } from '../../api/plans';
import { hasRole, type SessionUser } from '../../auth/types';

/** A state whose plans the user acts on, read from the plans list with `state=`. */
export interface WaitingQuery {
  state: PlanState;
  /** Leave out the user's own organisation's plans (they are covered by `ownWaiting`). */
  othersOnly: boolean;
}

/**
 * national reviewer: precheck_requested and in_review; national publisher: submitted;
 * prefecture approver: municipal plans at prefecture_review (取りまとめ).
 */
export function waitingQueries(user: SessionUser): WaitingQuery[] {
  const queries: WaitingQuery[] = [];
  if (user.tier === 'national') {
    if (hasRole(user, 'reviewer')) queries.push({ state: 'precheck_requested', othersOnly: false }, { state: 'in_review', othersOnly: false });
    if (hasRole(user, 'publisher')) queries.push({ state: 'submitted', othersOnly: false });
  }
  if (user.tier === 'prefecture' && hasRole(user, 'approver')) queries.push({ state: 'prefecture_review', othersOnly: true });
  return queries;
}

/** The user's own organisation's plans (the lead author is the organisation). */
export function ownPlans(user: SessionUser, plans: readonly PlanSummary[]): PlanSummary[] {
  return plans.filter((p) => p.lead_organisation === user.organisation);
}

export interface OwnWaiting {
  /** Plans that wait for the user now. */
  ready: PlanSummary[];
  /** Drafts that wait for the user once they pass validation (an approver requests the pre-check). */
  draftsToValidate: PlanSummary[];
}

/**
 * Local editors fix returned plans; approvers (who speak for the organisation) also request the
 * pre-check of a draft that validates, record the announcement, and submit.
 */
export function ownWaiting(user: SessionUser, own: readonly PlanSummary[]): OwnWaiting {
  if (user.tier === 'national' || !hasRole(user, 'editor')) return { ready: [], draftsToValidate: [] };
  const approver = hasRole(user, 'approver');
  const states: PlanState[] = approver ? ['returned', 'precheck_completed', 'announced'] : ['returned'];
  return {
    ready: own.filter((p) => states.includes(p.state)),
    draftsToValidate: approver ? own.filter((p) => p.state === 'draft') : [],
  };
}
