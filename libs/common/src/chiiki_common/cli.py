"""The command line every service shares: ``migrate``, ``serve``, plus the service's own commands.

``serve`` runs uvicorn with two timeouts for every connection: the request's headers must arrive
within ``--timeout-header`` seconds [10] of the connection opening or of the previous response, and
an idle keep-alive connection is closed after ``--timeout-keep-alive`` seconds [5]. A client that
opens sockets and sends nothing, or sends its headers a byte at a time, so holds a socket for at
most the header timeout instead of for ever. uvicorn's own ``X-Forwarded-For`` handling (which
trusts loopback) is off: the gateway reads it itself, from its trusted proxies only.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, cast

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from chiiki_common.migrations import upgrade
from chiiki_common.settings import ServiceSettings


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[[Any, argparse.Namespace], Coroutine[Any, Any, None]]
    arguments: Sequence[tuple[tuple[str, ...], dict[str, Any]]] = ()


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline for each request's headers.

    uvicorn (0.54) arms no timer before a connection's first request, and any byte received
    cancels its keep-alive timer; neither ``limit_concurrency`` (which answers 503 to *normal*
    requests once idle sockets fill it) nor h11's size limit helps against slow or silent clients.
    """

    def __init__(self, *args: Any, header_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timeout = header_timeout
        self._header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[arg-type]
        self._arm_header_deadline()

    def on_headers_complete(self) -> None:
        self._cancel_header_deadline()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.timeout_keep_alive_task is not None:  # now waiting for the next request
            self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_deadline()
        super().connection_lost(exc)

    def _arm_header_deadline(self) -> None:
        self._cancel_header_deadline()
        self._header_deadline = self.loop.call_later(self._header_timeout, self._headers_late)

    def _cancel_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_late(self) -> None:
        self._header_deadline = None
        if not self.transport.is_closing():
            self.transport.close()


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
    serve.add_argument(
        "--timeout-header",
        type=float,
        default=10.0,
        help="リクエストヘッダーを受信し終えるまでの上限(秒)",
    )
    serve.add_argument(
        "--timeout-keep-alive",
        type=int,
        default=5,
        help="応答後に次のリクエストを待つ上限(秒)",
    )
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
            # a partial (not a class) so each worker process gets the timeout; pickles by name
            http=cast(
                "type[asyncio.Protocol]",
                partial(HeaderTimeoutProtocol, header_timeout=args.timeout_header),
            ),
            timeout_keep_alive=args.timeout_keep_alive,
            proxy_headers=False,
            access_log=False,
            log_config=None,
        )
    else:
        chosen = next(c for c in commands if c.name == args.command)
        asyncio.run(chosen.run(settings, args))
