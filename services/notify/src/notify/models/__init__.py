"""ORM models of notify: one metadata for Alembic."""

from __future__ import annotations

from notify.models.base import AuditRecord, Base
from notify.models.deadline import (
    DEFAULT_OFFSETS,
    AudienceRule,
    Deadline,
    DeadlineKind,
    DeadlineTarget,
    ReminderRun,
    ReminderRunState,
)
from notify.models.mail import (
    DigestItem,
    DigestRun,
    EventCursor,
    MailPreference,
    MailState,
    OrganisationMailSettings,
    OutboxMail,
)

__all__ = [
    "DEFAULT_OFFSETS",
    "AudienceRule",
    "AuditRecord",
    "Base",
    "Deadline",
    "DeadlineKind",
    "DeadlineTarget",
    "DigestItem",
    "DigestRun",
    "EventCursor",
    "MailPreference",
    "MailState",
    "OrganisationMailSettings",
    "OutboxMail",
    "ReminderRun",
    "ReminderRunState",
]
