"""A plan as a printable A4 document (PDF): the six description items with the KGI, KPI and core
company tables where the 様式 place them, the commitment, the version and the publication date.

Rendering is a pure function of its input: the same content, version and date give the same
bytes (the creation date is the publication time, the file identifier a digest of the content),
so a published version's PDF never changes while the layout does not. The font is embedded
(subset); no system font is read. The file declares PDF/A-2U.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF, FontFace
from fpdf.enums import TableCellFillMode, WrapMode
from fpdf.output import OutputProducer

from chiiki_common import clock
from plans_api.directory.service import organisation_label
from plans_api.kpis.periods import half_year_label as half_year
from plans_api.models import PlanType
from plans_api.organisations import prefecture_name
from plans_api.plans.content import COMMITMENT_MODELS, SECTION_MODELS, STRATEGIC_FIELDS
from plans_api.plans.disclosure import withheld_paths
from plans_api.plans.headings import HEADINGS
from plans_api.plans.kgi_requirements import KgiKind
from plans_api.plans.validation import FIVE_W1H_LABELS
from plans_api.plans.withdrawal import COMPARATOR_LABELS
from plans_api.reference import jsic
from plans_api.versions.labels import kgi_name

FONT = "BIZUDPGothic"
FONT_FILES = {"": "BIZUDPGothic-Regular.ttf", "B": "BIZUDPGothic-Bold.ttf"}
"""Style → file in the font directory (``scripts/fetch_fonts.py`` installs both)."""

TYPE_NAMES = {t.value: t.full_label for t in PlanType}
"""「B類型 地域産業クラスター計画」 by the letter the snapshot keeps (``PlanType.full_label``)."""
DRAFT_MARK = "下書き"
DRAFT_NOTE = "公表前の下書きです。内容は変更されることがあります。"
DRAFT_WITHHELD_NOTE = "公表版には掲載されません(企業の個別の投資案件を含むため)"
EMPTY = "(記載なし)"
GREY = 225
"""The watermark's grey: light enough to read the text through it."""
LINE = 5.6
"""Body line height (mm) at 10.5 pt."""
KEEP_WITH_HEADING = 3 * LINE
"""The lines of an item's text that must share its label's page (a longer text may then break)."""

COMPLIANCE = "PDF/A-2U"
"""Archival PDF with Unicode text (every character maps back to its code point, so the text can
be searched and extracted): fpdf2 adds the output intent and the XMP identification."""
_XMP_DATES = re.compile(r'xmp:(ModifyDate|MetadataDate)="[^"]*"')


class FontsMissing(Exception):
    """The font directory lacks a file the document embeds."""

    def __init__(self, missing: Sequence[Path]) -> None:
        super().__init__(", ".join(str(p) for p in missing))
        self.missing = list(missing)


def font_files(directory: Path) -> dict[str, Path]:
    """The font files by style; :class:`FontsMissing` names those that are not there."""
    files = {style: directory / name for style, name in FONT_FILES.items()}
    missing = [path for path in files.values() if not path.is_file()]
    if missing:
        raise FontsMissing(missing)
    return files


@dataclass(frozen=True)
class PlanDocument:
    """What one PDF shows. ``content`` has the shape of a published snapshot's content
    (``workflow.service._publish_snapshot``); a draft's content is the plan as it is now."""

    content: dict[str, Any]
    version: int
    """The publication's number (公表の第n版; a draft's: the publication it will become), never the
    edit history's version number the staff screens show as 版."""
    published_at: datetime | None
    """None: not published (the draft mark on every page)."""
    as_of: datetime
    """The moment the content is from: the publication, or a draft's last change."""
    names: Mapping[str, str] = field(default_factory=dict)
    """The authors' names by organisation code (``plans_api.directory``)."""

    @property
    def draft(self) -> bool:
        return self.published_at is None

    @property
    def plan_type(self) -> str:
        return str(self.content.get("plan_type") or "")

    @property
    def title(self) -> str:
        return str(self.content.get("title") or "")


# --- values as people read them ------------------------------------------------------------------


def fiscal_year(value: object) -> str:
    """2026 → 2026年度(令和8年度) (``clock.fiscal_year_label``); a year not given reads —."""
    return clock.fiscal_year_label(value) if isinstance(value, int) else "—"


