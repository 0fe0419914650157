"""Who may call the deadline endpoints."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from chiiki_common.auth import CurrentPrincipal, Principal, Role, Tier
from chiiki_common.errors import Forbidden

PEOPLE = (Tier.national, Tier.prefecture, Tier.municipality)


async def _person(principal: CurrentPrincipal) -> Principal:
    if principal.tier not in PEOPLE:
        raise Forbidden("この利用者区分では利用できません")
    return principal


async def _national_admin(principal: CurrentPrincipal) -> Principal:
    if not (principal.is_national and principal.has_role(Role.admin)):
        raise Forbidden("期限の追加は国の管理者のみが行えます")
    return principal


DeadlineReader = Annotated[Principal, Depends(_person)]
NationalAdmin = Annotated[Principal, Depends(_national_admin)]
