"""``/api/plans/{id}/versions``: the plan's version history (版の履歴), one version, and restore."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from chiiki_common.db import SessionDep
from chiiki_common.pagination import PageDep
from chiiki_common.schemas import Page
from plans_api.plans import service as plans
from plans_api.plans.auth import Caller, EditablePlan, VisiblePlan
from plans_api.plans.schemas import PlanOut
from plans_api.versions import service
from plans_api.versions.schemas import VersionOut, VersionSummary

router = APIRouter(prefix="/api/plans", tags=["versions"])

VersionNumber = Annotated[int, Path(ge=1, le=2**31 - 1, description="版(計画の ETag の番号)")]


@router.get("/{plan_id}/versions", response_model=Page[VersionSummary])
async def list_plan_versions(
    plan: VisiblePlan, session: SessionDep, page: PageDep
) -> Page[VersionSummary]:
    """The plan's versions, newest first: one per write that changed its content (作成・編集・
    取込・復元), with when, who and what changed from the version before. Whoever may read the
    plan may read its history."""
    items, total = await service.list_versions(session, plan, page)
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


@router.get("/{plan_id}/versions/{version}", response_model=VersionOut)
async def get_plan_version(
    plan: VisiblePlan, version: VersionNumber, session: SessionDep
) -> VersionOut:
    """One version's content, labelled as the 様式 label it, and what restoring it would change
    from the plan's current content."""
    return await service.get_version(session, plan, version)


@router.post("/{plan_id}/versions/{version}/restore", response_model=PlanOut)
async def restore_plan_version(
    plan: EditablePlan,
    version: VersionNumber,
    session: SessionDep,
    principal: Caller,
    response: Response,
) -> PlanOut:
    """「この版に戻す」: write the version's content as a NEW version (nothing is overwritten).
    Needs If-Match; an author editor only; only in ``draft`` and ``returned`` (elsewhere 409
    ``plan-frozen`` says why)."""
    plan = await service.restore(session, principal, plan, version)
    out = await plans.plan_out(session, plan)
    response.headers["ETag"] = plans.etag(out.version)
    return out
