"""Who may read the mail log: administrators (national: every mail; local: their organisation's)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from chiiki_common.auth import CurrentPrincipal, Principal, Role, Tier
from chiiki_common.errors import Forbidden


async def _mail_admin(principal: CurrentPrincipal) -> Principal:
    people = (Tier.national, Tier.prefecture, Tier.municipality)
    if principal.tier not in people or not principal.has_role(Role.admin):
        raise Forbidden("送信ログは管理者のみが閲覧できます")
    return principal


MailAdmin = Annotated[Principal, Depends(_mail_admin)]
