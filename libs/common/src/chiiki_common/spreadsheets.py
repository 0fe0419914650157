"""Spreadsheets in and out of the platform, safely: the one reader every import uses and the cell
helpers every export uses (issue 13, "Spreadsheets and files").

Reading (様式 workbooks, 様式2 figures, transaction lists, reference lists, the organisation list):

- The file is parsed in a separate worker process (:mod:`chiiki_common.spreadsheet_parser`), never
  in the service: the event loop only waits, the worker's memory is its own and is returned when it
  exits, and a worker past its time budget is killed. At most :data:`PARALLEL_READS` workers run
  per service process; a read that finds no free slot within its budget answers 503.
- Before anything is inflated the zip archive is checked (member count, each member's and the total
  uncompressed size, compression ratio, encryption, compression method, odd or duplicate names);
  the sheets are then read as a stream of XML events with rows, columns, cells, cell length, sheets,
  shared strings and total text capped (:class:`SpreadsheetLimits`, defaults stated there). The
  sheet's ``<dimension>`` is ignored: openpyxl's read-only mode trusts it and pads every row to the
  claimed width and the sheet to the claimed height, so a claim of 1,048,576 × 16,384 is not data.
- A DTD or entity declaration is refused (no XML entity expansion of any kind).
- A formula cell is refused, naming every such cell (the first 50): a formula is never taken as its
  cached value, never as text, never dropped.
- Every refusal, and any unexpected failure of the parser, is :class:`SpreadsheetRefused`: 422
  problem+json whose Japanese title names the limit or rule.

Writing: every text is written so that a spreadsheet never evaluates it. In xlsx a text is always a
string cell (openpyxl would store ``=…`` as a formula and ``#N/A`` as an error), marked with Excel's
quote prefix when it starts like a formula; in CSV a text that starts with ``=``, ``+``, ``-``,
``@``, tab or carriage return gets a leading single quote and every text field is quoted (OWASP,
CSV injection). Numbers stay numbers: -5 is a numeric cell, not text.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import subprocess
import sys
import time
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import IO, Any

import structlog
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

from chiiki_common import spreadsheet_parser as parser
from chiiki_common.errors import FieldProblem, ProblemError
from chiiki_common.spreadsheet_parser import CellValue, Row
from chiiki_common.spreadsheet_parser import Limits as SpreadsheetLimits

__all__ = [
    "DEFAULT_LIMITS",
    "FORMULA_TRIGGERS",
    "CellValue",
    "ReadStats",
    "Row",
    "Sheet",
    "Spreadsheet",
    "SpreadsheetBusy",
    "SpreadsheetLimits",
    "SpreadsheetRefused",
    "append_row",
    "csv_field",
    "csv_line",
    "csv_text",
    "is_xlsx",
    "iter_csv",
    "read_csv",
    "read_table",
    "read_xlsx",
    "read_xlsx_blocking",
    "xlsx_cell",
    "xlsx_text",
]

log = structlog.get_logger("chiiki.spreadsheets")

DEFAULT_LIMITS = SpreadsheetLimits()
PARALLEL_READS = 2
"""Worker processes one service process runs at once (the machines have few cores)."""

_WORKER = (
    sys.executable,
    "-c",
    "from chiiki_common.spreadsheet_parser import worker_main; worker_main()",
)
_ZIP_MAGIC = b"PK\x03\x04"


class SpreadsheetRefused(ProblemError):
    """The file breaks a rule or cannot be read: the title names the limit or the rule."""

    status, slug, title = 422, "spreadsheet-refused", "ファイルを読み込めません"

    def __init__(
        self,
        detail: str,
        *,
        title: str,
        rule: str,
        errors: list[FieldProblem],
        stats: ReadStats | None = None,
    ) -> None:
        super().__init__(detail, title=title, errors=errors)
        self.rule = rule
        self.stats = stats


class SpreadsheetBusy(ProblemError):
    status, slug, title = (
        503,
        "spreadsheet-busy",
        "ファイルの読み込みが混み合っています。しばらく待ってから再試行してください",
    )


@dataclass(frozen=True)
class ReadStats:
    """What one read cost: wall-clock seconds (worker start included) and the worker's peak RSS."""

    seconds: float
    worker_peak_rss_bytes: int


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[Row]
    """(row number as Excel shows it, values from column A); empty rows are left out."""


@dataclass(frozen=True)
class Spreadsheet:
    sheets: list[Sheet]
    stats: ReadStats

    def sheet(self, name: str) -> Sheet | None:
        return next((s for s in self.sheets if s.name == name), None)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.sheets]


def is_xlsx(data: bytes) -> bool:
    return data.startswith(_ZIP_MAGIC)


