"""Who may call a plan route, as its signature declares it (``plans/auth.py``,
``workflow/auth.py``), and the order of the answers: 428 without If-Match, 404 for a plan the
caller may not see, 403 for a caller who may not do this, 412 for a stale If-Match, then what the
plan's state allows (409)."""

from __future__ import annotations

from typing import Any

import plans_api
from plans_api.app import create_app
from plans_api.settings import Settings
from tests.fixtures.apps import running
from tests.fixtures.auth import TokenFactory
from tests.fixtures.databases import DatabaseFactory
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    FUKUOKA,
    KIKUYO,
    KUMAMOTO,
    KUMAMOTO_CITY,
    complete,
    create,
    drive,
)


async def _send(
    ctx: PlansContext,
    headers: dict[str, str],
    plan: dict[str, Any],
    method: str,
    path: str,
    body: Any,
    version: int | None = None,
) -> tuple[int, str]:
    extra = {} if version is None else {"If-Match": f'"{version}"'}
    response = await ctx.client.request(
        method, f"/api/plans/{plan['id']}{path}", json=body, headers={**headers, **extra}
    )
    return response.status_code, response.json().get("detail", "")


async def test_a_write_without_if_match_is_428_even_on_a_plan_the_caller_may_not_see(
    ctx: PlansContext,
) -> None:
    plan = await create(ctx.client, ctx.tokens.prefecture(KUMAMOTO), "B")
    stranger = ctx.tokens.prefecture(FUKUOKA)
    assert (await _send(ctx, stranger, plan, "PATCH", "", {"title": "他県"}))[0] == 428
    status, _ = await _send(ctx, stranger, plan, "PATCH", "", {"title": "他県"}, plan["version"])
    assert status == 404


async def test_a_reader_who_is_not_an_author_is_refused_before_a_stale_version(
    ctx: PlansContext,
) -> None:
    plan = await create(ctx.client, ctx.tokens.municipality(KIKUYO), "C")
    prefecture = ctx.tokens.prefecture(KUMAMOTO, "editor")
    assert (await ctx.client.get(f"/api/plans/{plan['id']}", headers=prefecture)).status_code == 200
    status, detail = await _send(ctx, prefecture, plan, "PATCH", "", {"title": "県"}, 99)
    assert (status, detail) == (403, "この計画の作成団体ではないため、閲覧のみ可能です")


async def test_a_viewer_of_the_authoring_organisation_may_not_write(ctx: PlansContext) -> None:
    plan = await create(ctx.client, ctx.tokens.prefecture(KUMAMOTO), "B")
    viewer = ctx.tokens.prefecture(KUMAMOTO, "viewer")
    status, detail = await _send(ctx, viewer, plan, "PUT", "/kpis", [], plan["version"])
    assert (status, detail) == (403, "計画の編集には編集者以上の役割が必要です")


async def test_a_stale_version_is_412_before_the_frozen_state_is_409(ctx: PlansContext) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO)
    plan = await drive(
        ctx.client,
        ctx.tokens,
        await complete(ctx.client, editor, await create(ctx.client, editor, "B")),
        "request_precheck",
    )
    stale = plan["version"] - 1
    assert (await _send(ctx, editor, plan, "PATCH", "", {"title": "変更"}, stale))[0] == 412
    status, _ = await _send(ctx, editor, plan, "PATCH", "", {"title": "変更"}, plan["version"])
    assert status == 409


async def test_only_the_lead_author_changes_the_co_authors(ctx: PlansContext) -> None:
    lead = ctx.tokens.prefecture(KUMAMOTO)
    plan = await create(ctx.client, lead, "B", co_authors=[KUMAMOTO_CITY])
    co_author = ctx.tokens.municipality(KUMAMOTO_CITY, designated_city=True)
    body = {"organisations": []}
    status, detail = await _send(ctx, co_author, plan, "PUT", "/co-authors", body, plan["version"])
    assert (status, detail) == (403, "共同作成団体は代表団体のみが変更できます")
    status, _ = await _send(ctx, co_author, plan, "PUT", "/kpis", [], plan["version"])
    assert status == 200
    status, _ = await _send(ctx, lead, plan, "PUT", "/co-authors", body, plan["version"] + 1)
    assert status == 200


