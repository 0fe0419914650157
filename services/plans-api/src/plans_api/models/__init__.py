"""ORM models of plans-api: one metadata for Alembic."""

from __future__ import annotations

from chiiki_common.audit import AuditRecordMixin
from chiiki_common.outbox import OutboxEventMixin
from plans_api.models.base import Base
from plans_api.models.directory import OrganisationName
from plans_api.models.plans import (
    CoreCompany,
    Kgi,
    Kpi,
    KpiActual,
    Plan,
    PlanAuthor,
    PlanHistory,
    PlanSnapshot,
    PlanState,
    PlanType,
    PlanVersion,
    RegistryReceipt,
    Round,
    RoundHistory,
    RoundPublication,
    SnapshotCompany,
    SnapshotTag,
)
from plans_api.models.proposals import CandidateProject, ProposalState
from plans_api.models.search import PlanSearchGram, PlanSearchText


class AuditRecord(AuditRecordMixin, Base):
    """Append-only audit record (who, organisation, tier, action, resource, outcome)."""


class OutboxEvent(OutboxEventMixin, Base):
    """Domain events for other services (transactional outbox)."""


__all__ = [
    "AuditRecord",
    "Base",
    "CandidateProject",
    "CoreCompany",
    "Kgi",
    "Kpi",
    "KpiActual",
    "OrganisationName",
    "OutboxEvent",
    "Plan",
    "PlanAuthor",
    "PlanHistory",
    "PlanSearchGram",
    "PlanSearchText",
    "PlanSnapshot",
    "PlanState",
    "PlanType",
    "PlanVersion",
    "ProposalState",
    "RegistryReceipt",
    "Round",
    "RoundHistory",
    "RoundPublication",
    "SnapshotCompany",
    "SnapshotTag",
]
