"""Security headers on every response the gateway sends, its own and the proxied ones."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

BASE_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
)
HSTS = (b"strict-transport-security", b"max-age=63072000; includeSubDomains")


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, hsts: bool) -> None:
        self.app = app
        self.headers = (*BASE_HEADERS, HSTS) if hsts else BASE_HEADERS
        self.names = frozenset(name for name, _ in self.headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                # what the answer set itself is kept: only the names it lacks are added
                present = {
                    lowered for name, _ in headers if (lowered := name.lower()) in self.names
                }
                if present:
                    headers += [h for h in self.headers if h[0] not in present]
                else:
                    headers += self.headers
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
