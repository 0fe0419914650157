"""Plans (地域産業成長プラン) and everything hanging off them.

The plan row holds the editable draft; child tables hold its core companies, KGIs and KPIs.
Publishing copies the draft into an immutable :class:`PlanSnapshot` (numbered versions) that the
public pages and the ministries' registry read, so a revision (PDCA) never disturbs what is public.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Double,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from chiiki_common.db import BigId, UTCDateTime
from plans_api.models.base import Base


class PlanType(StrEnum):
    """A 戦略産業クラスター計画 (nationally led; not authored here yet), B 地域産業クラスター計画,
    C 地場産業成長プラン."""

    A = "A"
    B = "B"
    C = "C"

    @property
    def label(self) -> str:
        """The type's name (seed 000 / seed 002: 「B. 地域産業クラスター計画」); the 様式 workbook,
        the PDF and the SPA show it beside the letter."""
        return _TYPE_LABELS[self]

    @property
    def full_label(self) -> str:
        """「B類型 地域産業クラスター計画」: the 類型 and its name, as the 様式 workbook, the PDF and
        the open-data files title the type."""
        return f"{self.value}類型 {self.label}"


_TYPE_LABELS = {
    PlanType.A: "戦略産業クラスター計画",
    PlanType.B: "地域産業クラスター計画",
    PlanType.C: "地場産業成長プラン",
}


class PlanState(StrEnum):
    draft = "draft"
    prefecture_review = "prefecture_review"
    precheck_requested = "precheck_requested"
    in_review = "in_review"
    returned = "returned"
    precheck_completed = "precheck_completed"
    announced = "announced"
    submitted = "submitted"
    published = "published"
    withdrawn = "withdrawn"

    @property
    def label(self) -> str:
        """The state as people read it (the SPA shows the same words)."""
        return _STATE_LABELS[self]


_STATE_LABELS = {
    PlanState.draft: "作成中",
    PlanState.prefecture_review: "都道府県で確認中",
    PlanState.precheck_requested: "事前確認依頼済み",
    PlanState.in_review: "事前確認中",
    PlanState.returned: "差戻し",
    PlanState.precheck_completed: "事前確認完了",
    PlanState.announced: "公表済み（自治体）",
    PlanState.submitted: "提出済み",
    PlanState.published: "公表済み（内閣官房）",
    PlanState.withdrawn: "取下げ",
}


class Plan(Base):
    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    plan_type: Mapped[str] = mapped_column(String(1), index=True)
    title: Mapped[str] = mapped_column(String(200))
    lead_organisation: Mapped[str] = mapped_column(String(20), index=True)
    lead_prefecture: Mapped[str] = mapped_column(String(2), index=True)
    state: Mapped[str] = mapped_column(String(30), index=True)
    version: Mapped[int] = mapped_column(Integer)
    """Optimistic-concurrency counter: every write is ``UPDATE … WHERE version = :expected``."""
    revision: Mapped[int] = mapped_column(Integer)
    """PDCA revision (具体化・高度化) the draft belongs to; 1 until the first revision."""
    pending_step: Mapped[str | None] = mapped_column(String(20))
    """While at ``prefecture_review``: ``precheck`` or ``submission`` (what the prefecture forwards)."""
    period_start_fy: Mapped[int | None] = mapped_column(Integer)
    goal_fiscal_year: Mapped[int | None] = mapped_column(Integer)
    field_tags: Mapped[str] = mapped_column(String(600))
    """Strategic fields as ``|code|code|`` so a portable ``LIKE`` filters on one."""
    jsic_codes: Mapped[list[str]] = mapped_column(JSON)
    sections: Mapped[dict[str, Any]] = mapped_column(JSON)
    commitment: Mapped[dict[str, Any]] = mapped_column(JSON)
    requirements: Mapped[dict[str, Any]] = mapped_column(JSON)
    coordination: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    announcement_date: Mapped[date | None] = mapped_column(Date)
    announcement_url: Mapped[str | None] = mapped_column(String(500))
    first_asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    """The first moment the lead author asked for the pre-check (a municipality: its request to the
    prefecture). The plan's round is derived from it, never stamped."""
    first_precheck_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    """The first moment the plan reached the national side (a municipal plan: the prefecture's
    forward date); national users see the plan from then on."""
    review_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    """When the current pre-check request reached the national side (the review clock's start)."""
    precheck_completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reviewed_content: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    """The content as the last completed pre-check saw it: what publication must match."""
    published_version: Mapped[int | None] = mapped_column(Integer)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    authors: Mapped[list[PlanAuthor]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="PlanAuthor.position"
    )
    core_companies: Mapped[list[CoreCompany]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="CoreCompany.position"
    )
    kgis: Mapped[list[Kgi]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="Kgi.position"
    )
    kpis: Mapped[list[Kpi]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="Kpi.position"
    )

    @property
    def strategic_fields(self) -> list[str]:
        return [tag for tag in self.field_tags.split("|") if tag]

    @property
    def organisations(self) -> list[str]:
        return [author.organisation for author in self.authors]


