"""The one spreadsheet reader (chiiki_common.spreadsheets): hostile files are refused by the rule
they break, in a worker whose memory stays small; and the writers never emit a formula."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.escape import unescape

from chiiki_common import spreadsheets
from chiiki_common.spreadsheets import DEFAULT_LIMITS, SpreadsheetRefused
from tests.fixtures import spreadsheets as hostile

INJECTIONS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
WORKER_PEAK_BOUND = 256 * 1024 * 1024
"""What a worker may hold while refusing any of the bombs below (the service's own memory is
measured in the service tests)."""
REPO = Path(__file__).resolve().parents[2]


async def refused(data: bytes, **options: object) -> SpreadsheetRefused:
    with pytest.raises(SpreadsheetRefused) as caught:
        await spreadsheets.read_xlsx(data, **options)  # type: ignore[arg-type]
    assert caught.value.status == 422
    assert caught.value.errors
    assert caught.value.errors[0].field == "file"
    return caught.value


def workers_alive() -> list[int]:
    """Worker processes this test process started that are still running."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = next(line.split()[1] for line in status.splitlines() if line.startswith("PPid"))
        if int(parent) == os.getpid() and b"spreadsheet_parser" in cmdline:
            alive.append(int(entry.name))
    return alive


# --- the bombs of the issue ----------------------------------------------------------------------