def jst_date(moment: datetime) -> str:
    """2026-07-01 → 2026年7月1日(令和8年7月1日), the day in Japan."""
    day = clock.to_jst(moment).date()
    return f"{day.year}年{day.month}月{day.day}日({clock.wareki(day)})"


def number(value: object, unit: str = "") -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,}" if isinstance(value, int | float) else str(value)
    return f"{text}{unit}"


def _text(value: object) -> str:
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def _kgi_label(kgi: dict[str, Any]) -> str:
    label = kgi_name(kgi)
    name = str(kgi.get("name") or "")
    if name and name not in (label, kgi.get("kind")):
        return f"{label}\n({name})"
    return label


def _kgi_years(kgi: dict[str, Any], end: str) -> str:
    year = kgi.get(f"{end}_year")
    if end == "target" and kgi.get("kind") == KgiKind.capex_cumulative:
        return f"{fiscal_year(kgi.get('baseline_year'))}〜{fiscal_year(year)}の累積"
    return fiscal_year(year)


def _withdrawal(kpi: dict[str, Any]) -> str:
    criterion = kpi.get("withdrawal")
    if not isinstance(criterion, dict):
        return EMPTY
    comparator = COMPARATOR_LABELS.get(str(criterion.get("comparator")), "")
    line = f"{number(criterion.get('threshold'), str(kpi.get('unit') or ''))}{comparator}"
    text = criterion.get("text")
    return f"{line}\n{text}" if text else line


def _sub_items(model: Any) -> list[tuple[str, str]]:
    return [(name, field.description or name) for name, field in model.model_fields.items()]


# --- layout ---------------------------------------------------------------------------------------


