"""Who may read the national dashboards: national users."""

from __future__ import annotations

from typing import Annotated

from chiiki_common.auth import Principal, Tier, caller

NationalUser = Annotated[Principal, caller(tiers=[Tier.national])]