async def test_a_zip_bomb_is_refused_by_its_compression_ratio_before_anything_is_inflated() -> None:
    bomb = hostile.zip_bomb()
    inflated = sum(m.file_size for m in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    assert len(bomb) < 200_000
    assert inflated > 50 * 1024 * 1024
    refusal = await refused(bomb)
    assert refusal.rule == "ratio"
    assert "圧縮率が上限(100倍)" in refusal.title
    assert refusal.stats is not None
    assert refusal.stats.worker_peak_rss_bytes < WORKER_PEAK_BOUND


async def test_a_bomb_that_passes_the_archive_check_is_stopped_by_the_row_cap_while_streaming() -> (
    None
):
    refusal = await refused(hostile.zip_bomb(), limits=replace(DEFAULT_LIMITS, max_ratio=10**9))
    assert refusal.rule == "rows"
    assert refusal.title == "行数が上限(250,000行)を超えています"
    assert refusal.stats is not None
    assert refusal.stats.worker_peak_rss_bytes < WORKER_PEAK_BOUND


async def test_a_dimension_claiming_the_whole_sheet_allocates_nothing_for_it() -> None:
    sheet = hostile.sheet_xml(
        hostile.rows_xml([["法人番号", "売上高"], ["1", -5]]), dimension="A1:XFD1048576"
    )
    book = await spreadsheets.read_xlsx(hostile.xlsx({"Sheet1": sheet}))
    assert book.sheets[0].rows == [(1, ("法人番号", "売上高")), (2, ("1", -5))]
    assert book.stats.worker_peak_rss_bytes < 100 * 1024 * 1024


@pytest.mark.parametrize(
    ("body", "rule", "title"),
    [
        ('<row r="1"><c r="XFD1"><v>1</v></c></row>', "columns", "列数が上限(256列)を超えています"),
        (
            '<row r="1048576"><c r="A1048576"><v>1</v></c></row>',
            "rows",
            "行数が上限(250,000行)を超えています",
        ),
    ],
)
async def test_a_cell_far_out_is_refused_by_the_row_or_column_cap(
    body: str, rule: str, title: str
) -> None:
    refusal = await refused(hostile.xlsx({"Sheet1": hostile.sheet_xml(body)}))
    assert (refusal.rule, refusal.title) == (rule, title)


async def test_a_huge_shared_strings_member_is_refused() -> None:
    one_cell = hostile.sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')
    compressible = hostile.xlsx(
        {"Sheet1": one_cell}, shared_strings=hostile.shared_strings_xml(3_000_000, "x")
    )
    assert (await refused(compressible)).rule == "ratio"
    many = hostile.xlsx({"Sheet1": one_cell}, shared_strings=hostile.shared_strings_xml(1_000_001))
    refusal = await refused(many)
    assert refusal.rule == "shared_strings"
    assert refusal.title == "共有文字列の数が上限(1,000,000)を超えています"
    assert refusal.stats is not None
    assert refusal.stats.worker_peak_rss_bytes < WORKER_PEAK_BOUND


async def test_too_many_sheets_are_refused() -> None:
    book = hostile.xlsx({f"S{i}": hostile.sheet_xml("") for i in range(51)})
    refusal = await refused(book)
    assert (refusal.rule, refusal.title) == ("sheets", "シート数が上限(50)を超えています")


async def test_a_giant_single_cell_is_refused_inline_or_shared() -> None:
    inline = await refused(hostile.table([["あ" * 40_000]]))
    assert inline.rule == "cell_chars"
    assert inline.title == "セルの文字数が上限(32,767文字)を超えています"
    assert "Sheet1!A1" in (inline.detail or "")
    one_cell = hostile.sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')
    shared = hostile.xlsx(
        {"Sheet1": one_cell}, shared_strings=hostile.shared_strings_xml(1, "x" * 40_000)
    )
    assert (await refused(shared)).rule == "cell_chars"
    noise = os.urandom(1_500_000).hex()  # incompressible, so the ratio check lets it through
    endless = hostile.sheet_xml(f'<row r="1"><c r="A1" t="inlineStr"><is><t>{noise}')
    assert (await refused(hostile.xlsx({"Sheet1": endless}))).rule == "cell_chars"


# --- the archive ---------------------------------------------------------------------------------


async def test_each_archive_limit_is_named_when_it_is_passed() -> None:
    book = hostile.table([[1, 2]])
    members = await refused(book, limits=replace(DEFAULT_LIMITS, max_members=3))
    assert members.title == "xlsx ファイル内の格納ファイル数が上限(3)を超えています"
    member = await refused(book, limits=replace(DEFAULT_LIMITS, max_member_bytes=100))
    assert member.rule == "member_size"
    assert "上限(0 MB)" in member.title
    total = await refused(book, limits=replace(DEFAULT_LIMITS, max_total_bytes=500))
    assert total.rule == "total_size"


async def test_an_archive_with_thousands_of_members_is_refused_before_they_are_listed() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(1_001):
            archive.writestr(f"x/{i}", b"")
    refusal = await refused(buffer.getvalue())
    assert refusal.rule == "members"


@pytest.mark.parametrize(
    ("data", "rule"),
    [
        (b"not a workbook at all", "not_xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "encrypted"),
        (b"PK\x03\x04" + bytes(100), "bad_zip"),
    ],
    ids=["text", "password-protected-or-xls", "truncated-zip"],
)
async def test_files_that_are_not_xlsx_are_refused_by_what_they_are(data: bytes, rule: str) -> None:
    assert (await refused(data)).rule == rule


def _rewrite(book: bytes, change: dict[str, object]) -> bytes:
    """The same archive with each member's header fields changed (flag bits, name…)."""
    source = zipfile.ZipFile(io.BytesIO(book))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                for key, value in change.items():
                    setattr(info, key, value)
            target.writestr(info, content)
    return buffer.getvalue()


def _flag_encrypted(book: bytes) -> bytes:
    """The archive with the "encrypted" bit set in every local and central header."""
    data = bytearray(book)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset] |= 0x1
            at = data.find(signature, at + 4)
    return bytes(data)


async def test_encrypted_odd_or_nested_members_are_refused_cleanly() -> None:
    book = hostile.table([[1]])
    assert (await refused(_flag_encrypted(book))).rule == "encrypted"
    escaping = _rewrite(book, {"filename": "../../etc/sheet1.xml"})
    assert (await refused(escaping)).rule == "odd_archive"
    controlled = _rewrite(book, {"filename": "xl/worksheets/sheet1\x01.xml"})
    assert (await refused(controlled)).rule == "odd_archive"
    bzip = hostile.xlsx({"Sheet1": hostile.sheet_xml("")}, compression=zipfile.ZIP_BZIP2)
    assert (await refused(bzip)).rule == "odd_archive"


async def test_a_damaged_member_is_a_422_never_a_crash() -> None:
    book = bytearray(hostile.table([[f"value {i}" for i in range(50)] for _ in range(50)]))
    start = book.find(b"xl/worksheets/sheet1.xml") + 200
    book[start : start + 50] = bytes(50)
    refusal = await refused(bytes(book))
    assert refusal.rule in {"unreadable", "bad_xml", "bad_zip"}
    assert refusal.title.startswith(("ファイルを読み込めません", "xlsx", "Excel"))


# --- XML entities, formulas ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prolog", "entity"),
    [(hostile.BILLION_LAUGHS, "&lol9;"), (hostile.EXTERNAL_ENTITY, "&xxe;")],
    ids=["billion-laughs", "external-entity"],
)
async def test_xml_entity_attacks_are_refused_before_parsing(prolog: str, entity: str) -> None:
    cell = f'<row r="1"><c r="A1" t="inlineStr"><is><t>{entity}</t></is></c></row>'
    book = hostile.xlsx({"Sheet1": hostile.sheet_xml(cell, prolog=prolog)})
    refusal = await refused(book)
    assert refusal.rule == "xml_entities"
    assert "実体宣言" in refusal.title


