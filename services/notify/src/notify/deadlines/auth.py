"""Who may call the deadline endpoints."""

from __future__ import annotations

from typing import Annotated

from chiiki_common.auth import PEOPLE, Principal, Role, Tier, caller

DeadlineReader = Annotated[Principal, caller(tiers=PEOPLE)]
NationalAdmin = Annotated[
    Principal,
    caller(
        tiers=[Tier.national], roles=[Role.admin], refusal="期限の追加は国の管理者のみが行えます"
    ),
]
