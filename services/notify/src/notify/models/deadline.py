"""Deadlines (期限) as data, the organisations they concern, and their reminder runs."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from chiiki_common.clock import to_jst
from chiiki_common.db import BigId, UTCDateTime
from notify.models.base import Base

DEFAULT_OFFSETS: tuple[int, ...] = (30, 14, 7, 3, 1, 0)


class DeadlineKind(StrEnum):
    national_round = "national_round"
    call_closing = "call_closing"
    kpi_report = "kpi_report"
    ad_hoc = "ad_hoc"


class AudienceRule(StrEnum):
    """Who a reminder goes to, resolved from the current state when the reminder is due."""

    precheck_pending = "precheck_pending"
    """Organisations authoring a B or C plan not yet pre-check-requested (plans-api)."""
    call_open_prefecture = "call_open_prefecture"
    """The prefecture running a call, from the call's creation until it closes (scoring-api)."""
    published_authors = "published_authors"
    """Organisations authoring a published plan (plans-api)."""
    organisations = "organisations"
    """A fixed list of organisations (ad-hoc deadlines)."""


class Deadline(Base):
    """A 期限: a JST wall-clock time stored in UTC, with an audience rule and reminder offsets.

    A day deadline (「2026年7月15日(水)までに」) is its ``last_day``: the reminders count their
    offsets back from that day, the day itself included, and it is shown 「…(水)まで」."""

    __tablename__ = "deadlines"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(String(2000), default="")
    due_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    """The exclusive end: for a day deadline 00:00 JST of the day after ``last_day``."""
    last_day: Mapped[date | None] = mapped_column(Date)
    """「…までに」: the last JST day that counts (a round, a KPI report); None for a deadline at
    a moment of the day (a call closing at noon, an ad-hoc deadline)."""
    source_ref: Mapped[str] = mapped_column(String(200), unique=True)
    """Where the deadline comes from (``plans:round:<code>``, ``scoring:call:<id>``, ...)."""
    audience_rule: Mapped[str] = mapped_column(String(40))
    audience_params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    offsets: Mapped[list[int]] = mapped_column(JSON)
    mandatory: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    """False once the source no longer lists it (a call withdrawn); its reminders stop."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    targets: Mapped[list[DeadlineTarget]] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def day(self) -> date:
        """The JST day the deadline falls on (its last day, or the day of its moment)."""
        return self.last_day or to_jst(self.due_at).date()


class DeadlineTarget(Base):
    """An organisation a deadline concerns; a deadline without targets concerns every local
    government (the national rounds), which is what its calendar feed shows."""

    __tablename__ = "deadline_targets"
    __table_args__ = (UniqueConstraint("deadline_id", "organisation"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    deadline_id: Mapped[int] = mapped_column(
        ForeignKey("deadlines.id", ondelete="CASCADE"), index=True
    )
    organisation: Mapped[str] = mapped_column(String(20), index=True)


class ReminderRunState(StrEnum):
    pending = "pending"
    done = "done"
    skipped = "skipped"
    """Overtaken by a later reminder of the same deadline before it went out."""


class ReminderRun(Base):
    """One reminder of a deadline: its offset and the business day it goes out on."""

    __tablename__ = "reminder_runs"
    __table_args__ = (UniqueConstraint("deadline_id", "offset_days"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    deadline_id: Mapped[int] = mapped_column(
        ForeignKey("deadlines.id", ondelete="CASCADE"), index=True
    )
    offset_days: Mapped[int] = mapped_column(Integer)
    send_on: Mapped[date] = mapped_column(Date)
    """The JST business day the reminder goes out on."""
    send_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    state: Mapped[str] = mapped_column(String(20), default=ReminderRunState.pending)
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
