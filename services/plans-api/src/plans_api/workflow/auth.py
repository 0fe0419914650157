"""Who may take a workflow step: the actor each row of the transition table names
(:data:`plans_api.workflow.transitions.TRANSITIONS`), checked on the plan the step moves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import structlog
from fastapi import Depends

from chiiki_common.auth import CurrentPrincipal, Principal, Role, Tier
from chiiki_common.errors import Forbidden
from chiiki_common.validators import prefecture_code
from plans_api.internal.auth import CORE_COMPANIES_WRITE
from plans_api.models import Plan
from plans_api.plans.auth import ExpectedVersion, VisiblePlan, ensure_version
from plans_api.workflow.schemas import TransitionIn
from plans_api.workflow.transitions import TRANSITIONS, Actor

log = structlog.get_logger("plans.workflow")


def may_act(actor: Actor, principal: Principal, plan: Plan) -> bool:
    """The guard on the caller of a transition."""
    if actor is Actor.lead_approver:
        return principal.organisation == plan.lead_organisation and principal.has_role(
            Role.approver
        )
    if actor is Actor.lead_editor:
        return principal.organisation == plan.lead_organisation and principal.has_role(Role.editor)
    if actor is Actor.prefecture_approver:
        return (
            principal.tier is Tier.prefecture
            and principal.organisation == prefecture_code(plan.lead_prefecture)
            and principal.has_role(Role.approver)
        )
    if actor is Actor.national_reviewer:
        return principal.tier is Tier.national and principal.has_role(Role.reviewer)
    if actor is Actor.selection_service:
        return principal.tier is Tier.service and principal.has_scope(CORE_COMPANIES_WRITE)
    return principal.tier is Tier.national and principal.has_role(Role.publisher)


ACTOR_REFUSALS = {
    Actor.lead_approver: "この操作は代表作成団体の承認者(知事等・市町村長等の代理)が行います",
    Actor.lead_editor: "この操作は代表作成団体の編集者が行います",
    Actor.prefecture_approver: "この操作は計画の所在する都道府県の承認者が行います",
    Actor.national_reviewer: "この操作は国の事前確認担当者が行います",
    Actor.national_publisher: "公表は国の公表担当者のみが行えます",
    Actor.selection_service: "この操作は公募の選定を行うサービスのみが行います",
}


@dataclass(frozen=True)
class RequestedStep:
    """The plan, at the If-Match version, and the step its caller may take on it."""

    plan: Plan
    body: TransitionIn


async def _permitted_step(
    expected: ExpectedVersion, plan: VisiblePlan, body: TransitionIn, principal: CurrentPrincipal
) -> RequestedStep:
    ensure_version(
        plan, expected, "計画は他の利用者によって更新されています。最新の状態を確認してください"
    )
    actor = TRANSITIONS[body.action].actor
    if not may_act(actor, principal, plan):
        log.info("plans.transition.refused", plan_id=plan.id, action=body.action, reason="actor")
        raise Forbidden(ACTOR_REFUSALS[actor])
    return RequestedStep(plan, body)


PermittedStep = Annotated[RequestedStep, Depends(_permitted_step)]
"""A step the caller may take on a plan it may see (428, 404, 412, then 403 for an actor the
step's row does not name); whether the plan's state and content allow it is the service's."""
