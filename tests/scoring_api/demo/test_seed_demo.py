"""``seed-demo`` gives a demo with scores, a 参考リスト and 熊本県's call, and a second run
changes nothing."""

from __future__ import annotations

import argparse

import httpx
from sqlalchemy import text

from chiiki_common.db import create_engine
from chiiki_common.validators import is_valid_corporate_number
from scoring_api import demo
from scoring_api.settings import Settings
from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import KUMAMOTO

TABLES = ("companies", "company_figures", "transactions", "company_scores", "calls", "applications")


async def _snapshot(settings: Settings) -> dict[str, object]:
    engine = create_engine(settings.database_url)
    async with engine.connect() as connection:
        counts = {
            t: (await connection.execute(text(f"SELECT count(*) FROM {t}"))).scalar_one()
            for t in TABLES
        }
        computed = (
            await connection.execute(text("SELECT max(computed_at) FROM company_scores"))
        ).scalar_one()
    await engine.dispose()
    return {**counts, "computed_at": computed}


async def test_seed_demo_is_idempotent_and_shows_scores_list_and_call(
    settings: Settings, client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    await demo.run(settings, argparse.Namespace(plan_id="7"))
    first = await _snapshot(settings)
    await demo.run(settings, argparse.Namespace(plan_id="7"))
    assert await _snapshot(settings) == first
    assert first["calls"] == 1
    viewer = tokens.prefecture(KUMAMOTO, "viewer")
    companies = (
        await client.get("/api/scoring/companies", params={"limit": 500}, headers=viewer)
    ).json()
    assert companies["total"] >= 30
    assert all(c["name"].endswith("(サンプル)") for c in companies["items"])
    assert all(is_valid_corporate_number(c["corporate_number"]) for c in companies["items"])
    listing = (
        await client.get(
            "/api/scoring/reference-list", params={"fiscal_year": demo.FISCAL_YEAR}, headers=viewer
        )
    ).json()
    assert len(listing["entries"]) >= 2
    calls = (await client.get("/api/scoring/calls", headers=viewer)).json()
    assert calls[0]["closes_at_jst"] == "2026-06-01T12:00:00+09:00"
    assert calls[0]["plan_id"] == "7"
    applications = (
        await client.get(f"/api/scoring/calls/{calls[0]['id']}/applications", headers=viewer)
    ).json()
    assert len(applications) == 5
