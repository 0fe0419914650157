"""The notify API: my deadlines, the iCalendar feed, preferences, the mail log, ad-hoc deadlines."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from notify.deadlines import business_days
from notify.deadlines.service import end_of_day
from notify.deadlines.tasks import send_due_reminders, sync_deadlines
from notify.mail import messages
from notify.mail.outbox import Notice, Recipient, enqueue
from notify.models import MailState, OutboxMail
from notify.scheduling import TaskContext
from tests.fixtures.auth import TokenFactory
from tests.notify.conftest import World, round_payload
from tests.notify.factories import demo_people, mails


async def _adhoc(client: httpx.AsyncClient, tokens: TokenFactory, **body: object) -> httpx.Response:
    payload = {
        "title": "第2弾 事前確認依頼の期限",
        "due_at": "2026-09-30T23:59:00+09:00",
        **body,
    }
    return await client.post(
        "/api/notify/deadlines", json=payload, headers=tokens.national("admin")
    )


def _rounds_from_today(world: World, *days: int) -> list[date]:
    """Rounds whose last day is ``days`` from today (「…までに」: the cutoff is 00:00 JST of the
    day after, as plans-api answers). API tests run on the real clock: a token signed under a
    frozen past clock is refused by python-jose's own system-clock check."""
    today = clock.today_jst()
    last_days = [today + timedelta(days=offset) for offset in days]
    world.rounds = [
        round_payload(f"round-{i}", name, end_of_day(last_day), last_day)
        for i, (name, last_day) in enumerate(zip(["先行事例", "第1弾"], last_days, strict=False))
    ]
    return last_days


async def test_my_deadlines_show_days_left_in_jst_and_only_my_organisations(
    backend: str,
    world: World,
    context: TaskContext,
    client: httpx.AsyncClient,
    tokens: TokenFactory,
) -> None:
    [last_day, _] = _rounds_from_today(world, 16, 56)
    await sync_deadlines(context)
    hearing = (clock.now_jst() + timedelta(days=21)).replace(
        hour=17, minute=0, second=0, microsecond=0
    )
    created = await _adhoc(
        client,
        tokens,
        title="熊本県 独自ヒアリング",
        organisations=["430005"],
        due_at=hearing.isoformat(),
    )
    assert created.status_code == 201
    mine = await client.get("/api/notify/deadlines", headers=tokens.prefecture("430005"))
    theirs = await client.get("/api/notify/deadlines", headers=tokens.prefecture("400009"))
    assert mine.status_code == 200
    items = mine.json()["items"]
    assert [(i["title"], i["days_left"]) for i in items[:3]] == [
        ("先行事例 事前確認依頼の期限", 16),
        ("熊本県 独自ヒアリング", 21),
        ("第1弾 事前確認依頼の期限", 56),
    ]
    # a round is its last day, shown 「令和8年7月15日(水)まで」, never 23:59
    assert items[0]["due_at_label"] == f"{messages.day_label(last_day)}まで"
    assert ":" not in items[0]["due_at_label"]
    assert items[0]["last_day"] == last_day.isoformat()
    assert items[0]["due_at"] == end_of_day(last_day).strftime("%Y-%m-%dT%H:%M:%SZ")
    hearing_item = items[1]
    assert hearing_item["last_day"] is None
    assert hearing_item["due_at_label"].endswith(" 17:00")
    assert "熊本県 独自ヒアリング" not in [i["title"] for i in theirs.json()["items"]]


