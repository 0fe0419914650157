from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from chiiki_common import clock
from chiiki_common.clock import Clock, jst_wall_clock, set_clock, to_jst
from chiiki_common.db import create_engine
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    KUMAMOTO,
    act,
    companies_for,
    company_number,
    complete,
    create,
    drive,
    published_plan,
    write,
)

FORBIDDEN_FIGURES = ("sales", "purchase", "売上", "仕入")


def at(moment: datetime) -> None:
    set_clock(Clock(moment, frozen=True))


async def test_lookup_one_and_batch_without_any_figures(ctx: PlansContext) -> None:
    plan = await published_plan(ctx.client, ctx.tokens, company=7)
    ministry = ctx.tokens.ministry()
    one = await ctx.client.get(f"/registry/v1/companies/{company_number(7)}", headers=ministry)
    assert one.status_code == 200
    body = one.json()
    assert (body["is_core_company"], body["b_review_consideration"], body["c_core_operator"]) == (
        True,
        True,
        False,
    )
    entry = body["plans"][0]
    assert (entry["plan_id"], entry["version"], entry["prefecture_name"]) == (
        plan["id"],
        1,
        "熊本県",
    )
    assert (entry["plan_type"], entry["role_label"], entry["support_target"]) == (
        "B",
        "計画推進の核となる企業",
        True,
    )
    assert entry["published_at"] == plan["published_at"]
    assert entry["role"] == "前工程の装置部品"
    assert not any(word in one.text for word in FORBIDDEN_FIGURES)
    numbers = [company_number(n) for n in range(1, 1001)]
    batch = await ctx.client.post(
        "/registry/v1/companies/lookup", json={"corporate_numbers": numbers}, headers=ministry
    )
    assert batch.status_code == 200
    hits = [r["corporate_number"] for r in batch.json()["results"] if r["is_core_company"]]
    assert hits == [company_number(7)]
    assert [r["position"] for r in batch.json()["results"]] == list(range(1000))
    too_many = await ctx.client.post(
        "/registry/v1/companies/lookup",
        json={"corporate_numbers": [*numbers, company_number(1001)]},
        headers=ministry,
    )
    assert too_many.status_code == 422


async def test_registry_needs_scope_or_national(ctx: PlansContext) -> None:
    url = f"/registry/v1/companies/{company_number(1)}"
    assert (
        await ctx.client.get(url, headers=ctx.tokens.ministry(scope="other"))
    ).status_code == 403
    assert (await ctx.client.get(url, headers=ctx.tokens.prefecture(KUMAMOTO))).status_code == 403
    assert (await ctx.client.get(url, headers=ctx.tokens.national())).status_code == 200
    assert (await ctx.client.get(url)).status_code == 401


async def test_drafts_and_unpublished_plans_are_not_in_the_registry(ctx: PlansContext) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    await drive(ctx.client, ctx.tokens, plan, "submit")
    response = await ctx.client.get(
        f"/registry/v1/companies/{company_number(1)}", headers=ctx.tokens.ministry()
    )
    assert response.json()["is_core_company"] is False
    listed = await ctx.client.get("/registry/v1/plans", headers=ctx.tokens.ministry())
    assert listed.json()["total"] == 0


async def test_published_list_is_cacheable(ctx: PlansContext) -> None:
    await published_plan(ctx.client, ctx.tokens)
    ministry = ctx.tokens.ministry()
    first = await ctx.client.get("/registry/v1/plans", headers=ministry)
    assert first.json()["total"] == 1
    companies = first.json()["items"][0]["core_companies"]
    assert [c["corporate_number"] for c in companies] == [company_number(1)]
    tag = first.headers["etag"]
    again = await ctx.client.get("/registry/v1/plans", headers={**ministry, "If-None-Match": tag})
    assert again.status_code == 304
    await published_plan(ctx.client, ctx.tokens, title="2件目", company=2)
    changed = await ctx.client.get("/registry/v1/plans", headers={**ministry, "If-None-Match": tag})
    assert changed.status_code == 200
    assert changed.json()["total"] == 2


