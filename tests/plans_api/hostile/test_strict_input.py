"""Identifiers are ASCII digits matched in full, full-width digits are converted and answered back,
numbers are numbers, and single-line fields take no line breaks: every refusal names each field and
stores nothing (read back), on SQLite and PostgreSQL."""

from __future__ import annotations

from tests.plans_api import factories
from tests.plans_api.conftest import PlansContext


def _full_width(digits: str) -> str:
    return digits.translate(str.maketrans("0123456789", "０１２３４５６７８９"))


async def test_a_corporate_number_typed_in_full_width_digits_is_stored_and_shown_in_ascii(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(factories.KUMAMOTO, "editor")
    plan = await factories.create(ctx.client, editor)
    number = factories.company_number(7)
    company = {**factories.companies_for("B")[0], "corporate_number": _full_width(number)}
    saved = await factories.write(ctx.client, editor, plan, "PUT", "/core-companies", [company])
    assert [c["corporate_number"] for c in saved["core_companies"]] == [number]


async def test_a_corporate_number_with_a_trailing_newline_or_other_characters_is_refused(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(factories.KUMAMOTO, "editor")
    plan = await factories.create(ctx.client, editor)
    number = factories.company_number(8)
    companies = [
        {**factories.companies_for("B")[0], "corporate_number": wrong}
        for wrong in (number + "\n", " " + number, number[:-1] + "٣", "+" + number[1:])
    ]
    response = await ctx.client.put(
        f"/api/plans/{plan['id']}/core-companies",
        json=companies,
        headers={**editor, "If-Match": f'"{plan["version"]}"'},
    )
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {f"{i}/corporate_number" for i in range(4)}
    messages = " ".join(error["message"] for error in response.json()["errors"])
    assert "法人番号" in messages or "改行" in messages
    stored = await ctx.client.get(f"/api/plans/{plan['id']}", headers=editor)
    assert stored.json()["core_companies"] == []


async def test_a_registry_lookup_takes_full_width_digits_and_answers_the_ascii_number(
    ctx: PlansContext,
) -> None:
    ministry = ctx.tokens.headers(tier="ministry_system", org="maff", scope="registry:read")
    number = factories.company_number(9)
    answer = await ctx.client.get(f"/registry/v1/companies/{_full_width(number)}", headers=ministry)
    assert answer.status_code == 200, answer.text
    assert answer.json()["corporate_number"] == number
    refused = await ctx.client.get(f"/registry/v1/companies/{number}%0A", headers=ministry)
    assert refused.status_code == 422


async def test_numbers_sent_as_strings_or_booleans_are_refused_field_by_field(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(factories.KUMAMOTO, "editor")
    response = await ctx.client.post(
        "/api/plans",
        json={
            "plan_type": "B",
            "title": "文字列の年度",
            "period_start_fy": "2027",
            "goal_fiscal_year": False,
        },
        headers=editor,
    )
    assert response.status_code == 422
    problems = {error["field"]: error["message"] for error in response.json()["errors"]}
    assert set(problems) == {"period_start_fy", "goal_fiscal_year"}
    assert all("数値" in message for message in problems.values())
    listed = await ctx.client.get("/api/plans", headers=editor)
    assert listed.json()["total"] == 0


async def test_a_title_with_a_line_break_is_refused_but_free_text_keeps_its_lines(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(factories.KUMAMOTO, "editor")
    refused = await ctx.client.post(
        "/api/plans", json={"plan_type": "B", "title": "一行目\n二行目"}, headers=editor
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "title"
    assert (await ctx.client.get("/api/plans", headers=editor)).json()["total"] == 0

    plan = await factories.create(ctx.client, editor)
    reason = "半導体製造装置の集積。\n\t第一に、装置部品の域内調達。\r\n第二に、人材。"
    sections = {**factories.SECTIONS_B, "industry": {"reason": reason}}
    patched = await ctx.client.patch(
        f"/api/plans/{plan['id']}",
        json={"sections": sections},
        headers={**editor, "If-Match": f'"{plan["version"]}"'},
    )
    assert patched.status_code == 200, patched.text
    stored = await ctx.client.get(f"/api/plans/{plan['id']}", headers=editor)
    assert stored.json()["sections"]["industry"]["reason"] == reason