# --- reading -------------------------------------------------------------------------------------

_SLOTS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)


def _slots() -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    slots = _SLOTS.get(loop)
    if slots is None:
        slots = _SLOTS[loop] = asyncio.Semaphore(PARALLEL_READS)
    return slots


def _request(kind: str, limits: SpreadsheetLimits, **options: Any) -> bytes:
    return json.dumps({"kind": kind, "limits": asdict(limits), **options}).encode() + b"\n"


def _over_budget(limits: SpreadsheetLimits, field: str, seconds: float) -> SpreadsheetRefused:
    budget = f"{limits.time_budget_seconds:g}秒"
    return SpreadsheetRefused(
        "ファイルを分けるか、不要なシート・行を削除してから取り込んでください",
        title=f"ファイルの読み込みが制限時間({budget})を超えました",
        rule="time_budget",
        errors=[FieldProblem(field=field, message=f"{budget}以内に読み込めませんでした")],
        stats=ReadStats(seconds=seconds, worker_peak_rss_bytes=0),
    )


def _decode_value(item: dict[str, Any]) -> Any:
    if item.keys() == {"$datetime"}:
        return datetime.fromisoformat(item["$datetime"])
    return item


def _answer(
    output: bytes, errors: bytes, returncode: int | None, field: str, kind: str, started: float
) -> Spreadsheet:
    try:
        answer = json.loads(output, object_hook=_decode_value)
    except ValueError:
        answer = None
    if returncode != 0 or not isinstance(answer, dict):
        log.error(
            "spreadsheets.worker.failed",
            kind=kind,
            returncode=returncode,
            stderr=errors[-2000:].decode(errors="replace"),
        )
        raise SpreadsheetRefused(
            "ファイルの内容を確認し、Excel で保存し直してから取り込んでください",
            title="ファイルを読み込めません(読み込み処理が異常終了しました)",
            rule="worker",
            errors=[FieldProblem(field=field, message="読み込み処理が異常終了しました")],
        )
    stats = ReadStats(
        seconds=time.perf_counter() - started,
        worker_peak_rss_bytes=int(answer["stats"]["peak_rss_bytes"]),
    )
    if not answer["ok"]:
        log.info(
            "spreadsheets.read.refused",
            kind=kind,
            rule=answer["rule"],
            seconds=round(stats.seconds, 3),
            worker_peak_rss_bytes=stats.worker_peak_rss_bytes,
        )
        problems = [FieldProblem(field=field, message=answer["message"], code=answer["rule"])]
        problems += [
            FieldProblem(field=f"{field}/{cell}", message="数式は取り込めません", code="formula")
            for cell in answer["cells"]
        ]
        raise SpreadsheetRefused(
            answer["message"],
            title=answer["title"],
            rule=answer["rule"],
            errors=problems,
            stats=stats,
        )
    sheets = [
        Sheet(name=name, rows=[(number, tuple(values)) for number, values in rows])
        for name, rows in answer["sheets"]
    ]
    log.info(
        "spreadsheets.read.done",
        kind=kind,
        sheets=len(sheets),
        rows=sum(len(s.rows) for s in sheets),
        seconds=round(stats.seconds, 3),
        worker_peak_rss_bytes=stats.worker_peak_rss_bytes,
    )
    return Spreadsheet(sheets=sheets, stats=stats)


