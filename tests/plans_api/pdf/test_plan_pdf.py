"""The plan's PDF through the API: the published versions for everyone, any version staff may
read, the same file every time, nothing of a company but its name and role."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from chiiki_common import clock
from plans_api.app import create_app
from plans_api.pdf.document import DRAFT_MARK, jst_date
from plans_api.plans.disclosure import WITHHELD_NOTE
from plans_api.plans.kgi_requirements import KGI_KIND_LABELS, KgiKind
from plans_api.settings import Settings
from tests.fixtures.apps import running
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    FUKUOKA,
    KIKUYO,
    KUMAMOTO,
    SECTIONS_B,
    act,
    companies_for,
    complete,
    create,
    drive,
    kgis_for,
    name_in_directory,
    write,
)
from tests.plans_api.pdf.reading import (
    diagonal_texts,
    embedded_fonts,
    fonts_installed,
    problems,
    text,
)

OWN_KGI = {
    "key": "own-1",
    "kind": "own",
    "name": "半導体関連の新規雇用者数",
    "unit": "人",
    "baseline": 0,
    "baseline_year": 2026,
    "target": 1200,
    "target_year": 2035,
    "basis": "立地企業の採用計画",
}
INVESTMENT_CASE = "第二工場の建設に420億円を投資する個別案件"
COMPANIES = [
    {**companies_for("B", 1)[0], "scale": "従業員300名"},
    {**companies_for("B", 2)[0], "name": "菊陽精密工業（サンプル）", "scale": "従業員45名"},
]


@pytest.fixture(autouse=True)
def _fonts() -> None:
    fonts_installed()


async def _drafted(ctx: PlansContext, org: str = KUMAMOTO) -> dict[str, Any]:
    editor = ctx.tokens.prefecture(org, "editor")
    plan = await complete(
        ctx.client, editor, await create(ctx.client, editor, "B", title="熊本県半導体計画/第1期")
    )
    sections = {**SECTIONS_B, "path": {**SECTIONS_B["path"], "investment_picture": INVESTMENT_CASE}}
    plan = await write(ctx.client, editor, plan, "PATCH", "", {"sections": sections})
    plan = await write(ctx.client, editor, plan, "PUT", "/kgis", [*kgis_for("B"), OWN_KGI])
    return await write(ctx.client, editor, plan, "PUT", "/core-companies", COMPANIES)


async def _published(ctx: PlansContext) -> dict[str, Any]:
    return await drive(ctx.client, ctx.tokens, await _drafted(ctx), "publish")


def _pdf(response: httpx.Response) -> bytes:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    return response.content


async def test_published_plan_pdf_needs_no_login_and_shows_the_plan(ctx: PlansContext) -> None:
    plan = await _published(ctx)
    response = await ctx.client.get(f"/public/v1/plans/{plan['id']}.pdf")
    data = _pdf(response)
    content = text(data)
    assert "熊本県半導体計画/第1期" in content
    assert "熊本県" in content
    assert "B類型 地域産業クラスター計画" in content
    for kind in (
        KgiKind.capex_target_year,
        KgiKind.capex_cumulative,
        KgiKind.value_added,
        KgiKind.human_resources,
    ):
        assert KGI_KIND_LABELS[kind] in content
    assert OWN_KGI["name"] in content
    assert "支援件数" in content
    assert "5件未満" in content
    for company in COMPANIES:
        assert company["name"] in content
        assert company["role"] in content
    published_at = datetime.fromisoformat(plan["published_at"])
    assert "第1版" in content
    assert jst_date(published_at) in content
    assert clock.wareki(clock.to_jst(published_at).date()) in content
    assert "伴走支援の担当部署" in content
    assert "商工労働部 産業振興課" in content
    assert DRAFT_MARK not in content
    assert problems(data) == []
    assert any("BIZUDPGothic" in name for name in embedded_fonts(data))
    disposition = response.headers["content-disposition"]
    assert "filename*=UTF-8''" + quote("熊本県半導体計画_第1期_第1版.pdf", safe="") in disposition
    assert f'filename="plan-{plan["id"]}-v1.pdf"' in disposition
    assert response.headers["etag"]


async def test_no_company_figure_and_no_investment_case_in_the_published_pdf(
    ctx: PlansContext,
) -> None:
    plan = await _published(ctx)
    content = text(_pdf(await ctx.client.get(f"/public/v1/plans/{plan['id']}.pdf")))
    for company in COMPANIES:
        assert company["scale"] not in content
        assert company["corporate_number"] not in content
    assert not any(word in content for word in ("売上", "仕入"))
    assert INVESTMENT_CASE not in content
    assert WITHHELD_NOTE in content


async def test_same_version_gives_the_same_file(ctx: PlansContext) -> None:
    plan = await _published(ctx)
    first = await ctx.client.get(f"/public/v1/plans/{plan['id']}.pdf")
    second = await ctx.client.get(f"/public/v1/plans/{plan['id']}.pdf")
    assert _pdf(first) == _pdf(second)
    assert first.headers["etag"] == second.headers["etag"]
    by_number = await ctx.client.get(f"/public/v1/plans/{plan['id']}/versions/1.pdf")
    assert _pdf(by_number) == first.content
    unchanged = await ctx.client.get(
        f"/public/v1/plans/{plan['id']}.pdf", headers={"If-None-Match": first.headers["etag"]}
    )
    assert unchanged.status_code == 304
    staff = await ctx.client.get(
        f"/api/plans/{plan['id']}/document.pdf", headers=ctx.tokens.national("reviewer")
    )
    assert _pdf(staff) == first.content


async def test_same_file_from_a_new_process(ctx: PlansContext) -> None:
    plan = await _published(ctx)
    first = _pdf(await ctx.client.get(f"/public/v1/plans/{plan['id']}.pdf"))
    settings = Settings(
        database_url=ctx.database_url,
        environment="test",
        log_requests=False,
        publication_poll_seconds=3600,
    )
    async with running(create_app(settings, verifier=ctx.tokens.verifier(settings.audience))) as c:
        assert _pdf(await c.get(f"/public/v1/plans/{plan['id']}.pdf")) == first


async def test_unpublished_plan_has_no_public_pdf(ctx: PlansContext) -> None:
    plan = await drive(ctx.client, ctx.tokens, await _drafted(ctx), "submit")
    for path in (
        f"/public/v1/plans/{plan['id']}.pdf",
        f"/public/v1/plans/{plan['id']}/versions/1.pdf",
    ):
        response = await ctx.client.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["title"] == "対象が見つかりません"
    assert (await ctx.client.get("/public/v1/plans/999999.pdf")).status_code == 404


async def test_draft_pdf_is_marked_on_every_page(ctx: PlansContext) -> None:
    plan = await _drafted(ctx)
    response = await ctx.client.get(
        f"/api/plans/{plan['id']}/document.pdf", headers=ctx.tokens.prefecture(KUMAMOTO)
    )
    data = _pdf(response)
    marks = diagonal_texts(data)
    assert len(marks) > 1
    assert marks == [DRAFT_MARK] * len(marks)
    assert "公表日 未公表(下書き)" in text(data)
    assert INVESTMENT_CASE in text(data)
    assert problems(data) == []
    assert quote("_下書き.pdf", safe="") in response.headers["content-disposition"]
    again = await ctx.client.get(
        f"/api/plans/{plan['id']}/document.pdf", headers=ctx.tokens.prefecture(KUMAMOTO)
    )
    assert again.content == data


async def test_staff_pdf_refuses_other_tenants_and_anonymous_callers(ctx: PlansContext) -> None:
    plan = await _published(ctx)
    path = f"/api/plans/{plan['id']}/document.pdf"
    other = await ctx.client.get(path, headers=ctx.tokens.prefecture(FUKUOKA))
    assert other.status_code == 404
    assert other.json()["detail"] == "計画が見つかりません"
    anonymous = await ctx.client.get(path)
    assert anonymous.status_code == 401
    assert (await ctx.client.get(path, headers=ctx.tokens.prefecture(KUMAMOTO))).status_code == 200


async def test_earlier_published_versions_stay_as_published(ctx: PlansContext) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await _published(ctx)
    first = _pdf(await ctx.client.get(f"/public/v1/plans/{plan['id']}.pdf"))
    plan = await act(ctx.client, editor, plan, "revise")
    renamed = [{**COMPANIES[0], "name": "阿蘇半導体（サンプル）"}]
    plan = await write(ctx.client, editor, plan, "PUT", "/core-companies", renamed)
    # while the revision is drafted, the public keep the first version and staff see the draft
    assert _pdf(await ctx.client.get(f"/public/v1/plans/{plan['id']}.pdf")) == first
    draft = _pdf(await ctx.client.get(f"/api/plans/{plan['id']}/document.pdf", headers=editor))
    assert DRAFT_MARK in diagonal_texts(draft)[0]
    assert "第2版" in text(draft)
    assert "阿蘇半導体（サンプル）" in text(draft)
    plan = await drive(ctx.client, ctx.tokens, plan, "publish")
    current = text(_pdf(await ctx.client.get(f"/public/v1/plans/{plan['id']}.pdf")))
    assert "第2版" in current
    assert "阿蘇半導体（サンプル）" in current
    assert DRAFT_MARK not in current
    earlier = _pdf(await ctx.client.get(f"/public/v1/plans/{plan['id']}/versions/1.pdf"))
    assert earlier == first
    # staff name a version as the version history does: the one published first is its file
    first_published = await _last_version_of_revision(ctx, plan, editor, 1)
    staff_earlier = await ctx.client.get(
        f"/api/plans/{plan['id']}/document.pdf",
        params={"version": first_published},
        headers=editor,
    )
    assert _pdf(staff_earlier) == first
    missing = await ctx.client.get(f"/public/v1/plans/{plan['id']}/versions/3.pdf")
    assert missing.status_code == 404
    staff_missing = await ctx.client.get(
        f"/api/plans/{plan['id']}/document.pdf", params={"version": 10_000}, headers=editor
    )
    assert staff_missing.status_code == 404
    assert staff_missing.json()["detail"] == "指定された版が見つかりません"


async def _history(
    ctx: PlansContext, plan: dict[str, Any], headers: dict[str, str]
) -> list[dict[str, Any]]:
    """The plan's version history as staff read it (newest first)."""
    response = await ctx.client.get(
        f"/api/plans/{plan['id']}/versions", params={"limit": 500}, headers=headers
    )
    assert response.status_code == 200, response.text
    return response.json()["items"]  # type: ignore[no-any-return]


