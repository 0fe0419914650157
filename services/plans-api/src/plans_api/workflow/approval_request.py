"""「承認者に依頼する」: an editor whose plan passes validation asks the organisation's approvers
to take the next step (the pre-check request, or the prefecture's forward, is theirs: DESIGN §1,
``approver`` speaks for the organisation). The plan does not move; the request is an event
(``plan.approval_requested``) notify turns into a mail to the approvers of the editor's
organisation, and an audit record."""

from __future__ import annotations

from datetime import datetime

import structlog
from fastapi import APIRouter, status
from pydantic import Field
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal, Role
from chiiki_common.db import SessionDep
from chiiki_common.errors import Conflict, ValidationFailed
from chiiki_common.outbox import emit
from chiiki_common.schemas import InputModel, OutputModel, ShortText
from plans_api.models import AuditRecord, OutboxEvent, Plan, PlanState
from plans_api.plans import service as plans
from plans_api.plans.auth import AuthoredPlan, Caller

log = structlog.get_logger("plans.approval_request")

APPROVAL_REQUESTED = "plan.approval_requested"
REQUESTABLE = frozenset({PlanState.draft, PlanState.returned})
"""The states in which the next step is the organisation's approver's (draft or returned)."""

router = APIRouter(tags=["workflow"])
"""Included by ``workflow.endpoints``' router (under ``/api/plans``)."""


class ApprovalRequestIn(InputModel):
    message: ShortText = Field("", description="承認者へのひとこと(任意)")


class ApprovalRequestOut(OutputModel):
    plan_id: int
    event: str = Field(description="通知のイベント名(plan.approval_requested)")
    organisation: str = Field(description="依頼先の団体(依頼者の所属団体)")
    requested_at: datetime


async def request_approval(
    session: AsyncSession, principal: Principal, plan: Plan, body: ApprovalRequestIn
) -> ApprovalRequestOut:
    if PlanState(plan.state) not in REQUESTABLE:
        raise Conflict(
            "承認者への依頼は、下書き又は修正依頼を受けた計画でのみ行えます",
            title="現在の状態では承認者に依頼できません",
        )
    report = await plans.validation_report(session, plan)
    if not report.valid:
        log.info("plans.approval_request.refused", plan_id=plan.id, reason="validation")
        raise ValidationFailed(
            "計画に未記入・不備の項目があるため承認者に依頼できません", errors=report.errors
        )
    now = clock.now()
    emit(
        session,
        OutboxEvent,
        APPROVAL_REQUESTED,
        aggregate_type="plan",
        aggregate_id=plan.id,
        payload=_payload(plan, principal, body),
    )
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="plan.approval_request",
        resource_type="plan",
        resource_id=plan.id,
        details={"organisation": principal.organisation},
    )
    await session.flush()
    log.info("plans.approval_request.sent", plan_id=plan.id, organisation=principal.organisation)
    return ApprovalRequestOut(
        plan_id=plan.id,
        event=APPROVAL_REQUESTED,
        organisation=principal.organisation,
        requested_at=now,
    )


def _payload(plan: Plan, principal: Principal, body: ApprovalRequestIn) -> dict[str, object]:
    return {
        "plan_id": plan.id,
        "title": plan.title,
        "type": plan.plan_type,
        "state": plan.state,
        "organisation": principal.organisation,
        "lead_organisation": plan.lead_organisation,
        "organisations": plan.organisations,
        "requested_by": principal.subject,
        "requested_by_name": principal.name,
        "message": body.message,
        "requester_is_approver": principal.has_role(Role.approver),
    }


@router.post(
    "/{plan_id}/approval-request",
    response_model=ApprovalRequestOut,
    status_code=status.HTTP_202_ACCEPTED,
    summary="承認者に依頼する",
)
async def post_approval_request(
    plan: AuthoredPlan,
    body: ApprovalRequestIn,
    session: SessionDep,
    principal: Caller,
) -> ApprovalRequestOut:
    """An editor of the plan's organisation asks its approvers to take the next step (事前確認の
    依頼, or the prefecture's 取りまとめ): the plan must be a draft or returned and pass validation
    (422 lists every failing item at once; 409 in another state; 403 for a viewer or a
    non-author). The plan does not change; the approvers of the caller's organisation get a
    mail (event ``plan.approval_requested``)."""
    return await request_approval(session, principal, plan, body)