async def test_only_a_national_admin_adds_deadlines_and_over_posting_is_refused(
    backend: str, client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    refused = await client.post(
        "/api/notify/deadlines",
        json={"title": "独自期限", "due_at": "2026-09-30T23:59:00+09:00"},
        headers=tokens.prefecture("430005", "admin"),
    )
    assert refused.status_code == 403
    over_posted = await _adhoc(client, tokens, kind="national_round")
    assert over_posted.status_code == 422
    naive = await _adhoc(client, tokens, due_at="2026-09-30T23:59:00")
    assert naive.status_code == 422
    bad_code = await _adhoc(client, tokens, organisations=["430001"])
    assert bad_code.status_code == 422


async def test_calendar_feed_is_a_vcalendar_with_stable_uids_and_utc_times(
    backend: str,
    world: World,
    context: TaskContext,
    client: httpx.AsyncClient,
    tokens: TokenFactory,
) -> None:
    last_days = _rounds_from_today(world, 16, 56)
    await sync_deadlines(context)
    first = await client.get("/api/notify/calendar.ics", headers=tokens.municipality("434043"))
    await sync_deadlines(context)
    second = await client.get("/api/notify/calendar.ics", headers=tokens.municipality("434043"))
    assert first.status_code == 200
    assert first.headers["content-type"].startswith("text/calendar")
    body = first.text
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 4  # two rounds, two KPI reports
    # a day deadline is an all-day event on its last day
    for last_day in last_days:
        assert f"DTSTART;VALUE=DATE:{last_day:%Y%m%d}" in body
        assert f"DTEND;VALUE=DATE:{last_day + timedelta(days=1):%Y%m%d}" in body
    assert "T145900Z" not in body  # no 23:59 JST anywhere

    def without_stamp(text: str) -> list[str]:
        return [line for line in text.split("\r\n") if not line.startswith("DTSTAMP:")]

    # a second sync with nothing changed keeps every UID and LAST-MODIFIED as they were
    assert without_stamp(body) == without_stamp(second.text)
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


async def test_preferences_are_per_user_and_validated(
    backend: str, client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    me = tokens.municipality("431001")
    assert (await client.get("/api/notify/preferences", headers=me)).json() == {
        "mute_optional": False,
        "daily_digest": False,
        "muted_reasons": [],
        "instant_mail": False,
    }
    put = await client.put(
        "/api/notify/preferences", json={"mute_optional": True, "daily_digest": False}, headers=me
    )
    assert put.status_code == 200
    assert (await client.get("/api/notify/preferences", headers=me)).json()["mute_optional"] is True
    other = tokens.prefecture("430005")
    assert (await client.get("/api/notify/preferences", headers=other)).json()[
        "mute_optional"
    ] is False
    assert (
        await client.put(
            "/api/notify/preferences",
            json={"mute_optional": True, "daily_digest": False, "user_id": "someone-else"},
            headers=me,
        )
    ).status_code == 422


async def test_optional_notices_can_be_muted_one_by_one_but_mandatory_ones_cannot(
    backend: str, client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    me = tokens.prefecture("430005")
    body = {
        "mute_optional": False,
        "daily_digest": True,
        "muted_reasons": ["application.received", "plan.published", "plan.published"],
    }
    put = await client.put("/api/notify/preferences", json=body, headers=me)
    assert put.status_code == 200
    assert (await client.get("/api/notify/preferences", headers=me)).json() == {
        "mute_optional": False,
        "daily_digest": True,
        "muted_reasons": ["application.received", "plan.published"],
        "instant_mail": False,
    }
    refused = await client.put(
        "/api/notify/preferences",
        json={**body, "muted_reasons": ["plan.returned"]},
        headers=me,
    )
    assert refused.status_code == 422
    assert (await client.get("/api/notify/preferences", headers=me)).json()["muted_reasons"] == [
        "application.received",
        "plan.published",
    ]


async def _two_organisations_mail(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    content = messages.precheck_completed(
        title="テスト計画", link="https://chiiki.example.jp/plans/1"
    )
    async with sessionmaker() as session, session.begin():
        await enqueue(
            session,
            Notice(
                key="event:plans:1",
                reason="plan.precheck_completed",
                mandatory=True,
                content=content,
            ),
            [
                Recipient(
                    "kumamoto-editor", "kumamoto-editor@demo.example.jp", "熊本 太郎", "430005"
                ),
                Recipient(
                    "fukuoka-editor", "fukuoka-editor@demo.example.jp", "福岡 花子", "400009"
                ),
            ],
            message_id_domain="test.example.jp",
        )
        fukuoka = await session.get(OutboxMail, 2)
        assert fukuoka is not None
        fukuoka.state = MailState.dead
        fukuoka.last_error = "550 5.1.1 User unknown"


async def test_mail_log_national_admin_sees_all_an_organisation_admin_its_own(
    backend: str,
    client: httpx.AsyncClient,
    tokens: TokenFactory,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    await _two_organisations_mail(sessionmaker)
    national = await client.get("/api/notify/mails", headers=tokens.national("admin"))
    assert national.json()["total"] == 2
    dead = await client.get(
        "/api/notify/mails", params={"state": "dead"}, headers=tokens.national("admin")
    )
    [entry] = dead.json()["items"]
    assert (entry["recipient_email"], entry["last_error"]) == (
        "fukuoka-editor@demo.example.jp",
        "550 5.1.1 User unknown",
    )
    kumamoto = await client.get("/api/notify/mails", headers=tokens.prefecture("430005", "admin"))
    assert [i["organisation"] for i in kumamoto.json()["items"]] == ["430005"]
    editor = await client.get("/api/notify/mails", headers=tokens.prefecture("430005", "editor"))
    assert editor.status_code == 403
    admin = tokens.national("admin")

    async def total(**params: str) -> int:
        response = await client.get("/api/notify/mails", params=params, headers=admin)
        return int(response.json()["total"])

    assert await total(recipient="kumamoto-editor@demo.example.jp") == 1
    assert await total(recipient="fukuoka-editor") == 1
    assert await total(reason="plan.") == 2
    assert await total(reason="reminder") == 0
    hour_ago = (clock.now() - timedelta(hours=1)).isoformat()
    assert await total(since=hour_ago) == 2
    assert await total(until=hour_ago) == 0


async def test_an_admin_requeues_a_dead_mail_of_its_own_organisation_only(
    backend: str,
    client: httpx.AsyncClient,
    tokens: TokenFactory,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    await _two_organisations_mail(sessionmaker)
    hidden = await client.post(
        "/api/notify/mails/2/retry", headers=tokens.prefecture("430005", "admin")
    )
    assert hidden.status_code == 404
    not_dead = await client.post("/api/notify/mails/1/retry", headers=tokens.national("admin"))
    assert not_dead.status_code == 409
    retried = await client.post(
        "/api/notify/mails/2/retry", headers=tokens.prefecture("400009", "admin")
    )
    assert retried.status_code == 200
    assert retried.json()["state"] == "pending"


async def test_lgwan_organisations_get_sanitised_mail_and_opted_in_ones_an_ics(
    backend: str,
    world: World,
    context: TaskContext,
    client: httpx.AsyncClient,
    tokens: TokenFactory,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    demo_people(world)
    world.precheck_pending = {"430005", "431001"}
    assert (
        await client.put(
            "/api/notify/organisation-settings",
            json={"attach_ics": True, "lgwan": False},
            headers=tokens.prefecture("430005", "admin"),
        )
    ).status_code == 200
    assert (
        await client.put(
            "/api/notify/organisation-settings",
            json={"attach_ics": True, "lgwan": True},
            headers=tokens.municipality("431001", "admin"),
        )
    ).status_code == 200
    # reminders go out on an open day from 09:00 JST: the scheduler runs at such a moment
    with clock.frozen_at(business_days.catch_up_moment(clock.now()) + timedelta(hours=1)):
        _rounds_from_today(world, 3)
        await sync_deadlines(context)
        await send_due_reminders(context)
    by_org = {m.organisation: m for m in await mails(sessionmaker)}
    assert by_org["430005"].ics is not None
    assert "BEGIN:VEVENT" in by_org["430005"].ics
    assert by_org["430005"].body_html is not None
    assert by_org["431001"].ics is None
    assert by_org["431001"].body_html is None


async def test_every_notify_endpoint_refuses_a_call_without_a_token(
    backend: str, client: httpx.AsyncClient
) -> None:
    schema = (await client.get("/openapi.json")).json()
    calls = [
        (method.upper(), path.replace("{mail_id}", "1").replace("{deadline_id}", "1"))
        for path, operations in schema["paths"].items()
        if path.startswith("/api/notify")
        for method in operations
    ]
    assert len(calls) == 11
    for method, path in calls:
        response = await client.request(method, path)
        assert response.status_code == 401, (method, path)


async def test_a_bureau_keeps_its_own_settings_and_sees_none_of_the_local_deadlines(
    backend: str,
    world: World,
    context: TaskContext,
    client: httpx.AsyncClient,
    tokens: TokenFactory,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    _rounds_from_today(world, 16, 56)
    await sync_deadlines(context)
    await _adhoc(client, tokens, title="熊本県 独自ヒアリング", organisations=["430005"])
    await _two_organisations_mail(sessionmaker)
    kumamoto = (await client.get("/api/notify/deadlines", headers=tokens.prefecture())).json()
    assert kumamoto["total"] >= 3
    bureau = tokens.bureau("meti-kyushu", "admin")
    # the rounds and KPI reports name no organisation: they are the local governments', and a
    # bureau is not one, even for the prefectures of its block
    deadlines = await client.get("/api/notify/deadlines", headers=bureau)
    assert deadlines.status_code == 200
    assert deadlines.json()["items"] == []
    for item in kumamoto["items"]:
        one = await client.get(f"/api/notify/deadlines/{item['id']}", headers=bureau)
        assert one.status_code == 404, item["title"]
    calendar = await client.get("/api/notify/calendar.ics", headers=bureau)
    assert calendar.status_code == 200
    assert "BEGIN:VEVENT" not in calendar.text
    mails = await client.get("/api/notify/mails", headers=bureau)
    assert mails.status_code == 200
    assert mails.json()["items"] == []
    put = await client.put(
        "/api/notify/preferences",
        json={"mute_optional": False, "daily_digest": True},
        headers=bureau,
    )
    assert put.status_code == 200
    assert (await client.get("/api/notify/preferences", headers=bureau)).json()["daily_digest"]
    settings = await client.put(
        "/api/notify/organisation-settings",
        json={"attach_ics": True, "lgwan": False},
        headers=bureau,
    )
    assert settings.status_code == 200
    assert settings.json() == {"organisation": "meti-kyushu", "attach_ics": True, "lgwan": False}
