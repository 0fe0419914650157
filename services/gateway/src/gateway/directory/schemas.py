"""Directory entries the services read (notify addresses people by organisation and role)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

from chiiki_common.schemas import OutputModel
from chiiki_common.validators import is_valid_local_gov_code

MAX_CODES = 200
_NATIONAL_CODE = re.compile(r"^[a-z][a-z0-9_-]{1,19}$")


def _split_commas(value: object) -> object:
    """``codes=430005,434043`` and ``codes=430005&codes=434043`` both give a list of codes."""
    items = value if isinstance(value, list) else [value]
    return [code.strip() for item in items for code in str(item).split(",") if code.strip()]


def _known_shape(codes: list[str]) -> list[str]:
    wrong = [c for c in codes if not (is_valid_local_gov_code(c) or _NATIONAL_CODE.match(c))]
    if wrong:
        raise ValueError(f"団体コードの形式が正しくありません：{'、'.join(wrong[:10])}")
    if not codes:
        raise ValueError("団体コードを1件以上指定してください")
    if len(codes) > MAX_CODES:
        raise ValueError(f"団体コードは一度に{MAX_CODES}件までです")
    return list(dict.fromkeys(codes))


OrganisationCodes = Annotated[
    list[str], BeforeValidator(_split_commas), AfterValidator(_known_shape)
]
"""Organisation codes: 6-digit 全国地方公共団体コード with a valid check digit, or a national
body's short code (``cas``, ``meti``)."""


class DirectoryUser(OutputModel):
    id: int
    email: str
    name: str
    organisation: str
    organisation_name: str
    tier: str
    roles: list[str]


class DirectoryOrganisation(OutputModel):
    code: str
    name: str
    kind: str
    prefecture: str | None
    block: list[str]
    """A bureau's prefectures (two-digit numbers, ``["40", …, "46"]``); empty for the others."""
