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
from plans_api.plans.content import SECTION_MODELS, SectionsB, SupportStructureB
from plans_api.plans.disclosure import withheld_paths
from plans_api.plans.headings import HEADINGS
from plans_api.plans.kgi_requirements import KGI_KIND_LABELS, KgiKind
from plans_api.settings import REPOSITORY_FONTS
from tests.plans_api.factories import (
    COMMITMENT_B,
    COMMITMENT_C,
    SECTIONS_B,
    SECTIONS_C,
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


SECTION_WORDS = ("真珠養殖", "天草諸島", "干潟再生", "蒸留塔", "奨学金制度", "地産地消")
"""One word per description item, in the order of the six headings, printed nowhere else."""
RENAMED_KGI = "域内付加価値額"


def _six_items(plan_type: PlanType) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """A published content of ``plan_type`` whose every description item holds its own text, and
    (heading, that text) for each of the six items, the headings as the plan type defines them."""
    b = plan_type == PlanType.B
    sections = {h: dict(items) for h, items in (SECTIONS_B if b else SECTIONS_C).items()}
    withheld = withheld_paths(plan_type.value)
    models = SECTION_MODELS[plan_type].model_fields
    expected = []
    for (heading, title), word in zip(HEADINGS[plan_type].items(), SECTION_WORDS, strict=True):
        item = next(
            name
            for name in models[heading].annotation.model_fields  # type: ignore[union-attr]
            if f"sections/{heading}/{name}" not in withheld
        )
        sections[heading][item] = f"{word}に取り組む"
        expected.append((title, f"{word}に取り組む"))
    kgis = [
        {**k, "name": RENAMED_KGI} if k["kind"] == KgiKind.value_added else k
        for k in kgis_for(plan_type.value)
    ]
    changes: dict[str, Any] = {"plan_type": plan_type.value, "sections": sections, "kgis": kgis}
    if not b:
        changes |= {"commitment": COMMITMENT_C, "jsic_codes": [], "lead_organisation": "434043"}
    return content(**changes), expected


@pytest.mark.parametrize("plan_type", [PlanType.B, PlanType.C])
def test_the_six_items_are_printed_each_under_its_heading(fonts: Any, plan_type: PlanType) -> None:
    """Each of the six description items, as the plan type names it, with its own text between
    its heading and the next one; a mandatory KGI its authors renamed reads by its kind and by the
    name they gave it."""
    document, expected = _six_items(plan_type)
    printed = text(render(published(**document), fonts))
    at = 0
    for heading, written in expected:
        assert heading in printed[at:], heading
        at = printed.index(heading, at) + len(heading)
        assert written in printed[at:], written
        after = printed.index(written, at)
        assert all(h not in printed[at:after] for h, _ in expected), (heading, written)
        at = after
    assert RENAMED_KGI in printed
    assert KGI_KIND_LABELS[KgiKind.value_added] in printed
