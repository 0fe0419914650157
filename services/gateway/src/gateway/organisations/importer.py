"""The organisation directory: the bundled list, and imports of the official list.

The official list is the 総務省 「全国地方公共団体コード」 workbook, or a CSV with the columns
``code,kind,pref_code,pref_name,parent_city_code,name,kana``. Every row is checked (check digit,
kind, prefecture) before anything is written, and every bad row is reported at once. Importing the
same list twice changes nothing.

The bundled list also holds the national bodies and the regional bureaus (kind ``bureau``: the
地方経済産業局, the 北陸 branch of 中部 with its parent in ``parent_city_code``, and 内閣府沖縄総合事務局);
their blocks are ``data/bureau_blocks.csv`` (``bureau_code,pref_code,pref_name``), checked the same
way: every bureau has a block, a branch's block lies within its parent's, and the bureaus that are
not branches take each of the 47 prefectures exactly once.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import spreadsheets
from chiiki_common.validators import is_valid_local_gov_code
from gateway.models import BureauPrefecture, Organisation, OrganisationKind
from gateway.organisations import repository as repo

NATIONAL_KINDS = frozenset({OrganisationKind.national, OrganisationKind.ministry})
NOT_LOCAL_KINDS = NATIONAL_KINDS | {OrganisationKind.bureau}
"""Kinds with a short code and no prefecture of their own; only the bundled list has them."""
CSV_COLUMNS = ("code", "kind", "pref_code", "pref_name", "parent_city_code", "name", "kana")
BLOCK_COLUMNS = ("bureau_code", "pref_code", "pref_name")
PREFECTURE_NUMBERS = tuple(f"{n:02d}" for n in range(1, 48))


@dataclass(frozen=True)
class OrganisationRow:
    code: str
    name: str
    kana: str
    kind: str
    prefecture: str | None
    parent_code: str | None
    designated_city: bool


@dataclass(frozen=True)
class BlockRow:
    """One prefecture (two-digit number) of a bureau's block."""

    bureau_code: str
    prefecture: str


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


class ImportFailed(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} 件の誤りがあります")
        self.problems = problems


def _row_problems(line: int, record: Mapping[str, str], *, allow_national: bool) -> list[str]:
    code, kind = record.get("code", ""), record.get("kind", "")
    problems = []
    try:
        parsed_kind = OrganisationKind(kind)
    except ValueError:
        return [f"{line} 行目 ({code}): 種別 {kind!r} は不明です"]
    if parsed_kind in NOT_LOCAL_KINDS:
        if not allow_national:
            problems.append(f"{line} 行目 ({code}): 国の機関は取り込めません")
    elif not is_valid_local_gov_code(code):
        problems.append(f"{line} 行目 ({code}): 団体コードまたはチェックデジットが正しくありません")
    elif record.get("pref_code", "") != code[:2]:
        problems.append(f"{line} 行目 ({code}): 都道府県コードが団体コードと一致しません")
    parent = record.get("parent_city_code", "")
    if (
        parent
        and parsed_kind is not OrganisationKind.bureau
        and not is_valid_local_gov_code(parent)
    ):
        problems.append(f"{line} 行目 ({code}): 親の団体コード {parent} が正しくありません")
    if not record.get("name", "").strip():
        problems.append(f"{line} 行目 ({code}): 名称がありません")
    return problems


def parse_records(
    records: Iterable[Mapping[str, str]], *, allow_national: bool = False, first_line: int = 2
) -> list[OrganisationRow]:
    """Validated rows, or :class:`ImportFailed` listing every bad row."""
    rows: list[OrganisationRow] = []
    problems: list[str] = []
    seen: set[str] = set()
    lines: dict[str, int] = {}
    for line, raw in enumerate(records, start=first_line):
        record = {k: (v or "").strip() for k, v in raw.items() if k}
        row_problems = _row_problems(line, record, allow_national=allow_national)
        if record.get("code") in seen:
            row_problems.append(f"{line} 行目 ({record['code']}): 団体コードが重複しています")
        problems.extend(row_problems)
        if row_problems:
            continue
        seen.add(record["code"])
        lines[record["code"]] = line
        kind = OrganisationKind(record["kind"])
        rows.append(
            OrganisationRow(
                code=record["code"],
                name=record["name"],
                kana=record.get("kana", ""),
                kind=kind.value,
                prefecture=None if kind in NOT_LOCAL_KINDS else record["code"][:2],
                parent_code=record.get("parent_city_code") or None,
                designated_city=kind is OrganisationKind.designated_city,
            )
        )
    problems.extend(_branch_problems(rows, lines))
    if problems:
        raise ImportFailed(problems)
    return rows


