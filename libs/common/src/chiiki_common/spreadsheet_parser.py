"""The parsing half of :mod:`chiiki_common.spreadsheets`, run inside the worker process.

Standard library only, so the worker starts in a few tens of milliseconds. Nothing here trusts what
a file says about itself: the zip archive is checked member by member before anything is inflated,
the sheet XML is parsed incrementally and each row is counted, capped and dropped as it ends (the
``<dimension>`` element is ignored), no element may grow past a few megabytes of XML before it ends,
and a DTD is refused outright before parsing starts (OOXML parts never carry one, and without a
DTD no entity can be declared: the protection defusedxml gives, without its dependency, so that
the worker imports nothing but the standard library).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import posixpath
import re
import resource
import struct
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import IO, Any, cast
from xml.etree import ElementTree

CellValue = str | int | float | bool | datetime | None
Row = tuple[int, tuple[CellValue, ...]]

MIB = 1024 * 1024
MAX_LISTED_CELLS = 50
"""How many offending cells (formulas) one refusal names; the count says how many there were."""


@dataclass(frozen=True)
class Limits:
    """What a spreadsheet may hold. The defaults fit the largest real import (a prefecture's
    transaction list of 200,000 rows) with room to spare and keep a worker well under 1 GiB."""

    max_members: int = 1_000
    """Files inside the xlsx (zip) archive; a real workbook has a few dozen."""
    max_member_bytes: int = 128 * MIB
    """Uncompressed size of one archive member."""
    max_total_bytes: int = 256 * MIB
    """Uncompressed size of all members together."""
    max_ratio: int = 100
    """Compression ratio of one member (uncompressed ÷ compressed). Apache POI refuses above 100
    too; real sheet XML deflates 5-20 times."""
    ratio_floor_bytes: int = MIB
    """The ratio is judged only for members larger than this (small parts compress very well)."""
    max_sheets: int = 50
    max_rows: int = 250_000
    """Highest row number of a sheet (a CSV: records)."""
    max_columns: int = 256
    """Highest column (256 = IV, the pre-2007 Excel width; every form of this platform fits)."""
    max_cell_chars: int = 32_767
    """Excel's own limit for one cell."""
    max_cells: int = 2_000_000
    """Non-empty cells of all sheets read."""
    max_text_chars: int = 64_000_000
    """Characters of all texts together (the shared-string table, and the cells read)."""
    max_shared_strings: int = 1_000_000
    time_budget_seconds: float = 30.0
    """Wall-clock time for one read, worker start included; past it the worker is killed."""
    worker_memory_bytes: int = 1024 * MIB
    """Address space of the worker process (RLIMIT_AS): a last line behind the caps above."""


class Refusal(Exception):
    """The file breaks a rule; ``rule`` is stable (tests, logs), the texts are Japanese."""

    def __init__(self, rule: str, title: str, message: str, cells: list[str] | None = None) -> None:
        super().__init__(title)
        self.rule = rule
        self.title = title
        self.message = message
        self.cells = cells or []


def _mb(value: int) -> str:
    return f"{value / MIB:,.0f} MB"


# --- the archive ---------------------------------------------------------------------------------

_EOCD = struct.Struct("<4s4H2LH")
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODD_NAME = re.compile(r"[\x00-\x1f\x7f\\:]")
"""Control characters, backslashes and drive letters have no place in an OOXML part name."""


