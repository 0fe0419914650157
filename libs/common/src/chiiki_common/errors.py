"""RFC 9457 problem+json: one shape for every error of every service.

Expected failures are :class:`ProblemError` subclasses carrying their status, a stable ``type`` and a
Japanese ``title``; one handler renders them. Validation lists every failing field at once.
"""

from __future__ import annotations

import socket
from http import HTTPStatus
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://chiiki-platform.example/problems/"

log = structlog.get_logger("chiiki.errors")


class FieldProblem(BaseModel):
    """One failing field: a JSON-pointer-like path and a Japanese message."""

    model_config = ConfigDict(extra="forbid")

    field: str
    message: str
    code: str | None = None


class Problem(BaseModel):
    """RFC 9457 problem details, with ``errors`` for every failing field."""

    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    errors: list[FieldProblem] | None = None
    request_id: str | None = None


class ProblemError(Exception):
    """A domain failure with its HTTP status; raise it anywhere below a handler."""

    status: int = 400
    slug: str = "bad-request"
    title: str = "リクエストが正しくありません"

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[FieldProblem] | None = None,
        title: str | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}
        self.extra = extra or {}
        if title:
            self.title = title


class NotFound(ProblemError):
    status, slug, title = 404, "not-found", "対象が見つかりません"


class Unauthorized(ProblemError):
    status, slug, title = 401, "unauthorized", "認証が必要です"

    def __init__(self, detail: str | None = None, **kw: Any) -> None:
        kw.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(detail, **kw)


class Forbidden(ProblemError):
    status, slug, title = 403, "forbidden", "この操作を行う権限がありません"


class Conflict(ProblemError):
    status, slug, title = 409, "conflict", "現在の状態ではこの操作はできません"


class PreconditionFailed(ProblemError):
    status, slug, title = 412, "precondition-failed", "他の利用者が先に更新しました"


class PreconditionRequired(ProblemError):
    status, slug, title = 428, "precondition-required", "If-Match ヘッダーが必要です"


class ValidationFailed(ProblemError):
    status, slug, title = 422, "validation", "入力内容に誤りがあります"


class TooManyRequests(ProblemError):
    status, slug, title = (
        429,
        "rate-limited",
        "リクエストが多すぎます。しばらく待ってから再試行してください",
    )


class UpstreamUnavailable(ProblemError):
    status, slug, title = 502, "upstream-unavailable", "連携先のサービスに接続できません"


class DatabaseUnavailable(ProblemError):
    status, slug, title = (
        503,
        "database-unavailable",
        "データベースに一時的に接続できません。しばらく待ってから再試行してください",
    )


RETRY_AFTER_SECONDS = 5
"""What a 503 for an unreachable database asks the caller to wait: the pool tries anew on the next
request (pre-ping), so the service recovers by itself as soon as the database answers."""

_UNAVAILABLE_WORDS = (
    "database is locked",
    "unable to open database file",
    "connection is closed",
    "connection was closed",
    "cannot connect now",
    "the database system is",
    "too many connections",
    "connection refused",
    "connection reset",
    "server closed the connection",
    "terminating connection",
)


