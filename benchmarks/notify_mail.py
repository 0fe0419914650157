"""notify: mail through the outbox to a local SMTP sink, and event-to-SMTP time.

``python -m benchmarks.notify_mail --mails 10000 --workers 2 [--database-url URL]`` (``make bench``
runs it). Runs against a scratch database (a temporary SQLite file, or ``--database-url`` for a
scratch PostgreSQL database — never a database in use: it fills the outbox). Reaches notify through
what its worker runs: ``enqueue``, ``drain`` and ``consume``.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx

from benchmarks.targets import at_most, emit
from chiiki_common import clock
from chiiki_common.db import create_engine, session_factory
from chiiki_common.logging import configure_logging
from chiiki_common.migrations import upgrade
from notify import MIGRATIONS
from notify.events.service import consume
from notify.mail import messages
from notify.mail.delivery import DeliveryReport, drain
from notify.mail.outbox import Notice, Recipient, enqueue
from notify.settings import Settings
from notify.upstream import build_upstream

MAIL_TARGET_SECONDS = 30.0
"""10,000 mails with two workers, queued and handed to SMTP, in at most 30 s."""


@contextmanager
def _sink_process(port: int) -> Iterator[None]:
    """aiosmtpd's discarding sink in a process of its own (in this process it would share the
    GIL with the workers and measure that instead of the outbox)."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Sink",
        ]
    )
    try:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass(frozen=True)
class BenchResult:
    mails: int
    workers: int
    enqueue_seconds: float
    delivery_seconds: float
    per_worker: Sequence[int]
    event_to_smtp_ms: float

    @property
    def mails_per_second(self) -> float:
        return self.mails / self.delivery_seconds


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def run_bench(mails: int, workers: int, database_url: str | None) -> BenchResult:
    with tempfile.TemporaryDirectory() as scratch:
        url = database_url or f"sqlite+aiosqlite:///{Path(scratch) / 'bench.db'}"
        upgrade(MIGRATIONS, url)
        port = _free_port()
        settings = Settings(
            database_url=url, smtp_port=port, delivery_batch_size=100, log_level="WARNING"
        )
        engines = [create_engine(url) for _ in range(workers)]
        makers = [session_factory(engine) for engine in engines]
        with _sink_process(port):
            content = messages.reminder(
                title="先行事例 事前確認依頼の期限",
                due_at=clock.jst_wall_clock(2026, 6, 6),
                last_day=date(2026, 6, 5),
                days_left=16,
                description="",
                link=f"{settings.public_base_url}/notifications",
            )
            recipients = [
                Recipient(f"bench-{i}", f"bench-{i}@demo.example.jp", f"職員{i}", "430005")
                for i in range(mails)
            ]
            started = time.perf_counter()
            async with makers[0]() as session, session.begin():
                await enqueue(
                    session,
                    Notice(key="bench", reason="reminder.bench", mandatory=True, content=content),
                    recipients,
                    message_id_domain=settings.message_id_domain,
                )
            enqueued = time.perf_counter()
            reports: list[DeliveryReport] = await asyncio.gather(
                *(drain(maker, settings) for maker in makers)
            )
            delivered = time.perf_counter()
            latency = await _event_latency(settings, makers[0])
        for engine in engines:
            await engine.dispose()
    return BenchResult(
        mails=sum(report.sent for report in reports),
        workers=workers,
        enqueue_seconds=enqueued - started,
        delivery_seconds=delivered - enqueued,
        per_worker=[report.sent for report in reports],
        event_to_smtp_ms=latency,
    )


async def _event_latency(settings: Settings, maker: Any) -> float:
    """From a plan event in the feed to its mail accepted by SMTP (one consume + one delivery;
    in the running worker add up to the two poll intervals)."""
    event = {
        "id": 1,
        "event_type": "plan.returned",
        "aggregate_type": "plan",
        "aggregate_id": "1",
        "payload": {"plan_id": 1, "title": "ベンチマーク", "organisations": ["431001"]},
        "occurred_at": clock.now().isoformat(),
    }
    user = {
        "id": "latency",
        "email": "latency@demo.example.jp",
        "organisation": "431001",
        "roles": ["editor"],  # an author: a returned plan is mailed to its authors
    }

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/internal/events":
            after = int(request.url.params.get("after", 0))
            events = [event] if after < 1 else []
            return httpx.Response(200, json={"events": events, "next_cursor": 1})
        return httpx.Response(200, json=[user])

    transport = httpx.MockTransport(answer)
    upstream = build_upstream(
        settings, transports={"plans": transport, "scoring": transport, "gateway": transport}
    )
    started = time.perf_counter()
    await consume(maker, upstream, settings, "plans")
    report = await drain(maker, settings)
    elapsed = (time.perf_counter() - started) * 1000
    await upstream.aclose()
    if report.sent != 1:
        raise RuntimeError("the event's mail did not reach the sink")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.notify_mail", description=__doc__)
    parser.add_argument("--mails", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default=None, help="a scratch, empty database")
    args = parser.parse_args()
    configure_logging(service="notify-bench", json=False, level="WARNING")
    result = asyncio.run(run_bench(args.mails, args.workers, args.database_url))
    sys.stdout.write(
        f"notify bench: {result.mails} mails, {result.workers} workers "
        f"(per worker {list(result.per_worker)})\n"
        f"  enqueue {result.enqueue_seconds:.2f} s, delivery {result.delivery_seconds:.2f} s "
        f"= {result.mails_per_second:.0f} mails/s\n"
        f"  plan event to SMTP: {result.event_to_smtp_ms:.1f} ms (+ poll intervals when running)\n"
    )
    backend = "PostgreSQL" if args.database_url else "SQLite"
    emit(
        at_most(
            f"{result.mails:,} mails handed to SMTP, {result.workers} workers, {backend}",
            result.enqueue_seconds + result.delivery_seconds,
            MAIL_TARGET_SECONDS,
            "s",
        )
    )


if __name__ == "__main__":
    main()
