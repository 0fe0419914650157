"""Base models and bounded types for request and response bodies.

Input models forbid unknown fields (over-posting is refused, not ignored); strings reject NUL bytes
(PostgreSQL refuses them where SQLite stores them); integers are bounded to what BIGINT holds.
"""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from chiiki_common.validators import is_valid_corporate_number, is_valid_local_gov_code


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("使用できない文字(NUL)が含まれています")
    return value


def _corporate_number(value: str) -> str:
    if not is_valid_corporate_number(value):
        raise ValueError("法人番号が正しくありません(13桁・チェックデジットを確認してください)")
    return value


def _local_gov_code(value: str) -> str:
    if not is_valid_local_gov_code(value):
        raise ValueError(
            "全国地方公共団体コードが正しくありません(6桁・チェックデジットを確認してください)"
        )
    return value


Text = Annotated[str, StringConstraints(max_length=20_000), AfterValidator(_no_nul)]
ShortText = Annotated[str, StringConstraints(max_length=500), AfterValidator(_no_nul)]
Name = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200, strip_whitespace=True),
    AfterValidator(_no_nul),
]
BigInt = Annotated[int, Field(ge=-(2**63) + 1, le=2**63 - 1)]
Count = Annotated[int, Field(ge=0, le=2**31 - 1)]
Yen = Annotated[int, Field(ge=0, le=10**15)]
FiscalYear = Annotated[int, Field(ge=2000, le=2100)]
CorporateNumber = Annotated[str, AfterValidator(_corporate_number)]
LocalGovCode = Annotated[str, AfterValidator(_local_gov_code)]


class InputModel(BaseModel):
    """Every request body: unknown fields are an error, strings are stripped of nothing silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class OutputModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """A page of results with the total count, for list endpoints."""

    items: list[T]
    total: int
    limit: int
    offset: int