def _declared_members(data: bytes) -> int | None:
    """The member count of the end-of-central-directory record, read before ``zipfile`` builds an
    object per member (None for zip64 archives, left to the full check)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + _EOCD.size > len(data):
        return None
    total = _EOCD.unpack_from(data, end)[4]
    return None if total == 0xFFFF else int(total)


def check_archive(data: bytes, limits: Limits) -> zipfile.ZipFile:
    """The archive, once every member has passed the size, ratio and shape checks."""
    if data.startswith(_CFB_MAGIC):
        raise Refusal(
            "encrypted",
            "パスワード付き又は旧形式(.xls)のファイルは読み込めません",
            "パスワードを解除し、Excel ブック(.xlsx)形式で保存し直してください",
        )
    if not data.startswith(b"PK\x03\x04"):
        raise Refusal(
            "not_xlsx", "Excel(.xlsx)ファイルではありません", "xlsx 形式で保存してください"
        )
    declared = _declared_members(data)
    if declared is not None and declared > limits.max_members:
        raise _too_many_members(declared, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise Refusal(
            "bad_zip",
            "Excel(.xlsx)ファイルとして読み込めません(圧縮形式が壊れています)",
            "ファイルが壊れているか、xlsx ではありません",
        ) from exc
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise _too_many_members(len(members), limits)
    names: set[str] = set()
    total = 0
    for member in members:
        name = member.filename
        parts = name.split("/")
        if name in names or _ODD_NAME.search(name) or name.startswith("/") or ".." in parts:
            raise Refusal(
                "odd_archive",
                "Excel(.xlsx)ファイルの構成が正しくありません",
                f"不正な又は重複した格納ファイル名があります:「{name[:100]}」",
            )
        names.add(name)
        if member.flag_bits & 0x1:
            raise Refusal(
                "encrypted",
                "暗号化された xlsx ファイルは読み込めません",
                "パスワードを解除して保存し直してください",
            )
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Refusal(
                "odd_archive",
                "Excel(.xlsx)ファイルの圧縮方式に対応していません",
                f"{name[:100]} の圧縮方式 {member.compress_type} は xlsx では使われません",
            )
        if member.file_size > limits.max_member_bytes:
            raise Refusal(
                "member_size",
                f"展開後の大きさが上限({_mb(limits.max_member_bytes)})を超える格納ファイルがあります",
                f"{name[:100]} は展開すると {_mb(member.file_size)} になります",
            )
        total += member.file_size
        if total > limits.max_total_bytes:
            raise Refusal(
                "total_size",
                f"展開後の合計の大きさが上限({_mb(limits.max_total_bytes)})を超えています",
                "ファイルを分けて取り込んでください",
            )
        if (
            member.file_size > limits.ratio_floor_bytes
            and member.file_size > limits.max_ratio * max(member.compress_size, 1)
        ):
            raise Refusal(
                "ratio",
                f"圧縮率が上限({limits.max_ratio}倍)を超える格納ファイルがあります(zip 爆弾の疑い)",
                f"{name[:100]} は {member.compress_size:,} バイトから "
                f"{_mb(member.file_size)} に展開されます",
            )
    return archive


def _too_many_members(count: int, limits: Limits) -> Refusal:
    return Refusal(
        "members",
        f"xlsx ファイル内の格納ファイル数が上限({limits.max_members:,})を超えています",
        f"格納ファイルが {count:,} 個あります",
    )


# --- XML -----------------------------------------------------------------------------------------

NAMESPACES = (
    "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}",
    "{http://purl.oclc.org/ooxml/spreadsheetml/main}",
    "{http://schemas.openxmlformats.org/package/2006/relationships}",
    "",
)
"""Transitional and strict SpreadsheetML, package relationships, and no namespace at all."""
R_ID = (
    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id",
    "{http://purl.oclc.org/ooxml/officeDocument/relationships}id",
)
CHUNK = 64 * 1024
MAX_QUIET_BYTES = 2 * MIB
"""XML that may pass without an element ending: far more than the longest cell (32,767 characters
as numeric character references is 330 kB), so a giant text or an endless nesting is stopped here
instead of being built."""
MAX_PROLOG_BYTES = 64 * 1024


def tags(name: str) -> frozenset[str]:
    return frozenset(ns + name for ns in NAMESPACES)


def _refuse_dtd() -> Refusal:
    return Refusal(
        "xml_entities",
        "xlsx ファイルに外部の定義(実体宣言)が含まれているため読み込めません",
        "Excel で保存した xlsx ファイルには含まれないものです(XML 実体攻撃の疑い)",
    )


def _bad_xml(name: str, reason: str) -> Refusal:
    return Refusal("bad_xml", "xlsx ファイルの内容(XML)が壊れています", f"{name[:100]}: {reason}")


_ROOT_START = re.compile(rb"<[A-Za-z_]")


def _check_prolog(prolog: bytes, name: str) -> bool:
    """True once the root element has started. A DTD (the only place entities can be declared)
    may only stand before it, so a document whose prolog has none cannot expand any entity."""
    text = prolog
    if prolog.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = prolog.decode("utf-16", errors="ignore").encode()
    root = _ROOT_START.search(text)
    head = text if root is None else text[: root.start()]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise _refuse_dtd()
    if root is None and len(prolog) > MAX_PROLOG_BYTES:
        raise _bad_xml(name, "ルート要素がありません")
    return root is not None


def ended_elements(archive: zipfile.ZipFile, name: str) -> Iterator[ElementTree.Element]:
    """Each element of one member as it ends, parsed incrementally (the C parser builds elements,
    so a 200,000-row sheet reads in seconds). The caller clears what it has used."""
    parser: ElementTree.XMLPullParser[ElementTree.Element] = ElementTree.XMLPullParser(
        events=("end",)
    )
    prolog: bytes | None = b""
    quiet = 0
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(CHUNK):
                if prolog is not None:
                    prolog += chunk
                    if _check_prolog(prolog, name):
                        prolog = None
                parser.feed(chunk)
                ended = False
                for event in parser.read_events():
                    ended = True
                    yield cast(ElementTree.Element, event[-1])
                quiet = 0 if ended else quiet + len(chunk)
                if quiet > MAX_QUIET_BYTES:
                    raise Refusal(
                        "cell_chars",
                        "セルの文字数が上限を超えています",
                        f"{name[:100]} に終わらない要素又は長すぎる文字列があります",
                    )
            parser.close()
            for event in parser.read_events():
                yield cast(ElementTree.Element, event[-1])
    except ElementTree.ParseError as exc:
        raise _bad_xml(name, str(exc)) from exc


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """ECMA-376 ST_Xstring: ``_x000D_`` is a carriage return (Excel writes characters XML would
    alter or cannot hold this way, and ``_x005F_`` for a literal underscore before ``x``)."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


