"""Reading a 様式 workbook as a person and as the import do, for the tests: the cells a field or a
table column sits in (from the hidden data sheet), the cells a person sees, and the printed pages
as LibreOffice renders them (PDF, then the text of each page with pdftotext)."""

from __future__ import annotations

import html
import io
import itertools
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from plans_api.exports.workbook import DATA_SHEET

MACHINE_KEY = re.compile(
    r"^(field|table|cols|row|meta|sheet):|^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$|^(?:lt|le|gt|ge)$"
)
"""What a person should never read in a form: the old markers, snake_case keys, comparator codes."""


def data_rows(workbook: Workbook) -> list[tuple[Any, ...]]:
    return [tuple(c.value for c in row) for row in workbook[DATA_SHEET].iter_rows()]


def visible_sheets(workbook: Workbook) -> list[str]:
    return [s.title for s in workbook.worksheets if s.sheet_state == "visible"]


def xlsx_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def field_cell(workbook: Workbook, key: str) -> Cell:
    """The (first) cell holding the value of field ``key`` (``title``, ``sections.area.reason``)."""
    for entry in data_rows(workbook):
        if entry[0] == "field" and entry[1] == key:
            return workbook[entry[2]].cell(row=entry[4], column=entry[3])
    raise AssertionError(f"no field {key}")


def table_cells(workbook: Workbook, table: str, column: str) -> list[Cell]:
    """The cells of ``column`` (``target``, ``kind`` …) in the rows of ``table`` (``kgis`` …)."""
    for entry in data_rows(workbook):
        if entry[0] == "table" and entry[1] == table:
            _, _, sheet, _, first, last, columns = entry[:7]
            spec = dict(c.split("@") for c in str(columns).split(","))
            return [
                workbook[sheet].cell(row=r, column=int(spec[column]))
                for r in range(first, last + 1)
            ]
    raise AssertionError(f"no table {table}")


def table_header(workbook: Workbook, table: str) -> list[str]:
    for entry in data_rows(workbook):
        if entry[0] == "table" and entry[1] == table:
            sheet, header = workbook[entry[2]], entry[3]
            return [c.value for c in sheet[header] if isinstance(c.value, str)]
    raise AssertionError(f"no table {table}")


def headings(workbook: Workbook) -> list[str]:
    return [
        str(workbook[entry[1]].cell(row=entry[2], column=1).value)
        for entry in data_rows(workbook)
        if entry[0] == "heading"
    ]


def visible_cells(workbook: Workbook) -> Iterator[Cell]:
    """Every filled cell of a visible sheet that is neither in a hidden row nor a hidden column."""
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None or _hidden(sheet, cell):
                    continue
                yield cell


def _hidden(sheet: Worksheet, cell: Cell) -> bool:
    letter = get_column_letter(cell.column)
    dimension = sheet.column_dimensions.get(letter)
    if dimension is not None and dimension.hidden:
        return True
    for other in sheet.column_dimensions.values():  # a hidden range of columns (min..max)
        if other.hidden and other.min and other.max and other.min <= cell.column <= other.max:
            return True
    row = sheet.row_dimensions.get(cell.row)
    return bool(row is not None and row.hidden)


def machine_keys(workbook: Workbook) -> list[str]:
    """Visible cells that hold a machine key, as ``sheet!cell: value``."""
    return [
        f"{c.parent.title}!{c.coordinate}: {c.value}"
        for c in visible_cells(workbook)
        if isinstance(c.value, str) and MACHINE_KEY.search(c.value.strip())
    ]


# --- printing with LibreOffice ------------------------------------------------------------------


def print_tools_or_skip() -> tuple[str, str]:
    """soffice and pdftotext, and a Japanese font for them; skipped with the reason when one is
    missing, except under ``CI=true`` where a missing tool fails the run."""
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    fonts = shutil.which("fc-list")
    japanese = (
        fonts
        and subprocess.run(
            [fonts, ":lang=ja"], capture_output=True, text=True, check=False
        ).stdout.strip()
    )
    reason = None
    if soffice is None:
        reason = "LibreOffice (soffice) がありません: apt-get install libreoffice-calc-nogui"
    elif pdftotext is None:
        reason = "pdftotext がありません: apt-get install poppler-utils"
    elif not japanese:
        reason = "日本語フォントがありません: apt-get install fonts-noto-cjk"
    if reason:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true needs the print tools: {reason}")
        pytest.skip(reason)
    assert soffice
    assert pdftotext
    return soffice, pdftotext


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Page:
    """One printed page: its words with their boxes (points, origin top left), the sheet its
    footer names and the boxes text was clipped to inside the printed area (a cut text)."""

    number: int
    words: list[Word]
    sheet: str = "?"
    cut: list[str] = field(default_factory=list)

    def text(self, left_of: float | None = None, right_of: float | None = None) -> str:
        """The words (those starting left or right of an x), line by line, white space dropped."""
        chosen = [
            w
            for w in self.words
            if (left_of is None or w.x0 < left_of) and (right_of is None or w.x0 >= right_of)
        ]
        chosen.sort(key=lambda w: w.y1)
        lines: list[list[Word]] = []
        for word in chosen:
            if lines and abs(lines[-1][0].y1 - word.y1) < 3:
                lines[-1].append(word)
            else:
                lines.append([word])
        return "".join(w.text for line in lines for w in sorted(line, key=lambda w: w.x0))


