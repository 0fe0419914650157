"""An SMTP outage of any length delays mail and never kills it: three hours of a relay that
refuses connections, greets with 421 or answers every mail 451, on the platform clock; then the
relay is back and every mail arrives once. Only a permanent rejection (5xx) makes a mail dead,
and the administrators' mail log says why."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from notify.mail import messages
from notify.mail.delivery import drain
from notify.mail.outbox import Notice, Recipient, enqueue
from notify.models import MailState, OutboxMail
from notify.settings import Settings
from tests.fixtures.auth import TokenFactory
from tests.notify.factories import mails
from tests.notify.hostile.servers import GreetingRefusal, SilentServer
from tests.notify.smtp_server import RecordingHandler, SmtpServer, free_port

OUTAGE = timedelta(hours=3)
TICK = timedelta(minutes=1)
OUTAGE_START = clock.jst_wall_clock(2026, 5, 20, 9, 0)


async def _enqueue(sessionmaker: async_sessionmaker[AsyncSession], count: int) -> None:
    content = messages.plan_returned(
        title="菊陽町 地場産業成長プラン",
        comment="要修正",
        link="https://chiiki.example.jp/plans/5",
    )
    async with sessionmaker() as session, session.begin():
        await enqueue(
            session,
            Notice(key="event:plans:1", reason="plan.returned", mandatory=True, content=content),
            [
                Recipient(f"user-{i}", f"user-{i}@demo.example.jp", f"職員{i}", "434043")
                for i in range(count)
            ],
            message_id_domain="test.example.jp",
        )


@pytest.fixture
def production_backoff(settings: Settings) -> Settings:
    """The shipped backoff (60 s doubling, capped at 15 minutes) and a free loopback port."""
    defaults = Settings()
    return settings.model_copy(
        update={
            "retry_base_seconds": defaults.retry_base_seconds,
            "retry_cap_seconds": defaults.retry_cap_seconds,
            "smtp_port": free_port(),
            "smtp_timeout_seconds": 5,
            "delivery_batch_size": 10,
        }
    )


@contextmanager
def _relay_down(kind: str, port: int, handler: RecordingHandler) -> Iterator[None]:
    if kind == "refused":
        yield  # nothing listens on the port
    elif kind == "greeting_421":
        with GreetingRefusal(port):
            yield
    else:  # every mail answered 451 (greylisting, a full queue): the server is up but says later
        handler.reply = lambda message: "451 4.3.0 Try again later"
        server = SmtpServer(handler, port)
        server.start()
        try:
            yield
        finally:
            server.stop()
            handler.reply = None


async def _run_for(
    span: timedelta, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    """The delivery loop's iterations across ``span`` of platform time, a minute apart."""
    platform = clock.get_clock()
    for _ in range(int(span / TICK)):
        await drain(sessionmaker, settings)
        platform.advance(TICK)


@pytest.mark.parametrize("kind", ["refused", "greeting_421", "every_mail_451"])
async def test_a_three_hour_outage_delays_every_mail_and_kills_none(
    backend: str,
    kind: str,
    sessionmaker: async_sessionmaker[AsyncSession],
    production_backoff: Settings,
) -> None:
    settings = production_backoff
    relay = RecordingHandler()
    clock.set_clock(clock.Clock(OUTAGE_START, frozen=True))
    await _enqueue(sessionmaker, 25)
    with _relay_down(kind, settings.smtp_port, relay):
        await _run_for(OUTAGE, sessionmaker, settings)
    during = await mails(sessionmaker)
    assert {m.state for m in during} == {MailState.failed}
    assert relay.received == []
    if kind == "every_mail_451":
        assert all(m.smtp_code == 451 and m.attempts >= 10 for m in during)
    else:  # no server took the mail up: waits, no attempt spent
        assert all(m.attempts == 0 and m.deferrals >= 10 for m in during)
        assert all((m.last_error or "").startswith("SMTP接続エラー") for m in during)
    # the backoff is capped: no mail waits longer than 15 minutes for its next try
    latest = max(m.next_attempt_at for m in during)
    assert latest <= clock.now() + timedelta(minutes=15)

    server = SmtpServer(relay, settings.smtp_port)
    server.start()
    try:
        await _run_for(timedelta(minutes=16), sessionmaker, settings)
    finally:
        server.stop()
    after = await mails(sessionmaker)
    assert {m.state for m in after} == {MailState.sent}
    assert relay.message_ids() == {m.message_id: 1 for m in after}
    assert all(m.smtp_code == 250 for m in after)