async def _read(
    kind: str, data: bytes, limits: SpreadsheetLimits, field: str, **options: Any
) -> Spreadsheet:
    budget = limits.time_budget_seconds
    slots = _slots()
    try:
        await asyncio.wait_for(slots.acquire(), budget)
    except TimeoutError:
        raise SpreadsheetBusy(headers={"Retry-After": str(max(1, round(budget)))}) from None
    started = time.perf_counter()
    try:
        process = await asyncio.create_subprocess_exec(
            *_WORKER,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            output, errors = await asyncio.wait_for(
                process.communicate(_request(kind, limits, **options) + data), budget
            )
        except TimeoutError:
            log.warning("spreadsheets.read.timeout", kind=kind, budget_seconds=budget)
            raise _over_budget(limits, field, time.perf_counter() - started) from None
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    finally:
        slots.release()
    return _answer(output, errors, process.returncode, field, kind, started)


async def read_xlsx(
    data: bytes,
    *,
    limits: SpreadsheetLimits = DEFAULT_LIMITS,
    sheets: Sequence[str] | None = None,
    first_only: bool = False,
    field: str = "file",
) -> Spreadsheet:
    """The worksheets of an xlsx file (all, those named in ``sheets``, or the first), read in a
    worker process; :class:`SpreadsheetRefused` names the rule a refused file breaks. ``field`` is
    the form field named in the problem."""
    return await _read(
        "xlsx",
        data,
        limits,
        field,
        sheets=list(sheets) if sheets is not None else None,
        first_only=first_only,
    )


async def read_csv(
    data: bytes, *, limits: SpreadsheetLimits = DEFAULT_LIMITS, field: str = "file"
) -> Spreadsheet:
    """A CSV file (UTF-8 with or without BOM, or Shift_JIS) as one sheet named ``csv``, with the
    same caps as a workbook (rows, columns, cell length, cells, characters), in a worker process."""
    return await _read("csv", data, limits, field)


def iter_csv(
    source: IO[bytes], *, limits: SpreadsheetLimits = DEFAULT_LIMITS, field: str = "file"
) -> Iterator[tuple[int, list[str]]]:
    """A CSV file read as a stream in this process, record by record (its number, an empty cell
    ``""``), for a list too long to hold at once: the same encodings, caps and refusals as
    :func:`read_csv`. Parsing CSV runs no archive or XML code, so it needs no worker process."""
    try:
        yield from parser.iter_csv(source, limits)
    except parser.Refusal as refusal:
        raise SpreadsheetRefused(
            refusal.message,
            title=refusal.title,
            rule=refusal.rule,
            errors=[FieldProblem(field=field, message=refusal.message, code=refusal.rule)],
        ) from refusal


async def read_table(
    data: bytes, *, limits: SpreadsheetLimits = DEFAULT_LIMITS, field: str = "file"
) -> Sheet:
    """The first worksheet of an xlsx file, or a CSV file: for imports that take either."""
    if is_xlsx(data):
        book = await read_xlsx(data, limits=limits, first_only=True, field=field)
    else:
        book = await read_csv(data, limits=limits, field=field)
    return book.sheets[0] if book.sheets else Sheet(name="", rows=[])


def read_xlsx_blocking(
    data: bytes,
    *,
    limits: SpreadsheetLimits = DEFAULT_LIMITS,
    sheets: Sequence[str] | None = None,
    field: str = "file",
) -> Spreadsheet:
    """:func:`read_xlsx` for a command line (no event loop): the same worker, limits and budget."""
    started = time.perf_counter()
    request = _request("xlsx", limits, sheets=list(sheets) if sheets is not None else None)
    try:
        done = subprocess.run(  # noqa: S603 (our own interpreter and module, no shell)
            _WORKER,
            input=request + data,
            capture_output=True,
            timeout=limits.time_budget_seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise _over_budget(limits, field, time.perf_counter() - started) from None
    return _answer(done.stdout, done.stderr, done.returncode, field, "xlsx", started)


# --- writing -------------------------------------------------------------------------------------

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a text as a formula (OWASP, CSV injection)."""


def csv_field(value: object) -> object:
    """One CSV field: numbers as they are, a text that starts like a formula behind a single quote,
    nothing as an empty text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _csv_writer(stream: io.StringIO) -> Any:
    # QUOTE_NONNUMERIC quotes every text field (OWASP) and leaves numbers bare, so they stay numbers.
    return csv.writer(stream, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")


def csv_line(values: Iterable[object]) -> str:
    """One CSV record (CRLF-terminated) of neutralised fields, for writers that stream."""
    buffer = io.StringIO()
    _csv_writer(buffer).writerow([csv_field(v) for v in values])
    return buffer.getvalue()


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """A whole CSV document of neutralised fields."""
    buffer = io.StringIO()
    writer = _csv_writer(buffer)
    for row in rows:
        writer.writerow([csv_field(v) for v in row])
    return buffer.getvalue()


_LOOKS_ESCAPED = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def xlsx_text(value: str) -> str:
    """A text as OOXML stores it (ECMA-376 ST_Xstring): a carriage return as ``_x000D_`` (XML would
    turn a raw one into a line feed), a literal ``_xHHHH_`` kept literal, and the control
    characters XML cannot hold as U+FFFD instead of failing the export."""
    text = _LOOKS_ESCAPED.sub("_x005F_", ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
    return text.replace("\r", "_x000D_")


def xlsx_cell(sheet: Worksheet, value: object) -> Cell:
    """A cell that holds ``value`` and is never evaluated: a text is always a string cell, with
    Excel's quote prefix when it starts like a formula (so editing it in Excel keeps it text)."""
    if not isinstance(value, str):
        return Cell(sheet, value=value)
    cell = Cell(sheet, value=xlsx_text(value))
    cell.data_type = "s"
    if value.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True
    return cell


def append_row(sheet: Worksheet, values: Iterable[object]) -> None:
    """``sheet.append`` for exports: every value through :func:`xlsx_cell`."""
    sheet.append([xlsx_cell(sheet, v) for v in values])
