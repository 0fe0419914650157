"""Reading an uploaded CSV or xlsx into validated rows: all rows or none, every bad row at once.

Row numbers in error paths (``rows/<n>/<field>``) are the row numbers a person sees in Excel or a
text editor: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from chiiki_common import spreadsheets
from chiiki_common.errors import FieldProblem, ValidationFailed, problems_from_pydantic
from chiiki_common.input_guard import MESSAGE as CONTROL_MESSAGE
from chiiki_common.input_guard import TITLE as CONTROL_TITLE
from chiiki_common.input_guard import has_control
from chiiki_common.schemas import TEXT_CELLS

M = TypeVar("M", bound=BaseModel)

_GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
"""A number written with thousands separators (``1,200``, ``12,000,000``): only such a cell loses
its commas; a name such as 「株式会社A,B」 keeps them."""


def _normalise(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        if _GROUPED_NUMBER.fullmatch(value):
            value = value.replace(",", "")
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _as_code(column: str, value: Any) -> Any:
    """Excel turns codes into numbers: 法人番号 back to text, prefecture 1 back to ``01``."""
    if isinstance(value, int) and column.endswith("prefecture"):
        return f"{value:02d}"
    if isinstance(value, int) and column.endswith("number"):
        return str(value)
    return value


async def read_rows(
    filename: str,
    content: bytes,
    model: type[M],
    aliases: dict[str, str],
    *,
    max_rows: int,
) -> tuple[list[tuple[int, M]], list[FieldProblem]]:
    """Parse (the first sheet of an xlsx, or a CSV, with :mod:`chiiki_common.spreadsheets`, off the
    event loop and within its limits) and validate every row: the valid rows and a problem for every
    bad cell (the caller adds its own checks of the valid rows and refuses the whole file if
    anything is wrong)."""
    if has_control(filename):
        raise ValidationFailed(
            title=CONTROL_TITLE,
            errors=[FieldProblem(field="file", message=f"ファイル名の{CONTROL_MESSAGE}")],
        )
    sheet = await spreadsheets.read_table(content)
    if not sheet.rows:
        raise ValidationFailed(
            "ファイルが空です", errors=[FieldProblem(field="file", message="ファイルが空です")]
        )
    header = sheet.rows[0][1]
    columns = [aliases.get(str(h).strip(), str(h).strip()) if h is not None else "" for h in header]
    missing = [name for name in model.model_fields if name not in columns]
    if missing:
        raise ValidationFailed(
            f"{filename}: 必要な列がありません",
            errors=[
                FieldProblem(field=f"columns/{name}", message="列がありません") for name in missing
            ],
        )
    wanted = {i: name for i, name in enumerate(columns) if name in model.model_fields}
    rows: list[tuple[int, M]] = []
    problems: list[FieldProblem] = []
    counted = 0
    for number, raw in sheet.rows[1:]:
        if all(_normalise(v) is None for v in raw):
            continue
        counted += 1
        if counted > max_rows:
            raise ValidationFailed(
                f"行数が上限({max_rows:,}行)を超えています",
                errors=[FieldProblem(field="file", message="行数が多すぎます")],
            )
        data = {name: _normalise(raw[i]) if i < len(raw) else None for i, name in wanted.items()}
        data = {key: _as_code(key, value) for key, value in data.items()}
        try:
            rows.append((number, model.model_validate(data, context=TEXT_CELLS)))
        except ValidationError as exc:
            for problem in problems_from_pydantic(list(exc.errors())):
                problems.append(
                    FieldProblem(
                        field=f"rows/{number}/{problem.field}",
                        message=problem.message,
                        code=problem.code,
                    )
                )
    return rows, problems


def by_row(problems: list[FieldProblem]) -> list[FieldProblem]:
    """Problems in file order (row, then as found), for one readable answer."""

    def row_of(problem: FieldProblem) -> int:
        parts = problem.field.split("/")
        return int(parts[1]) if parts[0] == "rows" and parts[1].isdigit() else 0

    return sorted(problems, key=row_of)
