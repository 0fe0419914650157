"""A save that "succeeds" while dropping what was typed is a defect (issue 11): a value plans-api
cannot read is refused, naming its field in Japanese, and nothing of that save is written."""

from __future__ import annotations

from tests.common.untranslated import untranslated
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import KUMAMOTO, create, kgis_for


async def test_a_kgi_value_that_is_not_a_number_is_refused_not_stored_as_a_blank(
    ctx: PlansContext,
) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO)
    plan = await create(ctx.client, headers, "B")
    kgis = kgis_for("B")
    kgis[0]["target"] = "約100"
    kgis[1]["baseline"] = "令和7年度"
    response = await ctx.client.put(
        f"/api/plans/{plan['id']}/kgis", json=kgis, headers={**headers, "If-Match": '"1"'}
    )
    assert response.status_code == 422, response.text
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    # Both fields at once, never one per try.
    assert set(errors) == {"0/target", "1/baseline"}
    for message in errors.values():
        assert untranslated(message) == [], message
    current = (await ctx.client.get(f"/api/plans/{plan['id']}", headers=headers)).json()
    assert (current["version"], current["kgis"]) == (1, [])


async def test_an_item_the_section_does_not_have_is_refused_not_silently_left_out(
    ctx: PlansContext,
) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO)
    plan = await create(ctx.client, headers, "B")
    response = await ctx.client.patch(
        f"/api/plans/{plan['id']}",
        json={
            "title": "取り込まれてはならない名称",
            "sections": {"industry": {"reason": "半導体製造装置の集積", "reasons": "綴り違い"}},
        },
        headers={**headers, "If-Match": '"1"'},
    )
    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert error["field"] == "sections/industry/reasons"
    assert untranslated(error["message"]) == [], error["message"]
    current = (await ctx.client.get(f"/api/plans/{plan['id']}", headers=headers)).json()
    assert (current["version"], current["title"]) == (1, plan["title"])
