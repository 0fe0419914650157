"""The printed page of a 様式 sheet: A4 portrait, one page wide, rows tall enough for every line,
and page breaks placed before a block (a label with its text, a table) rather than inside it.

Excel and LibreOffice never size a row to its wrapped text when a file is opened, and print what
the row's height shows, so the heights are estimated here from the text and the column widths
(a full-width character takes about two units of a column's width).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

COLUMN_WIDTHS = (26.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0)
"""Columns A–I: labels in A, values and table columns in B–I (Excel width units)."""
LAST_COLUMN = len(COLUMN_WIDTHS)

LINE_POINTS = 18.0
"""One line of 11pt text, Japanese fonts included (their line spacing is wider than Latin)."""
PADDING_POINTS = 4.0
MAX_ROW_POINTS = 409.0
"""The tallest row Excel allows; a longer text is continued on the rows below."""
MAX_ROW_LINES = int((MAX_ROW_POINTS - PADDING_POINTS) // LINE_POINTS) - 2

A4_POINTS = (595.3, 841.9)
MARGIN_INCHES = {"left": 0.5, "right": 0.5, "top": 0.75, "bottom": 0.75, "header": 0.3}
PAGE_FILL = 0.85
"""The share of a page's height the breaks plan for, so that a renderer that lays out slightly
taller rows than estimated still breaks where planned."""


def _units(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WFA" else 1


def span_width(first: int, last: int) -> float:
    return sum(COLUMN_WIDTHS[first - 1 : last])


def _per_line(width: float) -> int:
    # a little is kept back for the cell's padding and for words that do not break
    return max(2, math.floor(width * 0.9) - 1)


def lines(text: str, width: float) -> int:
    """Lines ``text`` takes when wrapped in a cell ``width`` units wide (each paragraph at least
    one), filling each line character by character."""
    per_line, count, used = _per_line(width), 1, 0
    for ch in text:
        if ch == "\n":
            count, used = count + 1, 0
            continue
        units = _units(ch)
        if used + units > per_line:
            count, used = count + 1, 0
        used += units
    return count


def row_points(line_count: int) -> float:
    return min(MAX_ROW_POINTS, line_count * LINE_POINTS + PADDING_POINTS)


def split_long(text: str, width: float, max_lines: int = MAX_ROW_LINES) -> list[str]:
    """``text`` cut into pieces that each fit one row; joined without separator they give back
    ``text`` exactly. A cut falls after 。 where it can, and never next to white space (a cell's
    leading or trailing blank would not survive every spreadsheet program)."""
    per_line = _per_line(width)
    pieces: list[str] = []
    start = 0
    while lines(text[start:], width) > max_lines:
        count, used, best, preferred = 1, 0, None, None
        for end in range(start, len(text)):
            ch = text[end]
            units = _units(ch)
            if ch == "\n" or used + units > per_line:
                count, used = count + 1, 0
            if count > max_lines:
                break
            used += 0 if ch == "\n" else units
            after = end + 1
            if after < len(text) and not ch.isspace() and not text[after].isspace():
                best = after
                if ch in "。」）":
                    preferred = after
        cut = preferred or best
        if cut is None or cut <= start:
            break
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _page_points() -> float:
    """The height of rows one printed page holds at the fit-to-width scale."""
    width_points = sum(math.floor(w * 7 + 5) for w in COLUMN_WIDTHS) * 0.75
    printable_width = A4_POINTS[0] - 72 * (MARGIN_INCHES["left"] + MARGIN_INCHES["right"])
    scale = min(1.0, printable_width / width_points)
    printable_height = A4_POINTS[1] - 72 * (MARGIN_INCHES["top"] + MARGIN_INCHES["bottom"])
    return printable_height / scale * PAGE_FILL


@dataclass
class Pages:
    """Rows of one sheet as blocks that should stay on one page, and the breaks between them."""

    heights: dict[int, float] = field(default_factory=dict)
    blocks: list[tuple[int, int]] = field(default_factory=list)
    title_rows: tuple[int, int] = (1, 1)

    def height(self, row: int) -> float:
        return self.heights.get(row, 15.0)

    def breaks(self) -> list[int]:
        """The rows after which a page ends: before every block that no longer fits on the page
        begun, and inside a block only where the block is taller than a page (its first three
        rows, a table's title, headings and first row, stay together)."""
        capacity = _page_points()
        repeated = sum(self.height(r) for r in range(self.title_rows[0], self.title_rows[1] + 1))
        out: list[int] = []
        used, row = 0.0, 1
        for first, last in self.blocks:
            for gap in range(row, first):  # the blank rows between blocks take room too
                used += self.height(gap)
            size = sum(self.height(r) for r in range(first, last + 1))
            if size > capacity - repeated:  # cannot fit any page: keep only its head together
                size = sum(self.height(r) for r in range(first, min(last, first + 2) + 1))
            if used + size > capacity and used > repeated:
                out.append(first - 1)
                used = repeated
            for number in range(first, last + 1):
                if used + self.height(number) > capacity and used > repeated:
                    out.append(number - 1)
                    used = repeated
                used += self.height(number)
            row = last + 1
        return out


def set_up_page(sheet: Worksheet, pages: Pages, header: str, footer: str) -> None:
    """A4 portrait, one page wide and as many tall as needed, the title rows on every page, the
    plan's title as the header and the page number and version as the footer."""
    for index, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row, points in pages.heights.items():
        sheet.row_dimensions[row].height = points
    for row in pages.breaks():
        sheet.row_breaks.append(Break(id=row))
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = sheet.ORIENTATION_PORTRAIT
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    margins = sheet.page_margins
    margins.left, margins.right = MARGIN_INCHES["left"], MARGIN_INCHES["right"]
    margins.top, margins.bottom = MARGIN_INCHES["top"], MARGIN_INCHES["bottom"]
    margins.header = margins.footer = MARGIN_INCHES["header"]
    sheet.print_title_rows = f"{pages.title_rows[0]}:{pages.title_rows[1]}"
    sheet.print_area = f"A1:{get_column_letter(LAST_COLUMN)}{max(sheet.max_row, 1)}"
    sheet.oddHeader.center.text = _escaped(header)
    sheet.oddHeader.center.size = 9
    sheet.oddFooter.left.text = _escaped(footer)
    sheet.oddFooter.center.text = "&P / &N"
    sheet.oddFooter.right.text = "&A"
    for item in (sheet.oddFooter.left, sheet.oddFooter.center, sheet.oddFooter.right):
        item.size = 9


def _escaped(text: str) -> str:
    """A header text with ``&`` doubled: a single one starts a code (&P, &N …)."""
    return text.replace("&", "&&")


def merged(sheet: Worksheet, row: int, spans: Sequence[tuple[int, int]]) -> None:
    for first, last in spans:
        if last > first:
            sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
