"""structlog configuration and the request id that follows a request across services.

One line per request (``http.request``), JSON in production, the request id bound on every line via
contextvars. An incoming ``X-Request-ID`` is kept (so the gateway's id reaches every service) when it
looks sane; otherwise a new one is made. Outgoing httpx calls forward it (:func:`forward_request_id`).
"""

from __future__ import annotations

import logging
import os
import re
import sys
import time
from typing import Any

import httpx
import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "x-request-id"
_SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class _CurrentStderr:
    """Whatever ``sys.stderr`` is when a line is written, not when logging was configured (a
    stream replaced and closed since, as a test's capture is, would fail every later line)."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


def configure_logging(*, service: str, json: bool, level: str = "INFO") -> None:
    """Configure structlog (and route the stdlib's loggers through the same renderer)."""
    timestamper = structlog.processors.TimeStamper(fmt="iso", utc=True)
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        timestamper,
    ]
    renderer: Any = (
        structlog.processors.JSONRenderer(ensure_ascii=False)
        if json
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    structlog.configure(
        processors=[
            *shared,
            structlog.processors.StackInfoRenderer(),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level)),
        logger_factory=structlog.PrintLoggerFactory(file=_CurrentStderr()),  # type: ignore[arg-type]
        cache_logger_on_first_use=True,
    )
    structlog.contextvars.bind_contextvars(service=service)
    logging.basicConfig(level=level, stream=sys.stderr, format="%(name)s %(levelname)s %(message)s")
    # uvicorn's own access log costs throughput and duplicates ours: one line per request, ours.
    logging.getLogger("uvicorn.access").disabled = True
    # httpx logs every call at INFO; the receiving service logs the request already.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def new_request_id() -> str:
    """32 random hex digits, as ``uuid4().hex`` gave, without building a UUID per request."""
    return os.urandom(16).hex()


class RequestContextMiddleware:
    """Pure ASGI middleware: request id in, request id out, one log line per request."""

    def __init__(self, app: ASGIApp, *, log_requests: bool = True) -> None:
        self.app = app
        self.log_requests = log_requests
        self.log = structlog.get_logger("chiiki.http")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = None
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                incoming = value.decode("latin-1")
                break
        request_id = incoming if incoming and _SANE_ID.match(incoming) else new_request_id()
        scope.setdefault("state", {})["request_id"] = request_id
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500
        id_header = (b"x-request-id", request_id.encode())

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), id_header]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if self.log_requests:
                self.log.info(
                    "http.request",
                    method=scope["method"],
                    path=scope["path"],
                    status=status,
                    ms=round((time.perf_counter() - started) * 1000, 2),
                )
            structlog.contextvars.unbind_contextvars("request_id")


def current_request_id() -> str | None:
    value = structlog.contextvars.get_contextvars().get("request_id")
    return value if isinstance(value, str) else None


async def forward_request_id(request: httpx.Request) -> None:
    """httpx event hook: carry the current request id to the next service."""
    request_id = current_request_id()
    if request_id and REQUEST_ID_HEADER not in request.headers:
        request.headers[REQUEST_ID_HEADER] = request_id