T, R, RPH = tags("t"), tags("r"), tags("rPh")


def rich_text(element: ElementTree.Element) -> str:
    """The text of an ``<si>`` or ``<is>``: its ``<t>`` and runs, phonetic guides left out."""
    parts = []
    for child in element:
        if child.tag in T:
            parts.append(child.text or "")
        elif child.tag in R:
            parts.extend(t.text or "" for t in child if t.tag in T)
    return unescape("".join(parts))


def _cell_chars(text: str, where: str, limits: Limits) -> str:
    if len(text) > limits.max_cell_chars:
        raise Refusal(
            "cell_chars",
            f"セルの文字数が上限({limits.max_cell_chars:,}文字)を超えています",
            f"{where} が長すぎます",
        )
    return text


# --- the workbook's parts ------------------------------------------------------------------------

RELATIONSHIP = tags("Relationship")


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Id → (type's last segment, member name) of the part's relationships."""
    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    found: dict[str, tuple[str, str]] = {}
    if rels not in archive.NameToInfo:
        return found
    for element in ended_elements(archive, rels):
        if element.tag not in RELATIONSHIP or element.get("TargetMode") == "External":
            continue
        target = element.get("Target", "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        kind = element.get("Type", "").rpartition("/")[2]
        found[element.get("Id", "")] = (kind, posixpath.normpath(member))
    return found


@dataclass
class _Book:
    sheets: list[tuple[str, str]] = field(default_factory=list)
    """(sheet name, member name) of the worksheets, in the workbook's order."""
    shared_strings: str | None = None
    styles: str | None = None
    date1904: bool = False


SHEET, WORKBOOK_PR = tags("sheet"), tags("workbookPr")


def _book(archive: zipfile.ZipFile, limits: Limits) -> _Book:
    root = _relationships(archive, "")
    workbook = next(
        (name for kind, name in root.values() if kind == "officeDocument"), "xl/workbook.xml"
    )
    if workbook not in archive.NameToInfo:
        raise Refusal(
            "not_xlsx",
            "Excel ブックの本体が見つかりません",
            "Excel で保存した xlsx ファイルを指定してください",
        )
    rels = _relationships(archive, workbook)
    book = _Book()
    declared: list[tuple[str, str]] = []
    for element in ended_elements(archive, workbook):
        if element.tag in SHEET:
            rel_id = next((element.get(k) for k in R_ID if element.get(k)), "")
            declared.append((element.get("name", ""), rel_id or ""))
            if len(declared) > limits.max_sheets:
                raise Refusal(
                    "sheets",
                    f"シート数が上限({limits.max_sheets})を超えています",
                    "不要なシートを削除してください",
                )
        elif element.tag in WORKBOOK_PR:
            book.date1904 = element.get("date1904", "").lower() in ("1", "true")
    for sheet_name, rel_id in declared:
        kind, member = rels.get(rel_id, ("", ""))
        if kind == "worksheet" and member in archive.NameToInfo:
            book.sheets.append((sheet_name, member))
    for kind, member in rels.values():
        if member not in archive.NameToInfo:
            continue
        if kind == "sharedStrings":
            book.shared_strings = member
        elif kind == "styles":
            book.styles = member
    return book


SI = tags("si")


def _shared_strings(archive: zipfile.ZipFile, member: str | None, limits: Limits) -> list[str]:
    """The shared-string table, each entry capped like a cell, the table's size capped too."""
    strings: list[str] = []
    if member is None:
        return strings
    total = 0
    for element in ended_elements(archive, member):
        if element.tag not in SI:
            continue
        text = _cell_chars(rich_text(element), f"共有文字列 {len(strings) + 1} 番", limits)
        element.clear()
        total += len(text)
        if len(strings) >= limits.max_shared_strings:
            raise Refusal(
                "shared_strings",
                f"共有文字列の数が上限({limits.max_shared_strings:,})を超えています",
                "ファイルを分けて取り込んでください",
            )
        if total > limits.max_text_chars:
            raise _too_much_text(limits)
        strings.append(text)
    return strings


def _too_much_text(limits: Limits) -> Refusal:
    return Refusal(
        "text_chars",
        f"ファイル全体の文字数が上限({limits.max_text_chars:,}文字)を超えています",
        "ファイルを分けて取り込んでください",
    )


_DATE_BUILTIN = frozenset({*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)})
"""Built-in number formats that are dates or times (ECMA-376 18.8.30, with the East Asian ones)."""
_FORMAT_NOISE = re.compile(r'\[(?!(?:hh?|mm?|ss?)\])[^\]]*\]|"[^"]*"|\\.')
NUM_FMT, CELL_XFS, XF = tags("numFmt"), tags("cellXfs"), tags("xf")


