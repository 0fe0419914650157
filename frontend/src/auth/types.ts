/** The session user as the gateway returns it from /auth/login and /auth/me. */
import type { ResponseBody } from '../api/types';

export type Tier = 'national' | 'prefecture' | 'municipality' | 'bureau' | 'ministry_system' | 'service';
export type Role = 'viewer' | 'editor' | 'approver' | 'admin' | 'reviewer' | 'publisher';

type MeOut = ResponseBody<'/auth/me', 'get'>;

/** MeOut with tier and roles narrowed to the values the platform defines (DESIGN §1). */
export type SessionUser = Omit<MeOut, 'tier' | 'roles'> & { tier: Tier; roles: Role[] };

// approver includes editor, admin includes approver (DESIGN §1).
const IMPLIED_ROLES: Partial<Record<Role, Role[]>> = {
  approver: ['editor', 'viewer'],
  admin: ['approver', 'editor', 'viewer'],
  editor: ['viewer'],
};

export function hasRole(user: SessionUser, role: Role): boolean {
  return user.roles.some((held) => held === role || (IMPLIED_ROLES[held] ?? []).includes(role));
}