async def _last_version_of_revision(
    ctx: PlansContext, plan: dict[str, Any], headers: dict[str, str], revision: int
) -> int:
    return max(
        v["version"] for v in await _history(ctx, plan, headers) if v["revision"] == revision
    )


async def _version_pdf(
    ctx: PlansContext, plan: dict[str, Any], version: int, headers: dict[str, str]
) -> httpx.Response:
    return await ctx.client.get(
        f"/api/plans/{plan['id']}/document.pdf", params={"version": version}, headers=headers
    )


async def test_every_version_of_the_history_has_its_pdf(ctx: PlansContext) -> None:
    """Staff read any version of the version history as a PDF, by its number there: an earlier
    draft as it was then, marked 「下書き」 on every page; the version that was published is the
    very file of its publication; the same version gives the same bytes."""
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await _drafted(ctx)
    newest, before_companies = (await _history(ctx, plan, editor))[:2]
    assert "核となる企業" in newest["changed_areas"]  # the version that listed COMPANIES
    not_yet = _pdf(await _version_pdf(ctx, plan, newest["version"], editor))
    assert diagonal_texts(not_yet)[0] == DRAFT_MARK  # to be published, not yet published
    plan = await drive(ctx.client, ctx.tokens, plan, "publish")
    published = _pdf(await ctx.client.get(f"/public/v1/plans/{plan['id']}.pdf"))
    plan = await act(ctx.client, editor, plan, "revise")
    renamed = [{**COMPANIES[0], "name": "阿蘇半導体（サンプル）"}]
    plan = await write(ctx.client, editor, plan, "PUT", "/core-companies", renamed)

    at_publication = await _last_version_of_revision(ctx, plan, editor, 1)
    assert at_publication == newest["version"]
    assert _pdf(await _version_pdf(ctx, plan, at_publication, editor)) == published

    revised = await _last_version_of_revision(ctx, plan, editor, 2)
    response = await _version_pdf(ctx, plan, revised, editor)
    draft = _pdf(response)
    marks = diagonal_texts(draft)
    assert marks
    assert marks == [DRAFT_MARK] * len(marks)
    assert "阿蘇半導体（サンプル）" in text(draft)
    assert "第2版" in text(draft)
    assert INVESTMENT_CASE in text(draft)  # staff read the draft whole, as in the editor
    assert problems(draft) == []
    assert quote("_下書き.pdf", safe="") in response.headers["content-disposition"]
    assert _pdf(await _version_pdf(ctx, plan, revised, editor)) == draft

    earlier = _pdf(await _version_pdf(ctx, plan, before_companies["version"], editor))
    assert diagonal_texts(earlier)[0] == DRAFT_MARK
    printed = text(earlier)
    assert "熊本県半導体計画/第1期" in printed
    assert COMPANIES[1]["name"] not in printed
    assert "阿蘇半導体（サンプル）" not in printed
    assert "第1版" in printed
    assert earlier == _pdf(await _version_pdf(ctx, plan, before_companies["version"], editor))
    reviewer = ctx.tokens.national("reviewer")
    assert _pdf(await _version_pdf(ctx, plan, at_publication, reviewer)) == published