async def test_formula_cells_are_refused_naming_every_cell_never_taken_as_values() -> None:
    body = (
        '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f>A2*2</f><v>2</v></c></row>'
        '<row r="3"><c r="C3" t="str"><f>"=A"&amp;"B"</f><v>=AB</v></c></row>'
    )
    refusal = await refused(hostile.xlsx({"計画": hostile.sheet_xml(body)}))
    assert refusal.rule == "formula"
    assert refusal.title == "数式のセルは取り込めません"
    assert [p.field for p in refusal.errors or []][1:] == ["file/計画!B2", "file/計画!C3"]


# --- the time budget -----------------------------------------------------------------------------


async def test_a_read_past_its_time_budget_is_refused_and_its_worker_killed() -> None:
    relaxed = replace(
        DEFAULT_LIMITS, max_ratio=10**9, max_rows=10**8, max_cells=10**9, time_budget_seconds=0.5
    )
    refusal = await refused(hostile.zip_bomb(), limits=relaxed)
    assert refusal.rule == "time_budget"
    assert refusal.title == "ファイルの読み込みが制限時間(0.5秒)を超えました"
    assert workers_alive() == []


async def test_reads_in_parallel_beyond_the_worker_slots_wait_and_all_finish() -> None:
    book = hostile.table([["a", 1]])
    results = await asyncio.gather(*(spreadsheets.read_xlsx(book) for _ in range(5)))
    assert all(r.sheets[0].rows == [(1, ("a", 1))] for r in results)


def test_the_command_line_reader_uses_the_same_worker_and_rules() -> None:
    with pytest.raises(SpreadsheetRefused) as caught:
        spreadsheets.read_xlsx_blocking(hostile.zip_bomb())
    assert caught.value.rule == "ratio"
    book = spreadsheets.read_xlsx_blocking(hostile.table([["x", 2]]))
    assert book.sheets[0].rows == [(1, ("x", 2))]


# --- what real workbooks hold --------------------------------------------------------------------