def _branch_problems(rows: list[OrganisationRow], lines: Mapping[str, int]) -> list[str]:
    """A bureau's parent is a bureau of the same list that is not itself a branch."""
    bureaus = {row.code: row for row in rows if row.kind == OrganisationKind.bureau.value}
    problems = []
    for row in bureaus.values():
        parent = bureaus.get(row.parent_code or "")
        if row.parent_code and (parent is None or parent.parent_code):
            problems.append(
                f"{lines[row.code]} 行目 ({row.code}): 親の局 {row.parent_code} が一覧にないか、"
                "それ自体が支局です"
            )
    return problems


def read_csv(text: str, columns: tuple[str, ...] = CSV_COLUMNS) -> list[dict[str, str]]:
    """The rows of a CSV that has every one of ``columns`` (the organisations' by default)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportFailed([f"CSV に列がありません: {', '.join(missing)}"])
    return list(reader)


def bundled_rows() -> list[OrganisationRow]:
    """The list shipped with the gateway: national bodies, the regional bureaus, 47 prefectures,
    20 designated cities and the demo municipalities."""
    return parse_records(read_csv(bundled_text("organisations.csv")), allow_national=True)


def bundled_text(name: str) -> str:
    """A file of ``gateway/data`` as text."""
    return resources.files("gateway").joinpath(f"data/{name}").read_text(encoding="utf-8")


def parse_blocks(
    records: Iterable[Mapping[str, str]],
    organisations: Iterable[OrganisationRow],
    *,
    first_line: int = 2,
) -> list[BlockRow]:
    """The blocks of the bureaus of ``organisations``, or :class:`ImportFailed` listing every
    problem: an unknown bureau, a malformed prefecture number, a prefecture name that is not the
    number's, a repeated row, a bureau without a block, a branch reaching outside its parent's
    block, a prefecture that no bureau or more than one takes (branches aside)."""
    known = list(organisations)
    bureaus = {row.code: row for row in known if row.kind == OrganisationKind.bureau.value}
    prefecture_names = {
        row.code[:2]: row.name for row in known if row.kind == OrganisationKind.prefecture.value
    }
    problems: list[str] = []
    blocks: dict[str, set[str]] = {code: set() for code in bureaus}
    for line, raw in enumerate(records, start=first_line):
        record = {k: (v or "").strip() for k, v in raw.items() if k}
        bureau, number, name = (record.get(column, "") for column in BLOCK_COLUMNS)
        where = f"{line} 行目 ({bureau})"
        if bureau not in bureaus:
            problems.append(f"{where}: 局 {bureau} が団体一覧にありません")
        elif number not in PREFECTURE_NUMBERS:
            problems.append(f"{where}: 都道府県番号 {number} が正しくありません")
        elif prefecture_names.get(number) != name:
            problems.append(f"{where}: 都道府県名 {name} が都道府県番号 {number} と一致しません")
        elif number in blocks[bureau]:
            problems.append(f"{where}: 都道府県番号 {number} が重複しています")
        else:
            blocks[bureau].add(number)
    for code, block in blocks.items():
        parent = bureaus[code].parent_code
        if not block:
            problems.append(f"{bureaus[code].name}: 管轄の都道府県がありません")
        elif parent and parent in blocks and not block <= blocks[parent]:
            outside = "、".join(sorted(block - blocks[parent]))
            problems.append(
                f"{bureaus[code].name}: 都道府県番号 {outside} が"
                f"親の局 {bureaus[parent].name} の管轄にありません"
            )
    for number in PREFECTURE_NUMBERS:
        holders = [
            bureaus[c].name for c, b in blocks.items() if not bureaus[c].parent_code and number in b
        ]
        if len(holders) != 1:
            found = "、".join(holders) if holders else "なし"
            problems.append(
                f"都道府県番号 {number} ({prefecture_names.get(number, '')}): "
                f"管轄する局は1つでなければなりません(該当: {found})"
            )
    if problems:
        raise ImportFailed(problems)
    return [BlockRow(code, number) for code in blocks for number in sorted(blocks[code])]


def bundled_blocks() -> list[BlockRow]:
    """The blocks shipped with the gateway (``data/bureau_blocks.csv``)."""
    return parse_blocks(read_csv(bundled_text("bureau_blocks.csv"), BLOCK_COLUMNS), bundled_rows())


def _hiragana(text: str) -> str:
    """総務省 kana is half-width katakana; the directory keeps hiragana like the CSV."""
    full = unicodedata.normalize("NFKC", text)
    return "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in full)


def _header_index(row: tuple[Any, ...]) -> dict[str, int] | None:
    cells = [unicodedata.normalize("NFKC", str(c or "")).replace("\n", "") for c in row]
    if not any("団体コード" in c for c in cells):
        return None
    index: dict[str, int] = {}
    for i, cell in enumerate(cells):
        if "団体コード" in cell:
            index["code"] = i
        elif "都道府県名" in cell:
            index["pref_kana" if "カナ" in cell else "pref_name"] = i
        elif "市区町村名" in cell:
            index["city_kana" if "カナ" in cell else "city_name"] = i
    return index


def _kind_of(code: str, name: str, designated: Mapping[str, str]) -> tuple[str, str, str]:
    """Kind, name and parent designated city of a municipality row of the workbook."""
    if code in designated:
        return OrganisationKind.designated_city.value, name, ""
    for city_code, city_name in designated.items():
        if city_code[:2] == code[:2] and name.startswith(city_name) and name.endswith("区"):
            return OrganisationKind.ward.value, name[len(city_name) :], city_code
    if code[:2] == "13" and name.endswith("区"):
        return OrganisationKind.special_ward.value, name, ""
    if name.endswith("市"):
        return OrganisationKind.city.value, name, ""
    return OrganisationKind.town_village.value, name, ""


def read_xlsx(path: Path) -> list[dict[str, str]]:
    """Rows of the 総務省 workbook (every sheet) in the CSV's columns, read with
    :mod:`chiiki_common.spreadsheets` (its limits, time budget and formula rule)."""
    designated = {
        row.code: row.name
        for row in bundled_rows()
        if row.kind == OrganisationKind.designated_city.value
    }
    try:
        workbook = spreadsheets.read_xlsx_blocking(path.read_bytes())
    except spreadsheets.SpreadsheetRefused as refused:
        raise ImportFailed(
            [f"{refused.title}: {refused.detail}"]
            + [p.field.split("/", 1)[1] for p in (refused.errors or []) if "/" in p.field]
        ) from refused
    records: dict[str, dict[str, str]] = {}
    for sheet in workbook.sheets:
        index: dict[str, int] | None = None
        for _number, row in sheet.rows:
            if index is None:
                index = _header_index(row)
                continue

            def cell(name: str, row: tuple[Any, ...] = row, index: dict[str, int] = index) -> str:
                i = index.get(name)
                return "" if i is None or i >= len(row) or row[i] is None else str(row[i]).strip()

            code = cell("code")
            if not code:
                continue
            code = code.zfill(6)
            if code in records:
                continue
            city = cell("city_name")
            if city:
                kind, name, parent = _kind_of(code, city, designated)
                kana = _hiragana(cell("city_kana"))
            else:
                kind, name, parent = OrganisationKind.prefecture.value, cell("pref_name"), ""
                kana = _hiragana(cell("pref_kana"))
            records[code] = {
                "code": code,
                "kind": kind,
                "pref_code": code[:2],
                "pref_name": cell("pref_name"),
                "parent_city_code": parent,
                "name": name,
                "kana": kana,
            }
    return list(records.values())


def read_file(path: Path) -> list[OrganisationRow]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return parse_records(read_xlsx(path))
    return parse_records(read_csv(path.read_text(encoding="utf-8-sig")))


async def upsert(session: AsyncSession, rows: list[OrganisationRow]) -> ImportResult:
    """Insert new organisations, update changed ones, leave identical ones untouched."""
    existing = {o.code: o for o in await repo.all_organisations(session)}
    created = updated = 0
    names = [f.name for f in fields(OrganisationRow)]
    for row in rows:
        current = existing.get(row.code)
        if current is None:
            session.add(Organisation(**{n: getattr(row, n) for n in names}))
            created += 1
        elif any(getattr(current, n) != getattr(row, n) for n in names):
            for n in names:
                setattr(current, n, getattr(row, n))
            updated += 1
    await session.flush()
    return ImportResult(created, updated, len(rows) - created - updated)


async def replace_blocks(session: AsyncSession, rows: list[BlockRow]) -> ImportResult:
    """Each bureau of ``rows`` gets exactly the block ``rows`` give it (prefectures added and
    taken away); counted per bureau: added, changed, unchanged. The bureaus must exist."""
    wanted: dict[str, set[str]] = {}
    for row in rows:
        wanted.setdefault(row.bureau_code, set()).add(row.prefecture)
    existing: dict[str, dict[str, BureauPrefecture]] = {}
    for member in await repo.block_members(session, list(wanted)):
        existing.setdefault(member.bureau_code, {})[member.prefecture] = member
    created = updated = 0
    for code, block in wanted.items():
        current = existing.get(code, {})
        if set(current) == block:
            continue
        for number in sorted(block - set(current)):
            session.add(BureauPrefecture(bureau_code=code, prefecture=number))
        for number in set(current) - block:
            await session.delete(current[number])
        if current:
            updated += 1
        else:
            created += 1
    await session.flush()
    return ImportResult(created, updated, len(wanted) - created - updated)