class _Pdf(FPDF):
    def __init__(self, document: PlanDocument, fonts: dict[str, Path]) -> None:
        super().__init__(
            orientation="portrait", unit="mm", format="A4", enforce_compliance=COMPLIANCE
        )
        self.document = document
        for style, path in fonts.items():
            self.add_font(FONT, style, str(path))
        self.set_margins(18, 20, 18)
        self.set_auto_page_break(True, margin=20)
        self.set_creation_date(document.as_of)
        self.set_lang("ja")
        self.set_title(document.title)
        self.set_subject(TYPE_NAMES.get(document.plan_type, ""))
        self.set_author(
            organisation_label(str(document.content.get("lead_organisation") or ""), document.names)
        )
        self.set_creator("地域産業成長プラン")
        self.set_producer("地域産業成長プラン")
        self.alias_nb_pages()

    def header(self) -> None:
        if self.document.draft:
            self._watermark()
        self.set_xy(self.l_margin, 10)
        self.set_font(FONT, "", 8)
        self.set_text_color(90)
        self.cell(0, 5, self._fitted(self.document.title), new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(180)
        self.line(self.l_margin, self.y, self.w - self.r_margin, self.y)
        self.set_text_color(0)
        self.set_y(max(self.y + 4, self.t_margin))

    def _fitted(self, text: str) -> str:
        """``text`` cut to one line of the page's width (the running header)."""
        if self.get_string_width(text) <= self.epw:
            return text
        while text and self.get_string_width(text + "…") > self.epw:
            text = text[:-1]
        return text + "…"

    def _watermark(self) -> None:
        """「下書き」 diagonally across the page, drawn first so the text stays on top of it."""
        self.set_font(FONT, "B", 110)
        self.set_text_color(GREY)
        width = self.get_string_width(DRAFT_MARK)
        with self.rotation(45, self.w / 2, self.h / 2):
            self.text(self.w / 2 - width / 2, self.h / 2 + 15, DRAFT_MARK)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, "", 8)
        self.set_text_color(90)
        document = self.document
        when = (
            f"公表日 {jst_date(document.published_at)}"
            if document.published_at
            else f"{DRAFT_MARK}({jst_date(document.as_of)}時点)"
        )
        self.cell(0, 5, f"公表 第{document.version}版 {when}", align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"{self.page_no()} / {{nb}} ページ", align="R")
        self.set_text_color(0)

    # building blocks: each block says the height that must fit below whatever precedes it

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` more fits on this one."""
        if self.will_page_break(height):
            self.add_page()

    def lines(self, text: str, width: float, size: float = 10.5, style: str = "") -> int:
        self.set_font(FONT, style, size)
        lines = self.multi_cell(
            width, LINE, text, dry_run=True, output="LINES", wrapmode=WrapMode.CHAR
        )
        return len(lines) if isinstance(lines, list) else 1

    def heading(self, text: str, following: float) -> None:
        """A heading of the description items, on the same page as ``following`` mm of what
        comes after it."""
        height = 8 * self.lines(text, self.epw, 13, "B")
        self.keep(2 + height + 1.5 + following)
        self.ln(2)
        self.set_font(FONT, "B", 13)
        self.set_fill_color(238, 241, 246)
        self.multi_cell(
            0, 8, text, fill=True, new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.CHAR
        )
        self.ln(1.5)

    def label_height(self, label: str) -> float:
        return LINE * self.lines(label, self.epw, 10.5, "B")

    def item(self, label: str, value: str, note: str | None = None) -> Entry:
        """A labelled text: the label and the first lines of its text on one page."""
        body = value if note is None else f"{value}\n{note}"
        need = self.label_height(label) + min(
            LINE * self.lines(body, self.epw - 4), KEEP_WITH_HEADING
        )

        def draw() -> None:
            self.set_font(FONT, "B", 10.5)
            self.multi_cell(0, LINE, label, new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.CHAR)
            self.set_font(FONT, "", 10.5)
            self.set_x(self.l_margin + 4)
            self.multi_cell(
                self.epw - 4, LINE, value, new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.CHAR
            )
            if note:
                self.set_x(self.l_margin + 4)
                self.set_text_color(110)
                self.multi_cell(
                    self.epw - 4, LINE, note, new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.CHAR
                )
                self.set_text_color(0)
            self.ln(1.5)

        return Entry(need, draw)

    def _row_height(self, cells: Sequence[str], widths: Sequence[int], style: str = "") -> float:
        return LINE * max(
            (self.lines(c, w - 2.4, 9.5, style) for c, w in zip(cells, widths, strict=True)),
            default=1,
        )

    def table_item(
        self,
        label: str,
        headings: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[int],
    ) -> Entry:
        """A labelled table: the label, the heading row and the first row on one page; the
        heading row repeats on every page the table reaches."""
        if not rows:
            return self.item(label, EMPTY)
        need = (
            self.label_height(label)
            + self._row_height(headings, widths, "B")
            + self._row_height(rows[0], widths)
            + 2 * 2.4
        )

        def draw() -> None:
            self.set_font(FONT, "B", 10.5)
            self.multi_cell(0, LINE, label, new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.CHAR)
            self.set_font(FONT, "", 9.5)
            self.set_draw_color(150)
            with self.table(
                col_widths=tuple(widths),
                width=self.epw,
                line_height=5,
                padding=1.2,
                text_align="LEFT",
                v_align="TOP",
                wrapmode=WrapMode.CHAR,
                headings_style=FontFace(emphasis="BOLD", fill_color=(238, 241, 246)),
                cell_fill_mode=TableCellFillMode.NONE,
            ) as table:
                table.row(list(headings))
                for values in rows:
                    table.row(list(values))
            self.ln(3)

        return Entry(need, draw)


@dataclass(frozen=True)
class Entry:
    """One labelled item or table of the document: the height that must fit on the page it
    starts on (its label never left alone at the foot of a page), and how to draw it."""

    need: float
    draw: Callable[[], None]


def _place(pdf: _Pdf, entries: Sequence[Entry]) -> None:
    for entry in entries:
        pdf.keep(entry.need)
        entry.draw()


def _basics(pdf: _Pdf, document: PlanDocument) -> None:
    content = document.content
    pdf.set_font(FONT, "", 10.5)
    pdf.set_text_color(60)
    pdf.multi_cell(0, LINE, TYPE_NAMES.get(document.plan_type, ""), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.set_font(FONT, "B", 18)
    pdf.multi_cell(0, 9, document.title, new_x="LMARGIN", new_y="NEXT", wrapmode=WrapMode.CHAR)
    pdf.ln(2)
    if document.draft:
        pdf.set_font(FONT, "B", 10.5)
        pdf.set_text_color(160, 40, 40)
        pdf.multi_cell(0, LINE, DRAFT_NOTE, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0)
        pdf.ln(1)
    authors = [a.get("organisation", "") for a in content.get("authors") or []]
    lead = str(content.get("lead_organisation") or "")
    start, end = content.get("period_start_fy"), content.get("period_end_fy")
    rows = [
        ("作成団体", organisation_label(lead, document.names)),
        *(
            [
                (
                    "共同作成団体",
                    "、".join(organisation_label(a, document.names) for a in authors if a != lead),
                )
            ]
            if len(authors) > 1
            else []
        ),
        ("都道府県", prefecture_name(str(content.get("lead_prefecture") or lead[:2]))),
        ("計画の類型", TYPE_NAMES.get(document.plan_type, "")),
        ("計画期間", f"{fiscal_year(start)}〜{fiscal_year(end)}"),
        ("目標年度", fiscal_year(content.get("goal_fiscal_year"))),
        (
            "戦略分野(17分野)",
            _text([STRATEGIC_FIELDS.get(f, f) for f in content.get("strategic_fields") or []]),
        ),
        ("公表の版", f"第{document.version}版"),
        (
            "公表日",
            jst_date(document.published_at) if document.published_at else "未公表(下書き)",
        ),
    ]
    pdf.set_font(FONT, "", 10)
    pdf.set_draw_color(150)
    with pdf.table(
        col_widths=(40, 134),
        width=pdf.epw,
        line_height=5.4,
        padding=1.2,
        text_align="LEFT",
        first_row_as_headings=False,
        wrapmode=WrapMode.CHAR,
    ) as table:
        for label, value in rows:
            row = table.row()
            row.cell(label, style=FontFace(emphasis="BOLD", fill_color=(238, 241, 246)))
            row.cell(value)
    pdf.ln(3)


def _companies(pdf: _Pdf, label: str, content: dict[str, Any]) -> list[Entry]:
    """Name and role only: nothing about a company's size or trade is printed (disclosure rule)."""
    rows = [
        (str(c.get("name") or ""), _text(c.get("role")))
        for c in content.get("core_companies") or []
    ]
    return [
        pdf.table_item(
            label, ("名称", "サプライチェーン・バリューチェーン内での役割"), rows, (70, 104)
        )
    ]


def _kgis(pdf: _Pdf, label: str, content: dict[str, Any]) -> list[Entry]:
    rows = [
        (
            _kgi_label(k),
            f"{number(k.get('baseline'), str(k.get('unit') or ''))}\n{_kgi_years(k, 'baseline')}",
            f"{number(k.get('target'), str(k.get('unit') or ''))}\n{_kgi_years(k, 'target')}",
            _text(k.get("basis")),
        )
        for k in content.get("kgis") or []
    ]
    return [
        pdf.table_item(label, ("指標", "基準値", "目標値", "設定の根拠"), rows, (50, 40, 48, 36))
    ]


def _kpis(pdf: _Pdf, label: str, content: dict[str, Any]) -> list[Entry]:
    kgis = {str(k.get("key")): kgi_name(k) for k in content.get("kgis") or []}
    kpis = content.get("kpis") or []
    rows = []
    for kpi in kpis:
        unit = str(kpi.get("unit") or "")
        targets = "\n".join(
            f"{half_year(t.get('period'))}: {number(t.get('value'), unit)}"
            for t in kpi.get("targets") or []
        )
        rows.append(
            (
                str(kpi.get("name") or ""),
                number(kpi.get("baseline"), unit),
                targets or EMPTY,
                _withdrawal(kpi),
                kgis.get(str(kpi.get("kgi_key")), "—"),
            )
        )
    entries = [
        pdf.table_item(
            label,
            ("指標", "基準値", "半期ごとの目標値", "撤退基準", "対応するKGI"),
            rows,
            (36, 22, 46, 38, 32),
        )
    ]
    for kpi in kpis:
        measure = kpi.get("five_w1h") or {}
        rows_5w1h = [(title, _text(measure.get(name))) for name, title in FIVE_W1H_LABELS.items()]
        entries.append(
            pdf.table_item(
                f"KPI「{kpi.get('name') or ''}」の施策(5W1H)",
                ("項目", "内容"),
                rows_5w1h,
                (32, 142),
            )
        )
    return entries


Block = Callable[[_Pdf, str, dict[str, Any]], list[Entry]]

TABLES: dict[str, dict[str, tuple[int, str, Block]]] = {
    PlanType.B.value: {
        "area": (1, "(2) 計画推進の核となる企業", _companies),
        "present_and_goals": (1, "(2) 目標(KGI)", _kgis),
        "policy": (2, "(3) KPI及び撤退基準", _kpis),
    },
    PlanType.C.value: {
        "area": (1, "(2) 推進の核となる事業者", _companies),
        "present_and_goals": (1, "(2) 目標(KGI)", _kgis),
        "policy": (3, "(4) KPI及び撤退基準", _kpis),
    },
}
"""The tables inside the description items (heading → position among its items, label, block),
where seed 000 ①記載項目 numbers them (B 2(2) 核となる企業, 3(2) 目標, 5(3) KPI; C 5(4))."""


def _industries(content: dict[str, Any]) -> str:
    codes = content.get("jsic_codes") or []
    return _text([(entry.label if (entry := jsic.find(c)) else str(c)) for c in codes])


def _section(pdf: _Pdf, title: str, entries: Sequence[Entry]) -> None:
    pdf.heading(title, following=entries[0].need if entries else 0)
    _place(pdf, entries)


def _sections(pdf: _Pdf, document: PlanDocument) -> None:
    plan_type = PlanType(document.plan_type)
    content = document.content
    sections = content.get("sections") or {}
    withheld = withheld_paths(plan_type.value)
    models = SECTION_MODELS[plan_type].model_fields
    for heading, title in HEADINGS[plan_type].items():
        items = sections.get(heading) or {}
        entries: list[Entry] = []
        for name, label in _sub_items(models[heading].annotation):
            path = f"sections/{heading}/{name}"
            if path in withheld and not document.draft:
                entries.append(pdf.item(label, withheld[path]))
            else:
                note = DRAFT_WITHHELD_NOTE if path in withheld else None
                entries.append(pdf.item(label, _text(items.get(name)), note))
        if plan_type == PlanType.B and heading == "industry":
            entries.insert(0, pdf.item("(1) 業種(日本標準産業分類)", _industries(content)))
        table = TABLES[plan_type.value].get(heading)
        if table is not None:
            position, label, block = table
            entries[position:position] = block(pdf, label, content)
        _section(pdf, title, entries)


def _commitment(pdf: _Pdf, document: PlanDocument) -> None:
    plan_type = PlanType(document.plan_type)
    commitment = document.content.get("commitment") or {}
    title = (
        "自治体のコミットメント(伴走支援体制)"
        if plan_type == PlanType.B
        else "自治体のコミットメント(相談窓口)"
    )
    entries = [
        pdf.item(label, _text(commitment.get(name)))
        for name, label in _sub_items(COMMITMENT_MODELS[plan_type])
    ]
    _section(pdf, title, entries)


class _FixedDates(OutputProducer):
    """fpdf2 dates the XMP metadata's modification at the moment of writing; the document's own
    date (its creation date) is used instead, so the same version gives the same bytes."""

    def _build_xmp_from_info(self) -> str:
        xmp = super()._build_xmp_from_info()
        created = re.search(r'xmp:CreateDate="([^"]*)"', xmp)
        if created is None:
            return xmp
        return _XMP_DATES.sub(lambda m: f'xmp:{m[1]}="{created[1]}"', xmp)


def render(document: PlanDocument, fonts: dict[str, Path]) -> bytes:
    """The PDF of ``document``: A4 portrait, the font embedded, page numbers in the footer, the
    draft mark on every page of an unpublished version."""
    if document.plan_type not in (PlanType.B.value, PlanType.C.value):
        raise ValueError(f"no layout for plan type {document.plan_type!r}")
    pdf = _Pdf(document, fonts)
    pdf.add_page()
    _basics(pdf, document)
    _sections(pdf, document)
    _commitment(pdf, document)
    return bytes(pdf.output(output_producer_class=_FixedDates))
