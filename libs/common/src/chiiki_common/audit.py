"""The append-only audit record: who did what to which resource, with what outcome.

Written in the same transaction as the change it records. A database trigger refuses UPDATE and
DELETE on the table on both SQLite and PostgreSQL, so not even the application can rewrite history;
:func:`append_only_ddl` gives the statements for a migration.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import structlog
from sqlalchemy import JSON, String
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from chiiki_common import clock
from chiiki_common.auth import Principal
from chiiki_common.db import BigId, UTCDateTime
from chiiki_common.logging import current_request_id


class AuditRecordMixin:
    """Columns of the audit record; a service declares ``class AuditRecord(AuditRecordMixin, Base)``."""

    __tablename__ = "audit_records"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(20), index=True)
    tier: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(100))
    resource_type: Mapped[str] = mapped_column(String(50))
    resource_id: Mapped[str] = mapped_column(String(100), index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    request_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any] | None] = mapped_column(JSON)


async def record_audit(
    session: AsyncSession,
    model: type[Any],
    principal: Principal,
    *,
    action: str,
    resource_type: str,
    resource_id: str | int,
    outcome: str = "success",
    details: dict[str, Any] | None = None,
) -> None:
    """Add an audit row to the current transaction (it commits or rolls back with the change)."""
    session.add(
        model(
            occurred_at=clock.now(),
            actor=principal.subject,
            organisation=principal.organisation,
            tier=principal.tier.value,
            action=action,
            resource_type=resource_type,
            resource_id=str(resource_id),
            outcome=outcome,
            request_id=current_request_id(),
            details=details,
        )
    )
    structlog.get_logger("chiiki.audit").info(
        "audit.recorded", action=action, resource=f"{resource_type}/{resource_id}", outcome=outcome
    )


def append_only_ddl(table: str, dialect: str) -> list[str]:
    """Statements that make ``table`` append-only (for ``op.execute`` in a migration)."""
    if dialect == "sqlite":
        return [
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
        ]
    return [
        f"CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{table} is append-only'; END $$",
        f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()",
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()",
    ]


def drop_append_only_ddl(table: str, dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [
            f"DROP TRIGGER IF EXISTS {table}_no_update",
            f"DROP TRIGGER IF EXISTS {table}_no_delete",
        ]
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_change ON {table}",
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
        f"DROP FUNCTION IF EXISTS {table}_append_only()",
    ]
