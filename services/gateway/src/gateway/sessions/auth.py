"""Who is calling the gateway: a user by session cookie, or a machine client by bearer token.

Used by the gateway's own routes (as dependencies) and by the proxy (directly). A cookie-authenticated
unsafe request must carry ``X-CSRF-Token`` equal to the session's token.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

import structlog
from fastapi import Depends, Request
from starlette.requests import cookie_parser

from chiiki_common.auth import Principal, Role, Tier, TokenError
from chiiki_common.errors import Forbidden, Unauthorized
from gateway.ratelimit.service import too_many
from gateway.runtime import Gateway, GatewayDep
from gateway.sessions.store import SessionView
from gateway.tokens.service import MACHINE_TIERS

log = structlog.get_logger("gateway.auth")

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "x-csrf-token"


@dataclass(frozen=True)
class Caller:
    principal: Principal
    session: SessionView | None = None
    """Set when the caller is a user authenticated by the session cookie."""
    token: str | None = None
    """The machine client's own bearer token (forwarded as is by the proxy)."""


async def resolve_caller(
    gateway: Gateway,
    *,
    method: str,
    authorization: str | None,
    cookie_headers: Sequence[str],
    csrf_header: str | None,
) -> Caller | None:
    """The authenticated caller, ``None`` for an anonymous request; 401/403 problems otherwise.

    A bearer token wins: the ``Cookie`` header is parsed only when there is none."""
    if authorization:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized("Authorization ヘッダーの形式が正しくありません")
        token = token.strip()
        try:
            principal = gateway.machine_principal(token)
        except TokenError as exc:
            log.info("auth.token.rejected", reason=str(exc))
            raise Unauthorized("アクセストークンが無効です") from exc
        if principal.tier not in MACHINE_TIERS:
            raise Unauthorized("アクセストークンが無効です")
        return Caller(principal, token=token)
    session_cookie = _cookie(cookie_headers, gateway.settings.session_cookie)
    if session_cookie:
        view = await gateway.sessions.lookup(session_cookie)
        if view is None:
            raise Unauthorized("セッションが無効です。再度ログインしてください")
        if method not in SAFE_METHODS and not hmac.compare_digest(
            (csrf_header or "").encode(), view.csrf_token.encode()
        ):
            raise Forbidden("CSRF トークンがありません、または一致しません")
        return Caller(view.principal(), session=view)
    return None


def _cookie(headers: Sequence[str], name: str) -> str | None:
    """The cookie ``name`` as ``Request.cookies`` reads it (every ``Cookie`` header, the last
    one naming it wins)."""
    value = None
    for header in headers:
        value = cookie_parser(header).get(name, value)
    return value


async def caller_of(gateway: Gateway, request: Request) -> Caller:
    """The caller of a request (session cookie with CSRF, or bearer token); 401 when none."""
    headers = request.headers
    return await required_caller(
        gateway,
        method=request.method,
        authorization=headers.get("authorization"),
        cookie_headers=headers.getlist("cookie"),
        csrf_header=headers.get(CSRF_HEADER),
    )


async def required_caller(
    gateway: Gateway,
    *,
    method: str,
    authorization: str | None,
    cookie_headers: Sequence[str],
    csrf_header: str | None,
) -> Caller:
    """:func:`resolve_caller` from the raw headers (the proxy reads them without a ``Request``);
    401 when the request is anonymous."""
    caller = await resolve_caller(
        gateway,
        method=method,
        authorization=authorization,
        cookie_headers=cookie_headers,
        csrf_header=csrf_header,
    )
    if caller is None:
        raise Unauthorized("ログインが必要です")
    return caller


async def limit_caller(gateway: Gateway, caller: Caller) -> None:
    """429 past the caller's own request bucket: per user, or per ministry client. The platform's
    own services are not limited here; nobody is limited per address once signed in, so an office
    behind one address is never limited as one caller."""
    principal = caller.principal
    if principal.tier is Tier.service:
        return
    if principal.tier in MACHINE_TIERS:
        retry = await gateway.client_limits.retry_after(f"client:{principal.subject}")
    else:
        retry = await gateway.user_limits.retry_after(f"user:{principal.subject}")
    if retry is not None:
        raise too_many(retry)


async def current_caller(request: Request, gateway: GatewayDep) -> Caller:
    """Dependency of every non-public gateway route: a user session or a machine token, within
    its request rate."""
    cached = getattr(request.state, "caller", None)
    if isinstance(cached, Caller):
        return cached
    caller = await caller_of(gateway, request)
    await limit_caller(gateway, caller)
    request.state.caller = caller
    structlog.contextvars.bind_contextvars(
        sub=caller.principal.subject, org=caller.principal.organisation
    )
    return caller


CurrentCaller = Annotated[Caller, Depends(current_caller)]


async def current_user(caller: CurrentCaller) -> SessionView:
    if caller.session is None:
        raise Forbidden("利用者としてログインしてください")
    return caller.session


CurrentUser = Annotated[SessionView, Depends(current_user)]


async def organisation_admin(user: CurrentUser) -> SessionView:
    if not user.principal().has_role(Role.admin):
        raise Forbidden("利用者の管理には管理者の役割が必要です")
    return user


OrganisationAdmin = Annotated[SessionView, Depends(organisation_admin)]


async def national_admin(user: OrganisationAdmin) -> SessionView:
    if user.tier is not Tier.national:
        raise Forbidden("マシンクライアントの管理は国の管理者のみが行えます")
    return user


NationalAdmin = Annotated[SessionView, Depends(national_admin)]


async def directory_reader(caller: CurrentCaller) -> Principal:
    principal = caller.principal
    if principal.tier is not Tier.service or not principal.has_scope("directory:read"):
        raise Forbidden("このクライアントには必要なスコープがありません")
    return principal


DirectoryReader = Annotated[Principal, Depends(directory_reader)]
