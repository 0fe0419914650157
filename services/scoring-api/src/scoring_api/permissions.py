"""Role checks that run after a row has been found visible (so invisible rows answer 404 first)."""

from __future__ import annotations

from chiiki_common.auth import Principal, Role, Tier
from chiiki_common.errors import Forbidden


def ensure_prefecture_role(principal: Principal, role: Role) -> str:
    """The caller must be prefecture staff with ``role``; returns their 2-digit prefecture."""
    if (
        principal.tier is not Tier.prefecture
        or not principal.has_role(role)
        or not principal.prefecture
    ):
        raise Forbidden(
            "この操作は都道府県の"
            + ("承認者" if role is Role.approver else "編集者")
            + "のみが行えます"
        )
    return principal.prefecture