def is_database_unavailable(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) says the database cannot be reached just now, rather than
    that a statement is wrong: such failures answer 503 with Retry-After, never 500."""
    from sqlalchemy import exc as sa_exc

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sa_exc.TimeoutError | sa_exc.DisconnectionError):
            return True
        if isinstance(current, ConnectionError | TimeoutError | socket.gaierror) or (
            isinstance(current, OSError) and "connect call failed" in str(current).lower()
        ):
            return True
        if isinstance(current, sa_exc.DBAPIError) and current.connection_invalidated:
            return True
        name = type(current).__name__
        if name in {"ConnectionDoesNotExistError", "CannotConnectNowError", "InterfaceError"}:
            return True
        if any(word in str(current).lower() for word in _UNAVAILABLE_WORDS) and isinstance(
            current, sa_exc.OperationalError | sa_exc.InterfaceError | sa_exc.DBAPIError
        ):
            return True
        current = getattr(current, "orig", None) or current.__cause__ or current.__context__
    return False


class UpstreamTimeout(ProblemError):
    status, slug, title = 504, "upstream-timeout", "連携先のサービスが時間内に応答しませんでした"


_STATUS_TITLES = {
    400: ("bad-request", "リクエストが正しくありません"),
    401: ("unauthorized", "認証が必要です"),
    403: ("forbidden", "この操作を行う権限がありません"),
    404: ("not-found", "対象が見つかりません"),
    405: ("method-not-allowed", "この操作は許可されていません"),
    406: ("not-acceptable", "要求された形式では応答できません"),
    409: ("conflict", "現在の状態ではこの操作はできません"),
    412: ("precondition-failed", "他の利用者が先に更新しました"),
    413: ("too-large", "リクエストが大きすぎます"),
    415: ("unsupported-media-type", "対応していない形式です"),
    422: ("validation", "入力内容に誤りがあります"),
    428: ("precondition-required", "If-Match ヘッダーが必要です"),
    429: ("rate-limited", "リクエストが多すぎます。しばらく待ってから再試行してください"),
    500: ("internal", "システムエラーが発生しました"),
    503: ("unavailable", "サービスを一時的に利用できません。しばらく待ってから再試行してください"),
}

_PYDANTIC_MESSAGES = {
    "missing": "必須項目です",
    "extra_forbidden": "この項目は指定できません",
    "string_type": "文字列で指定してください",
    "string_too_short": "{min_length}文字以上で入力してください",
    "string_too_long": "{max_length}文字以内で入力してください",
    "string_pattern_mismatch": "形式が正しくありません",
    "int_type": "整数で指定してください",
    "int_parsing": "整数で入力してください",
    "int_from_float": "小数ではなく整数で入力してください",
    "int_parsing_size": "桁数が多すぎます",
    "float_type": "数値で指定してください",
    "float_parsing": "数値で入力してください",
    "decimal_type": "数値で指定してください",
    "decimal_parsing": "数値で入力してください",
    "finite_number": "有限の数値で入力してください",
    "greater_than_equal": "{ge}以上の値を入力してください",
    "greater_than": "{gt}より大きい値を入力してください",
    "less_than_equal": "{le}以下の値を入力してください",
    "less_than": "{lt}より小さい値を入力してください",
    "multiple_of": "{multiple_of}の倍数を入力してください",
    "enum": "選択肢から選んでください",
    "literal_error": "選択肢から選んでください",
    "bool_type": "はい・いいえで指定してください",
    "bool_parsing": "はい・いいえで指定してください",
    "date_type": "日付で指定してください",
    "date_parsing": "日付の形式が正しくありません",
    "date_from_datetime_parsing": "日付の形式が正しくありません",
    "date_from_datetime_inexact": "時刻を含まない日付で指定してください",
    "datetime_type": "日時で指定してください",
    "datetime_parsing": "日時の形式が正しくありません",
    "datetime_from_date_parsing": "日時の形式が正しくありません",
    "timezone_aware": "時差(日本時間なら +09:00)を付けて指定してください",
    "timezone_naive": "時差を付けずに指定してください",
    "json_invalid": "JSON の形式が正しくありません",
    "json_type": "JSON の形式が正しくありません",
    "model_type": "項目の組(オブジェクト)で指定してください",
    "model_attributes_type": "項目の組(オブジェクト)で指定してください",
    "dict_type": "項目の組(オブジェクト)で指定してください",
    "list_type": "一覧(配列)で指定してください",
    "too_long": "{max_length}件以内にしてください",
    "too_short": "{min_length}件以上にしてください",
    "value_error": "入力内容が正しくありません",
    "assertion_error": "入力内容が正しくありません",
}
"""Japanese for every pydantic error type the platform's inputs can raise (a test walks every
route's parameters and holds the types they can raise against this list). ``{ge}``-style
placeholders take the bound from the error's context, so the message says what is accepted."""

GENERIC_FIELD_MESSAGE = "入力内容が正しくありません"
"""For a pydantic error type missing from the catalogue: never pydantic's own English."""


def _pydantic_builtin_types() -> frozenset[str]:
    import typing

    from pydantic_core.core_schema import ErrorType

    return frozenset(typing.get_args(ErrorType))


_BUILTIN_TYPES = _pydantic_builtin_types()


def _bound(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float) or abs(value) < 10_000:
        return str(value)  # a fiscal year reads 2000, not 2,000
    return f"{value:,}"


