"""Who may change which preferences."""

from __future__ import annotations

from typing import Annotated

from chiiki_common.auth import PEOPLE, Principal, Role, caller

Person = Annotated[Principal, caller(tiers=PEOPLE)]
OrganisationAdmin = Annotated[
    Principal,
    caller(tiers=PEOPLE, roles=[Role.admin], refusal="団体の通知設定は管理者のみが変更できます"),
]
