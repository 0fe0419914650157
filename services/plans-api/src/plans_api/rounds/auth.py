"""Who may call the round routes: anyone reads the rounds; national users read a publication,
national admins add and change rounds, national publishers schedule the one publication."""

from __future__ import annotations

from typing import Annotated

from chiiki_common.auth import Principal, Role, Tier, caller

RoundReader = Annotated[Principal, caller()]
NationalUser = Annotated[Principal, caller(tiers=[Tier.national])]
NationalAdmin = Annotated[Principal, caller(tiers=[Tier.national], roles=[Role.admin])]
NationalPublisher = Annotated[Principal, caller(tiers=[Tier.national], roles=[Role.publisher])]