def printed_pages(data: bytes, tools: tuple[str, str]) -> list[Page]:
    """The pages LibreOffice prints for the workbook (every visible sheet, in order)."""
    soffice, pdftotext = tools
    with tempfile.TemporaryDirectory(prefix="yoshiki-") as directory:
        folder = Path(directory)
        source = folder / "plan.xlsx"
        source.write_bytes(data)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(source),
            ],
            capture_output=True,
            check=True,
            timeout=180,
        )
        pdf = folder / "plan.pdf"
        boxes = subprocess.run(
            [pdftotext, "-bbox", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        pages = _words(boxes)
        _clips(pdf, pages)
    for page in pages:
        footer = [w.text for w in page.words if w.y0 > FOOTER_TOP]
        page.sheet = next((m.group(0) for t in footer if (m := re.search(r"様式\d-\d", t))), "?")
        page.words = [w for w in page.words if HEADER_BOTTOM < w.y0 < FOOTER_TOP]
    return pages


A4_HEIGHT = 841.89
HEADER_BOTTOM = 0.6 * 72
"""Below the header's text and above the first printed row (top margin 0.75 inch)."""
FOOTER_TOP = A4_HEIGHT - 0.6 * 72


def _words(html_text: str) -> list[Page]:
    pages = []
    for number, body in enumerate(re.findall(r"<page [^>]*>(.*?)</page>", html_text, re.S), 1):
        words = [
            Word(html.unescape(text), float(x0), float(y0), float(x1), float(y1))
            for x0, y0, x1, y1, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.-]+)" xMax="([\d.]+)" yMax="([\d.-]+)">'
                r"([^<]*)</word>",
                body,
            )
        ]
        pages.append(Page(number, words))
    return pages


def _clips(pdf: Path, pages: list[Page]) -> None:
    """LibreOffice clips a cell's text to the cell only when it does not fit: such a clip inside
    the printed area is a cut text (the page's, header's and footer's clips lie outside it)."""
    with pikepdf.open(pdf) as document:
        for page, source in zip(pages, document.pages, strict=True):
            operations = pikepdf.parse_content_stream(source)
            for (operands, operator), (_, following) in itertools.pairwise(operations):
                if str(operator) != "re" or str(following) not in ("W", "W*"):
                    continue
                x, y, width, height = (float(v) for v in operands)
                top, bottom = A4_HEIGHT - y - height, A4_HEIGHT - y
                if top > HEADER_BOTTOM - 1 and bottom < FOOTER_TOP + 1:
                    inside = "".join(
                        w.text
                        for w in page.words
                        if x <= w.x0 <= x + width and top - 1 <= w.y0 <= bottom
                    )
                    page.cut.append(inside or f"({x:.0f}, {top:.0f})")


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def separated(pages: list[Page], pairs: list[tuple[str, str]]) -> list[str]:
    """The (label, value) pairs not printed whole on one page: some page must show the full label
    in a column and the full value in the column beside it."""
    problems = []
    for label, value in pairs:
        if not any(_beside(page, squeezed(label), squeezed(value)) for page in pages):
            problems.append(f"「{label}」と値「{value[:20]}…」が同じページに揃っていません")
    return problems


def _beside(page: Page, label: str, value: str) -> bool:
    for at in sorted({w.x0 - 0.5 for w in page.words}):
        if label in page.text(left_of=at) and value in page.text(right_of=at):
            return True
    return False


def parted_headings(pages: list[Page], pairs: list[tuple[str, str]]) -> list[str]:
    """The (heading, first label) pairs not kept together: every page that prints a section's
    heading must print, below it, the label of the section's first item (a heading is never left
    alone at the foot of a page)."""
    problems = []
    for heading, label in pairs:
        printed = [(page, top) for page in pages if (top := _top_of(page, heading)) is not None]
        if not printed:
            problems.append(f"見出し「{heading}」が印刷されていません")
        for page, top in printed:
            below = Page(page.number, [w for w in page.words if w.y0 > top + 3], page.sheet)
            if not shows(below, label):
                problems.append(
                    f"{page.sheet} {page.number}ページ: 見出し「{heading}」と"
                    f"最初の項目「{label}」が同じページに揃っていません"
                )
    return problems


def _top_of(page: Page, text: str) -> float | None:
    """Where the page prints ``text`` whole: the top of its first line (the lowest line from
    which on the text still reads whole), or None when the page does not print it."""
    wanted = squeezed(text)
    starts = sorted({w.y0 for w in page.words if (s := squeezed(w.text)) and wanted.startswith(s)})
    found = None
    for top in starts:
        if shows(Page(page.number, [w for w in page.words if w.y0 >= top - 0.5]), text):
            found = top
    return found


def shows(page: Page, text: str) -> bool:
    """Whether the page prints ``text`` whole in one column or a run of columns (a wrapped cell
    reads whole once the cells beside it are left out)."""
    wanted = squeezed(text)
    edges = sorted({w.x0 - 0.5 for w in page.words})
    return any(
        wanted in page.text(right_of=left, left_of=right)
        for i, left in enumerate(edges)
        for right in [*edges[i + 1 :], None]
    )


def cut_texts(pages: list[Page]) -> list[str]:
    return [f"{p.sheet} {p.number}ページ: {text}" for p in pages for text in p.cut]
