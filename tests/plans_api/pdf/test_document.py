"""The document itself: wrapped text kept whole, headings kept with their content, the same bytes
for the same version, the draft mark, a structurally valid file with its font embedded."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from plans_api.models import PlanType
from plans_api.pdf.document import (
    DRAFT_MARK,
    TABLES,
    PlanDocument,
    font_files,
    half_year,
    jst_date,
    render,
)
from plans_api.plans.content import SectionsB, SupportStructureB
from plans_api.settings import REPOSITORY_FONTS
from plans_api.versions.labels import HEADINGS
from tests.plans_api.factories import (
    COMMITMENT_B,
    SECTIONS_B,
    companies_for,
    kgis_for,
    kpis_for,
)
from tests.plans_api.pdf.reading import (
    diagonal_texts,
    embedded_fonts,
    fonts_installed,
    pages,
    problems,
    text,
)

PUBLISHED = datetime(2026, 7, 31, 15, 30, tzinfo=UTC)
"""2026-08-01 00:30 JST: the publication day in Japan is the next day."""
LONG = (
    "半導体関連産業の集積を生かし、地域の中小企業が装置部品の供給網に参入できるよう支援する。" * 40
)


@pytest.fixture(scope="module")
def fonts() -> Any:
    fonts_installed()
    return font_files(REPOSITORY_FONTS)


def content(**changes: Any) -> dict[str, Any]:
    sections = {heading: dict(items) for heading, items in SECTIONS_B.items()}
    for heading in sections:
        for name in sections[heading]:
            sections[heading][name] = f"{heading}.{name}: {LONG[: 90 * (len(name) % 7 + 1)]}"
    base = {
        "plan_type": "B",
        "title": "熊本県半導体サプライチェーン強靱化計画",
        "lead_organisation": "430005",
        "lead_prefecture": "43",
        "authors": [{"organisation": "430005", "is_lead": True}],
        "period_start_fy": 2026,
        "period_end_fy": 2030,
        "goal_fiscal_year": 2035,
        "strategic_fields": ["ai_semiconductor"],
        "jsic_codes": ["E28"],
        "sections": sections,
        "commitment": COMMITMENT_B,
        "core_companies": [c for n in range(1, 9) for c in companies_for("B", n)],
        "kgis": kgis_for("B"),
        "kpis": kpis_for() * 3,
    }
    return {**base, **changes}


def published(**changes: Any) -> PlanDocument:
    return PlanDocument(content(**changes), version=2, published_at=PUBLISHED, as_of=PUBLISHED)


def test_long_text_wraps_and_is_printed_whole(fonts: Any) -> None:
    sections = content()["sections"]
    sections["path"]["basic_strategy"] = LONG * 3
    data = render(published(sections=sections), fonts)
    assert len(pages(data)) > 3
    assert LONG * 3 in text(data)


def _labels() -> set[str]:
    """Every heading and item label a B document prints."""
    labels = set(HEADINGS[PlanType.B].values())
    labels |= {"(1) 業種(日本標準産業分類)", "KPI「支援件数」の施策(5W1H)"}
    labels |= {label for _, label, _ in TABLES["B"].values()}
    for model in (*SectionsB.model_fields.values(), *SupportStructureB.model_fields.values()):
        labels.add(str(model.description))
        for field in getattr(model.annotation, "model_fields", {}).values():
            labels.add(str(field.description))
    return labels


def test_a_heading_is_never_the_last_thing_on_its_page(fonts: Any) -> None:
    labels = _labels()
    for filler in range(0, 600, 60):
        sections = content()["sections"]
        sections["industry"]["reason"] = LONG[:filler] or "理由"
        data = render(published(sections=sections), fonts)
        for number, page in enumerate(pages(data)[:-1], start=1):
            body = [line.strip() for line in page.split("\n") if "ページ" not in line]
            assert body[-1] not in labels, (filler, number, body[-3:])
            assert not body[-1].startswith(("指標", "名称", "項目")), (filler, number, body[-3:])


def test_same_version_gives_the_same_bytes(fonts: Any) -> None:
    first = render(published(), fonts)
    assert render(published(), fonts) == first
    changed = render(published(title="別の計画"), fonts)
    assert changed != first


def test_publication_date_and_version_in_japanese_calendar(fonts: Any) -> None:
    data = render(published(), fonts)
    assert jst_date(PUBLISHED) == "2026年8月1日(令和8年8月1日)"
    assert "第2版" in text(data)
    assert "2026年8月1日(令和8年8月1日)" in text(data)
    assert "2026年度(令和8年度)〜2030年度(令和12年度)" in text(data)
    assert half_year("2026H2") == "2026年度下期(令和8年度下期)"


def test_draft_mark_across_every_page_of_a_draft_only(fonts: Any) -> None:
    draft = PlanDocument(content(), version=1, published_at=None, as_of=PUBLISHED)
    marks = diagonal_texts(render(draft, fonts))
    assert len(marks) > 1
    assert marks == [DRAFT_MARK] * len(marks)
    published_pages = pages(render(published(), fonts))
    assert not any(DRAFT_MARK in page for page in published_pages)


def test_file_is_valid_and_embeds_its_font(fonts: Any) -> None:
    data = render(published(), fonts)
    assert problems(data) == []
    assert data.startswith(b"%PDF-")
    assert any(
        name.endswith("BIZUDPGothic") or "BIZUDPGothic" in name for name in embedded_fonts(data)
    )


def test_missing_font_is_named(tmp_path: Any) -> None:
    from plans_api.pdf.document import FontsMissing

    with pytest.raises(FontsMissing) as caught:
        font_files(tmp_path)
    assert {p.name for p in caught.value.missing} == {
        "BIZUDPGothic-Regular.ttf",
        "BIZUDPGothic-Bold.ttf",
    }


def test_municipal_authors_are_named_never_coded(fonts: Any) -> None:
    """A C plan of 菊陽町 with 熊本市 as co-author: both by name as the directory gives them; a
    municipality the directory has not named yet is said with its prefecture, never as a bare
    code."""
    kikuyo = content(
        plan_type="C",
        lead_organisation="434043",
        authors=[
            {"organisation": "434043", "is_lead": True},
            {"organisation": "431001", "is_lead": False},
            {"organisation": "432024", "is_lead": False},
        ],
    )
    named = PlanDocument(
        kikuyo,
        version=1,
        published_at=PUBLISHED,
        as_of=PUBLISHED,
        names={"434043": "菊陽町", "431001": "熊本市"},
    )
    printed = text(render(named, fonts))
    assert "熊本県菊陽町" in printed
    assert "熊本県熊本市" in printed
    assert "熊本県(団体コード 432024)" in printed
    assert "434043" not in printed
    assert "431001" not in printed
