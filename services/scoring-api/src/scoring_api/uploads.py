"""Reading an uploaded file with a size limit (the limit is checked while reading)."""

from __future__ import annotations

from typing import IO

from fastapi import Request, UploadFile

from chiiki_common.errors import FieldProblem, ProblemError


class PayloadTooLarge(ProblemError):
    status, slug, title = 413, "too-large", "ファイルが大きすぎます"


def _limit(request: Request, limit: int | None) -> int:
    return limit or request.app.state.settings.attachment_max_bytes * 5


def _too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(
        f"ファイルは {limit // (1024 * 1024)} MB 以下にしてください",
        errors=[FieldProblem(field="file", message="ファイルが大きすぎます")],
    )


async def read_upload(request: Request, file: UploadFile, limit: int | None = None) -> bytes:
    limit = _limit(request, limit)
    content = await file.read(limit + 1)
    if len(content) > limit:
        raise _too_large(limit)
    return content


def upload_stream(request: Request, file: UploadFile, limit: int | None = None) -> IO[bytes]:
    """The uploaded file to be read as a stream (the server has spooled it, to disk when large),
    within the same size limit as :func:`read_upload`."""
    limit = _limit(request, limit)
    stream = file.file
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    if size > limit:
        raise _too_large(limit)
    return stream
