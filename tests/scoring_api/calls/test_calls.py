"""熊本県's call (seed 003): the window in JST stored as UTC, applications only inside it, criteria
checked per criterion, attachments, assessment, decisions with history, outbox events."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import text

from chiiki_common.clock import Clock, frozen_at, jst_wall_clock, set_clock
from chiiki_common.db import create_engine
from scoring_api.settings import Settings
from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import (
    FUKUOKA,
    KUMAMOTO,
    application_body,
    events,
    open_kumamoto_call,
)

DURING = jst_wall_clock(2026, 5, 20, 10, 0)
CLOSES = jst_wall_clock(2026, 6, 1, 12, 0)
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def _during_the_window() -> None:
    """Tokens are minted on the platform clock, so the whole test runs inside the window and a
    test that moves the clock mints its headers after moving it."""
    set_clock(Clock(DURING, frozen=True))


async def _count(settings: Settings, table: str) -> int:
    engine = create_engine(settings.database_url)
    async with engine.connect() as connection:
        value = (await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
    await engine.dispose()
    return int(value)


async def test_call_window_is_given_in_jst_and_stored_in_utc(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    call = await open_kumamoto_call(client, tokens.prefecture(KUMAMOTO, "approver"))
    assert call["opens_at"].startswith("2026-05-14T15:00:00")
    assert call["closes_at"].startswith("2026-06-01T03:00:00")
    assert call["closes_at_jst"] == "2026-06-01T12:00:00+09:00"
    assert call["prefecture"] == "43"


async def test_creating_a_call_tells_notify_its_window_before_it_opens(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    with frozen_at(jst_wall_clock(2026, 4, 1, 10, 0)):
        call = await open_kumamoto_call(client, tokens.prefecture(KUMAMOTO, "approver"))
        feed_reader = tokens.service("svc-notify", scope="events:read")
        [created] = await events(client, feed_reader, "call.created", 1)
    assert created["aggregate_id"] == str(call["id"])
    assert created["payload"] == {
        "call_id": call["id"],
        "prefecture_code": KUMAMOTO,
        "title": "地域産業クラスター計画 重点支援企業の公募",
        "opens_at": "2026-05-14T15:00:00+00:00",
        "closes_at": "2026-06-01T03:00:00+00:00",
        "organisations": [KUMAMOTO],
    }


async def test_a_window_without_offset_is_read_as_jst(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    call = await open_kumamoto_call(
        client,
        tokens.prefecture(KUMAMOTO, "approver"),
        opens_at="2026-05-15T00:00:00",
        closes_at="2026-06-01T12:00:00",
    )
    assert call["closes_at_jst"] == "2026-06-01T12:00:00+09:00"


async def test_only_prefecture_approvers_open_calls_and_windows_must_be_ordered(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    from scoring_api.calls.kumamoto import KUMAMOTO_CALL

    for headers in (
        tokens.prefecture(KUMAMOTO, "editor"),
        tokens.national("admin"),
        tokens.municipality(),
    ):
        assert (
            await client.post("/api/scoring/calls", json=KUMAMOTO_CALL, headers=headers)
        ).status_code == 403
    reversed_window = {**KUMAMOTO_CALL, "closes_at": "2026-05-01T00:00:00+09:00"}
    response = await client.post(
        "/api/scoring/calls", json=reversed_window, headers=tokens.prefecture(KUMAMOTO, "approver")
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "closes_at"


async def test_application_inside_the_window_is_received_with_criteria_per_criterion(
    client: httpx.AsyncClient, tokens: TokenFactory, settings: Settings
) -> None:
    call = await open_kumamoto_call(client, tokens.prefecture(KUMAMOTO, "approver"))
    editor = tokens.prefecture(KUMAMOTO, "editor")
    response = await client.post(
        f"/api/scoring/calls/{call['id']}/applications", json=application_body(1), headers=editor
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "received"
    assert body["connector_ratio"] == 0.7
    criteria = {c["code"]: c for c in body["criteria"]}
    assert criteria["min_sales"]["passed"] is True
    assert criteria["min_sales"]["label"] == "売上高が10億円以上"
    assert criteria["max_employees"]["passed"] is True
    assert criteria["accompanying_support"]["passed"] is True
    assert criteria["form1"] == {
        "code": "form1",
        "kind": "document",
        "label": "応募申請書(様式1)",
        "passed": False,
        "actual": None,
    }
    feed_reader = tokens.service("svc-notify", scope="events:read")
    received = await events(client, feed_reader, "application.received", 1)
    assert received[0]["payload"]["prefecture_code"] == KUMAMOTO
    assert received[0]["payload"]["company_name"] == "応募企業1(サンプル)"
    assert await _count(settings, "applications") == 1


async def test_failing_quantitative_criteria_are_shown(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    call = await open_kumamoto_call(client, tokens.prefecture(KUMAMOTO, "approver"))
    response = await client.post(
        f"/api/scoring/calls/{call['id']}/applications",
        json=application_body(2, sales=900_000_000, out_of_prefecture_sales=0, employees=2001),
        headers=tokens.prefecture(KUMAMOTO, "editor"),
    )
    criteria = {c["code"]: c for c in response.json()["criteria"]}
    assert (criteria["min_sales"]["passed"], criteria["min_sales"]["actual"]) == (False, "9億円")
    assert (criteria["max_employees"]["passed"], criteria["max_employees"]["actual"]) == (
        False,
        "2,001名",
    )


async def test_after_the_window_closes_the_application_is_refused_and_nothing_stored(
    client: httpx.AsyncClient, tokens: TokenFactory, settings: Settings
) -> None:
    call = await open_kumamoto_call(client, tokens.prefecture(KUMAMOTO, "approver"))
    for moment in (CLOSES, CLOSES + timedelta(days=1), jst_wall_clock(2026, 5, 14, 23, 59)):
        with frozen_at(moment):
            response = await client.post(
                f"/api/scoring/calls/{call['id']}/applications",
                json=application_body(3),
                headers=tokens.prefecture(KUMAMOTO, "editor"),  # minted at the moved time
            )
        assert response.status_code == 409
        assert response.json()["title"] == "募集期間外のため受け付けられません"
        assert "令和8年6月1日 12:00" in response.json()["detail"]
    with frozen_at(CLOSES - timedelta(seconds=1)):
        last_second = await client.post(
            f"/api/scoring/calls/{call['id']}/applications",
            json=application_body(3),
            headers=tokens.prefecture(KUMAMOTO, "editor"),
        )
    assert last_second.status_code == 201
    assert await _count(settings, "applications") == 1
    assert await _count(settings, "outbox_events") == 2  # call.created, one application.received


async def test_missing_consent_and_impossible_figures_are_all_named(
    client: httpx.AsyncClient, tokens: TokenFactory, settings: Settings
) -> None:
    call = await open_kumamoto_call(client, tokens.prefecture(KUMAMOTO, "approver"))
    response = await client.post(
        f"/api/scoring/calls/{call['id']}/applications",
        json=application_body(
            4, consents=["accompanying_support"], in_prefecture_purchases=3_000_000_000
        ),
        headers=tokens.prefecture(KUMAMOTO, "editor"),
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {
        "consents",
        "in_prefecture_purchases",
    }
    assert await _count(settings, "applications") == 0


async def test_a_company_applies_once_per_call(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    call = await open_kumamoto_call(client, tokens.prefecture(KUMAMOTO, "approver"))
    editor = tokens.prefecture(KUMAMOTO, "editor")
    first = await client.post(
        f"/api/scoring/calls/{call['id']}/applications", json=application_body(5), headers=editor
    )
    second = await client.post(
        f"/api/scoring/calls/{call['id']}/applications", json=application_body(5), headers=editor
    )
    assert (first.status_code, second.status_code) == (201, 409)


async def test_attachments_checked_stored_with_checksum_and_listed_per_document(
    client: httpx.AsyncClient, tokens: TokenFactory, settings: Settings
) -> None:
    call = await open_kumamoto_call(client, tokens.prefecture(KUMAMOTO, "approver"))
    editor = tokens.prefecture(KUMAMOTO, "editor")
    application = (
        await client.post(
            f"/api/scoring/calls/{call['id']}/applications",
            json=application_body(6),
            headers=editor,
        )
    ).json()
    url = f"/api/scoring/applications/{application['id']}/attachments"
    uploaded = await client.post(
        url,
        files={"file": ("様式1.pdf", PDF, "application/pdf")},
        data={"document_type": "form1"},
        headers=editor,
    )
    disguised = await client.post(
        url,
        files={"file": ("evil.pdf", b"MZ\x90\x00", "application/pdf")},
        data={"document_type": "form1"},
        headers=editor,
    )
    too_big = await client.post(
        url,
        files={
            "file": ("big.pdf", b"%PDF-" + b"0" * settings.attachment_max_bytes, "application/pdf")
        },
        data={"document_type": "form2"},
        headers=editor,
    )
    wrong_type = await client.post(
        url,
        files={"file": ("a.pdf", PDF, "application/pdf")},
        data={"document_type": "tax_return"},
        headers=editor,
    )
    assert uploaded.status_code == 201, uploaded.text
    import hashlib

    assert uploaded.json()["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert disguised.status_code == 422
    assert too_big.status_code == 413
    assert wrong_type.status_code == 422
    download = await client.get(
        f"/api/scoring/attachments/{uploaded.json()['id']}/content", headers=editor
    )
    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["content-type"] == "application/pdf"
    detail = (
        await client.get(f"/api/scoring/applications/{application['id']}", headers=editor)
    ).json()
    assert {c["code"]: c["passed"] for c in detail["criteria"] if c["kind"] == "document"} == {
        "form1": True,
        "form2": False,
        "financial_statements": False,
        "brochure": False,
    }
    with frozen_at(CLOSES + timedelta(hours=1)):
        late = await client.post(
            url,
            files={"file": ("b.pdf", PDF, "application/pdf")},
            data={"document_type": "form2"},
            headers=tokens.prefecture(KUMAMOTO, "editor"),
        )
    assert late.status_code == 409


async def test_assessment_and_decisions_keep_their_history(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    call = await open_kumamoto_call(client, tokens.prefecture(KUMAMOTO, "approver"))
    editor, approver = (
        tokens.prefecture(KUMAMOTO, "editor"),
        tokens.prefecture(KUMAMOTO, "approver"),
    )
    application = (
        await client.post(
            f"/api/scoring/calls/{call['id']}/applications",
            json=application_body(7),
            headers=editor,
        )
    ).json()
    path = f"/api/scoring/applications/{application['id']}"
    assessed = await client.put(
        f"{path}/assessment",
        json={"connector_assessment": "県外販売7割で卓越", "field_match": True},
        headers=editor,
    )
    assert assessed.status_code == 200
    assert assessed.json()["field_match"] is True
    editor_decides = await client.post(
        f"{path}/decisions", json={"decision": "declined"}, headers=editor
    )
    assert editor_decides.status_code == 403
    declined = await client.post(
        f"{path}/decisions",
        json={"decision": "declined", "comment": "分野が異なる"},
        headers=approver,
    )
    assert declined.json()["status"] == "declined"
    again = await client.post(f"{path}/decisions", json={"decision": "declined"}, headers=approver)
    assert again.status_code == 409
    feed_reader = tokens.service("svc-notify", scope="events:read")
    decided = [e["payload"] for e in await events(client, feed_reader, "application.decided", 1)]
    assert decided == [
        {
            "call_id": call["id"],
            "application_id": application["id"],
            "prefecture_code": KUMAMOTO,
            "company_name": "応募企業7(サンプル)",
            "call_title": call["title"],
            "decision": "declined",
            "organisations": [KUMAMOTO],
        }
    ]
    detail = (await client.get(path, headers=approver)).json()
    assert [(d["decision"], d["comment"]) for d in detail["decisions"]] == [
        ("declined", "分野が異なる")
    ]


async def test_selection_needs_the_quantitative_criteria(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    call = await open_kumamoto_call(client, tokens.prefecture(KUMAMOTO, "approver"), plan_id="12")
    application = (
        await client.post(
            f"/api/scoring/calls/{call['id']}/applications",
            json=application_body(8, employees=2500),
            headers=tokens.prefecture(KUMAMOTO, "editor"),
        )
    ).json()
    response = await client.post(
        f"/api/scoring/applications/{application['id']}/decisions",
        json={"decision": "selected"},
        headers=tokens.prefecture(KUMAMOTO, "approver"),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "criteria/max_employees"


async def test_other_prefectures_do_not_see_the_call(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    call = await open_kumamoto_call(client, tokens.prefecture(KUMAMOTO, "approver"))
    assert (
        await client.get("/api/scoring/calls", headers=tokens.prefecture(FUKUOKA, "admin"))
    ).json() == []
    national = await client.get("/api/scoring/calls", headers=tokens.national("reviewer"))
    assert [c["id"] for c in national.json()] == [call["id"]]
