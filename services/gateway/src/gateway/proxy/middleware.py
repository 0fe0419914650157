"""The reverse proxy: pure ASGI in front of FastAPI's router, so the hot path stays lean.

``/api/plans``, ``/api/rollup``, ``/registry/v1`` and ``/public/v1`` go to plans-api,
``/api/scoring`` to scoring-api, ``/api/notify`` to notify, paths unchanged, over one pooled
aiohttp session (measured: an httpx client as a proxy gave ~700 req/s, aiohttp ~3,600). Policy:
``/public/v1`` is anonymous; ``/registry`` takes a user or a machine client; everything else
needs a user (machine clients get 403). A user reaches only the services its token is for: a
bureau's request for scoring-api answers 403 here, the same for every path (nothing is looked up),
rather than the upstream's 401 for a token not meant for it, which would end the session.
"""

from __future__ import annotations

import asyncio
from enum import Enum

import aiohttp
import structlog
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from yarl import URL

from chiiki_common.errors import (
    Forbidden,
    ProblemError,
    UpstreamTimeout,
    UpstreamUnavailable,
    response_for,
)
from gateway.runtime import Gateway
from gateway.sessions.auth import CSRF_HEADER, limit_caller, required_caller

log = structlog.get_logger("gateway.proxy")


class Access(Enum):
    public = "public"
    registry = "registry"
    user = "user"


ROUTES: tuple[tuple[str, str, Access], ...] = (
    ("/api/plans", "plans-api", Access.user),
    ("/api/scoring", "scoring-api", Access.user),
    ("/api/notify", "notify", Access.user),
    ("/api/rounds", "plans-api", Access.user),
    ("/api/rollup", "plans-api", Access.user),
    ("/api/proposals", "plans-api", Access.user),
    ("/registry/v1", "plans-api", Access.registry),
    ("/public/v1", "plans-api", Access.public),
)

HOP_BY_HOP = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-authenticate",
        b"proxy-authorization",
        b"te",
        b"trailer",
        b"trailers",
        b"transfer-encoding",
        b"upgrade",
    }
)
_NOT_FORWARDED = HOP_BY_HOP | {
    b"host",
    b"cookie",
    b"authorization",
    b"content-length",
    CSRF_HEADER.encode(),
    b"x-request-id",
    b"x-forwarded-for",
    b"x-forwarded-proto",
    b"x-forwarded-host",
}
BUFFERED_RESPONSE_BYTES = 256 * 1024

_NOT_RETURNED = HOP_BY_HOP | {b"server", b"date", b"set-cookie"}


def match(path: str) -> tuple[str, Access] | None:
    for prefix, upstream, access in ROUTES:
        if path.startswith(prefix) and (len(path) == len(prefix) or path[len(prefix)] == "/"):
            return upstream, access
    return None


class BodyTooLarge(ProblemError):
    status, slug, title = 413, "too-large", "リクエストが大きすぎます"


class _Head:
    """What the proxy reads of a request's headers, in one pass over them: the first of each
    (as ``Request.headers.get``), every ``Cookie`` header, and the rest as they are forwarded."""

    __slots__ = ("authorization", "connection", "cookies", "csrf", "forwarded", "host")

    def __init__(self, raw: list[tuple[bytes, bytes]]) -> None:
        self.authorization: str | None = None
        self.connection: str | None = None
        self.csrf: str | None = None
        self.host = ""
        self.cookies: list[str] = []
        self.forwarded: list[tuple[bytes, bytes]] = []
        seen_host = False
        for name, value in raw:
            if name not in _NOT_FORWARDED:
                self.forwarded.append((name, value))
            elif name == b"authorization":
                if self.authorization is None:
                    self.authorization = value.decode("latin-1")
            elif name == b"cookie":
                self.cookies.append(value.decode("latin-1"))
            elif name == _CSRF:
                if self.csrf is None:
                    self.csrf = value.decode("latin-1")
            elif name == b"host":
                if not seen_host:
                    seen_host = True
                    self.host = value.decode("latin-1")
            elif name == b"connection" and self.connection is None:
                self.connection = value.decode("latin-1")


_CSRF = CSRF_HEADER.encode()


class ProxyMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route = match(scope["path"])
        if route is None:
            await self.app(scope, receive, send)
            return
        gateway: Gateway = scope["app"].state.gateway
        head = _Head(scope["headers"])
        try:
            authorization = await self._authorize(gateway, scope["method"], head, *route)
            body = await self._body(gateway, receive)
        except ProblemError as exc:
            await response_for(Request(scope, receive), exc)(scope, receive, send)
            return
        await self._forward(gateway, scope, head, route[0], authorization, body, send)

    async def _authorize(
        self, gateway: Gateway, method: str, head: _Head, upstream: str, access: Access
    ) -> str | None:
        """The ``Authorization`` header to send upstream (``None`` for public requests)."""
        if access is Access.public:
            return None
        caller = await required_caller(
            gateway,
            method=method,
            authorization=head.authorization,
            cookie_headers=head.cookies,
            csrf_header=head.csrf,
        )
        await limit_caller(gateway, caller)
        if caller.session is not None:
            if upstream not in caller.session.audiences:
                raise Forbidden("この利用者区分では利用できません")
            return f"Bearer {gateway.user_token(caller.session)}"
        if access is Access.user:
            raise Forbidden("マシンクライアントはこの API を利用できません")
        return f"Bearer {caller.token}"

    @staticmethod
    async def _body(gateway: Gateway, receive: Receive) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > gateway.settings.max_request_body_bytes:
                raise BodyTooLarge()
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)

    async def _forward(
        self,
        gateway: Gateway,
        scope: Scope,
        head: _Head,
        upstream: str,
        authorization: str | None,
        body: bytes,
        send: Send,
    ) -> None:
        forwarded = head.forwarded
        if head.connection:
            # RFC 9110 §7.6.1: headers named in Connection are for this hop only
            named = {
                token.strip().lower().encode("latin-1") for token in head.connection.split(",")
            }
            forwarded = [(name, value) for name, value in forwarded if name not in named]
        headers = [(name.decode("latin-1"), value.decode("latin-1")) for name, value in forwarded]
        if authorization:
            headers.append(("authorization", authorization))
        client = scope.get("client")
        # the client address as resolved from trusted proxies only; a client's own
        # X-Forwarded-For never reaches the services
        headers.append(("x-forwarded-for", client[0] if client else "unknown"))
        headers.append(("x-forwarded-proto", scope.get("scheme", "http")))
        headers.append(("x-forwarded-host", head.host))
        request_id = scope.get("state", {}).get("request_id")
        if request_id:
            headers.append(("x-request-id", request_id))
        raw_path = scope.get("raw_path") or scope["path"].encode()
        target = gateway.settings.upstreams[upstream] + raw_path.decode("latin-1")
        if scope.get("query_string"):
            target += "?" + scope["query_string"].decode("latin-1")
        started = False
        try:
            async with gateway.http.request(
                scope["method"],
                URL(target, encoded=True),
                headers=headers,
                data=body or None,
                allow_redirects=False,
            ) as upstream_response:
                response_headers = [
                    (name.lower(), value)
                    for name, value in upstream_response.raw_headers
                    if name.lower() not in _NOT_RETURNED
                ]
                start = {
                    "type": "http.response.start",
                    "status": upstream_response.status,
                    "headers": response_headers,
                }
                length = upstream_response.content_length
                if length is not None and length <= BUFFERED_RESPONSE_BYTES:
                    # the usual small JSON answer: read whole, sent in one message
                    content = await upstream_response.read()
                    await send(start)
                    await send({"type": "http.response.body", "body": content})
                    return
                await send(start)
                started = True
                async for chunk in upstream_response.content.iter_any():
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
                await send({"type": "http.response.body", "body": b"", "more_body": False})
        except (TimeoutError, aiohttp.ClientError) as exc:
            if started:
                log.warning("proxy.upstream.broke", upstream=upstream, error=repr(exc))
                raise
            timeout = isinstance(exc, TimeoutError | asyncio.TimeoutError)
            log.warning(
                "proxy.upstream.failed", upstream=upstream, timeout=timeout, error=repr(exc)
            )
            # which upstream it was goes to the log above, not to the screen
            problem = (
                UpstreamTimeout("応答待ちの時間を超えました")
                if timeout
                else UpstreamUnavailable("接続できませんでした")
            )
            await response_for(Request(scope), problem)(scope, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}
