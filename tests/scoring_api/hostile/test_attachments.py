"""Application documents (応募書類): a file is in the store exactly when its row is committed, its
name is cleaned, and the content type served is one the OpenAPI document declares."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from chiiki_common.clock import Clock, set_clock
from scoring_api.app import create_app
from scoring_api.models import Attachment
from scoring_api.settings import Settings
from tests.fixtures.auth import TokenFactory
from tests.scoring_api.calls.test_calls import DURING
from tests.scoring_api.factories import (
    KUMAMOTO,
    PDF,
    application_body,
    open_kumamoto_call,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _during_the_window() -> None:
    set_clock(Clock(DURING, frozen=True))


def stored_files(settings: Settings) -> list[Path]:
    folder = Path(settings.attachment_folder)
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


async def _application(client: httpx.AsyncClient, tokens: TokenFactory, n: int = 1) -> str:
    call = await open_kumamoto_call(client, tokens.prefecture(KUMAMOTO, "approver"))
    response = await client.post(
        f"/api/scoring/calls/{call['id']}/applications",
        json=application_body(n),
        headers=tokens.prefecture(KUMAMOTO, "editor"),
    )
    assert response.status_code == 201, response.text
    return f"/api/scoring/applications/{response.json()['id']}"


async def _attach(
    client: httpx.AsyncClient, headers: dict[str, str], url: str, name: str, content: bytes = PDF
) -> httpx.Response:
    return await client.post(
        f"{url}/attachments",
        files={"file": (name, content, "application/pdf")},
        data={"document_type": "form1"},
        headers=headers,
    )


@pytest.fixture
def failing_commit() -> Iterator[None]:
    """Every commit of a session that flushed an attachment row fails, after the file has been
    handed to the store (the row is flushed, the bytes are on disk in .incoming)."""

    def mark(session: Session, _context: object, _instances: object) -> None:
        if any(isinstance(o, Attachment) for o in session.new):
            session.info["attachment_flushed"] = True

    def fail(session: Session) -> None:
        if session.info.pop("attachment_flushed", False):
            raise RuntimeError("the database went away at commit")

    event.listen(Session, "before_flush", mark)
    event.listen(Session, "before_commit", fail)
    yield
    event.remove(Session, "before_flush", mark)
    event.remove(Session, "before_commit", fail)


async def test_a_commit_that_fails_leaves_no_file_in_the_store(
    client: httpx.AsyncClient, tokens: TokenFactory, settings: Settings, failing_commit: None
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    url = await _application(client, tokens)
    try:
        response = await _attach(client, editor, url, "様式1.pdf")
        status = response.status_code
    except RuntimeError:
        status = 500  # the in-process transport hands the server error to the caller
    assert status == 500
    assert stored_files(settings) == []
    detail = (await client.get(url, headers=editor)).json()
    assert detail["attachments"] == []


async def test_a_committed_upload_is_in_the_store_and_nothing_waits_in_incoming(
    client: httpx.AsyncClient, tokens: TokenFactory, settings: Settings
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    url = await _application(client, tokens)
    uploaded = await _attach(client, editor, url, "様式1.pdf")
    assert uploaded.status_code == 201, uploaded.text
    sha = uploaded.json()["sha256"]
    assert stored_files(settings) == [Path(settings.attachment_folder) / sha[:2] / sha]
    refused = await _attach(client, editor, url, "evil.pdf", b"MZ\x90\x00")
    assert refused.status_code == 422
    assert stored_files(settings) == [Path(settings.attachment_folder) / sha[:2] / sha]


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../../etc/様式１　申請書.pdf", "様式１　申請書.pdf"),
        ("C:\\Users\\担当\\決算書.pdf", "決算書.pdf"),
        ("..hidden.pdf", "hidden.pdf"),
        ("invoice\u202efdp.exe.pdf", "invoicefdp.exe.pdf"),
        ("a<b>:c|?*.pdf", "a_b__c___.pdf"),
        ("CON.pdf", "_CON.pdf"),
        ("申請書" * 100 + ".pdf", "申請書" * 65 + "申.pdf"),
    ],
    ids=[
        "path",
        "windows-path",
        "leading-dots",
        "bidi-override",
        "windows-forbidden",
        "reserved",
        "long",
    ],
)
async def test_file_names_are_cleaned_and_japanese_kept(
    client: httpx.AsyncClient, tokens: TokenFactory, sent: str, kept: str
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    url = await _application(client, tokens)
    uploaded = await _attach(client, editor, url, sent)
    assert uploaded.status_code == 201, uploaded.text
    assert uploaded.json()["filename"] == kept
    assert len(kept) <= 200


async def test_a_file_name_with_a_control_character_is_refused_and_nothing_stored(
    client: httpx.AsyncClient, tokens: TokenFactory, settings: Settings
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    url = await _application(client, tokens)
    boundary = "chiiki-test-boundary"
    body = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="document_type"\r\n\r\nform1\r\n'
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="file"; filename="様式1\x01.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + PDF
        + f"\r\n--{boundary}--\r\n".encode()
    )
    refused = await client.post(
        f"{url}/attachments",
        content=body,
        headers={**editor, "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert refused.status_code == 422
    assert refused.json()["title"] == "使用できない制御文字が含まれています"
    assert stored_files(settings) == []
    assert (await client.get(url, headers=editor)).json()["attachments"] == []


def _declared(app: Any, path: str) -> set[str]:
    operation = app.openapi()["paths"][path]["get"]
    return set(operation["responses"]["200"]["content"])


@pytest.mark.parametrize(("name", "content"), [("様式1.pdf", PDF), ("会社案内.png", PNG)])
async def test_the_served_content_type_is_one_the_openapi_document_declares(
    client: httpx.AsyncClient, tokens: TokenFactory, settings: Settings, name: str, content: bytes
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    url = await _application(client, tokens)
    uploaded = await _attach(client, editor, url, name, content)
    assert uploaded.status_code == 201, uploaded.text
    download = await client.get(
        f"/api/scoring/attachments/{uploaded.json()['id']}/content", headers=editor
    )
    declared = _declared(create_app(settings), "/api/scoring/attachments/{attachment_id}/content")
    assert download.status_code == 200
    assert download.headers["content-type"] in declared
    assert download.headers["content-type"] == uploaded.json()["content_type"]
    assert "application/octet-stream" not in declared
