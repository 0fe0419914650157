"""Reading an uploaded CSV or xlsx into validated rows: all rows or none, every bad row at once.

Row numbers in error paths (``rows/<n>/<field>``) are the row numbers a person sees in Excel or a
text editor: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import asyncio
import contextlib
import operator
import re
from collections.abc import AsyncGenerator, Callable, Iterator, Sequence
from typing import IO, Any, TypeVar

from pydantic import BaseModel, ValidationError

from chiiki_common import spreadsheets
from chiiki_common.errors import FieldProblem, ValidationFailed, problems_from_pydantic
from chiiki_common.input_guard import MESSAGE as CONTROL_MESSAGE
from chiiki_common.input_guard import TITLE as CONTROL_TITLE
from chiiki_common.input_guard import has_control
from chiiki_common.schemas import TEXT_CELLS

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

Record = tuple[int, Sequence[Any]]
"""(row number as a person sees it, the row's cells from column A)."""
Convert = Callable[[list[int], list[tuple[Any, ...]], list[FieldProblem]], list[T]]
"""A chunk of rows (their numbers, and each row's cells of the model's fields in field order) to
the values stored, a bad row's problems added to the list instead of a value."""

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
    _check_filename(filename)
    sheet = await spreadsheets.read_table(content)
    if not sheet.rows:
        raise ValidationFailed(
            "ファイルが空です", errors=[FieldProblem(field="file", message="ファイルが空です")]
        )
    wanted = _wanted_columns(filename, sheet.rows[0][1], model, aliases)
    rows: list[tuple[int, M]] = []
    problems: list[FieldProblem] = []
    counted = 0
    for number, raw in sheet.rows[1:]:
        if _blank(raw):
            continue
        counted += 1
        if counted > max_rows:
            raise ValidationFailed(
                f"行数が上限({max_rows:,}行)を超えています",
                errors=[FieldProblem(field="file", message="行数が多すぎます")],
            )
        data = {name: raw[i] if i < len(raw) else None for i, name in wanted.items()}
        row = validated(number, data, model, problems)
        if row is not None:
            rows.append((number, row))
    return rows, problems


def validated(
    number: int, data: dict[str, Any], model: type[M], problems: list[FieldProblem]
) -> M | None:
    """One row's raw cells through ``model``; its problems (``rows/<n>/<field>``) added otherwise."""
    data = {key: _as_code(key, _normalise(value)) for key, value in data.items()}
    try:
        return model.model_validate(data, context=TEXT_CELLS)
    except ValidationError as exc:
        for problem in problems_from_pydantic(list(exc.errors())):
            problems.append(
                FieldProblem(
                    field=f"rows/{number}/{problem.field}",
                    message=problem.message,
                    code=problem.code,
                )
            )
        return None


def _wanted_columns(
    filename: str, header: tuple[Any, ...], model: type[BaseModel], aliases: dict[str, str]
) -> dict[int, str]:
    """Column index → model field, or every missing column named."""
    columns = [aliases.get(str(h).strip(), str(h).strip()) if h is not None else "" for h in header]
    missing = [name for name in model.model_fields if name not in columns]
    if missing:
        raise ValidationFailed(
            f"{filename}: 必要な列がありません",
            errors=[
                FieldProblem(field=f"columns/{name}", message="列がありません") for name in missing
            ],
        )
    return {i: name for i, name in enumerate(columns) if name in model.model_fields}


def by_row(problems: list[FieldProblem]) -> list[FieldProblem]:
    """Problems in file order (row, then as found), for one readable answer."""

    def row_of(problem: FieldProblem) -> int:
        parts = problem.field.split("/")
        return int(parts[1]) if parts[0] == "rows" and parts[1].isdigit() else 0

    return sorted(problems, key=row_of)


BATCH_ROWS = 20_000
"""Rows written together by :func:`stream_rows`."""
CHUNK_ROWS = 1_000
"""Rows converted together: few enough that their cells, read a moment before, are still in the
processor's cache when ``convert`` goes through them."""


async def stream_rows(
    filename: str,
    source: IO[bytes],
    model: type[BaseModel],
    aliases: dict[str, str],
    convert: Convert[T],
    problems: list[FieldProblem],
    *,
    max_rows: int,
    limits: spreadsheets.SpreadsheetLimits = spreadsheets.DEFAULT_LIMITS,
    batch_rows: int = BATCH_ROWS,
) -> AsyncGenerator[list[T]]:
    """The rows of a CSV or of an xlsx file's first sheet, ``batch_rows`` at a time, converted
    by ``convert`` off the event loop (:data:`CHUNK_ROWS` at a time); a bad row's problems go to
    ``problems`` (the caller refuses the whole file at the end if there are any). Close it with ``contextlib.aclosing``.

    A CSV is read as a stream from ``source`` (one batch in memory, whatever the file's size) with
    the caps of :mod:`chiiki_common.spreadsheets` (encoding, NUL, cell length, columns, records,
    cells, characters); an xlsx file goes through that module's worker, which holds its sheet
    within the same caps."""
    _check_filename(filename)
    head = source.read(4)
    source.seek(0)
    records: Iterator[Record]
    if spreadsheets.is_xlsx(head):
        records = iter((await spreadsheets.read_table(source.read(), limits=limits)).rows)
    else:
        records = spreadsheets.iter_csv(source, limits=limits)
    batches = _Batches(filename, records, model, aliases, convert, problems, max_rows)
    # the next batch is read while the caller writes this one (the database works meanwhile)
    pending = asyncio.ensure_future(asyncio.to_thread(batches.next, batch_rows))
    try:
        while (batch := await pending) is not None:
            pending = asyncio.ensure_future(asyncio.to_thread(batches.next, batch_rows))
            yield batch
    finally:
        if not pending.done():
            with contextlib.suppress(Exception):
                await pending  # the thread still reads the file: let it finish before it closes


def _blank(raw: Sequence[Any]) -> bool:
    return all(_normalise(v) is None for v in raw)


def _check_filename(filename: str) -> None:
    if has_control(filename):
        raise ValidationFailed(
            title=CONTROL_TITLE,
            errors=[FieldProblem(field="file", message=f"ファイル名の{CONTROL_MESSAGE}")],
        )


class _Batches:
    """The header, then the data rows in batches (run in a worker thread, one batch at a time)."""

    def __init__(
        self,
        filename: str,
        records: Iterator[Record],
        model: type[BaseModel],
        aliases: dict[str, str],
        convert: Convert[T],
        problems: list[FieldProblem],
        max_rows: int,
    ) -> None:
        self.filename, self.records, self.model, self.aliases = filename, records, model, aliases
        self.convert, self.problems, self.max_rows = convert, problems, max_rows
        self.columns: list[int] | None = None
        self.counted = 0

    def _header(self) -> list[int]:
        first = next(self.records, None)
        if first is None:
            raise ValidationFailed(
                "ファイルが空です", errors=[FieldProblem(field="file", message="ファイルが空です")]
            )
        wanted = _wanted_columns(self.filename, tuple(first[1]), self.model, self.aliases)
        index = {
            name: i for i, name in wanted.items()
        }  # a repeated column: the last one, as read_rows
        return [index[name] for name in self.model.model_fields]

    def next(self, size: int) -> list[Any] | None:
        """The next ``size`` rows converted (fewer at the end), or None after the last row."""
        if self.columns is None:
            self.columns = self._header()
        columns, max_rows = self.columns, self.max_rows
        width = max(columns) + 1
        pick = operator.itemgetter(*columns)
        counted = start = self.counted
        values: list[Any] = []
        numbers: list[int] = []
        chunk: list[tuple[Any, ...]] = []
        try:
            for number, raw in self.records:
                first = raw[0] if raw else None
                if not (type(first) is str and first and not first[0].isspace()) and _blank(raw):
                    continue
                counted += 1
                if counted > max_rows:
                    raise ValidationFailed(
                        f"行数が上限({max_rows:,}行)を超えています",
                        errors=[FieldProblem(field="file", message="行数が多すぎます")],
                    )
                if len(raw) >= width and len(columns) > 1:
                    chunk.append(pick(raw))
                else:
                    chunk.append(tuple(raw[i] if i < len(raw) else None for i in columns))
                numbers.append(number)
                if len(chunk) >= CHUNK_ROWS or counted - start >= size:
                    values += self.convert(numbers, chunk, self.problems)
                    numbers, chunk = [], []
                    if counted - start >= size:
                        break
        finally:
            self.counted = counted
        if chunk:
            values += self.convert(numbers, chunk, self.problems)
        return values if counted > start else None
