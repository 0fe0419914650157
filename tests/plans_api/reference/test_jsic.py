"""The shipped 日本標準産業分類 list: what it holds, how the editor receives it, and a plan that
refuses an industry outside it."""

from __future__ import annotations

import pytest

from plans_api.plans.validation import validate_plan
from plans_api.reference import jsic
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import KUMAMOTO, create
from tests.plans_api.plans.test_validation_rules import plan_of


def test_the_list_holds_every_major_and_middle_division() -> None:
    codes = [e.code for e in jsic.entries()]
    assert [c for c in codes if len(c) == 1] == [chr(c) for c in range(ord("A"), ord("T") + 1)]
    assert sorted(c[1:] for c in codes if len(c) == 3) == [f"{n:02d}" for n in range(1, 100)]
    assert len(codes) == len(set(codes))


def test_each_middle_division_sits_under_its_major_division() -> None:
    by_code = {e.code: e for e in jsic.entries()}
    assert by_code["E28"].name == "電子部品・デバイス・電子回路製造業"
    assert by_code["E28"].label == "E28 電子部品・デバイス・電子回路製造業"
    assert by_code["E2813"].name == "半導体素子製造業（光電変換素子を除く）"
    assert by_code["E2814"].name == "集積回路製造業"
    assert by_code["E2671"].name == "半導体製造装置製造業"
    assert by_code["T99"].name == "分類不能の産業"
    assert jsic.find("A28") is None  # 28 is a manufacturing division, never agriculture's
    for entry in jsic.entries():
        if len(entry.code) > 1:
            assert entry.code[0] in by_code
        if len(entry.code) > 3:
            assert entry.code[:-1] in by_code, entry.code


async def test_the_editor_receives_the_whole_list(ctx: PlansContext) -> None:
    response = await ctx.client.get(
        "/api/plans/reference/jsic", headers=ctx.tokens.prefecture(KUMAMOTO, "editor")
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "令和5年7月改定" in body["revision"]
    items = {i["code"]: i for i in body["items"]}
    assert items["E28"]["label"] == "E28 電子部品・デバイス・電子回路製造業"
    assert items["E28"]["level"] == "中分類"
    assert items["E2814"]["level"] == "細分類"
    assert "半導体" in items["E2814"]["keywords"]
    assert len(items) == len(jsic.entries())


async def test_the_list_needs_a_login(ctx: PlansContext) -> None:
    response = await ctx.client.get("/api/plans/reference/jsic")
    assert response.status_code == 401


@pytest.mark.parametrize("code", ["E2899", "E28", "A01", "E281", "T"])
async def test_a_plan_takes_an_industry_of_the_list(ctx: PlansContext, code: str) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await create(ctx.client, editor, "B", jsic_codes=[code])
    assert plan["jsic_codes"] == [code]


@pytest.mark.parametrize("code", ["A28", "E00", "E2890", "U"])
async def test_a_plan_refuses_an_industry_outside_the_list(ctx: PlansContext, code: str) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await create(ctx.client, editor, "B")
    response = await ctx.client.patch(
        f"/api/plans/{plan['id']}",
        json={"jsic_codes": ["E28", code]},
        headers={**editor, "If-Match": f'"{plan["version"]}"'},
    )
    assert response.status_code == 422, response.text
    problem = response.json()
    fields = {e["field"]: e["message"] for e in problem["errors"]}
    assert list(fields) == ["jsic_codes/1"]
    message = fields["jsic_codes/1"]
    if code != "U":  # U fails the code's form before the list is consulted
        assert message.startswith("該当する業種(日本標準産業分類)")
        assert f"「{code}」" in message
    after = await ctx.client.get(f"/api/plans/{plan['id']}", headers=editor)
    assert after.json()["jsic_codes"] == []


def test_validation_lists_a_stored_industry_outside_the_list() -> None:
    plan = plan_of("B")
    assert validate_plan(plan).valid
    plan.jsic_codes = ["E28", "E2890"]
    errors = [(e.field, e.message, e.code) for e in validate_plan(plan).errors]
    assert errors == [
        (
            "jsic_codes/1",
            "該当する業種(日本標準産業分類)の2つ目は分類の一覧にありません。選び直してください",
            "jsic.unknown",
        )
    ]