class PlanAuthor(Base):
    """Lead author and co-authors (共同作成); the tenancy filter joins on this table."""

    __tablename__ = "plan_authors"

    plan_id: Mapped[int] = mapped_column(
        ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True
    )
    organisation: Mapped[str] = mapped_column(String(20), primary_key=True, index=True)
    prefecture: Mapped[str] = mapped_column(String(2), index=True)
    is_lead: Mapped[bool] = mapped_column(Boolean)
    position: Mapped[int] = mapped_column(Integer)


class CoreCompany(Base):
    """計画推進の核となる企業 (B) / 核となる事業者 (C)."""

    __tablename__ = "plan_core_companies"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    corporate_number: Mapped[str | None] = mapped_column(String(13), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(Text)
    scale: Mapped[str] = mapped_column(String(500))
    support_target: Mapped[bool] = mapped_column(Boolean, server_default=true())
    """伴走支援の対象 (B): what makes a B core company eligible for 審査上の考慮 (seed 000 ⑨)."""


class Kgi(Base):
    __tablename__ = "plan_kgis"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(50))
    kind: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(50))
    baseline: Mapped[float | None] = mapped_column(Double())
    baseline_year: Mapped[int | None] = mapped_column(Integer)
    target: Mapped[float | None] = mapped_column(Double())
    target_year: Mapped[int | None] = mapped_column(Integer)
    basis: Mapped[str] = mapped_column(Text)


class Kpi(Base):
    __tablename__ = "plan_kpis"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(50))
    baseline: Mapped[float | None] = mapped_column(Double())
    targets: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    withdrawal_comparator: Mapped[str | None] = mapped_column(String(2))
    withdrawal_threshold: Mapped[float | None] = mapped_column(Double())
    withdrawal_text: Mapped[str] = mapped_column(Text)
    five_w1h: Mapped[dict[str, Any]] = mapped_column(JSON)
    kgi_key: Mapped[str | None] = mapped_column(String(50))


class KpiActual(Base):
    """A half-year actual (半期ごとの実績) of a published plan's KPI, keyed by the KPI's key so it
    survives a revision that rewrites the KPI rows."""

    __tablename__ = "plan_kpi_actuals"
    __table_args__ = (UniqueConstraint("plan_id", "kpi_key", "period"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    kpi_key: Mapped[str] = mapped_column(String(50))
    period: Mapped[str] = mapped_column(String(7))
    value: Mapped[float] = mapped_column(Double())
    breached: Mapped[bool] = mapped_column(Boolean)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reported_by: Mapped[str] = mapped_column(String(200))


class PlanHistory(Base):
    """Every transition, append-only (a trigger refuses UPDATE and DELETE)."""

    __tablename__ = "plan_history"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(200))
    actor_name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(20))
    role: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str | None] = mapped_column(String(30))
    to_state: Mapped[str] = mapped_column(String(30))
    comment: Mapped[str] = mapped_column(Text)
    recorded_outside: Mapped[bool] = mapped_column(Boolean)
    """The step happened outside the system (e.g. submitted by e-mail) and is recorded here."""
    revision: Mapped[int] = mapped_column(Integer)
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class PlanVersion(Base):
    """The plan's content after one content-changing write (版の履歴), append-only (a trigger refuses
    UPDATE and DELETE): numbered by the plan's version counter at that moment, so a restore makes a
    new version and nothing is ever overwritten."""

    __tablename__ = "plan_versions"
    __table_args__ = (UniqueConstraint("plan_id", "version"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    """``plans/freeze.py`` ``content_of``: the one definition of a plan's content."""
    written_at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(200))
    actor_name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(20))
    """How the content came: ``created``, ``edited``, ``imported``, ``restored``."""
    restored_from: Mapped[int | None] = mapped_column(Integer)