async def test_the_queues_name_the_tier_that_reads_them(ctx: PlansContext) -> None:
    municipality = ctx.tokens.municipality(KIKUYO)
    review = await ctx.client.get("/api/plans/review-queue", headers=municipality)
    assert review.status_code == 403
    assert review.json()["detail"] == "事前確認の審査一覧は国の利用者のみ参照できます"
    national = ctx.tokens.national("reviewer")
    prefecture = await ctx.client.get("/api/plans/prefecture-queue", headers=national)
    assert prefecture.status_code == 403
    assert prefecture.json()["detail"] == "取りまとめの一覧は都道府県の利用者のみ参照できます"
    assert (await ctx.client.get("/api/plans/review-queue", headers=national)).status_code == 200
    pref = ctx.tokens.prefecture(KUMAMOTO)
    assert (await ctx.client.get("/api/plans/prefecture-queue", headers=pref)).status_code == 200


async def test_a_plan_is_created_by_a_local_governments_editor(ctx: PlansContext) -> None:
    body = {"plan_type": "C", "title": "計画"}
    for headers in (ctx.tokens.national("admin"), ctx.tokens.municipality(KIKUYO, "viewer")):
        response = await ctx.client.post("/api/plans", json=body, headers=headers)
        assert response.status_code == 403
        assert response.json()["detail"] == (
            "B類型は都道府県・政令指定都市、C類型は市区町村・都道府県の編集者が作成できます"
        )
    machine = ctx.tokens.ministry()
    assert (await ctx.client.get("/api/plans", headers=machine)).json()["items"] == []


async def test_a_step_checks_the_version_before_the_actor_and_the_actor_before_the_state(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    approver = ctx.tokens.prefecture(KUMAMOTO, "approver")
    plan = await create(ctx.client, editor, "B")
    step = {"action": "request_precheck"}
    stale = plan["version"] + 1
    assert (await _send(ctx, editor, plan, "POST", "/transitions", step, stale))[0] == 412
    status, detail = await _send(ctx, editor, plan, "POST", "/transitions", step, plan["version"])
    assert (status, detail) == (
        403,
        "この操作は代表作成団体の承認者(知事等・市町村長等の代理)が行います",
    )
    review = {"action": "start_review"}
    national = ctx.tokens.national("reviewer")
    status, _ = await _send(ctx, national, plan, "POST", "/transitions", review, plan["version"])
    assert status == 404
    status, _ = await _send(ctx, approver, plan, "POST", "/transitions", step, plan["version"])
    assert status == 422
    announce = {"action": "announce"}
    status, _ = await _send(ctx, approver, plan, "POST", "/transitions", announce, plan["version"])
    assert status == 409


async def test_a_requirement_is_judged_by_a_national_reviewer(ctx: PlansContext) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO)
    plan = await drive(
        ctx.client,
        ctx.tokens,
        await complete(ctx.client, editor, await create(ctx.client, editor, "B")),
        "start_review",
    )
    verdict = {"verdict": "satisfied", "comment": "確認しました"}
    path = "/requirements/1/review"
    publisher = ctx.tokens.national("publisher")
    status, detail = await _send(ctx, publisher, plan, "PUT", path, verdict, plan["version"])
    assert (status, detail) == (403, "要件の確認は国の確認担当者が行います")
    reviewer = ctx.tokens.national("reviewer")
    assert (await _send(ctx, reviewer, plan, "PUT", path, verdict, plan["version"] - 1))[0] == 412
    assert (await _send(ctx, reviewer, plan, "PUT", path, verdict, plan["version"]))[0] == 200


async def test_the_plan_dependency_and_the_handler_share_one_session(
    backend: str, database_factory: DatabaseFactory, tokens: TokenFactory
) -> None:
    url = database_factory.fresh(backend, "plans_api", plans_api.MIGRATIONS)
    settings = Settings(
        database_url=url, environment="test", log_requests=False, publication_poll_seconds=3600
    )
    app = create_app(settings, verifier=tokens.verifier(settings.audience))
    maker = app.state.sessionmaker
    opened: list[object] = []

    def counting() -> Any:
        session = maker()
        opened.append(session)
        return session

    app.state.sessionmaker = counting
    async with running(app) as client:
        editor = tokens.prefecture(KUMAMOTO)
        plan = await create(client, editor, "B")
        opened.clear()
        response = await client.patch(
            f"/api/plans/{plan['id']}",
            json={"title": "一つの取引で"},
            headers={**editor, "If-Match": f'"{plan["version"]}"'},
        )
        assert response.status_code == 200
        assert len(opened) == 1
        again = await client.get(f"/api/plans/{plan['id']}", headers=editor)
        assert again.json()["title"] == "一つの取引で"
