"""Durable delivery to a real SMTP server: exactly once across workers, nothing lost in an
outage, retries on 4xx, dead letters on 5xx, leases that outlive a crashed worker."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from chiiki_common.db import create_engine, session_factory
from notify.mail import messages
from notify.mail import repository as mail_repo
from notify.mail.delivery import deliver_due, drain, lease_for
from notify.mail.outbox import Notice, Recipient, enqueue
from notify.mail.smtp import Outcome, Verdict
from notify.models import MailState, OrganisationMailSettings
from notify.settings import Settings
from tests.notify.factories import mails
from tests.notify.smtp_server import SmtpServer


async def _enqueue(
    sessionmaker: async_sessionmaker[AsyncSession], count: int, *, reason: str = "reminder.test"
) -> None:
    content = messages.reminder(
        title="先行事例 事前確認依頼の期限",
        due_at=clock.jst_wall_clock(2026, 6, 5, 23, 59),
        days_left=16,
        description="",
        link="https://chiiki.example.jp/deadlines",
    )
    recipients = [
        Recipient(
            user_id=f"user-{i}",
            email=f"user-{i}@demo.example.jp",
            name=f"職員{i}",
            organisation="430005",
        )
        for i in range(count)
    ]
    async with sessionmaker() as session, session.begin():
        await enqueue(
            session,
            Notice(key="reminder:1:test", reason=reason, mandatory=True, content=content),
            recipients,
            message_id_domain="test.example.jp",
        )


async def _until_all_sent(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings, *, rounds: int = 100
) -> None:
    for _ in range(rounds):
        await drain(sessionmaker, settings)
        if all(m.state == MailState.sent for m in await mails(sessionmaker)):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("mail was not delivered")


async def test_every_mail_reaches_the_server_once_with_its_own_message_id(
    backend: str,
    sessionmaker: async_sessionmaker[AsyncSession],
    mail_settings: Settings,
    smtp: SmtpServer,
) -> None:
    await _enqueue(sessionmaker, 12)
    report = await drain(sessionmaker, mail_settings)
    assert report.sent == 12
    rows = await mails(sessionmaker)
    assert smtp.handler.message_ids() == {m.message_id: 1 for m in rows}
    received = smtp.handler.received[0]
    assert received["Subject"] == "【期限まであと16日】先行事例 事前確認依頼の期限"
    assert received.get_body(("plain",)).get_content().startswith("ご担当者様")
    assert received.get_body(("html",)) is not None
    assert all(m.state == MailState.sent and m.attempts == 1 for m in rows)


@pytest.mark.postgres
async def test_two_workers_on_one_postgresql_database_send_each_mail_exactly_once(
    database_url: str, mail_settings: Settings, smtp: SmtpServer
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SKIP LOCKED claims are a PostgreSQL matter")
    engines = [create_engine(database_url), create_engine(database_url)]
    first, second = (session_factory(engine) for engine in engines)
    try:
        await _enqueue(first, 60)
        reports = await asyncio.gather(drain(first, mail_settings), drain(second, mail_settings))
        assert reports[0].sent > 0
        assert reports[1].sent > 0
        assert reports[0].sent + reports[1].sent == 60
        counts = smtp.handler.message_ids()
        assert len(counts) == 60
        assert set(counts.values()) == {1}
    finally:
        for engine in engines:
            await engine.dispose()


async def test_an_smtp_outage_delays_mail_and_loses_or_doubles_none(
    backend: str,
    sessionmaker: async_sessionmaker[AsyncSession],
    mail_settings: Settings,
    smtp: SmtpServer,
) -> None:
    await _enqueue(sessionmaker, 15)
    first = await deliver_due(sessionmaker, mail_settings)
    assert first.sent == 5
    smtp.stop()
    outage = await drain(sessionmaker, mail_settings)
    assert outage.sent == 0
    assert outage.deferred == 5
    waiting = [m for m in await mails(sessionmaker) if m.state == MailState.failed]
    assert len(waiting) == 5
    assert all("SMTP接続エラー" in (m.last_error or "") for m in waiting)
    assert all((m.attempts, m.deferrals) == (0, 1) for m in waiting)
    smtp.start()
    await _until_all_sent(sessionmaker, mail_settings)
    counts = smtp.handler.message_ids()
    assert len(counts) == 15
    assert set(counts.values()) == {1}


async def test_a_451_reply_is_retried_and_then_delivered(
    backend: str,
    sessionmaker: async_sessionmaker[AsyncSession],
    mail_settings: Settings,
    smtp: SmtpServer,
) -> None:
    refused_once: set[str] = set()

    def greylist(message: object) -> str | None:
        message_id = str(message["Message-ID"])  # type: ignore[index]
        if message_id in refused_once:
            return None
        refused_once.add(message_id)
        return "451 4.7.1 Greylisted, try again later"

    smtp.handler.reply = greylist
    await _enqueue(sessionmaker, 2)
    await drain(sessionmaker, mail_settings)
    after_first = await mails(sessionmaker)
    assert {m.state for m in after_first} == {MailState.failed}
    assert all(m.last_error and m.last_error.startswith("451") for m in after_first)
    assert all(m.next_attempt_at > clock.now() - timedelta(seconds=1) for m in after_first)
    await _until_all_sent(sessionmaker, mail_settings)
    rows = await mails(sessionmaker)
    assert [m.attempts for m in rows] == [2, 2]
    assert smtp.handler.message_ids() == {m.message_id: 1 for m in rows}


async def test_a_550_reply_sends_the_mail_to_the_dead_letters_an_admin_sees(
    backend: str,
    sessionmaker: async_sessionmaker[AsyncSession],
    mail_settings: Settings,
    smtp: SmtpServer,
) -> None:
    smtp.handler.reply = lambda message: "550 5.1.1 User unknown"
    await _enqueue(sessionmaker, 1)
    report = await drain(sessionmaker, mail_settings)
    assert report.dead == 1
    [row] = await mails(sessionmaker)
    assert row.state == MailState.dead
    assert row.attempts == 1
    assert row.last_error == "550 5.1.1 User unknown"
    assert (row.smtp_code, row.smtp_reply) == (550, "5.1.1 User unknown")
    assert await drain(sessionmaker, mail_settings) == type(report)()


async def test_a_4xx_answer_however_often_repeated_never_makes_the_mail_dead(
    backend: str,
    sessionmaker: async_sessionmaker[AsyncSession],
    mail_settings: Settings,
    smtp: SmtpServer,
) -> None:
    smtp.handler.reply = lambda message: "452 4.2.2 Mailbox full"
    await _enqueue(sessionmaker, 1)
    for _ in range(200):
        await drain(sessionmaker, mail_settings)
        [row] = await mails(sessionmaker)
        if row.attempts >= 12:
            break
        await asyncio.sleep(0.02)
    assert (row.state, row.smtp_code, row.smtp_reply) == (
        MailState.failed,
        452,
        "4.2.2 Mailbox full",
    )
    assert row.attempts >= 12
    smtp.handler.reply = None
    await _until_all_sent(sessionmaker, mail_settings)
    assert smtp.handler.message_ids() == {row.message_id: 1}


async def test_a_worker_crashing_after_its_claim_is_overtaken_when_the_lease_runs_out(
    backend: str,
    sessionmaker: async_sessionmaker[AsyncSession],
    mail_settings: Settings,
    smtp: SmtpServer,
) -> None:
    await _enqueue(sessionmaker, 3)
    start = clock.now()
    with clock.frozen_at(start):
        async with sessionmaker() as session, session.begin():
            crashed = await mail_repo.claim(
                session, now=start, lease=timedelta(seconds=30), limit=10
            )
        assert len(crashed) == 3
        assert (await deliver_due(sessionmaker, mail_settings)).claimed == 0
    with clock.frozen_at(start + timedelta(seconds=31)):
        report = await deliver_due(sessionmaker, mail_settings)
    assert report.sent == 3
    rows = await mails(sessionmaker)
    assert [m.attempts for m in rows] == [1, 1, 1]
    assert smtp.handler.message_ids() == {m.message_id: 1 for m in crashed}
    async with sessionmaker() as session, session.begin():
        assert not await mail_repo.finish(
            session,
            crashed[0],
            state=MailState.failed,
            outcome=Outcome(Verdict.retry, 451, "late", "451 late"),
            now=clock.now(),
        )


async def test_ics_goes_only_where_opted_in_and_lgwan_mail_is_plain_text_only(
    backend: str,
    sessionmaker: async_sessionmaker[AsyncSession],
    mail_settings: Settings,
    smtp: SmtpServer,
) -> None:
    now = clock.now()
    async with sessionmaker() as session, session.begin():
        session.add_all(
            [
                OrganisationMailSettings(
                    organisation="430005", attach_ics=True, lgwan=False, updated_at=now
                ),
                OrganisationMailSettings(
                    organisation="434043", attach_ics=True, lgwan=True, updated_at=now
                ),
            ]
        )
    content = messages.reminder(
        title="第1弾 事前確認依頼の期限",
        due_at=clock.jst_wall_clock(2026, 7, 15, 23, 59),
        days_left=7,
        description="",
        link="https://chiiki.example.jp/deadlines",
    )
    ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    async with sessionmaker() as session, session.begin():
        await enqueue(
            session,
            Notice(
                key="reminder:2:7",
                reason="reminder.national_round",
                mandatory=True,
                content=content,
                ics=ics,
            ),
            [
                Recipient("kumamoto-editor", "kumamoto-editor@demo.example.jp", "熊本", "430005"),
                Recipient("kikuyo-editor", "kikuyo-editor@lgwan.demo.example.jp", "菊陽", "434043"),
                Recipient("fukuoka-editor", "fukuoka-editor@demo.example.jp", "福岡", "400009"),
            ],
            message_id_domain="test.example.jp",
        )
    await drain(sessionmaker, mail_settings)
    by_recipient = {m["To"].addresses[0].username: m for m in smtp.handler.received}
    [attachment] = list(by_recipient["kumamoto-editor"].iter_attachments())
    assert attachment.get_filename() == "deadline.ics"
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_param("method") == "PUBLISH"
    lgwan = by_recipient["kikuyo-editor"]
    assert lgwan.get_content_type() == "text/plain"
    assert "第1弾 事前確認依頼の期限" in lgwan.get_content()
    plain_org = by_recipient["fukuoka-editor"]
    assert list(plain_org.iter_attachments()) == []
    assert plain_org.get_body(("html",)) is not None


def test_the_lease_outlasts_a_batch_of_slow_smtp_replies() -> None:
    settings = Settings(
        environment="test",
        delivery_lease_seconds=30,
        smtp_timeout_seconds=10,
        delivery_batch_size=20,
    )
    assert lease_for(settings) == timedelta(seconds=220)
