"""The platform's estimate of the 参考リスト: top connector or hub share within the prefecture (default
top 10 %) and ≤ 2,000 employees, labelled as an estimate; CSV / xlsx export; evidence filed by the
prefecture and confirmed or rejected by METI."""

from __future__ import annotations

import io
from csv import reader

import httpx
from openpyxl import load_workbook

from scoring_api.settings import Settings
from tests.fixtures.apps import running
from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import KUMAMOTO, create_company

PDF = b"%PDF-1.4\n%%EOF\n"


async def _twenty_companies(client: httpx.AsyncClient, tokens: TokenFactory) -> dict[str, str]:
    """20 companies: #1 top connector, #2 top hub, #3 second in both but 2,500 employees, the rest
    ordinary; top 10 % of 20 is ranks 1 and 2."""
    editor = tokens.prefecture(KUMAMOTO, "editor")
    figures = {1: (1_000, 900, 100, 10), 2: (100, 10, 1_000, 900), 3: (1_000, 800, 1_000, 850)}
    employees = {1: 300, 2: 1_999, 3: 2_500}
    lines = ["法人番号,事業年度,売上高,域外売上高,仕入高,域内仕入高"]
    numbers: dict[int, str] = {}
    for n in range(1, 21):
        numbers[n] = await create_company(client, editor, n, employees=employees.get(n, 50))
        sales, out, purchases, inside = figures.get(n, (100, 20 + n, 100, 20 + n))
        lines.append(f"{numbers[n]},2024,{sales},{out},{purchases},{inside}")
    imported = await client.post(
        "/api/scoring/figures/import",
        files={"file": ("figures.csv", "\n".join(lines).encode())},
        headers=editor,
    )
    assert imported.status_code == 200, imported.text
    return {"connector": numbers[1], "hub": numbers[2], "big": numbers[3], "ordinary": numbers[20]}


