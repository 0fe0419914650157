"""The rows other services ask plans-api about: who has a plan not yet at the national side (the
round reminders' audience) and who authors a published plan (no tenancy: internal callers only)."""

from __future__ import annotations

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from plans_api.models import Plan, PlanAuthor, PlanState, PlanType
from plans_api.plans.repository import AskedWindow, asked_in
from plans_api.workflow.transitions import PendingStep


async def not_yet_at_the_national_side(
    session: AsyncSession, window: AskedWindow | None
) -> tuple[list[str], list[str]]:
    """The authors of every B or C plan not yet asked for at the national side (with ``window``:
    not yet asked, or asked in that window), except the plans waiting at their prefecture for
    the pre-check request, whose lead prefectures come second."""
    base = [
        Plan.first_precheck_requested_at.is_(None),
        Plan.state != PlanState.withdrawn.value,
        Plan.plan_type.in_((PlanType.B.value, PlanType.C.value)),
    ]
    if window is not None:
        base.append(or_(Plan.first_asked_at.is_(None), and_(*asked_in(window))))
    waiting = and_(
        Plan.state == PlanState.prefecture_review.value,
        Plan.pending_step == PendingStep.precheck.value,
    )
    authors = await session.scalars(
        select(PlanAuthor.organisation)
        .distinct()
        .join(Plan, Plan.id == PlanAuthor.plan_id)
        .where(*base, ~waiting)
    )
    prefectures = await session.scalars(
        select(Plan.lead_prefecture).distinct().where(*base, waiting)
    )
    return list(authors), list(prefectures)


async def published_author_organisations(session: AsyncSession) -> list[str]:
    """Every organisation that authors a published plan, in code order."""
    query = (
        select(PlanAuthor.organisation)
        .distinct()
        .join(Plan, Plan.id == PlanAuthor.plan_id)
        .where(Plan.published_version.is_not(None))
        .order_by(PlanAuthor.organisation)
    )
    return list(await session.scalars(query))
