"""Control characters never get in: one ASGI middleware in front of every service and the gateway.

NUL and the other C0 control characters (U+0000–U+001F) and DEL are refused with 422 in the path,
every query parameter, every header value and every field of a JSON or form body, before routing,
so no handler, log line or database (PostgreSQL refuses NUL in text) ever sees one. Tab, line feed
and carriage return are let through in bodies only, where free text may hold them; the input models
(:mod:`chiiki_common.schemas`) then allow them in free-text fields alone.

Multipart bodies are not read here (their files are binary); their file names go through
``chiiki_common.spreadsheets`` / the attachment store, and their text fields through the models.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, unquote

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chiiki_common.errors import PROBLEM_JSON, TYPE_BASE

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_IN_BODY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_JSON_ESCAPE = re.compile(rb"\\(u00[01][0-9a-fA-F]|u007[fF]|[bf])")
_JSON_ESCAPE_ALLOWED = {b"u0009", b"u000a", b"u000d", b"u000A", b"u000D"}
_HEADER_CONTROL = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")

TITLE = "使用できない制御文字が含まれています"
MESSAGE = "制御文字(NUL など)は入力できません"


def has_control(value: str, *, allow_whitespace: bool = False) -> bool:
    """Whether ``value`` holds a C0 control character or DEL (tab, LF and CR allowed when asked)."""
    pattern = _CONTROL_IN_BODY if allow_whitespace else _CONTROL
    return pattern.search(value) is not None


def _escape_is_control(body: bytes) -> bool:
    """A ``\\u0000``-style escape of a control character in JSON text (an escaped backslash before
    it, ``\\\\u0000``, is the literal text and is let through)."""
    for match in _JSON_ESCAPE.finditer(body):
        start = match.start()
        backslashes = 0
        while start - backslashes - 1 >= 0 and body[start - backslashes - 1] == 0x5C:
            backslashes += 1
        if backslashes % 2 == 0 and match.group(1) not in _JSON_ESCAPE_ALLOWED:
            return True
    return False


def _json_fields(value: object, path: str = "") -> Iterable[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield f"{path}/{key}" if path else str(key), str(key)
            yield from _json_fields(item, f"{path}/{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_fields(item, f"{path}/{index}" if path else str(index))


def _body_problem(content_type: str, body: bytes) -> list[str]:
    if not body:
        return []
    if "json" in content_type:
        if _CONTROL_IN_BODY.search(body.decode("utf-8", "replace")) or _escape_is_control(body):
            try:
                document = json.loads(body)
            except ValueError:
                return ["body"]
            found = [
                path or "body"
                for path, text in _json_fields(document)
                if has_control(text, allow_whitespace=True)
            ]
            return found or ["body"]
        return []
    if "application/x-www-form-urlencoded" in content_type:
        text = body.decode("latin-1")
        return [
            f"body/{name}"
            for name, value in parse_qsl(text, keep_blank_values=True)
            if has_control(name) or has_control(value, allow_whitespace=True)
        ]
    return []


class ControlCharacterGuard:
    """Pure ASGI: refuses a request holding control characters with one problem naming every place."""

    def __init__(self, app: ASGIApp, *, max_buffered_body: int = 16 * 1024 * 1024) -> None:
        self.app = app
        self.max_buffered_body = max_buffered_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        places = self._head_problems(scope)
        content_type = ""
        for name, value in scope["headers"]:
            if name == b"content-type":
                content_type = value.decode("latin-1").lower()
        inspect_body = "json" in content_type or "x-www-form-urlencoded" in content_type
        if places or not inspect_body:
            if places:
                await _refuse(scope, send, places)
                return
            await self.app(scope, receive, send)
            return

        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            chunks.append(chunk)
            more = message.get("more_body", False)
            if size > self.max_buffered_body:
                break
        body = b"".join(chunks)
        places = _body_problem(content_type, body) if not more else []
        if places:
            await _refuse(scope, send, places)
            return

        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": more}
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    def _head_problems(scope: Scope) -> list[str]:
        places = []
        raw_path = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
        if has_control(scope["path"]) or has_control(unquote(raw_path.decode("latin-1"))):
            places.append("path")
        query = scope.get("query_string", b"").decode("latin-1")
        if query:
            for name, value in parse_qsl(query, keep_blank_values=True):
                if has_control(name) or has_control(value):
                    places.append(f"query/{name if not has_control(name) else '?'}")
        for name, value in scope["headers"]:
            if _HEADER_CONTROL.search(value):
                places.append(f"header/{name.decode('latin-1')}")
        return places


async def _refuse(scope: Scope, send: Send, places: list[str]) -> None:
    request_id = scope.get("state", {}).get("request_id")
    problem: dict[str, object] = {
        "type": TYPE_BASE + "control-character",
        "title": TITLE,
        "status": 422,
        "detail": "入力に制御文字が含まれているため受け付けませんでした。該当箇所を示します。",
        "instance": scope["path"] if not has_control(scope["path"]) else None,
        "errors": [
            {"field": place, "message": MESSAGE, "code": "control_character"}
            for place in dict.fromkeys(places)
        ],
    }
    if request_id:
        problem["request_id"] = request_id
    payload = json.dumps(
        {k: v for k, v in problem.items() if v is not None}, ensure_ascii=False
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 422,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(payload)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