async def test_an_openpyxl_workbook_reads_back_with_types_dates_and_row_numbers() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "様式"
    sheet.append(["名称", "件数", "比率", "日付", "可否"])
    sheet.append([])
    sheet.append(["熊本_x0041_県", 12, 0.5, datetime(2026, 5, 15, 12, 0), True])
    buffer = io.BytesIO()
    workbook.save(buffer)
    book = await spreadsheets.read_xlsx(buffer.getvalue())
    assert book.sheet("様式") is not None
    assert book.sheets[0].rows == [
        (1, ("名称", "件数", "比率", "日付", "可否")),
        (3, ("熊本A県", 12, 0.5, datetime(2026, 5, 15, 12, 0), True)),
    ]


async def test_shared_strings_with_rich_runs_and_phonetic_guides_read_as_the_text_shown() -> None:
    sst = (
        f'<?xml version="1.0"?><sst xmlns="{hostile.MAIN}"><si><r><t>熊本</t></r><r><t>県</t></r>'
        "<rPh><t>クマモトケン</t></rPh></si><si><t>_x000D_改行</t></si></sst>"
    ).encode()
    cells = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    book = await spreadsheets.read_xlsx(
        hostile.xlsx({"S": hostile.sheet_xml(cells)}, shared_strings=sst)
    )
    assert book.sheets[0].rows == [(1, ("熊本県", "\r改行"))]


async def test_a_non_finite_number_is_refused_not_passed_on() -> None:
    book = hostile.xlsx({"S": hostile.sheet_xml('<row r="1"><c r="A1"><v>NaN</v></c></row>')})
    assert (await refused(book)).rule == "bad_number"


async def test_csv_gets_the_same_caps_and_japanese_encodings() -> None:
    sheet = await spreadsheets.read_table("法人番号,売上高\n\n1,-5\n".encode("cp932"))
    assert sheet.rows == [(1, ("法人番号", "売上高")), (3, ("1", "-5"))]
    with pytest.raises(SpreadsheetRefused) as long_cell:
        await spreadsheets.read_csv(("a," + "x" * 40_000 + "\n").encode())
    assert long_cell.value.rule == "cell_chars"
    with pytest.raises(SpreadsheetRefused) as nul:
        await spreadsheets.read_csv(b"a,b\n1,\x002\n")
    assert nul.value.rule == "bad_csv"
    with pytest.raises(SpreadsheetRefused) as rows:
        await spreadsheets.read_csv(b"a\n" * 20, limits=replace(DEFAULT_LIMITS, max_rows=10))
    assert rows.value.title == "行数が上限(10行)を超えています"


def test_no_service_parses_a_workbook_with_openpyxl_itself() -> None:
    """openpyxl's reader trusts <dimension> and expands formulas to cached values: every import
    goes through chiiki_common.spreadsheets instead."""
    offenders = [
        str(path.relative_to(REPO))
        for path in (REPO / "services").rglob("*.py")
        if "load_workbook" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


# --- writing -------------------------------------------------------------------------------------


def test_xlsx_cells_never_hold_a_formula_and_keep_the_text_and_the_numbers() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    spreadsheets.append_row(sheet, [*INJECTIONS, "#N/A", "a\x01b", -5, 2.5, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    row = next(openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows())  # type: ignore[union-attr]
    assert [c.data_type for c in row[:8]] == ["s"] * 8
    assert [unescape(c.value) for c in row[:6]] == INJECTIONS
    assert all(c.quotePrefix for c in row[:6])
    assert row[6].value == "#N/A"
    assert row[7].value == "a\ufffdb"
    assert (row[8].value, row[8].data_type, row[9].value, row[9].data_type) == (-5, "n", 2.5, "n")


def test_csv_fields_that_start_like_a_formula_get_a_quote_and_numbers_stay_numbers() -> None:
    text = spreadsheets.csv_text([["名称", "値"], *([t, -5] for t in INJECTIONS)])
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert [r[0] for r in rows[1:]] == ["'" + t for t in INJECTIONS]
    assert {r[1] for r in rows[1:]} == {"-5"}
    assert text.splitlines()[1].startswith('"\'=HYPERLINK(""http://x"",""y"")",-5')