class Round(Base):
    """A pre-check round (seed 000 ⑥): data, so a national admin adds later rounds."""

    __tablename__ = "rounds"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    cutoff_at: Mapped[datetime] = mapped_column(UTCDateTime())
    """Exclusive: the start (00:00 JST) of the day after the last day 「…までに」 names."""
    kind: Mapped[str] = mapped_column(String(30))
    review_target_date: Mapped[date | None] = mapped_column(Date)
    """The date the national side aims to finish the round's pre-checks (「1ヶ月程度の確認期間」)."""


class RoundHistory(Base):
    """Every creation and edit of a round, append-only (a trigger refuses UPDATE and DELETE)."""

    __tablename__ = "round_history"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    round_code: Mapped[str] = mapped_column(String(30), index=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(200))
    actor_name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(20))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any]] = mapped_column(JSON)


class RoundPublication(Base):
    """The one publication of a round (「第1弾として取りまとめ、内閣官房HPで一斉に公表」): scheduled
    by a publisher for a moment, carried out by a task that claims the row once it is due."""

    __tablename__ = "round_publications"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    round_code: Mapped[str] = mapped_column(String(30), unique=True)
    publish_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    scheduled_by: Mapped[str] = mapped_column(String(200))
    scheduled_by_name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    left_out: Mapped[list[dict[str, Any]]] = mapped_column(JSON)


class PlanSnapshot(Base):
    """A published version, frozen. ``is_current`` marks the one public pages and the registry use."""

    __tablename__ = "plan_snapshots"
    __table_args__ = (
        UniqueConstraint("plan_id", "version_number"),
        Index(
            "ix_plan_snapshots_current_type_prefecture",
            "is_current",
            "plan_type",
            "lead_prefecture",
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    version_number: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer)
    plan_type: Mapped[str] = mapped_column(String(1))
    title: Mapped[str] = mapped_column(String(200))
    lead_organisation: Mapped[str] = mapped_column(String(20))
    lead_prefecture: Mapped[str] = mapped_column(String(2))
    organisations: Mapped[list[str]] = mapped_column(JSON)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime())
    published_by: Mapped[str] = mapped_column(String(200))
    is_current: Mapped[bool] = mapped_column(Boolean)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)


class SnapshotCompany(Base):
    """A core company as published in a snapshot, valid from its publication until superseded;
    the registry answers from this table alone (never any sales or purchase figures)."""

    __tablename__ = "snapshot_companies"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("plan_snapshots.id", ondelete="CASCADE"), index=True
    )
    plan_id: Mapped[int] = mapped_column(BigId)
    corporate_number: Mapped[str] = mapped_column(String(13), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(Text)
    support_target: Mapped[bool] = mapped_column(Boolean, server_default=true())
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime())
    valid_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SnapshotTag(Base):
    """What the open-data pages filter a published version by: a strategic field (``field``), a
    JSIC industry (``industry``) or the round it was published in (``round``), one row each."""

    __tablename__ = "snapshot_tags"
    __table_args__ = (Index("ix_snapshot_tags_kind_code", "kind", "code", "snapshot_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("plan_snapshots.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    code: Mapped[str] = mapped_column(String(30))


class RegistryReceipt(Base):
    """The answer to "was X a core company on date D", kept so the ministry can fetch it again;
    append-only (a trigger refuses UPDATE and DELETE), so a receipt answers the same forever."""

    __tablename__ = "registry_receipts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    client_organisation: Mapped[str] = mapped_column(String(100), index=True)
    client: Mapped[str] = mapped_column(String(200))
    corporate_number: Mapped[str] = mapped_column(String(13))
    on_date: Mapped[date] = mapped_column(Date)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answer: Mapped[dict[str, Any]] = mapped_column(JSON)
