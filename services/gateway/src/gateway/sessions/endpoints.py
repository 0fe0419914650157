"""Login, logout and the current user (for the SPA)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from chiiki_common.db import SessionDep
from chiiki_common.errors import PROBLEM_RESPONSES
from gateway.runtime import ClientAddress, GatewayDep
from gateway.sessions import service
from gateway.sessions.auth import CurrentUser
from gateway.sessions.schemas import LoginIn, LoginOut, MeOut

public_router = APIRouter(prefix="/auth", tags=["auth"], responses=PROBLEM_RESPONSES)
router = APIRouter(prefix="/auth", tags=["auth"], responses=PROBLEM_RESPONSES)


@public_router.post(
    "/login",
    response_model=LoginOut,
    summary="ログイン",
    responses={
        429: {
            **PROBLEM_RESPONSES[429],
            "description": "このメールアドレスと接続元からのログイン失敗が続いたため一時的に停止中"
            "（Retry-After ヘッダーと detail に再試行できる時期）",
        }
    },
)
async def login(
    body: LoginIn,
    response: Response,
    session: SessionDep,
    gateway: GatewayDep,
    client_address: ClientAddress,
) -> LoginOut:
    """Open a session with e-mail and password.

    Sets the HttpOnly session cookie and a readable ``chiiki_csrf`` cookie; every later unsafe
    request (POST, PUT, PATCH, DELETE) must send the CSRF token as ``X-CSRF-Token``.

    A wrong password and an unknown account get the same 401. Failures are throttled per e-mail
    address and client address together: after five in a row that pair waits 1, 2, 4 … seconds
    (at most 15 minutes) before its next attempt, answered 429 with ``Retry-After``; other
    accounts from the same address and the same account from other addresses are not held back.
    """
    opened = await service.login(
        session, gateway, email=body.email, password=body.password, client_address=client_address
    )
    settings = gateway.settings
    max_age = int(settings.session_hours * 3600)
    response.set_cookie(
        settings.session_cookie,
        opened.cookie_value,
        max_age=max_age,
        httponly=True,
        secure=settings.cookie_secure,
        samesite="lax",
        path="/",
    )
    response.set_cookie(
        settings.csrf_cookie,
        opened.view.csrf_token,
        max_age=max_age,
        httponly=False,
        secure=settings.cookie_secure,
        samesite="lax",
        path="/",
    )
    return LoginOut(user=service.me(opened.view), csrf_token=opened.view.csrf_token)


@router.post("/logout", status_code=204, summary="ログアウト")
async def logout(
    user: CurrentUser, response: Response, session: SessionDep, gateway: GatewayDep
) -> None:
    """End the session on the server; the cookie no longer works anywhere."""
    await service.logout(session, gateway, user)
    response.delete_cookie(gateway.settings.session_cookie, path="/")
    response.delete_cookie(gateway.settings.csrf_cookie, path="/")


@router.get("/me", response_model=MeOut, summary="ログイン中の利用者")
async def me(user: CurrentUser) -> MeOut:
    """The logged-in user: organisation, tier and roles."""
    return service.me(user)
