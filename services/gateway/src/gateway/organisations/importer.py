"""The organisation directory: the bundled list, and imports of the official list.

The official list is the 総務省 「全国地方公共団体コード」 workbook, or a CSV with the columns
``code,kind,pref_code,pref_name,parent_city_code,name,kana``. Every row is checked (check digit,
kind, prefecture) before anything is written, and every bad row is reported at once. Importing the
same list twice changes nothing.
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

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import spreadsheets
from chiiki_common.validators import is_valid_local_gov_code
from gateway.models import Organisation, OrganisationKind

NATIONAL_KINDS = frozenset({OrganisationKind.national, OrganisationKind.ministry})
CSV_COLUMNS = ("code", "kind", "pref_code", "pref_name", "parent_city_code", "name", "kana")


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
    if parsed_kind in NATIONAL_KINDS:
        if not allow_national:
            problems.append(f"{line} 行目 ({code}): 国の機関は取り込めません")
    elif not is_valid_local_gov_code(code):
        problems.append(f"{line} 行目 ({code}): 団体コードまたはチェックデジットが正しくありません")
    elif record.get("pref_code", "") != code[:2]:
        problems.append(f"{line} 行目 ({code}): 都道府県コードが団体コードと一致しません")
    parent = record.get("parent_city_code", "")
    if parent and not is_valid_local_gov_code(parent):
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
    for line, raw in enumerate(records, start=first_line):
        record = {k: (v or "").strip() for k, v in raw.items() if k}
        row_problems = _row_problems(line, record, allow_national=allow_national)
        if record.get("code") in seen:
            row_problems.append(f"{line} 行目 ({record['code']}): 団体コードが重複しています")
        problems.extend(row_problems)
        if row_problems:
            continue
        seen.add(record["code"])
        kind = OrganisationKind(record["kind"])
        rows.append(
            OrganisationRow(
                code=record["code"],
                name=record["name"],
                kana=record.get("kana", ""),
                kind=kind.value,
                prefecture=None if kind in NATIONAL_KINDS else record["code"][:2],
                parent_code=record.get("parent_city_code") or None,
                designated_city=kind is OrganisationKind.designated_city,
            )
        )
    if problems:
        raise ImportFailed(problems)
    return rows


def read_csv(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportFailed([f"CSV に列がありません: {', '.join(missing)}"])
    return list(reader)


def bundled_rows() -> list[OrganisationRow]:
    """The list shipped with the gateway: national bodies, 47 prefectures, 20 designated cities and
    the demo municipalities."""
    text = resources.files("gateway").joinpath("data/organisations.csv").read_text(encoding="utf-8")
    return parse_records(read_csv(text), allow_national=True)


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
    existing = {o.code: o for o in await session.scalars(select(Organisation))}
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
