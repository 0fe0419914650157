"""``chiiki-notify migrate | serve | sync-deadlines | mail-sink | run-worker``."""

from __future__ import annotations

import argparse
import asyncio
import signal
from pathlib import Path

import structlog

from chiiki_common.cli import Command, service_main
from chiiki_common.db import create_engine, session_factory
from chiiki_common.logging import configure_logging
from notify import MIGRATIONS
from notify.deadlines.tasks import sync_deadlines
from notify.scheduling import TaskContext, run_all
from notify.settings import Settings
from notify.sink import start_sink
from notify.upstream import build_upstream

log = structlog.get_logger("notify.cli")


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop


async def sync_now(settings: Settings, _args: argparse.Namespace) -> None:
    """Read the deadlines from their sources once (the worker does it at its start and every
    ``sync_interval_seconds``): the rounds from plans-api, the open calls from scoring-api."""
    engine = create_engine(settings.database_url)
    upstream = build_upstream(settings)
    try:
        context = TaskContext(
            settings=settings, sessionmaker=session_factory(engine), upstream=upstream
        )
        await sync_deadlines(context)
    finally:
        await upstream.aclose()
        await engine.dispose()


async def mail_sink(settings: Settings, args: argparse.Namespace) -> None:
    """Run the local SMTP sink until interrupted; each message becomes a .eml file."""
    configure_logging(service="notify-sink", json=settings.log_json, level=settings.log_level)
    folder = Path(args.dir or settings.mail_dir)
    controller = start_sink(folder, settings.mail_sink_host, args.port or settings.mail_sink_port)
    log.info(
        "notify.sink.started", host=controller.hostname, port=controller.port, folder=str(folder)
    )
    stop = _stop_on_signals()
    try:
        await stop.wait()
    finally:
        controller.stop()


async def run_worker(settings: Settings, _args: argparse.Namespace) -> None:
    """Scheduler, deadline sync, event consumer, digest and delivery loops in one process."""
    configure_logging(service="notify-worker", json=settings.log_json, level=settings.log_level)
    engine = create_engine(settings.database_url, pool_size=settings.database_pool_size)
    upstream = build_upstream(settings)
    try:
        context = TaskContext(
            settings=settings, sessionmaker=session_factory(engine), upstream=upstream
        )
        await run_all(context, _stop_on_signals())
    finally:
        await upstream.aclose()
        await engine.dispose()


COMMANDS = [
    Command(
        "sync-deadlines",
        "提出期限(国の提出期限・公募の締切)を計画・スコアリングの各サービスから読み込む",
        sync_now,
    ),
    Command(
        "mail-sink",
        "ローカルのSMTP受信サーバー(127.0.0.1:8025)を起動し、メールを.emlで保存する",
        mail_sink,
        arguments=(
            (("--dir",), {"default": None, "help": "保存先フォルダ(既定: var/mail)"}),
            (("--port",), {"type": int, "default": None, "help": "待受ポート(既定: 8025)"}),
        ),
    ),
    Command("run-worker", "リマインダー・イベント通知・メール配信のワーカーを起動する", run_worker),
]


def main() -> None:
    service_main(
        prog="chiiki-notify",
        settings_factory=Settings,
        app_path="notify.app:create_app",
        migrations=MIGRATIONS,
        commands=COMMANDS,
    )


if __name__ == "__main__":
    main()
