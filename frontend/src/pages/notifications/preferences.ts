import type { Preferences, PreferencesIn } from '../../api/notify';
import { OPTIONAL_NOTICES } from './messages';

export type Delivery = 'each' | 'digest';
export const DELIVERIES: readonly Delivery[] = ['each', 'digest'];
export type OptionalReason = (typeof OPTIONAL_NOTICES)[number]['key'];
const OPTIONAL_REASONS: readonly OptionalReason[] = OPTIONAL_NOTICES.map((n) => n.key);

/** What the form shows: the optional notices a person receives, and how. */
export interface PreferenceDraft {
  receive: OptionalReason[];
  delivery: Delivery;
  /** A viewer's opt-in to each notice as its own mail (viewers get digests only by default). */
  instant: boolean;
}

/** Muting all optional mail (an older choice) shows as every optional notice unticked. */
export function draftOf(preferences: Preferences): PreferenceDraft {
  const muted = new Set(preferences.muted_reasons);
  return {
    receive: preferences.mute_optional ? [] : OPTIONAL_REASONS.filter((reason) => !muted.has(reason)),
    delivery: preferences.daily_digest ? 'digest' : 'each',
    instant: preferences.instant_mail,
  };
}

export function preferencesFor(draft: PreferenceDraft): PreferencesIn {
  return {
    mute_optional: false,
    daily_digest: draft.delivery === 'digest',
    muted_reasons: OPTIONAL_REASONS.filter((reason) => !draft.receive.includes(reason)),
    instant_mail: draft.instant,
  };
}

/** Only viewers read along in digests by default (notify's ``recipients``), so only they opt in. */
export function isViewer(roles: readonly string[]): boolean {
  return roles.includes('viewer') && !roles.some((role) => role === 'editor' || role === 'approver' || role === 'admin');
}
