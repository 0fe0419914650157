"""OAuth2 client credentials for machine clients, and the public keys that verify every token."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import unquote_plus

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from chiiki_common.db import SessionDep
from chiiki_common.errors import PROBLEM_RESPONSES
from gateway.runtime import ClientAddress, GatewayDep
from gateway.tokens import service
from gateway.tokens.schemas import JWKSOut, OAuthErrorOut, TokenOut

public_router = APIRouter(tags=["tokens"])

_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _oauth_error(error: service.OAuthError, *, basic: bool) -> JSONResponse:
    headers = dict(_NO_STORE)
    if error.status == 401:
        headers["WWW-Authenticate"] = 'Basic realm="chiiki"' if basic else "Bearer"
    body = OAuthErrorOut(error=error.error, error_description=error.description or None)
    return JSONResponse(
        body.model_dump(exclude_none=True), status_code=error.status, headers=headers
    )


def _basic_credentials(header: str) -> tuple[str, str] | None:
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise service.OAuthError("invalid_client", 401) from exc
    client_id, sep, secret = decoded.partition(":")
    if not sep:
        raise service.OAuthError("invalid_client", 401)
    # RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding
    return unquote_plus(client_id), unquote_plus(secret)


@public_router.post(
    "/auth/token",
    summary="マシンクライアントのアクセストークン発行",
    response_model=TokenOut,
    responses={
        400: {"model": OAuthErrorOut},
        401: {"model": OAuthErrorOut},
        429: {
            **PROBLEM_RESPONSES[429],
            "description": "このクライアントIDと接続元からの認証失敗が続いたため一時的に停止中"
            "（Retry-After ヘッダーと detail に再試行できる時期、error は slow_down）",
        },
    },
)
async def issue_token(
    request: Request, session: SessionDep, gateway: GatewayDep, client_address: ClientAddress
) -> JSONResponse:
    """OAuth2 client credentials grant (RFC 6749 §4.4).

    Send ``grant_type=client_credentials`` form-encoded, with the client's id and secret either in
    HTTP Basic (``client_secret_basic``) or as ``client_id`` / ``client_secret`` form fields
    (``client_secret_post``); optionally ``scope`` (a subset of the client's scopes). Tokens live
    at most 15 minutes; expired or revoked clients are refused with ``invalid_client``.

    Wrong secrets are throttled per client id and client address together, as logins are: after
    five in a row that pair waits 1, 2, 4 … seconds (at most 15 minutes), answered 429
    (problem+json with ``error: slow_down``) and ``Retry-After``.
    """
    authorization = request.headers.get("authorization", "")
    basic = authorization.lower().startswith("basic ")
    try:
        if "application/x-www-form-urlencoded" not in request.headers.get("content-type", ""):
            raise service.OAuthError(
                "invalid_request",
                description="application/x-www-form-urlencoded で送信してください",
            )
        form = await request.form()
        fields = {key: value for key, value in form.items() if isinstance(value, str)}
        if fields.get("grant_type") != "client_credentials":
            code = "invalid_request" if "grant_type" not in fields else "unsupported_grant_type"
            raise service.OAuthError(code)
        credentials = _basic_credentials(authorization) if basic else None
        if credentials and ("client_secret" in fields):
            raise service.OAuthError(
                "invalid_request", description="クライアント認証は一つの方法だけで行ってください"
            )
        if credentials is None:
            if not fields.get("client_id") or not fields.get("client_secret"):
                raise service.OAuthError("invalid_client", 401)
            credentials = (fields["client_id"], fields["client_secret"])
        issued = await service.client_credentials(
            session,
            gateway.passwords,
            gateway.keys.signer,
            gateway.settings,
            gateway.throttle,
            client_id=credentials[0],
            client_secret=credentials[1],
            requested_scope=fields.get("scope"),
            client_address=client_address,
        )
    except service.OAuthError as error:
        return _oauth_error(error, basic=basic)
    body = TokenOut(
        access_token=issued.access_token, expires_in=issued.expires_in, scope=issued.scope
    )
    return JSONResponse(body.model_dump(), headers=_NO_STORE)


@public_router.get("/.well-known/jwks.json", response_model=JWKSOut, summary="公開鍵(JWKS)")
async def jwks(gateway: GatewayDep) -> JSONResponse:
    """Public keys of every live signing key; services verify access tokens against them."""
    return JSONResponse(gateway.keys.document, headers={"Cache-Control": "public, max-age=60"})
