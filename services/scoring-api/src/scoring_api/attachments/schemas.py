"""Attachment metadata as answered (the bytes are fetched from ``/attachments/{id}/content``)."""

from __future__ import annotations

from datetime import datetime

from chiiki_common.schemas import OutputModel


class AttachmentOut(OutputModel):
    id: int
    document_type: str
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    uploaded_at: datetime
