"""経済産業省's 参考リスト (seed 000 ⑨): METI imports it as a CSV or xlsx file, each import is the next
version of each fiscal year it holds, and "on the reference list" means on the current version —
not the platform's estimate, which stays beside it. Evidence may be filed for any company METI's
list does not name; METI confirms it only for ≤ 2,000 employees."""

from __future__ import annotations

import io
from typing import Any

import httpx
from openpyxl import Workbook
from sqlalchemy import text

from chiiki_common.db import create_engine
from scoring_api.settings import Settings
from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import FUKUOKA, KUMAMOTO, corporate_number, create_company

HEADER = "法人番号,企業名,都道府県,事業年度,備考"


def _csv(rows: list[str]) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def _import(
    client: httpx.AsyncClient, headers: dict[str, str], content: bytes, name: str = "list.csv"
) -> httpx.Response:
    return await client.post(
        "/api/scoring/reference-list/meti/import", files={"file": (name, content)}, headers=headers
    )


async def _meti_list(
    client: httpx.AsyncClient, headers: dict[str, str], **params: Any
) -> dict[str, Any]:
    response = await client.get(
        "/api/scoring/reference-list/meti", params={"fiscal_year": 2024, **params}, headers=headers
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def _count(settings: Settings, table: str) -> int:
    engine = create_engine(settings.database_url)
    async with engine.connect() as connection:
        value = (await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
    await engine.dispose()
    return int(value)


async def test_meti_imports_its_list_and_each_prefecture_sees_its_own_companies(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    meti = tokens.national("editor", org="meti")
    kumamoto_a, kumamoto_b, fukuoka = corporate_number(1), corporate_number(2), corporate_number(3)
    response = await _import(
        client,
        meti,
        _csv(
            [
                f"{kumamoto_a},菊陽精密工業株式会社(サンプル),43,2024,民間DB 2024年版",
                f"{kumamoto_b},阿蘇食品株式会社(サンプル),430005,2024,",
                f"{fukuoka},博多部品株式会社(サンプル),40,2024,",
            ]
        ),
    )
    assert response.status_code == 200, response.text
    [version] = response.json()["versions"]
    assert (version["fiscal_year"], version["version"], version["entry_count"]) == (2024, 1, 3)
    assert version["organisation"] == "meti"
    kumamoto = await _meti_list(client, tokens.prefecture(KUMAMOTO, "viewer"))
    assert (kumamoto["source"], kumamoto["label"]) == ("meti", "経済産業省 参考リスト")
    assert kumamoto["version"]["version"] == 1
    assert {(e["corporate_number"], e["prefecture"], e["note"]) for e in kumamoto["entries"]} == {
        (kumamoto_a, "43", "民間DB 2024年版"),
        (kumamoto_b, "43", None),
    }
    fukuoka_view = await _meti_list(client, tokens.prefecture(FUKUOKA, "viewer"))
    assert [e["corporate_number"] for e in fukuoka_view["entries"]] == [fukuoka]
    national = await _meti_list(client, tokens.national("reviewer"))
    assert len(national["entries"]) == 3
    outsider = await _meti_list(client, tokens.municipality("431001", "admin"))
    assert outsider["entries"] == []
    empty_year = await _meti_list(client, meti, fiscal_year=2023)
    assert (empty_year["version"], empty_year["entries"]) == (None, [])


async def test_a_new_import_is_the_next_version_and_the_earlier_one_stays_readable(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    meti = tokens.national("editor", org="meti")
    a, b = corporate_number(1), corporate_number(2)
    first = _xlsx(
        [
            ["法人番号", "企業名", "都道府県", "事業年度", "備考"],
            [int(a), "A社(サンプル)", 43, 2024, None],
            [int(b), "B社(サンプル)", 43, 2023, None],
        ]
    )
    imported = await _import(client, meti, first, "参考リスト.xlsx")
    assert imported.status_code == 200, imported.text
    assert [(v["fiscal_year"], v["version"]) for v in imported.json()["versions"]] == [
        (2023, 1),
        (2024, 1),
    ]
    second = await _import(client, meti, _csv([f"{b},B社(サンプル),43,2024,追加"]))
    assert [(v["fiscal_year"], v["version"]) for v in second.json()["versions"]] == [(2024, 2)]
    viewer = tokens.prefecture(KUMAMOTO, "viewer")
    current = await _meti_list(client, viewer)
    assert current["version"]["version"] == 2
    assert [e["corporate_number"] for e in current["entries"]] == [b]
    earlier = await _meti_list(client, viewer, version=1)
    assert [e["corporate_number"] for e in earlier["entries"]] == [a]
    assert [
        e["corporate_number"]
        for e in (await _meti_list(client, viewer, fiscal_year=2023))["entries"]
    ] == [b]
    missing = await client.get(
        "/api/scoring/reference-list/meti",
        params={"fiscal_year": 2024, "version": 3},
        headers=viewer,
    )
    assert missing.status_code == 404
    versions = await client.get(
        "/api/scoring/reference-list/meti/versions", params={"fiscal_year": 2024}, headers=viewer
    )
    assert [(v["version"], v["filename"]) for v in versions.json()] == [
        (2, "list.csv"),
        (1, "参考リスト.xlsx"),
    ]


async def test_a_file_with_bad_rows_is_refused_whole_with_every_row_named(
    client: httpx.AsyncClient, tokens: TokenFactory, settings: Settings
) -> None:
    meti = tokens.national("editor", org="meti")
    good, other = corporate_number(1), corporate_number(2)
    wrong_check_digit = ("1" if good[0] != "1" else "2") + good[1:]
    response = await _import(
        client,
        meti,
        _csv(
            [
                f"{good},A社(サンプル),43,2024,",
                f"{wrong_check_digit},B社(サンプル),43,2024,",
                f"{other},C社(サンプル),48,2024,",
                f"{other},,43,2024,",
                f"{good},A社(サンプル),43,2024,重複",
            ]
        ),
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {
        "rows/3/corporate_number",
        "rows/4/prefecture",
        "rows/5/name",
        "rows/6/corporate_number",
    }
    assert await _count(settings, "meti_reference_versions") == 0
    assert await _count(settings, "meti_reference_entries") == 0
    header_only = await _import(client, meti, _csv([]))
    assert header_only.status_code == 422
    missing_note = await _import(client, meti, b"\n".join([b"corporate_number,name,prefecture"]))
    assert missing_note.status_code == 422
    assert await _count(settings, "meti_reference_versions") == 0


async def test_only_metis_editors_and_reviewers_import_the_list(
    client: httpx.AsyncClient, tokens: TokenFactory, settings: Settings
) -> None:
    content = _csv([f"{corporate_number(1)},A社(サンプル),43,2024,"])
    for headers in (
        tokens.national("admin", org="cas"),
        tokens.national("reviewer", org="cas"),
        tokens.national("viewer", org="meti"),
        tokens.prefecture(KUMAMOTO, "admin"),
        tokens.municipality(),
    ):
        assert (await _import(client, headers, content)).status_code == 403
    assert await _count(settings, "meti_reference_versions") == 0
    assert (await _import(client, tokens.national("admin", org="meti"), content)).status_code == 200
    reviewer = tokens.national("reviewer", org="meti")
    assert (await _import(client, reviewer, content)).status_code == 200
    assert await _count(settings, "meti_reference_versions") == 2


async def _ranked_companies(client: httpx.AsyncClient, tokens: TokenFactory) -> dict[str, str]:
    """Ten Kumamoto companies: #1 the top connector and hub of the platform's figures, #2 far
    down in both."""
    editor = tokens.prefecture(KUMAMOTO, "editor")
    lines = ["法人番号,事業年度,売上高,域外売上高,仕入高,域内仕入高"]
    numbers = {}
    for n in range(1, 11):
        numbers[n] = await create_company(client, editor, n, employees=100)
        share = 900 if n == 1 else 10 + n
        lines.append(f"{numbers[n]},2024,1000,{share},1000,{share}")
    imported = await client.post(
        "/api/scoring/figures/import",
        files={"file": ("figures.csv", "\n".join(lines).encode())},
        headers=editor,
    )
    assert imported.status_code == 200, imported.text
    return {"estimated": numbers[1], "meti_only": numbers[2]}


async def _file(client: httpx.AsyncClient, tokens: TokenFactory, number: str) -> httpx.Response:
    return await client.post(
        "/api/scoring/evidence-filings",
        json={"corporate_number": number, "fiscal_year": 2024, "statement": "県外取引の明細"},
        headers=tokens.prefecture(KUMAMOTO, "editor"),
    )


async def test_on_the_reference_list_means_on_metis_current_list_not_the_estimate(
    client: httpx.AsyncClient, tokens: TokenFactory, settings: Settings
) -> None:
    numbers = await _ranked_companies(client, tokens)
    meti = tokens.national("editor", org="meti")
    listed = f"{numbers['meti_only']},B社(サンプル),43,2024,"
    assert (await _import(client, meti, _csv([listed]))).status_code == 200

    refused = await _file(client, tokens, numbers["meti_only"])
    assert refused.status_code == 409
    assert refused.json()["title"] == "経済産業省の参考リストに掲載済みです"
    assert await _count(settings, "evidence_filings") == 0

    estimate = (
        await client.get(
            "/api/scoring/reference-list",
            params={"fiscal_year": 2024},
            headers=tokens.prefecture(KUMAMOTO, "viewer"),
        )
    ).json()
    assert estimate["meti_version"] == 1
    assert [(e["corporate_number"], e["on_meti_list"]) for e in estimate["entries"]] == [
        (numbers["estimated"], False)
    ]
    assert (await _file(client, tokens, numbers["estimated"])).status_code == 201

    # METI's next version no longer names the company: now it may be filed for
    other = f"{corporate_number(99)},他社(サンプル),43,2024,"
    assert (await _import(client, meti, _csv([other]))).status_code == 200
    assert (await _file(client, tokens, numbers["meti_only"])).status_code == 201


async def _review(
    client: httpx.AsyncClient, tokens: TokenFactory, filing_id: int, decision: str
) -> httpx.Response:
    return await client.post(
        f"/api/scoring/evidence-filings/{filing_id}/review",
        json={"decision": decision},
        headers=tokens.national("reviewer", org="meti"),
    )


async def test_meti_confirms_evidence_only_for_at_most_2000_employees(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    big = await create_company(client, editor, 1, employees=2001)
    limit = await create_company(client, editor, 2, employees=2000)
    unknown = await create_company(client, editor, 3, employees=None)
    filings = {n: (await _file(client, tokens, n)).json()["id"] for n in (big, limit, unknown)}

    refused = await _review(client, tokens, filings[big], "confirmed")
    assert refused.status_code == 422
    assert refused.json()["title"] == "従業員規模が2,000名以下でないため確認できません"
    assert "2,001名" in refused.json()["detail"]
    assert [e["field"] for e in refused.json()["errors"]] == ["employees"]
    assert (await _review(client, tokens, filings[unknown], "confirmed")).status_code == 422
    stored = (
        await client.get(f"/api/scoring/evidence-filings/{filings[big]}", headers=editor)
    ).json()
    assert stored["status"] == "submitted"
    assert [h["action"] for h in stored["history"]] == ["filed"]

    assert (await _review(client, tokens, filings[limit], "confirmed")).status_code == 200
    assert (await _review(client, tokens, filings[big], "rejected")).status_code == 200
    official = await _meti_list(client, editor)
    assert [c["corporate_number"] for c in official["confirmed_by_evidence"]] == [limit]