def pydantic_message(err: Any) -> str:
    """The Japanese message for one pydantic error: a validator's own message (``ValueError`` in
    our validators, raised in Japanese), our custom errors' text, or the catalogue's entry with its
    bounds filled in; pydantic's English ``msg`` never."""
    ctx = err.get("ctx") if isinstance(err.get("ctx"), dict) else {}
    kind = err.get("type", "")
    if ctx.get("error") and kind in {"value_error", "assertion_error"}:
        return str(ctx["error"])
    if kind not in _BUILTIN_TYPES:
        return str(err.get("msg") or GENERIC_FIELD_MESSAGE)  # PydanticCustomError: ours
    template = _PYDANTIC_MESSAGES.get(kind)
    if template is None:
        return GENERIC_FIELD_MESSAGE
    try:
        return template.format(**{key: _bound(value) for key, value in ctx.items()})
    except (KeyError, IndexError, ValueError):
        return GENERIC_FIELD_MESSAGE


def field_path(loc: tuple[Any, ...] | list[Any]) -> str:
    """Pydantic's ``loc`` as a path: ``('body', 'kgis', 0, 'target')`` → ``kgis/0/target``."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"}:
        parts = parts[1:] or parts
    return "/".join(parts)


def problems_from_pydantic(errors: list[Any]) -> list[FieldProblem]:
    return [
        FieldProblem(field=field_path(err["loc"]), message=pydantic_message(err), code=err["type"])
        for err in errors
    ]


def _request_id(request: Request) -> str | None:
    return getattr(request.state, "request_id", None) or request.headers.get("x-request-id")


def problem_response(
    request: Request,
    status: int,
    *,
    slug: str | None = None,
    title: str | None = None,
    detail: str | None = None,
    errors: list[FieldProblem] | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    default_slug, default_title = _STATUS_TITLES.get(status, ("error", "エラーが発生しました"))
    body = Problem(
        type=TYPE_BASE + (slug or default_slug),
        title=title or default_title,
        status=status,
        detail=detail,
        instance=request.url.path,
        errors=errors,
        request_id=_request_id(request),
    ).model_dump(exclude_none=True)
    if extra:
        body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def response_for(request: Request, exc: ProblemError) -> JSONResponse:
    """The problem+json answer of a domain exception (what its handler, or an ASGI layer that
    answers before the app, sends)."""
    return problem_response(
        request,
        exc.status,
        slug=exc.slug,
        title=exc.title,
        detail=exc.detail,
        errors=exc.errors,
        headers=exc.headers,
        extra=exc.extra,
    )


async def _handle_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    return response_for(request, exc)


async def _handle_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return problem_response(
        request,
        422,
        detail="入力内容を確認してください。誤りのある項目をすべて示します。",
        errors=problems_from_pydantic(list(exc.errors())),
    )


async def _handle_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    # Starlette's own details are HTTP's English phrases ("Not Found", "Method Not Allowed"): the
    # Japanese title says it; only a detail we wrote ourselves goes out.
    standard = {status.phrase for status in HTTPStatus}
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail not in standard else None
    return problem_response(
        request, exc.status_code, detail=detail, headers=getattr(exc, "headers", None)
    )


async def _handle_database(request: Request, exc: Exception) -> JSONResponse:
    """A database that cannot be reached just now: 503 with Retry-After. Any other failure of
    these kinds is a defect and goes on to the 500 handler."""
    if not is_database_unavailable(exc):
        raise exc
    log.warning("request.database_unavailable", path=request.url.path, error=repr(exc))
    return problem_response(
        request,
        DatabaseUnavailable.status,
        slug=DatabaseUnavailable.slug,
        title=DatabaseUnavailable.title,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def _handle_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("request.failed", path=request.url.path)
    return problem_response(request, 500)


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ProblemError, _handle_problem)
    app.add_exception_handler(RequestValidationError, _handle_validation)
    app.add_exception_handler(StarletteHTTPException, _handle_http)
    from sqlalchemy import exc as sa_exc

    for kind in (sa_exc.DBAPIError, sa_exc.TimeoutError, sa_exc.DisconnectionError, OSError):
        app.add_exception_handler(kind, _handle_database)
    app.add_exception_handler(Exception, _handle_unexpected)


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem, "content": {PROBLEM_JSON: {}}, "description": title}
    for status, (_, title) in _STATUS_TITLES.items()
    if status in (400, 401, 403, 404, 409, 412, 422, 428, 429, 503)
}
"""Add to a router's ``responses`` so the OpenAPI document shows the problem shape."""
