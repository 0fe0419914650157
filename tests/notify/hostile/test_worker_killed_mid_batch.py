"""A delivery worker killed with SIGKILL in the middle of a batch: restarted, it finishes the
queue, and the SMTP server has every mail, at most the one in flight twice (PostgreSQL)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from chiiki_common.db import create_engine, session_factory
from notify import MIGRATIONS
from notify.mail import messages
from notify.mail.outbox import Notice, Recipient, enqueue
from notify.models import MailState, OutboxMail
from tests.fixtures.databases import DatabaseFactory
from tests.notify.smtp_server import RecordingHandler, SmtpServer, free_port

MAILS = 500
WORKER = Path(sys.executable).with_name("chiiki-notify")


class SlowRelay(RecordingHandler):
    """Keeps the mail, then takes a moment before its 250 (as a relay writing its queue does), so
    the worker is reliably caught in the middle of the queue, mostly with a mail in flight."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        answer = await super().handle_DATA(server, session, envelope)
        await asyncio.sleep(0.01)
        return answer


def _worker(database_url: str, smtp_port: int, log: Path) -> subprocess.Popen[bytes]:
    """``chiiki-notify run-worker``, the production delivery command, on loopback only."""
    closed = f"http://127.0.0.1:{free_port()}"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NOTIFY_", "CHIIKI_NOW"))
    }
    env.update(
        NOTIFY_ENVIRONMENT="test",
        NOTIFY_DATABASE_URL=database_url,
        NOTIFY_SMTP_PORT=str(smtp_port),
        # generous: a reply slower than the timeout would be a second, unrelated resend
        NOTIFY_SMTP_TIMEOUT_SECONDS="5",
        NOTIFY_DELIVERY_BATCH_SIZE="3",
        NOTIFY_DELIVERY_LEASE_SECONDS="5",
        NOTIFY_DELIVERY_INTERVAL_SECONDS="0.2",
        NOTIFY_RETRY_BASE_SECONDS="0.5",
        NOTIFY_RETRY_CAP_SECONDS="2",
        NOTIFY_PLANS_URL=closed,
        NOTIFY_SCORING_URL=closed,
        NOTIFY_GATEWAY_URL=closed,
        NOTIFY_SYNC_INTERVAL_SECONDS="3600",
        NOTIFY_EVENTS_INTERVAL_SECONDS="3600",
        NOTIFY_SCHEDULER_INTERVAL_SECONDS="3600",
        NOTIFY_DIGEST_INTERVAL_SECONDS="3600",
    )
    with log.open("ab") as output:
        return subprocess.Popen(
            [str(WORKER), "run-worker"], env=env, stdout=output, stderr=subprocess.STDOUT
        )


async def _enqueue(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    content = messages.reminder(
        title="第1弾 事前確認依頼の期限",
        due_at=clock.jst_wall_clock(2026, 7, 15, 23, 59),
        days_left=7,
        description="",
        link="https://chiiki.example.jp/deadlines",
    )
    recipients = [
        Recipient(f"user-{i}", f"user-{i}@demo.example.jp", f"職員{i}", "430005")
        for i in range(MAILS)
    ]
    async with sessionmaker() as session, session.begin():
        await enqueue(
            session,
            Notice(
                key="reminder:9:7",
                reason="reminder.national_round",
                mandatory=True,
                content=content,
            ),
            recipients,
            message_id_domain="test.example.jp",
        )


async def _sent(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    async with sessionmaker() as session:
        count = await session.scalar(
            select(func.count()).select_from(OutboxMail).where(OutboxMail.state == MailState.sent)
        )
    return int(count or 0)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


@pytest.mark.postgres
async def test_a_worker_killed_mid_batch_resends_at_most_the_mail_in_flight(
    pg_unavailable: str | None,
    database_factory: DatabaseFactory,
    tmp_path: Path,
    record_property: Any,
) -> None:
    if pg_unavailable:
        pytest.skip(pg_unavailable)
    database_url = database_factory.fresh("postgresql", "notify", MIGRATIONS)
    engine = create_engine(database_url)
    sessionmaker = session_factory(engine)
    relay = SlowRelay()
    smtp = SmtpServer(relay, free_port())
    smtp.start()
    log = tmp_path / "worker.log"
    workers: list[subprocess.Popen[bytes]] = []
    try:
        await _enqueue(sessionmaker)
        workers.append(_worker(database_url, smtp.port, log))
        for _ in range(6000):  # at most 60 s for the worker to start and get going
            if len(relay.received) >= 150 or workers[0].poll() is not None:
                break
            await asyncio.sleep(0.01)
        workers[0].send_signal(signal.SIGKILL)
        workers[0].wait(timeout=20)
        at_kill = len(relay.received)
        recorded_at_kill = await _sent(sessionmaker)
        assert workers[0].returncode == -signal.SIGKILL, log.read_text()
        assert 150 <= at_kill < MAILS
        restarted = time.monotonic()
        workers.append(_worker(database_url, smtp.port, log))
        for _ in range(1800):  # the killed worker's lease (25 s here) runs out, then the rest
            if await _sent(sessionmaker) == MAILS:
                break
            await asyncio.sleep(0.1)
        drained_after = time.monotonic() - restarted
        assert await _sent(sessionmaker) == MAILS, log.read_text()[-3000:]
        _stop(workers[1])
        async with sessionmaker() as session:
            rows = (await session.scalars(select(OutboxMail))).all()
        counts = relay.message_ids()
        duplicates = sum(counts.values()) - len(counts)
        record_property("received_at_kill", at_kill)
        record_property("recorded_sent_at_kill", recorded_at_kill)
        record_property("duplicates", duplicates)
        record_property("drained_seconds_after_restart", round(drained_after, 1))
        assert set(counts) == {row.message_id for row in rows}
        assert len(counts) == MAILS
        assert duplicates <= 1
        # each mail's own commit: when killed, the worker had recorded all it had handed over
        # but the one in flight
        assert at_kill - recorded_at_kill <= 1
    finally:
        for process in workers:
            _stop(process)
        smtp.stop()
        await engine.dispose()
