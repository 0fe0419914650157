"""Login, logout and the current user (for the SPA)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from chiiki_common.db import SessionDep
from chiiki_common.errors import PROBLEM_RESPONSES, problem_response
from gateway.runtime import GatewayDep
from gateway.sessions import service
from gateway.sessions.auth import CurrentUser
from gateway.sessions.schemas import LoginIn, LoginOut, MeOut

public_router = APIRouter(prefix="/auth", tags=["auth"], responses=PROBLEM_RESPONSES)
router = APIRouter(prefix="/auth", tags=["auth"], responses=PROBLEM_RESPONSES)


@public_router.post(
    "/login",
    response_model=LoginOut,
    summary="ログイン",
    responses={429: {"description": "ログイン失敗が続いたため一時的に停止中"}},
)
async def login(
    body: LoginIn, request: Request, response: Response, session: SessionDep, gateway: GatewayDep
) -> LoginOut | JSONResponse:
    """Open a session with e-mail and password.

    Sets the HttpOnly session cookie and a readable ``chiiki_csrf`` cookie; every later unsafe
    request (POST, PUT, PATCH, DELETE) must send the CSRF token as ``X-CSRF-Token``.
    """
    client_ip = request.client.host if request.client else "unknown"
    opened = await service.login(
        session, gateway, email=body.email, password=body.password, client_ip=client_ip
    )
    if opened is None:
        # returned, not raised: the failure counter must be committed
        return problem_response(
            request,
            401,
            title="メールアドレスまたはパスワードが正しくありません",
            headers={"WWW-Authenticate": 'Cookie realm="chiiki"'},
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
