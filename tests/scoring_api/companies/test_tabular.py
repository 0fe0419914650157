"""Imported cells: only a number written with thousands separators loses its commas; every other
text (a company name such as 「株式会社A,B」) is kept as written."""

from __future__ import annotations

import httpx

from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import KUMAMOTO, corporate_number, create_company


async def test_a_name_keeps_its_commas_in_metis_list(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    number = corporate_number(1)
    content = (
        f'法人番号,企業名,都道府県,事業年度,備考\n{number},"株式会社A,B",43,"2,024","注1,注2"\n'
    )
    meti = tokens.national("editor", org="meti")
    imported = await client.post(
        "/api/scoring/reference-list/meti/import",
        files={"file": ("list.csv", content.encode())},
        headers=meti,
    )
    assert imported.status_code == 200, imported.text
    listing = await client.get(
        "/api/scoring/reference-list/meti", params={"fiscal_year": 2024}, headers=meti
    )
    [entry] = listing.json()["entries"]
    assert (entry["name"], entry["note"], entry["fiscal_year"]) == ("株式会社A,B", "注1,注2", 2024)


async def test_a_grouped_number_is_read_as_the_number(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    number = await create_company(client, editor, 1)
    content = (
        "法人番号,事業年度,売上高,域外売上高,仕入高,域内仕入高\n"
        f'{number},2024,"1,200",400,"1,000,000"," 300 "\n'
    )
    imported = await client.post(
        "/api/scoring/figures/import", files={"file": ("f.csv", content.encode())}, headers=editor
    )
    assert imported.status_code == 200, imported.text
    [figures] = (
        await client.get(f"/api/scoring/companies/{number}/figures", headers=editor)
    ).json()
    assert (figures["sales"], figures["purchases"], figures["in_prefecture_purchases"]) == (
        1200,
        1_000_000,
        300,
    )


async def test_commas_that_are_not_thousands_separators_make_no_number(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    """「1,2」 or 「12,00」 is not 12 or 1200: the row is refused with its place, nothing stored."""
    editor = tokens.prefecture(KUMAMOTO, "editor")
    number = await create_company(client, editor, 1)
    content = (
        "法人番号,事業年度,売上高,域外売上高,仕入高,域内仕入高\n"
        f'{number},2024,"1,2",400,"12,00",300\n'
    )
    refused = await client.post(
        "/api/scoring/figures/import", files={"file": ("f.csv", content.encode())}, headers=editor
    )
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["errors"]} == {"rows/2/sales", "rows/2/purchases"}
    stored = await client.get(f"/api/scoring/companies/{number}/figures", headers=editor)
    assert stored.json() == []