def is_date_format(code: str) -> bool:
    """A custom number format that shows a date or time (quoted text and colours ignored)."""
    first = _FORMAT_NOISE.sub("", code.split(";")[0])
    return re.search(r"(?<![_\\])[dmhysDMHYS]", first) is not None


def _date_styles(archive: zipfile.ZipFile, member: str | None) -> set[int]:
    """Indexes of the cell formats (``cellXfs``) that show dates."""
    if member is None:
        return set()
    custom: dict[int, str] = {}
    formats: list[int] = []
    for element in ended_elements(archive, member):
        if element.tag in NUM_FMT:
            custom[_int(element.get("numFmtId"))] = element.get("formatCode", "")
        elif element.tag in CELL_XFS:
            formats = [_int(xf.get("numFmtId")) for xf in element if xf.tag in XF]
    return {
        index
        for index, number in enumerate(formats)
        if number in _DATE_BUILTIN or (number in custom and is_date_format(custom[number]))
    }


def _int(value: str | None) -> int:
    try:
        return int(value or "0")
    except ValueError:
        return -1


_EPOCH_1900 = datetime(1899, 12, 30)
_EPOCH_1904 = datetime(1904, 1, 1)


def from_serial(serial: float, date1904: bool) -> datetime:
    """An Excel date serial as a datetime (1900 system: Excel's phantom 1900-02-29 skipped)."""
    if date1904:
        return _EPOCH_1904 + timedelta(days=serial)
    if 0 < serial < 60:
        serial += 1
    return _EPOCH_1900 + timedelta(days=serial)


