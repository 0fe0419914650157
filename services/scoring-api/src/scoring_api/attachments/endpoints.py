"""Attachment download: only for callers who may see the application or filing it belongs to."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from chiiki_common.db import SessionDep
from scoring_api.attachments import service
from scoring_api.attachments.auth import AttachmentReader
from scoring_api.attachments.storage import ALLOWED_TYPES

router = APIRouter(prefix="/api/scoring", tags=["attachments"])

SERVED_TYPES = sorted({media for media, _magic in ALLOWED_TYPES.values()})
"""The content types a download can have: exactly those an upload may be stored as."""


@router.get(
    "/attachments/{attachment_id}/content",
    response_class=Response,
    responses={
        200: {
            "content": {media: {} for media in SERVED_TYPES},
            "description": "添付ファイル(保存時に判定した形式で返します)",
        }
    },
)
async def download_attachment(
    attachment_id: Annotated[int, Path(ge=1, le=2**63 - 1)],
    request: Request,
    session: SessionDep,
    principal: AttachmentReader,
) -> Response:
    """添付ファイルの内容。応募・証憑を見る権限がない場合は 404 です。保存時の SHA-256 と照合して返します。"""
    attachment, content = await service.read_attachment(
        session, principal, request.app.state.settings.attachment_folder, attachment_id
    )
    return Response(
        content,
        media_type=attachment.content_type,
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(attachment.filename)}",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
            "Digest": f"sha-256={attachment.sha256}",
        },
    )
