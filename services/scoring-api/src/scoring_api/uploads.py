"""Reading an uploaded file with a size limit (the limit is checked while reading)."""

from __future__ import annotations

from fastapi import Request, UploadFile

from chiiki_common.errors import FieldProblem, ProblemError


class PayloadTooLarge(ProblemError):
    status, slug, title = 413, "too-large", "ファイルが大きすぎます"


async def read_upload(request: Request, file: UploadFile, limit: int | None = None) -> bytes:
    limit = limit or request.app.state.settings.attachment_max_bytes * 5
    content = await file.read(limit + 1)
    if len(content) > limit:
        raise PayloadTooLarge(
            f"ファイルは {limit // (1024 * 1024)} MB 以下にしてください",
            errors=[FieldProblem(field="file", message="ファイルが大きすぎます")],
        )
    return content