# --- a sheet -------------------------------------------------------------------------------------

_REFERENCE = re.compile(r"([A-Z]{1,3})(\d{1,7})")
ROW, CELL, VALUE, FORMULA, INLINE = tags("row"), tags("c"), tags("v"), tags("f"), tags("is")


def column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


def letters(column: int) -> str:
    out = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out or "A"


class Budget:
    """Counts shared by every sheet of one read: cells, characters, formulas."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.cells = 0
        self.chars = 0
        self.formulas = 0
        self.formula_cells: list[str] = []

    def formula(self, where: str) -> None:
        self.formulas += 1
        if len(self.formula_cells) < MAX_LISTED_CELLS:
            self.formula_cells.append(where)

    def cell(self, value: CellValue) -> None:
        self.cells += 1
        if self.cells > self.limits.max_cells:
            raise Refusal(
                "cells",
                f"セルの数が上限({self.limits.max_cells:,})を超えています",
                "ファイルを分けて取り込んでください",
            )
        if isinstance(value, str):
            self.chars += len(value)
            if self.chars > self.limits.max_text_chars:
                raise _too_much_text(self.limits)


def _too_many_rows(sheet: str, limits: Limits) -> Refusal:
    return Refusal(
        "rows",
        f"行数が上限({limits.max_rows:,}行)を超えています",
        f"シート「{sheet[:50]}」の行が多すぎます",
    )


def _too_many_columns(sheet: str, limits: Limits) -> Refusal:
    return Refusal(
        "columns",
        f"列数が上限({limits.max_columns:,}列)を超えています",
        f"シート「{sheet[:50]}」の列が多すぎます",
    )


def _bad_cell(title: str, where: str, text: str = "") -> Refusal:
    return Refusal("bad_number", title, f"{where}: {text[:30]!r}" if text else where)


def _number(text: str, where: str) -> int | float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise _bad_cell("数値として読めないセルがあります", where, text)
    return value


class _Sheet:
    """One worksheet's rows, read as its ``<row>`` elements end (``<dimension>`` is ignored)."""

    def __init__(
        self,
        name: str,
        strings: list[str],
        date_styles: set[int],
        date1904: bool,
        limits: Limits,
        budget: Budget,
    ) -> None:
        self.name = name
        self.strings = strings
        self.date_styles = date_styles
        self.date1904 = date1904
        self.limits = limits
        self.budget = budget
        self.rows: list[Row] = []

    def read(self, archive: zipfile.ZipFile, member: str) -> list[Row]:
        number = 0
        for element in ended_elements(archive, member):
            if element.tag not in ROW:
                continue
            stated = element.get("r")
            number = _int(stated) if stated else number + 1
            if number < 1:
                raise _bad_xml(member, "行番号が正しくありません")
            if number > self.limits.max_rows:
                raise _too_many_rows(self.name, self.limits)
            self._row(number, element)
            element.clear()
        return self.rows

    def _row(self, number: int, row: ElementTree.Element) -> None:
        values: dict[int, CellValue] = {}
        column = 0
        max_columns = self.limits.max_columns
        for cell in row:
            if cell.tag not in CELL:
                continue
            reference = cell.get("r")
            column = _column_of(reference, self.name) if reference else column + 1
            if column > max_columns:
                raise _too_many_columns(self.name, self.limits)
            value = self._value(cell, number, column)
            if value is not None:
                self.budget.cell(value)
                values[column] = value
        if values:
            width = max(values)
            self.rows.append((number, tuple(values.get(i) for i in range(1, width + 1))))

    def where(self, number: int, column: int) -> str:
        return f"{self.name}!{letters(column)}{number}"

    def _value(self, cell: ElementTree.Element, number: int, column: int) -> CellValue:
        text: str | None = None
        for child in cell:
            tag = child.tag
            if tag in VALUE:
                text = child.text or ""
            elif tag in FORMULA:
                self.budget.formula(self.where(number, column))
            elif tag in INLINE:
                text = rich_text(child)
        if text is None:
            return None
        if len(text) > self.limits.max_cell_chars:
            _cell_chars(text, self.where(number, column), self.limits)
        kind = cell.get("t")
        if kind is None or kind == "n":
            if text == "":
                return None
            try:
                value: int | float = int(text)
            except ValueError:
                value = _number(text, self.where(number, column))
            style = cell.get("s")
            if style is not None and self.date_styles and _int(style) in self.date_styles:
                try:
                    return from_serial(value, self.date1904)
                except OverflowError as exc:
                    raise _bad_cell(
                        "日付として読めないセルがあります", self.where(number, column), text
                    ) from exc
            return value
        if kind == "s":
            index = _int(text)
            if not 0 <= index < len(self.strings):
                raise _bad_xml(
                    self.name, f"{self.where(number, column)} の共有文字列の番号が正しくありません"
                )
            return self.strings[index]
        if kind in ("inlineStr", "str", "e"):
            return unescape(text)
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "d":
            try:
                return datetime.fromisoformat(text.strip())
            except ValueError as exc:
                raise _bad_cell(
                    "日付として読めないセルがあります", self.where(number, column), text
                ) from exc
        raise _bad_xml(
            self.name, f"{self.where(number, column)} のセルの種類「{kind[:10]}」は不明です"
        )


