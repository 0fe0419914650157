"""Who may read the registry: a ministry system with ``registry:read``, or a national user."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from chiiki_common.auth import CurrentPrincipal, Principal, Tier
from chiiki_common.errors import Forbidden

REGISTRY_SCOPE = "registry:read"


def check_registry_reader(principal: Principal) -> Principal:
    """The rule itself, also applied by the single lookup's lean route (``endpoints``)."""
    if principal.tier is Tier.national:
        return principal
    if principal.tier is Tier.ministry_system and principal.has_scope(REGISTRY_SCOPE):
        return principal
    raise Forbidden("レジストリは照会の権限を持つ省庁システム又は国の利用者のみ利用できます")


async def _registry_reader(principal: CurrentPrincipal) -> Principal:
    return check_registry_reader(principal)


RegistryReader = Annotated[Principal, Depends(_registry_reader)]
