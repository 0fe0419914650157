"""Who sees what in scoring-api (DESIGN §1, §3): figures, calls and applications belong to a
prefecture (the company's HQ prefecture, the call's prefecture) and are visible to that prefecture
and to national users only — not to a regional bureau, even for the prefectures of its block.
Everyone else gets 404, so the filter lives in every query; who may
write is the caller type of the route (each domain's ``auth.py``), checked after the row was found
visible so an invisible row still answers 404."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, true
from sqlalchemy.orm import InstrumentedAttribute

from chiiki_common.auth import Principal, Role, Tier, caller

STAFF_ROLE_NAMES = {Role.editor: "編集者", Role.approver: "承認者"}


def prefecture_filter(
    principal: Principal, column: ColumnElement[str] | InstrumentedAttribute[str]
) -> ColumnElement[bool]:
    """SQL condition: the row's prefecture (2-digit) is one the caller may see."""
    if principal.tier is Tier.national:
        return true()
    if principal.tier is Tier.prefecture and principal.prefecture:
        return column == principal.prefecture
    if principal.tier in (Tier.municipality, Tier.bureau):
        # none: a prefecture's companies and calls are its own, not those of a municipality in
        # it or of the bureau whose block it is in
        return false()
    return false()  # ministry systems and services


def own_prefecture(principal: Principal) -> str | None:
    """The 2-digit prefecture a prefecture-tier caller speaks for (None for anyone else)."""
    return principal.prefecture if principal.tier is Tier.prefecture else None


def prefecture_staff(role: Role) -> Any:
    """The dependency of a caller type for prefecture staff holding ``role`` (or above)."""
    return caller(
        tiers=[Tier.prefecture],
        roles=[role],
        refusal=f"この操作は都道府県の{STAFF_ROLE_NAMES[role]}のみが行えます",
    )


def staff_prefecture(principal: Principal) -> str:
    """The prefecture of a caller a :func:`prefecture_staff` type has let through."""
    prefecture = own_prefecture(principal)
    assert prefecture is not None, "the route's caller type admits prefecture staff only"
    return prefecture