_COLUMNS: dict[str, int] = {}


def _column_of(reference: str, sheet: str) -> int:
    """The column of a reference such as ``AB12`` (remembered: a sheet repeats a few columns)."""
    name = reference.rstrip("0123456789")
    column = _COLUMNS.get(name)
    if column is None:
        if _REFERENCE.fullmatch(reference) is None:
            raise _bad_xml(sheet, f"セル番地「{reference[:20]}」が正しくありません")
        column = _COLUMNS[name] = column_index(name)
    return column


def read_xlsx(data: bytes, limits: Limits, wanted: list[str] | None, first_only: bool) -> list[Any]:
    """[[sheet name, rows], ...] of the sheets asked for (all, the named ones, or the first)."""
    archive = check_archive(data, limits)
    book = _book(archive, limits)
    sheets = book.sheets[:1] if first_only else book.sheets
    if wanted is not None:
        sheets = [(name, member) for name, member in sheets if name in wanted]
    strings = _shared_strings(archive, book.shared_strings, limits)
    date_styles = _date_styles(archive, book.styles)
    budget = Budget(limits)
    out: list[Any] = []
    for name, member in sheets:
        reader = _Sheet(name, strings, date_styles, book.date1904, limits, budget)
        out.append([name, reader.read(archive, member)])
    if budget.formulas:
        raise Refusal(
            "formula",
            "数式のセルは取り込めません",
            f"数式のセルが {budget.formulas:,} 個あります。"
            "値として貼り付けてから取り込んでください",
            budget.formula_cells,
        )
    return out


# --- CSV -----------------------------------------------------------------------------------------


CSV_CHUNK_BYTES = 1 << 20
"""How much of a CSV file is decoded at a time while its encoding is found."""


def csv_encoding(source: IO[bytes]) -> str:
    """UTF-8 (with or without BOM) or Shift_JIS, whichever decodes the whole file (read in chunks,
    then rewound); a file that decodes but holds a NUL character is no text file."""
    for encoding in ("utf-8-sig", "cp932"):
        source.seek(0)
        decoder = codecs.getincrementaldecoder(encoding)()
        nul = False
        try:
            while chunk := source.read(CSV_CHUNK_BYTES):
                nul = "\x00" in decoder.decode(chunk) or nul
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        if nul:
            raise Refusal(
                "bad_csv",
                "CSV として読み込めません",
                "NUL 文字が含まれています(テキスト形式ではありません)",
            )
        source.seek(0)
        return encoding
    raise Refusal(
        "encoding",
        "CSV の文字コードを判別できません",
        "UTF-8 又は Shift_JIS で保存してください",
    )


