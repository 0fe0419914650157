"""Who may search plans: people (national users across every plan they may see, the others
within their tenancy); machine clients use the registry."""

from __future__ import annotations

from typing import Annotated

from chiiki_common.auth import PEOPLE, Principal, caller

Searcher = Annotated[
    Principal, caller(tiers=PEOPLE, refusal="計画の検索は自治体と国の職員が利用できます")
]
