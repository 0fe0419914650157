"""``POST /api/plans/{id}/transitions``: move a plan through the pre-check → publication workflow."""

from __future__ import annotations

from fastapi import APIRouter, Response

from chiiki_common.db import SessionDep
from plans_api.plans import service as plans
from plans_api.plans.auth import Caller, VisiblePlan
from plans_api.plans.schemas import PlanOut
from plans_api.workflow import approval_request, service
from plans_api.workflow.auth import PermittedStep
from plans_api.workflow.schemas import AvailableAction

router = APIRouter(prefix="/api/plans", tags=["workflow"])


@router.post("/{plan_id}/transitions", response_model=PlanOut)
async def transition_plan(
    requested: PermittedStep, session: SessionDep, principal: Caller, response: Response
) -> PlanOut:
    """Take one workflow step (DESIGN §2): ``request_precheck`` (the plan must pass validation; a
    municipal plan goes to its prefecture first), ``forward`` / ``return_to_author`` (prefecture),
    ``start_review`` / ``return_with_comments`` / ``complete_precheck`` (national reviewer),
    ``announce`` (date and URL; the date is on or after the JST day the pre-check was completed and
    not after today), ``submit`` (on or after the announcement), ``publish`` (national publisher:
    freezes a numbered snapshot; refused when the content is not what the last completed pre-check
    saw), ``withdraw``, ``revise`` (PDCA: a new draft, the published version stays public),
    ``reopen`` (lead approver, with a reason: a pre-checked plan back to draft to change its
    content; it needs a new pre-check, whose reviewer sees the difference).
    Needs If-Match; every step is recorded in the history, the audit log and the event outbox."""
    plan = await service.transition(session, principal, requested.plan, requested.body)
    out = await plans.plan_out(session, plan)
    response.headers["ETag"] = plans.etag(out.version)
    return out


@router.get("/{plan_id}/transitions", response_model=list[AvailableAction])
async def available_transitions(plan: VisiblePlan, principal: Caller) -> list[AvailableAction]:
    """The steps the caller may take on the plan now."""
    return service.available_actions(principal, plan)


router.include_router(approval_request.router)
