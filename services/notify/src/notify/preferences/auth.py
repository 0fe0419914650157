"""Who may change which preferences."""

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


async def _organisation_admin(principal: CurrentPrincipal) -> Principal:
    if principal.tier not in PEOPLE or not principal.has_role(Role.admin):
        raise Forbidden("団体の通知設定は管理者のみが変更できます")
    return principal


Person = Annotated[Principal, Depends(_person)]
OrganisationAdmin = Annotated[Principal, Depends(_organisation_admin)]