async def test_estimate_takes_top_connectors_and_hubs_within_the_employee_limit(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    numbers = await _twenty_companies(client, tokens)
    response = await client.get(
        "/api/scoring/reference-list",
        params={"fiscal_year": 2024},
        headers=tokens.prefecture(KUMAMOTO, "viewer"),
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["source"], body["label"]) == (
        "platform_estimate",
        "本システムによる推計(経済産業省の参考リストではありません)",
    )
    assert (body["top_percent"], body["max_employees"], body["meti_version"]) == (10.0, 2000, None)
    entries = {e["corporate_number"]: e["basis"] for e in body["entries"]}
    assert entries == {numbers["connector"]: ["connector"], numbers["hub"]: ["hub"]}
    assert {e["on_meti_list"] for e in body["entries"]} == {False}
    assert {e["confirmed_by_evidence"] for e in body["entries"]} == {False}


async def test_threshold_is_configurable(settings: Settings, tokens: TokenFactory) -> None:
    from scoring_api.app import create_app

    app = create_app(
        settings.model_copy(update={"reference_list_top_percent": 50.0}),
        verifier=tokens.verifier("scoring-api"),
    )
    async with running(app) as client:
        numbers = await _twenty_companies(client, tokens)
        body = (
            await client.get(
                "/api/scoring/reference-list",
                params={"fiscal_year": 2024},
                headers=tokens.national("reviewer"),
            )
        ).json()
    listed = {e["corporate_number"] for e in body["entries"]}
    assert numbers["connector"] in listed
    assert numbers["big"] not in listed
    assert len(listed) > 2


async def test_export_csv_and_xlsx_are_titled_as_the_estimate_with_both_marks(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    """Read back, the file says it is the platform's estimate (title, sheet, file name), never
    参考リスト, and marks each company on METI's list and confirmed by evidence."""
    numbers = await _twenty_companies(client, tokens)
    meti = tokens.national("editor", org="meti")
    listed = f"{numbers['hub']},ハブ社(サンプル),43,2024,\n".encode()
    imported = await client.post(
        "/api/scoring/reference-list/meti/import",
        files={"file": ("list.csv", "法人番号,企業名,都道府県,事業年度,備考\n".encode() + listed)},
        headers=meti,
    )
    assert imported.status_code == 200, imported.text
    editor = tokens.prefecture(KUMAMOTO, "editor")
    filing = await client.post(
        "/api/scoring/evidence-filings",
        json={"corporate_number": numbers["connector"], "fiscal_year": 2024, "statement": "根拠"},
        headers=editor,
    )
    assert filing.status_code == 201, filing.text
    reviewed = await client.post(
        f"/api/scoring/evidence-filings/{filing.json()['id']}/review",
        json={"decision": "confirmed"},
        headers=tokens.national("reviewer", org="meti"),
    )
    assert reviewed.status_code == 200, reviewed.text

    viewer = tokens.prefecture(KUMAMOTO, "viewer")
    estimate = await client.get(
        "/api/scoring/reference-list", params={"fiscal_year": 2024}, headers=viewer
    )
    assert {
        e["corporate_number"]: (e["on_meti_list"], e["confirmed_by_evidence"])
        for e in estimate.json()["entries"]
    } == {numbers["connector"]: (False, True), numbers["hub"]: (True, False)}
    csv = await client.get(
        "/api/scoring/reference-list/export",
        params={"fiscal_year": 2024, "format": "csv"},
        headers=viewer,
    )
    assert csv.status_code == 200
    assert csv.headers["content-disposition"] == 'attachment; filename="estimate-2024.csv"'
    text = list(reader(io.StringIO(csv.content.decode("utf-8-sig"))))
    assert text[0] == ["本システムによる推計(2024年度)"]
    assert "経済産業省の参考リストではありません" in text[1][0]
    assert "経済産業省の参考リスト第1版" in text[1][0]
    assert text[3][:3] == ["法人番号", "企業名", "都道府県"]
    assert text[3][-3:] == ["推計の理由", "経済産業省リスト掲載", "証憑で確認済み"]
    by_number = {row[0]: row for row in text[4:]}
    assert by_number[numbers["connector"]][-3:] == ["コネクター度上位", "", "確認済み"]
    assert by_number[numbers["hub"]][-3:] == ["ハブ度上位", "掲載", ""]

    xlsx = await client.get(
        "/api/scoring/reference-list/export",
        params={"fiscal_year": 2024, "format": "xlsx"},
        headers=viewer,
    )
    assert xlsx.headers["content-disposition"] == 'attachment; filename="estimate-2024.xlsx"'
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames == ["本システムによる推計"]
    rows = list(workbook.active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][0] == "本システムによる推計(2024年度)"
    assert rows[3][0] == "法人番号"
    assert {r[0]: r[-2:] for r in rows[4:]} == {
        numbers["connector"]: (None, "確認済み"),
        numbers["hub"]: ("掲載", None),
    }
    every_cell = [str(v) for row in rows for v in row if v is not None]
    assert all(v != "参考リスト" for v in every_cell)


async def test_evidence_confirmed_by_meti_puts_the_company_on_the_list_with_history(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    numbers = await _twenty_companies(client, tokens)
    editor = tokens.prefecture(KUMAMOTO, "editor")
    filing = await client.post(
        "/api/scoring/evidence-filings",
        json={
            "corporate_number": numbers["ordinary"],
            "fiscal_year": 2024,
            "statement": "民間データベースに未収録の県外取引が大きい",
            "claimed_out_of_prefecture_sales": 5_000_000_000,
        },
        headers=editor,
    )
    assert filing.status_code == 201, filing.text
    filing_id = filing.json()["id"]
    upload = await client.post(
        f"/api/scoring/evidence-filings/{filing_id}/attachments",
        files={"file": ("取引明細.pdf", PDF)},
        headers=editor,
    )
    assert upload.status_code == 201
    duplicate = await client.post(
        "/api/scoring/evidence-filings",
        json={"corporate_number": numbers["ordinary"], "fiscal_year": 2024, "statement": "再提出"},
        headers=editor,
    )
    assert duplicate.status_code == 409
    path = f"/api/scoring/evidence-filings/{filing_id}/review"
    for not_meti in (tokens.national("reviewer", org="cas"), tokens.prefecture(KUMAMOTO, "admin")):
        assert (
            await client.post(path, json={"decision": "confirmed"}, headers=not_meti)
        ).status_code == 403
    confirmed = await client.post(
        path,
        json={"decision": "confirmed", "comment": "取引明細で確認"},
        headers=tokens.national("reviewer", org="meti"),
    )
    assert confirmed.status_code == 200
    body = confirmed.json()
    assert body["status"] == "confirmed"
    assert [(h["action"], h["organisation"]) for h in body["history"]] == [
        ("filed", KUMAMOTO),
        ("confirmed", "meti"),
    ]
    assert [a["filename"] for a in body["attachments"]] == ["取引明細.pdf"]
    again = await client.post(
        path, json={"decision": "rejected"}, headers=tokens.national("reviewer", org="meti")
    )
    assert again.status_code == 409
    official = (
        await client.get(
            "/api/scoring/reference-list/meti", params={"fiscal_year": 2024}, headers=editor
        )
    ).json()
    assert [(c["corporate_number"], c["filing_id"]) for c in official["confirmed_by_evidence"]] == [
        (numbers["ordinary"], filing_id)
    ]
    # the estimate is computed from the figures only: a confirmation does not change it
    estimate = (
        await client.get(
            "/api/scoring/reference-list", params={"fiscal_year": 2024}, headers=editor
        )
    ).json()
    assert numbers["ordinary"] not in {e["corporate_number"] for e in estimate["entries"]}


async def test_rejected_evidence_keeps_the_company_off_and_may_be_filed_again(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    numbers = await _twenty_companies(client, tokens)
    editor = tokens.prefecture(KUMAMOTO, "editor")
    body = {"corporate_number": numbers["ordinary"], "fiscal_year": 2024, "statement": "根拠"}
    filing = (await client.post("/api/scoring/evidence-filings", json=body, headers=editor)).json()
    rejected = await client.post(
        f"/api/scoring/evidence-filings/{filing['id']}/review",
        json={"decision": "rejected", "comment": "根拠不足"},
        headers=tokens.national("reviewer", org="meti"),
    )
    assert rejected.json()["status"] == "rejected"
    listing = (
        await client.get(
            "/api/scoring/reference-list/meti", params={"fiscal_year": 2024}, headers=editor
        )
    ).json()
    assert listing["confirmed_by_evidence"] == []
    assert (
        await client.post("/api/scoring/evidence-filings", json=body, headers=editor)
    ).status_code == 201


async def test_a_company_the_estimate_ranks_high_may_still_file_evidence(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    """Only METI's list counts as the 参考リスト: the platform's estimate is not it."""
    numbers = await _twenty_companies(client, tokens)
    response = await client.post(
        "/api/scoring/evidence-filings",
        json={"corporate_number": numbers["connector"], "fiscal_year": 2024, "statement": "根拠"},
        headers=tokens.prefecture(KUMAMOTO, "editor"),
    )
    assert response.status_code == 201, response.text
