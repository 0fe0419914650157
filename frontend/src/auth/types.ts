/** The session user as the gateway returns it from /auth/login and /auth/me. */
import type { ResponseBody } from '../api/types';

export type Tier = 'national' | 'prefecture' | 'municipality' | 'bureau' | 'ministry_system' | 'service';
export type Role = 'viewer' | 'editor' | 'approver' | 'admin' | 'reviewer' | 'publisher';

type MeOut = ResponseBody<'/auth/me', 'get'>;

/** MeOut with tier and roles narrowed to the values the platform defines (DESIGN §1). */
export type SessionUser = Omit<MeOut, 'tier' | 'roles'> & { tier: Tier; roles: Role[] };

export const TIER_LABELS: Record<Tier, string> = {
  national: '国',
  prefecture: '都道府県',
  municipality: '市区町村',
  bureau: '地方経済産業局等',
  ministry_system: '省庁システム',
  service: 'サービス',
};

export const ROLE_LABELS: Record<Role, string> = {
  viewer: '閲覧者',
  editor: '作成者',
  approver: '承認者',
  admin: '管理者',
  reviewer: '審査担当',
  publisher: '公表担当',
};

// approver includes editor, admin includes approver (DESIGN §1).
const IMPLIED_ROLES: Partial<Record<Role, Role[]>> = {
  approver: ['editor', 'viewer'],
  admin: ['approver', 'editor', 'viewer'],
  editor: ['viewer'],
};

export function hasRole(user: SessionUser, role: Role): boolean {
  return user.roles.some((held) => held === role || (IMPLIED_ROLES[held] ?? []).includes(role));
}
