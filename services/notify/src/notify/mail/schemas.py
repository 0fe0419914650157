"""Bodies of the mail log endpoints."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from chiiki_common.schemas import OutputModel


class MailLogEntry(OutputModel):
    id: int
    recipient_email: str = Field(description="宛先")
    recipient_name: str
    organisation: str
    reason: str = Field(description="通知の種類(reminder.national_round, plan.returned など)")
    mandatory: bool
    subject: str
    state: str = Field(description="pending / sending / sent / failed / dead")
    attempts: int
    last_error: str | None
    message_id: str
    created_at: datetime
    next_attempt_at: datetime
    sent_at: datetime | None