def iter_csv(source: IO[bytes], limits: Limits) -> Iterator[tuple[int, list[str]]]:
    """Every record of a CSV file with its record number (an empty cell is ``""``), read as a
    stream within ``limits``; ``source`` stays open."""
    encoding = csv_encoding(source)
    csv.field_size_limit(limits.max_cell_chars)
    budget = Budget(limits)
    text = io.TextIOWrapper(source, encoding=encoding, newline="")
    number = 0
    try:
        for number, record in enumerate(csv.reader(text), start=1):
            if number > limits.max_rows:
                raise _too_many_rows("csv", limits)
            if len(record) > limits.max_columns:
                raise _too_many_columns("csv", limits)
            for value in record:
                if value != "":
                    budget.cell(value)
            yield number, record
    except csv.Error as exc:
        if "field larger" in str(exc):
            raise Refusal(
                "cell_chars",
                f"セルの文字数が上限({limits.max_cell_chars:,}文字)を超えています",
                f"{number + 1} 行目が長すぎます",
            ) from exc
        raise Refusal(
            "bad_csv", "CSV として読み込めません", f"{number + 1} 行目: 形式が正しくありません"
        ) from exc
    finally:
        text.detach()


def read_csv(data: bytes, limits: Limits) -> list[Any]:
    """One sheet named ``csv``: every non-empty record with its record number."""
    rows: list[Row] = []
    for number, record in iter_csv(io.BytesIO(data), limits):
        values = tuple(v if v != "" else None for v in record)
        if any(v is not None for v in values):
            rows.append((number, values))
    return [["csv", rows]]


# --- the worker ----------------------------------------------------------------------------------


def _encode(value: object) -> object:
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    raise TypeError(type(value).__name__)


def _confine(limits: Limits) -> None:
    """Kernel limits behind the caps: address space, and CPU seconds in case the parent died."""
    resource.setrlimit(resource.RLIMIT_AS, (limits.worker_memory_bytes, limits.worker_memory_bytes))
    seconds = math.ceil(limits.time_budget_seconds) + 2
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))


def peak_rss() -> int:
    """This process's peak resident memory in bytes: ``VmHWM`` (getrusage's maxrss would carry
    the parent's size over the fork and exec that started the worker)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def worker_main() -> None:
    """Read one request (a JSON line, then the file's bytes) from stdin; answer one JSON object."""
    started = time.perf_counter()
    request = json.loads(sys.stdin.buffer.readline())
    limits = Limits(**request["limits"])
    _confine(limits)
    data = sys.stdin.buffer.read()
    answer: dict[str, Any]
    try:
        if request["kind"] == "csv":
            sheets = read_csv(data, limits)
        else:
            sheets = read_xlsx(
                data, limits, request.get("sheets"), request.get("first_only", False)
            )
        answer = {"ok": True, "sheets": sheets}
    except Refusal as refusal:
        answer = {
            "ok": False,
            "rule": refusal.rule,
            "title": refusal.title,
            "message": refusal.message,
            "cells": refusal.cells,
        }
    except MemoryError:
        answer = {
            "ok": False,
            "rule": "memory",
            "title": "ファイルの読み込みに必要なメモリが上限を超えました",
            "message": "ファイルを分けて取り込んでください",
            "cells": [],
        }
    except Exception as exc:  # a file that breaks the parser in a way not foreseen: 422, never 500
        answer = {
            "ok": False,
            "rule": "unreadable",
            "title": "ファイルを読み込めません",
            "message": "ファイルの内容が壊れています",
            "cells": [],
            "error_kind": type(exc).__name__,  # for the log, not for people
        }
    answer["stats"] = {"seconds": time.perf_counter() - started, "peak_rss_bytes": peak_rss()}
    sys.stdout.buffer.write(json.dumps(answer, default=_encode, ensure_ascii=False).encode())
    sys.stdout.buffer.flush()
