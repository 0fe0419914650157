import { hasRole, type Role, type SessionUser, type Tier } from '../auth/types';
import { MESSAGES } from '../messages';

/** Who may open a screen: any of the tiers, and (when given) any of the roles. */
export interface Access {
  tiers: readonly Tier[];
  roles?: readonly Role[];
}

export function canAccess(user: SessionUser, access: Access): boolean {
  if (!access.tiers.includes(user.tier)) return false;
  return !access.roles || access.roles.some((role) => hasRole(user, role));
}

/** The tiers of people (a regional bureau included: its deadlines, its own people, no plan yet). */
const PEOPLE: readonly Tier[] = ['national', 'prefecture', 'municipality', 'bureau'];

export interface Section {
  path: string;
  label: string;
  access: Access;
}

/** The screens of the app, in menu order; the router and the navigation both read this. */
export const SECTIONS = {
  dashboard: { path: '/', label: MESSAGES.nav.dashboard, access: { tiers: PEOPLE } },
  plans: { path: '/plans', label: MESSAGES.nav.plans, access: { tiers: PEOPLE } },
  search: { path: '/search', label: MESSAGES.nav.search, access: { tiers: PEOPLE } },
  // 候補プロジェクト案件 (type A): proposed by prefectures, decided by bureaus, read nationally.
  proposals: { path: '/proposals', label: MESSAGES.nav.proposals, access: { tiers: ['prefecture', 'bureau', 'national'] } },
  prefectureQueue: {
    path: '/prefecture-queue',
    label: MESSAGES.nav.prefectureQueue,
    access: { tiers: ['prefecture'] },
  },
  reviewQueue: {
    path: '/review',
    label: MESSAGES.nav.reviewQueue,
    access: { tiers: ['national'], roles: ['reviewer', 'publisher'] },
  },
  rounds: { path: '/rounds', label: MESSAGES.nav.rounds, access: { tiers: ['national'] } },
  rollup: { path: '/rollup', label: MESSAGES.nav.rollup, access: { tiers: ['national'] } },
  scoring: { path: '/scoring', label: MESSAGES.nav.scoring, access: { tiers: ['prefecture', 'national'] } },
  notifications: { path: '/notifications', label: MESSAGES.nav.notifications, access: { tiers: PEOPLE } },
  admin: { path: '/settings', label: MESSAGES.nav.admin, access: { tiers: PEOPLE, roles: ['admin'] } },
} as const satisfies Record<string, Section>;

/** Creating a plan: local-government editors (B/C per tier is checked on the form and the server). */
export const PLAN_AUTHORING = { access: { tiers: ['prefecture', 'municipality'], roles: ['editor'] } } as const satisfies Pick<Section, 'access'>;

export function navigationFor(user: SessionUser): Section[] {
  return Object.values(SECTIONS).filter((section) => canAccess(user, section.access));
}
