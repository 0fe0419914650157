"""Who may read the mail log: administrators (national: every mail; local: their organisation's)."""

from __future__ import annotations

from typing import Annotated

from chiiki_common.auth import PEOPLE, Principal, Role, caller

MailAdmin = Annotated[
    Principal,
    caller(tiers=PEOPLE, roles=[Role.admin], refusal="送信ログは管理者のみが閲覧できます"),
]