async def test_a_version_the_history_does_not_hold_is_a_404_in_japanese(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await _drafted(ctx)
    newest = max(v["version"] for v in await _history(ctx, plan, editor))
    for version in (newest + 1, 10_000):
        response = await _version_pdf(ctx, plan, version, editor)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["title"] == "対象が見つかりません"
        assert response.json()["detail"] == "指定された版が見つかりません"
    refused = await _version_pdf(ctx, plan, 0, editor)
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("application/problem+json")


async def test_a_version_of_another_tenancys_plan_is_a_404(ctx: PlansContext) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await drive(ctx.client, ctx.tokens, await _drafted(ctx), "publish")
    for version in (1, await _last_version_of_revision(ctx, plan, editor, 1)):
        other = await _version_pdf(ctx, plan, version, ctx.tokens.prefecture(FUKUOKA))
        assert other.status_code == 404
        assert other.headers["content-type"].startswith("application/problem+json")
        assert other.json()["detail"] == "計画が見つかりません"
        anonymous = await ctx.client.get(
            f"/api/plans/{plan['id']}/document.pdf", params={"version": version}
        )
        assert anonymous.status_code == 401
        assert (await _version_pdf(ctx, plan, version, editor)).status_code == 200


async def test_missing_font_answers_503_in_japanese(ctx: PlansContext, tmp_path: Path) -> None:
    plan = await _published(ctx)
    settings = Settings(
        database_url=ctx.database_url,
        environment="test",
        log_requests=False,
        publication_poll_seconds=3600,
        pdf_font_dir=tmp_path,
    )
    async with running(create_app(settings, verifier=ctx.tokens.verifier(settings.audience))) as c:
        response = await c.get(f"/public/v1/plans/{plan['id']}.pdf")
        assert response.status_code == 503
        assert response.json()["title"].startswith("PDFを作成できません")
        # the person reading it is told whom to ask; the operator's remedy is in the log only
        assert response.json()["detail"].endswith("システムの管理者にお問い合わせください")
        assert "fetch_fonts" not in response.text
        assert (await c.get(f"/public/v1/plans/{plan['id']}")).status_code == 200


async def test_a_municipal_plan_names_its_author_as_the_directory_does(ctx: PlansContext) -> None:
    editor = ctx.tokens.municipality(KIKUYO, "editor")
    plan = await create(ctx.client, editor, "C", title="菊陽町 地場産業成長プラン")
    before = text(
        _pdf(await ctx.client.get(f"/api/plans/{plan['id']}/document.pdf", headers=editor))
    )
    await name_in_directory(ctx.database_url, KIKUYO, "菊陽町")
    after = text(
        _pdf(await ctx.client.get(f"/api/plans/{plan['id']}/document.pdf", headers=editor))
    )
    assert f"熊本県(団体コード {KIKUYO})" in before  # not yet read from the directory
    assert "熊本県菊陽町" in after
    assert KIKUYO not in after
