/** How the session's tiers (団体の区分) and roles are named on screen. */
import type { Role, Tier } from './types';

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