async def test_attestation_receipt_answers_for_the_date_and_can_be_fetched_later(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await published_plan(ctx.client, ctx.tokens, company=1)
    # a revision replaces company 1 by company 2 and is published as version 2
    plan = await act(ctx.client, editor, plan, "revise")
    plan = await write(ctx.client, editor, plan, "PUT", "/core-companies", companies_for("B", 2))
    plan = await drive(ctx.client, ctx.tokens, plan, "publish")
    published_on = to_jst(datetime.fromisoformat(plan["published_at"])).date().isoformat()
    ministry = ctx.tokens.ministry()
    before = await ctx.client.post(
        "/registry/v1/attestations",
        json={"corporate_number": company_number(1), "on_date": "2026-01-01"},
        headers=ministry,
    )
    assert before.status_code == 201
    assert before.json()["was_core_company"] is False
    current = await ctx.client.get(f"/registry/v1/companies/{company_number(1)}", headers=ministry)
    assert current.json()["is_core_company"] is False
    on_day = await ctx.client.post(
        "/registry/v1/attestations",
        json={"corporate_number": company_number(2), "on_date": published_on},
        headers=ministry,
    )
    answer = on_day.json()
    assert answer["was_core_company"] is True
    assert answer["plans"][0]["version"] == 2
    fetched = await ctx.client.get(f"/registry/v1/attestations/{answer['id']}", headers=ministry)
    assert fetched.json() == answer
    other_ministry = ctx.tokens.ministry(org="meti")
    hidden = await ctx.client.get(
        f"/registry/v1/attestations/{answer['id']}", headers=other_ministry
    )
    assert hidden.status_code == 404


async def test_public_open_data_json_and_csv(ctx: PlansContext) -> None:
    plan = await published_plan(ctx.client, ctx.tokens, title="半導体(公表)")
    await create(ctx.client, ctx.tokens.prefecture(KUMAMOTO), "B", title="非公開の下書き")
    listed = (await ctx.client.get("/public/v1/plans")).json()
    assert [p["title"] for p in listed["items"]] == ["半導体(公表)"]
    detail = (await ctx.client.get(f"/public/v1/plans/{plan['id']}")).json()
    assert detail["version"] == 1
    assert detail["core_companies"][0]["corporate_number"] == company_number(1)
    assert "requirements" not in detail
    response = await ctx.client.get("/public/v1/plans.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert rows[0][0] == "計画ID"
    assert rows[1][2] == "半導体(公表)"
    assert len(rows) == 2


async def test_the_b_review_flag_is_only_for_b_core_companies_that_are_support_targets(
    ctx: PlansContext,
) -> None:
    b_plan = await published_plan(ctx.client, ctx.tokens, company=7, title="B計画")
    c_plan = await published_plan(ctx.client, ctx.tokens, plan_type="C", company=8, title="C計画")
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    not_supported = await complete(ctx.client, editor, await create(ctx.client, editor, "B"))
    not_supported = await write(
        ctx.client,
        editor,
        not_supported,
        "PUT",
        "/core-companies",
        [{**companies_for("B", 9)[0], "support_target": False}],
    )
    await drive(ctx.client, ctx.tokens, not_supported, "publish")
    ministry = ctx.tokens.ministry()

    async def flags(number: int) -> dict:
        answer = (
            await ctx.client.get(
                f"/registry/v1/companies/{company_number(number)}", headers=ministry
            )
        ).json()
        return answer  # type: ignore[no-any-return]

    b = await flags(7)
    assert (b["is_core_company"], b["b_review_consideration"], b["c_core_operator"]) == (
        True,
        True,
        False,
    )
    c = await flags(8)
    assert (c["is_core_company"], c["b_review_consideration"], c["c_core_operator"]) == (
        False,
        False,
        True,
    )
    assert [
        (e["plan_id"], e["plan_type"], e["role_label"], e["support_target"]) for e in c["plans"]
    ] == [(c_plan["id"], "C", "推進の核となる事業者", False)]
    listed = await flags(9)
    assert (listed["is_core_company"], listed["b_review_consideration"]) == (True, False)
    assert listed["plans"][0]["support_target"] is False
    assert b["plans"][0]["plan_id"] == b_plan["id"]
    published = (await ctx.client.get("/registry/v1/plans?type=C", headers=ministry)).json()
    assert published["items"][0]["core_companies"][0]["role_label"] == "推進の核となる事業者"


async def test_a_batch_answers_every_valid_number_and_marks_each_invalid_one_in_place(
    ctx: PlansContext,
) -> None:
    await published_plan(ctx.client, ctx.tokens, company=7)
    wrong_check = f"{(int(company_number(7)[0]) + 1) % 10}{company_number(7)[1:]}"
    full_width = company_number(7).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    sent = [company_number(7), "123", wrong_check, 1234567890123, full_width, company_number(8)]
    response = await ctx.client.post(
        "/registry/v1/companies/lookup",
        json={"corporate_numbers": sent},
        headers=ctx.tokens.ministry(),
    )
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [(r["position"], r["valid"], (r["error"] or {}).get("code")) for r in results] == [
        (0, True, None),
        (1, False, "corporate_number.format"),
        (2, False, "corporate_number.check_digit"),
        (3, False, "corporate_number.type"),
        (4, True, None),
        (5, True, None),
    ]
    assert [r["is_core_company"] for r in results] == [True, None, None, None, True, False]
    assert results[1]["corporate_number"] == "123"
    assert results[4]["corporate_number"] == company_number(7)
    assert all(r["error"]["message"] for r in results if not r["valid"])


async def test_an_attestation_for_a_day_after_today_is_refused_and_nothing_is_kept(
    ctx: PlansContext,
) -> None:
    await published_plan(ctx.client, ctx.tokens, company=7)
    at(jst_wall_clock(2026, 12, 1, 23, 30))
    ministry = ctx.tokens.ministry()
    tomorrow = await ctx.client.post(
        "/registry/v1/attestations",
        json={"corporate_number": company_number(7), "on_date": "2026-12-02"},
        headers=ministry,
    )
    assert tomorrow.status_code == 422
    assert tomorrow.json()["errors"][0]["field"] == "on_date"
    today = await ctx.client.post(
        "/registry/v1/attestations",
        json={"corporate_number": company_number(7), "on_date": "2026-12-01"},
        headers=ministry,
    )
    assert today.status_code == 201
    engine = create_engine(ctx.database_url)
    async with engine.connect() as connection:
        kept = await connection.scalar(text("SELECT count(*) FROM registry_receipts"))
    await engine.dispose()
    assert kept == 1


async def test_a_day_before_any_publication_answers_false_with_the_reason(
    ctx: PlansContext,
) -> None:
    at(jst_wall_clock(2026, 8, 20, 10, 0))
    await published_plan(ctx.client, ctx.tokens, company=7)
    at(jst_wall_clock(2026, 9, 10, 10, 0))
    await published_plan(ctx.client, ctx.tokens, company=8, title="後の計画")
    ministry = ctx.tokens.ministry()

    async def attest(number: int, day: str) -> dict:
        response = await ctx.client.post(
            "/registry/v1/attestations",
            json={"corporate_number": company_number(number), "on_date": day},
            headers=ministry,
        )
        assert response.status_code == 201, response.text
        return response.json()  # type: ignore[no-any-return]

    before = await attest(7, "2026-08-19")
    assert (before["was_core_company"], before["reason_code"]) == (
        False,
        "before_first_publication",
    )
    assert "2026-08-20" in before["reason"]
    not_yet = await attest(8, "2026-09-01")
    assert (not_yet["was_core_company"], not_yet["reason_code"]) == (False, "not_yet_listed")
    never = await attest(9, "2026-09-01")
    assert never["reason_code"] == "not_listed"
    on_day = await attest(7, "2026-08-20")
    assert (on_day["was_core_company"], on_day["b_review_consideration"], on_day["reason"]) == (
        True,
        True,
        None,
    )


async def test_a_receipt_answers_with_the_same_content_forever(ctx: PlansContext) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await published_plan(ctx.client, ctx.tokens, company=7)
    ministry = ctx.tokens.ministry()
    issued = (
        await ctx.client.post(
            "/registry/v1/attestations",
            json={"corporate_number": company_number(7), "on_date": clock.today_jst().isoformat()},
            headers=ministry,
        )
    ).json()
    # the plan is revised without the company and published again: the receipt does not move
    plan = await act(ctx.client, editor, plan, "revise")
    plan = await write(ctx.client, editor, plan, "PUT", "/core-companies", companies_for("B", 2))
    await drive(ctx.client, ctx.tokens, plan, "publish")
    later = await ctx.client.get(f"/registry/v1/attestations/{issued['id']}", headers=ministry)
    assert later.json() == issued
    engine = create_engine(ctx.database_url)
    with pytest.raises(DBAPIError):
        async with engine.begin() as connection:
            await connection.execute(text("UPDATE registry_receipts SET answer = '{}'"))
    # a receipt issued by an older version of the registry keeps its own shape
    old = {"id": "old-receipt", "corporate_number": company_number(7), "was_core_company": True}
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO registry_receipts (id, client_organisation, client, corporate_number,"
                " on_date, issued_at, answer) VALUES ('old-receipt', 'maff', 'client-maff', :n,"
                " :d, :t, :a)"
            ),
            {
                "n": company_number(7),
                "d": date(2026, 9, 1),
                "t": datetime(2026, 9, 1, tzinfo=UTC),
                "a": json.dumps(old),
            },
        )
    await engine.dispose()
    fetched = await ctx.client.get("/registry/v1/attestations/old-receipt", headers=ministry)
    assert fetched.json() == old


async def test_the_openapi_document_states_what_each_flag_means(ctx: PlansContext) -> None:
    schemas = (await ctx.client.get("/openapi.json")).json()["components"]["schemas"]
    lookup = schemas["CompanyLookup"]["properties"]
    assert "伴走支援の対象" in lookup["b_review_consideration"]["description"]
    assert "C類型の事業者では常に false" in lookup["b_review_consideration"]["description"]
    assert "推進の核となる事業者" in lookup["c_core_operator"]["description"]
    entry = schemas["CoreCompanyEntry"]["properties"]
    assert "推進の核となる事業者" in entry["role_label"]["description"]
    assert "位置" in schemas["BatchLookupEntry"]["properties"]["position"]["description"]


async def test_an_attestation_answers_from_the_version_in_force_on_that_day(
    ctx: PlansContext,
) -> None:
    at(jst_wall_clock(2026, 8, 20, 10, 0))
    plan = await published_plan(ctx.client, ctx.tokens, company=7)
    at(jst_wall_clock(2026, 9, 1, 9, 0))
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")  # tokens are issued on the platform clock
    plan = await act(ctx.client, editor, plan, "revise")
    plan = await write(ctx.client, editor, plan, "PUT", "/core-companies", companies_for("B", 2))
    at(jst_wall_clock(2026, 9, 10, 10, 0))
    await drive(ctx.client, ctx.tokens, plan, "publish")
    at(jst_wall_clock(2026, 9, 20, 10, 0))
    ministry = ctx.tokens.ministry()

    async def attest(day: str) -> dict:
        response = await ctx.client.post(
            "/registry/v1/attestations",
            json={"corporate_number": company_number(7), "on_date": day},
            headers=ministry,
        )
        assert response.status_code == 201, response.text
        return response.json()  # type: ignore[no-any-return]

    while_listed = await attest("2026-09-09")
    assert (while_listed["was_core_company"], while_listed["b_review_consideration"]) == (
        True,
        True,
    )
    assert [(e["plan_id"], e["version"]) for e in while_listed["plans"]] == [(plan["id"], 1)]
    assert to_jst(datetime.fromisoformat(while_listed["plans"][0]["published_at"])).date() == (
        date(2026, 8, 20)
    )
    removed = await attest("2026-09-10")
    assert (removed["was_core_company"], removed["reason_code"]) == (False, "not_listed")
    assert "2026-09-10" in removed["reason"]
    now = await ctx.client.get(f"/registry/v1/companies/{company_number(7)}", headers=ministry)
    assert now.json()["is_core_company"] is False
