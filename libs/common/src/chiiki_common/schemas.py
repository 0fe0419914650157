"""Base models and bounded types for request and response bodies.

Input models forbid unknown fields (over-posting is refused, not ignored); strings refuse control
characters (tab, line feed and carriage return only in free text: :data:`Text`, :data:`ShortText`);
numbers are strict (``"12"`` and ``false`` are not numbers); integers are bounded to what BIGINT
holds. Identifiers (法人番号, 全国地方公共団体コード) are ASCII digits matched in full; full-width
digits are converted (the platform's one rule, see :func:`chiiki_common.validators.ascii_digits`).
"""

from __future__ import annotations

import types
import typing
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from chiiki_common.input_guard import has_control
from chiiki_common.validators import (
    ascii_digits,
    is_valid_corporate_number,
    is_valid_local_gov_code,
)

CONTROL_MESSAGE = "制御文字(NUL など)は入力できません"
SINGLE_LINE_MESSAGE = "改行やタブは入力できません"
NUMBER_MESSAGE = "数値で入力してください(文字列や真偽値は数値として受け付けません)"


class FreeText:
    """Marks a string type whose values may hold tab and line breaks (free text)."""


def _no_control(value: str) -> str:
    if has_control(value, allow_whitespace=True):
        raise ValueError(CONTROL_MESSAGE)
    return value


def _digits_or_same(value: object) -> object:
    return ascii_digits(value) if isinstance(value, str) else value


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


Text = Annotated[str, StringConstraints(max_length=20_000), AfterValidator(_no_control), FreeText()]
ShortText = Annotated[
    str, StringConstraints(max_length=500), AfterValidator(_no_control), FreeText()
]
Name = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200, strip_whitespace=True),
    AfterValidator(_no_control),
]
BigInt = Annotated[int, Field(ge=-(2**63) + 1, le=2**63 - 1)]
Count = Annotated[int, Field(ge=0, le=2**31 - 1)]
Yen = Annotated[int, Field(ge=0, le=10**15)]
FiscalYear = Annotated[int, Field(ge=2000, le=2100)]
CorporateNumber = Annotated[
    str, BeforeValidator(_digits_or_same), AfterValidator(_corporate_number)
]
LocalGovCode = Annotated[str, BeforeValidator(_digits_or_same), AfterValidator(_local_gov_code)]

_NUMBER, _FREE_TEXT, _LINE, _OTHER = "number", "free", "line", "other"


def _kind(annotation: Any) -> str:
    """What a field's annotation asks of its raw JSON value (through Optional, lists, Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        base, *extras = typing.get_args(annotation)
        if any(isinstance(extra, FreeText) for extra in extras):
            return _FREE_TEXT
        return _kind(base)
    if origin in (typing.Union, types.UnionType, list, tuple, set, frozenset):
        kinds = {_kind(arg) for arg in typing.get_args(annotation) if arg is not type(None)}
        for kind in (_NUMBER, _FREE_TEXT, _LINE):
            if kinds == {kind} or (kind != _NUMBER and kind in kinds):
                return kind
        return _OTHER
    if annotation is bool:
        return _OTHER
    if isinstance(annotation, type) and issubclass(annotation, int | float | Decimal):
        return _NUMBER
    if annotation is str:
        return _LINE
    return _OTHER


TEXT_CELLS = {"text_cells": True}
"""Validation context for rows read from a CSV or a spreadsheet, whose cells are text by nature:
there a number may arrive as ``"12000"`` (a JSON body must send a number)."""


def _raw_problem(kind: str, value: Any, *, text_cells: bool = False) -> str | None:
    if isinstance(value, list | tuple):
        return next(
            (p for item in value if (p := _raw_problem(kind, item, text_cells=text_cells))), None
        )
    if kind == _NUMBER and (isinstance(value, bool) or (isinstance(value, str) and not text_cells)):
        return NUMBER_MESSAGE
    if isinstance(value, str):
        if has_control(value, allow_whitespace=True):
            return CONTROL_MESSAGE
        if kind != _FREE_TEXT and has_control(value):
            return SINGLE_LINE_MESSAGE
    return None


class InputModel(BaseModel):
    """Every request body: unknown fields are an error, strings are stripped of nothing silently,
    numbers are numbers, and only free-text fields take tabs and line breaks."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)
    _field_kinds: ClassVar[dict[str, str]] = {}

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._field_kinds = {}
        for name, field in cls.model_fields.items():
            annotation: Any = field.annotation
            if field.metadata:
                annotation = Annotated[annotation, *field.metadata]
            if (kind := _kind(annotation)) != _OTHER:
                cls._field_kinds[name] = kind

    @field_validator("*", mode="before")
    @classmethod
    def _strict_raw_value(cls, value: Any, info: ValidationInfo) -> Any:
        kind = cls._field_kinds.get(info.field_name or "")
        text_cells = bool(info.context and info.context.get("text_cells"))
        if kind and (message := _raw_problem(kind, value, text_cells=text_cells)):
            raise PydanticCustomError("strict_input", message)
        return value


class OutputModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """A page of results with the total count, for list endpoints."""

    items: list[T]
    total: int
    limit: int
    offset: int
