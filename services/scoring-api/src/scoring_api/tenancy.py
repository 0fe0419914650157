"""Who sees what in scoring-api (DESIGN §1, §3): figures, calls and applications belong to a
prefecture (the company's HQ prefecture, the call's prefecture) and are visible to that prefecture
and to national users only. Everyone else gets 404, so the filter lives in every query."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, true
from sqlalchemy.orm import InstrumentedAttribute

from chiiki_common.auth import Principal, Tier


def prefecture_filter(
    principal: Principal, column: ColumnElement[str] | InstrumentedAttribute[str]
) -> ColumnElement[bool]:
    """SQL condition: the row's prefecture (2-digit) is one the caller may see."""
    if principal.tier is Tier.national:
        return true()
    if principal.tier is Tier.prefecture and principal.prefecture:
        return column == principal.prefecture
    return false()


def own_prefecture(principal: Principal) -> str | None:
    """The 2-digit prefecture a prefecture-tier caller speaks for (None for anyone else)."""
    return principal.prefecture if principal.tier is Tier.prefecture else None
