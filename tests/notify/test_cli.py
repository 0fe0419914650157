"""The commands the one-command start runs: mail-sink and the worker loops."""

from __future__ import annotations

import asyncio
import smtplib
import time
from email.message import EmailMessage
from pathlib import Path

from notify.scheduling import PeriodicTask, TaskContext, discover, run_all, run_forever
from notify.sink import start_sink
from tests.notify.conftest import World
from tests.notify.factories import demo_people
from tests.notify.smtp_server import RecordingHandler, SmtpServer, free_port


async def test_a_failed_tick_is_tried_again_within_seconds_not_at_the_next_interval(
    backend: str, context: TaskContext
) -> None:
    """At the one-command start the worker may come up before plans-api answers: its first
    deadline sync fails, and the next try comes after ``failed_task_retry_seconds``, not after
    the five-minute sync interval. A tick that succeeded waits the whole interval."""
    runs: list[float] = []

    async def flaky(_context: TaskContext) -> None:
        runs.append(time.perf_counter())
        if len(runs) == 1:
            raise ConnectionError("plans-api is not up yet")

    task = PeriodicTask(name="tests.flaky", interval_setting="sync_interval_seconds", run=flaky)
    context.settings = context.settings.model_copy(
        update={"sync_interval_seconds": 300.0, "failed_task_retry_seconds": 0.1}
    )
    stop = asyncio.Event()
    worker = asyncio.create_task(run_forever(task, context, stop))
    try:
        for _ in range(100):
            if len(runs) >= 2:
                break
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.5)  # a succeeded tick is not followed by another one this soon
    finally:
        stop.set()
        await asyncio.wait_for(worker, 5)
    assert len(runs) == 2, runs
    assert runs[1] - runs[0] < 1.0


def test_mail_sink_keeps_every_message_as_an_eml_file(tmp_path: Path) -> None:
    controller = start_sink(tmp_path / "mail", "127.0.0.1", free_port())
    try:
        message = EmailMessage()
        message["From"] = "noreply@demo.example.jp"
        message["To"] = "kumamoto-editor@demo.example.jp"
        message["Subject"] = "【期限まであと16日】先行事例 事前確認依頼の期限"
        message.set_content("ご担当者様")
        with smtplib.SMTP(controller.hostname, controller.port, timeout=5) as client:
            client.send_message(message)
    finally:
        controller.stop()
    [stored] = list((tmp_path / "mail").glob("*.eml"))
    assert "kumamoto-editor@demo.example.jp" in stored.read_text()


def test_every_domain_declares_its_background_tasks() -> None:
    assert {task.name.rsplit(".", 1)[1] for task in discover()} == {
        "sync_deadlines",
        "send_due_reminders",
        "consume_event_feeds",
        "follow_event_feeds",
        "deliver_mail",
        "compose_daily_digests",
    }


async def test_the_worker_turns_an_event_into_a_delivered_mail(
    backend: str, world: World, context: TaskContext
) -> None:
    server = SmtpServer(RecordingHandler(), free_port())
    server.start()
    demo_people(world)
    world.add_event(
        "plans",
        "plan.returned",
        {
            "plan_id": 5,
            "title": "菊陽町 地場産業成長プラン",
            "organisations": ["434043"],
            "comment": "要修正",
        },
    )
    context.settings = context.settings.model_copy(
        update={
            "smtp_port": server.port,
            "events_interval_seconds": 0.05,
            "delivery_interval_seconds": 0.05,
        }
    )
    stop = asyncio.Event()
    worker = asyncio.create_task(run_all(context, stop))
    try:
        for _ in range(100):
            if server.handler.received:
                break
            await asyncio.sleep(0.05)
    finally:
        stop.set()
        await worker
        server.stop()
    [mail] = server.handler.received
    assert mail["To"].addresses[0].addr_spec == "kikuyo-editor@demo.example.jp"
    assert mail["Subject"] == "【修正依頼】計画「菊陽町 地場産業成長プラン」の事前確認"


INTERVAL = 60.0
"""The workers' intervals in the test below: a next tick is a minute away."""


async def test_an_event_is_mailed_at_once_not_at_the_next_tick(
    backend: str, world: World, context: TaskContext
) -> None:
    """The feeds are followed (long poll) and a queued notice kicks the delivery: with minute-long
    intervals, the mail reaches SMTP long before any next tick, and the worker stops at once
    (within a sixth of an interval, room for a loaded machine: a second or two when idle)."""
    server = SmtpServer(RecordingHandler(), free_port())
    server.start()
    demo_people(world)
    context.settings = context.settings.model_copy(
        update={
            "smtp_port": server.port,
            "events_interval_seconds": INTERVAL,
            "delivery_interval_seconds": INTERVAL,
            "scheduler_interval_seconds": INTERVAL,
            "digest_interval_seconds": INTERVAL,
            "sync_interval_seconds": INTERVAL,
        }
    )
    stop = asyncio.Event()
    worker = asyncio.create_task(run_all(context, stop))
    try:
        await asyncio.sleep(1.0)  # every first tick has run; the next ones are a minute away
        world.add_event(
            "plans",
            "plan.returned",
            {"plan_id": 5, "title": "菊陽町 地場産業成長プラン", "organisations": ["434043"]},
        )
        added = time.perf_counter()
        while time.perf_counter() - added < INTERVAL / 2:
            if server.handler.received:
                break
            await asyncio.sleep(0.02)
        took = time.perf_counter() - added
    finally:
        stop.set()
        stopping = time.perf_counter()
        await asyncio.wait_for(worker, INTERVAL / 2)
        stopped_in = time.perf_counter() - stopping
        server.stop()
    assert server.handler.received, "the event's mail never reached SMTP"
    assert took < INTERVAL / 6, took
    assert stopped_in < INTERVAL / 6, stopped_in
