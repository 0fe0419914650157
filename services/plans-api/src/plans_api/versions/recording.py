"""Where a write finishes, the plan's content is recorded (版の履歴): called from
``plans.service.done`` (every author write, the import and a restore) and from plan creation, so no
route records on its own."""

from __future__ import annotations

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.auth import Principal
from plans_api.models import Plan, PlanVersion
from plans_api.plans.freeze import content_of
from plans_api.search.index import reindex_plan
from plans_api.versions import repository
from plans_api.versions.schemas import VersionSource

log = structlog.get_logger("versions.recording")

SOURCES = {
    "plan.create": VersionSource.created,
    "plan.import": VersionSource.imported,
    "plan.restore": VersionSource.restored,
}
"""The write's audit action → how the content came; any other write is an edit (編集)."""


async def record(
    session: AsyncSession,
    principal: Principal,
    plan: Plan,
    action: str,
    *,
    restored_from: int | None = None,
    on_behalf: str | None = None,
) -> PlanVersion | None:
    """Append the plan's content as it stands after the write, numbered by its version counter.
    An edit that leaves the content as it was (a reviewer's verdict, the 各種調整 checklist: not
    content) records nothing; a creation, an import and a restore are always recorded."""
    source = SOURCES.get(action, VersionSource.edited)
    content = content_of(plan)
    last = await repository.latest(session, plan.id)
    if source is VersionSource.edited and last is not None and last.content == content:
        return None
    version = PlanVersion(
        plan_id=plan.id,
        version=plan.version,
        revision=plan.revision,
        content=content,
        written_at=clock.now(),
        actor=principal.subject,
        actor_name=on_behalf or principal.name,
        organisation="" if on_behalf else principal.organisation,
        source=source.value,
        restored_from=restored_from,
    )
    session.add(version)
    await session.flush()
    log.info("versions.recorded", plan_id=plan.id, version=plan.version, source=source.value)
    await reindex_plan(session, plan.id)
    return version
