"""Attachment bytes on disk, outside the database, named by their SHA-256 (so the same file is
stored once and a changed file is detected on reading)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from chiiki_common.errors import FieldProblem, ProblemError, ValidationFailed

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


def check_file(filename: str, content: bytes) -> CheckedFile:
    """The type is judged by extension AND by the file's first bytes, never by the client's
    Content-Type header alone."""
    name = Path(filename.replace("\\", "/")).name.strip()[:255] or "file"
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


def save(folder: str, checked: CheckedFile, content: bytes) -> None:
    """Write atomically (temporary file, then rename); an identical file is already there."""
    target = _path(folder, checked.sha256)
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    Path(handle.name).replace(target)


def load(folder: str, sha256: str) -> bytes:
    content = _path(folder, sha256).read_bytes()
    if hashlib.sha256(content).hexdigest() != sha256:
        raise StoredFileDamaged("チェックサムが一致しません。管理者に連絡してください")
    return content