async def test_a_relay_that_never_greets_times_out_and_costs_no_attempt(
    backend: str,
    sessionmaker: async_sessionmaker[AsyncSession],
    production_backoff: Settings,
) -> None:
    settings = production_backoff
    clock.set_clock(clock.Clock(OUTAGE_START, frozen=True))
    await _enqueue(sessionmaker, 3)
    with SilentServer(settings.smtp_port):
        impatient = settings.model_copy(update={"smtp_timeout_seconds": 0.3})
        await _run_for(timedelta(minutes=20), sessionmaker, impatient)
    waiting = await mails(sessionmaker)
    assert all(m.state == MailState.failed for m in waiting)
    assert all(m.attempts == 0 and m.deferrals >= 3 for m in waiting)
    assert all("時間内に応答がありません" in (m.last_error or "") for m in waiting)
    relay = RecordingHandler()
    server = SmtpServer(relay, settings.smtp_port)
    server.start()
    try:
        await _run_for(timedelta(minutes=16), sessionmaker, settings)
    finally:
        server.stop()
    assert relay.message_ids() == {m.message_id: 1 for m in await mails(sessionmaker)}


async def test_only_a_5xx_makes_a_mail_dead_and_the_mail_log_shows_the_reply(
    backend: str,
    sessionmaker: async_sessionmaker[AsyncSession],
    production_backoff: Settings,
    client: httpx.AsyncClient,
    tokens: TokenFactory,
) -> None:
    settings = production_backoff
    relay = RecordingHandler(
        lambda m: "550 5.1.1 User unknown" if "user-1@" in str(m["To"]) else None
    )
    await _enqueue(sessionmaker, 3)
    server = SmtpServer(relay, settings.smtp_port)
    server.start()
    try:
        report = await drain(sessionmaker, settings)
    finally:
        server.stop()
    assert (report.sent, report.dead) == (2, 1)
    admin = tokens.national("admin")
    response = await client.get("/api/notify/mails", params={"state": "dead"}, headers=admin)
    assert response.status_code == 200
    [dead] = response.json()["items"]
    assert dead["recipient_email"] == "user-1@demo.example.jp"
    assert (dead["smtp_code"], dead["smtp_reply"]) == (550, "5.1.1 User unknown")
    assert dead["last_error"] == "550 5.1.1 User unknown"
    assert (dead["state_label"], dead["attempts"], dead["deferrals"]) == ("送信不能", 1, 0)
    sent = await client.get("/api/notify/mails", params={"state": "sent"}, headers=admin)
    assert {(e["state_label"], e["smtp_code"]) for e in sent.json()["items"]} == {("送信済み", 250)}


async def test_the_mail_log_shows_a_mail_waiting_out_an_outage(
    backend: str,
    sessionmaker: async_sessionmaker[AsyncSession],
    production_backoff: Settings,
    client: httpx.AsyncClient,
    tokens: TokenFactory,
) -> None:
    await _enqueue(sessionmaker, 1)
    for _ in range(3):
        await drain(sessionmaker, production_backoff)
        async with sessionmaker() as session, session.begin():
            mail = await session.get(OutboxMail, 1)
            assert mail is not None
            mail.next_attempt_at = clock.now()  # due again: the backoff is not what is tested here
    response = await client.get("/api/notify/mails", headers=tokens.national("admin"))
    [entry] = response.json()["items"]
    assert (entry["state"], entry["state_label"]) == ("failed", "再試行待ち")
    assert (entry["attempts"], entry["deferrals"], entry["smtp_code"]) == (0, 3, None)
    assert entry["last_error"] == "SMTP接続エラー: 接続を拒否されました"
