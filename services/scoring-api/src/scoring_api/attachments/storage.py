"""Attachment bytes on disk, outside the database, named by their SHA-256 (so the same file is
stored once and a changed file is detected on reading).

A file reaches the store only with its database row: it is written to ``.incoming/`` first (so a
full disk refuses the upload before anything is committed), moved into place once the transaction
has committed, and deleted if the transaction ends any other way. No file without a row.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import structlog
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

from chiiki_common.errors import FieldProblem, ProblemError, ValidationFailed
from chiiki_common.input_guard import MESSAGE as CONTROL_MESSAGE
from chiiki_common.input_guard import TITLE as CONTROL_TITLE
from chiiki_common.input_guard import has_control

log = structlog.get_logger("scoring.attachments")

INCOMING = ".incoming"
MAX_FILENAME_CHARS = 200
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"|?*]')
_WINDOWS_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM\d|LPT\d)(\.|$)", re.IGNORECASE)

ALLOWED_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (b"PK\x03\x04",),
    ),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}
"""Extension → (content type served, accepted leading bytes): PDF, Office, images only."""


class StoredFileDamaged(ProblemError):
    status, slug, title = 500, "attachment-damaged", "保存されたファイルが破損しています"


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    sha256: str
    size_bytes: int


def clean_filename(filename: str) -> str:
    """The name shown and offered on download. A name with a control character (NUL, C0, DEL) is
    refused (the platform's one rule for them); otherwise it keeps its last path component only,
    without invisible formatting characters (e.g. a right-to-left override that disguises ``.exe``),
    without leading dots, characters Windows refuses or a reserved device name, at most 200
    characters with the extension kept; Japanese is kept as it is (NFC)."""
    if has_control(filename):
        raise ValidationFailed(
            errors=[FieldProblem(field="file", message=f"ファイル名の{CONTROL_MESSAGE}")],
            title=CONTROL_TITLE,
        )
    name = unicodedata.normalize("NFC", filename).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _WINDOWS_FORBIDDEN.sub("_", name).strip().lstrip(". ").rstrip(". ")
    if _WINDOWS_RESERVED.match(name):
        name = "_" + name
    stem, dot, suffix = name.rpartition(".")
    if dot and len(suffix) <= 10 and len(name) > MAX_FILENAME_CHARS:
        name = stem[: MAX_FILENAME_CHARS - len(suffix) - 1].rstrip(". ") + "." + suffix
    return name[:MAX_FILENAME_CHARS] or "file"


def check_file(filename: str, content: bytes) -> CheckedFile:
    """The type is judged by extension AND by the file's first bytes, never by the client's
    Content-Type header alone."""
    name = clean_filename(filename)
    suffix = Path(name).suffix.lower()
    allowed = ALLOWED_TYPES.get(suffix)
    if allowed is None or not content.startswith(allowed[1]):
        raise ValidationFailed(
            "添付できるのは PDF、Word・Excel・PowerPoint(.docx/.xlsx/.pptx)、PNG、JPEG です",
            errors=[FieldProblem(field="file", message="対応していないファイル形式です")],
        )
    if not content:
        raise ValidationFailed(errors=[FieldProblem(field="file", message="ファイルが空です")])
    return CheckedFile(
        filename=name,
        content_type=allowed[0],
        sha256=hashlib.sha256(content).hexdigest(),
        size_bytes=len(content),
    )


def _path(folder: str, sha256: str) -> Path:
    return Path(folder) / sha256[:2] / sha256


def store_with_commit(
    session: AsyncSession, folder: str, checked: CheckedFile, content: bytes
) -> None:
    """Write ``content`` to ``.incoming/`` now and into the store when the session's transaction
    commits; delete it when the transaction ends without committing. An identical file already
    stored needs nothing."""
    target = _path(folder, checked.sha256)
    if target.exists():
        return
    incoming = Path(folder) / INCOMING
    incoming.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=incoming, prefix=checked.sha256, delete=False) as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    staged = Path(handle.name)
    sync_session = session.sync_session

    def promote(committed: Session) -> None:
        if committed.get_nested_transaction() is not None:
            return  # a savepoint: the row is not committed yet
        if staged.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            staged.replace(target)

    def discard(_session: Session, transaction: SessionTransaction) -> None:
        if transaction.parent is None and staged.exists():
            staged.unlink()
            log.info("scoring.attachment.discarded", sha256=checked.sha256)

    # Both are idempotent, so they may stay on the session for its later transactions.
    event.listen(sync_session, "after_commit", promote)
    event.listen(sync_session, "after_transaction_end", discard)


def load(folder: str, sha256: str) -> bytes:
    content = _path(folder, sha256).read_bytes()
    if hashlib.sha256(content).hexdigest() != sha256:
        raise StoredFileDamaged("チェックサムが一致しません。管理者に連絡してください")
    return content
