"""Storing an attachment for an owner the caller may write to, and serving it to who may see it."""

from __future__ import annotations

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal
from chiiki_common.errors import NotFound
from scoring_api.attachments import repository, storage
from scoring_api.models import Attachment, AuditRecord

log = structlog.get_logger("scoring.attachments")


async def add_attachment(
    session: AsyncSession,
    principal: Principal,
    *,
    folder: str,
    owner_type: str,
    owner_id: int,
    document_type: str,
    filename: str,
    content: bytes,
) -> Attachment:
    checked = storage.check_file(filename, content)
    attachment = Attachment(
        owner_type=owner_type,
        owner_id=owner_id,
        document_type=document_type,
        filename=checked.filename,
        content_type=checked.content_type,
        size_bytes=checked.size_bytes,
        sha256=checked.sha256,
        uploaded_by=principal.subject,
        uploaded_at=clock.now(),
    )
    session.add(attachment)
    await session.flush()
    storage.store_with_commit(session, folder, checked, content)
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="attachment.upload",
        resource_type=owner_type,
        resource_id=owner_id,
        details={"attachment_id": attachment.id, "sha256": checked.sha256},
    )
    log.info(
        "scoring.attachment.stored", owner=f"{owner_type}/{owner_id}", bytes=checked.size_bytes
    )
    return attachment


async def read_attachment(
    session: AsyncSession, principal: Principal, folder: str, attachment_id: int
) -> tuple[Attachment, bytes]:
    attachment = await repository.get_visible(session, principal, attachment_id)
    if attachment is None:
        raise NotFound("添付ファイルが見つかりません")
    return attachment, storage.load(folder, attachment.sha256)
