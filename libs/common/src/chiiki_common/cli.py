"""The command line every service shares: ``migrate``, ``serve``, plus the service's own commands."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn

from chiiki_common.migrations import upgrade
from chiiki_common.settings import ServiceSettings


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[[Any, argparse.Namespace], Coroutine[Any, Any, None]]
    arguments: Sequence[tuple[tuple[str, ...], dict[str, Any]]] = ()


def _ensure_sqlite_folder(url: str) -> None:
    if url.startswith("sqlite") and ":///" in url:
        Path(url.split(":///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)


def service_main(
    *,
    prog: str,
    settings_factory: Callable[[], ServiceSettings],
    app_path: str,
    migrations: str,
    commands: Sequence[Command] = (),
    argv: Sequence[str] | None = None,
) -> None:
    parser = argparse.ArgumentParser(prog=prog)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="データベースを最新の版に移行する")
    serve = sub.add_parser("serve", help="サービスを起動する")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument("--workers", type=int, default=1)
    for extra in commands:
        parser_ = sub.add_parser(extra.name, help=extra.help)
        for flags, options in extra.arguments:
            parser_.add_argument(*flags, **options)
    args = parser.parse_args(argv)
    settings = settings_factory()
    _ensure_sqlite_folder(settings.database_url)
    if args.command == "migrate":
        upgrade(migrations, settings.database_url)
    elif args.command == "serve":
        uvicorn.run(
            app_path,
            factory=True,
            host=args.host,
            port=args.port or getattr(settings, "port", 8000),
            workers=args.workers,
            access_log=False,
            log_config=None,
        )
    else:
        chosen = next(c for c in commands if c.name == args.command)
        asyncio.run(chosen.run(settings, args))
