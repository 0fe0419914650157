"""What other services ask plans-api for."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal
from chiiki_common.errors import Conflict, NotFound, PreconditionFailed, ValidationFailed
from chiiki_common.validators import prefecture_code
from plans_api.internal import repository as internal_repository
from plans_api.internal.schemas import (
    CoreCompanyAdd,
    PlanCoreCompanies,
    SelectionEffect,
    SelectionReason,
    SelectionTarget,
)
from plans_api.models import AuditRecord, CoreCompany, Plan, PlanState, PlanType
from plans_api.plans import repository
from plans_api.plans import service as plans
from plans_api.plans.freeze import (
    SELECTION_ADDS,
    SELECTION_CHANGE_REQUESTS,
    SELECTION_RETRY_LATER,
)
from plans_api.plans.schemas import CoreCompanyOut
from plans_api.versions import recording
from plans_api.workflow import service as workflow
from plans_api.workflow.schemas import TransitionIn
from plans_api.workflow.transitions import Action


def _answer(plan: Plan, effect: SelectionEffect) -> PlanCoreCompanies:
    return PlanCoreCompanies(
        plan_id=plan.id,
        version=plan.version,
        state=plan.state,
        effect=effect,
        core_companies=[CoreCompanyOut.model_validate(c) for c in plan.core_companies],
    )


def selection_reasons(plan: Plan, prefecture: str) -> list[SelectionReason]:
    """Why a prefecture's open call may not add companies to ``plan`` now (empty: it may).

    The plan must be a B plan (計画推進の核となる企業 are what a call selects) that the prefecture
    authors (lead or co-author), in a state where the freeze rule lets content change."""
    reasons = []
    if plan.plan_type != PlanType.B:
        reasons.append(
            SelectionReason(
                code="plan.not_type_b",
                message=f"選定企業を追加できるのはB類型({PlanType.B.label})の計画のみです",
                retryable=False,
            )
        )
    if prefecture_code(prefecture[:2]) not in plan.organisations:
        reasons.append(
            SelectionReason(
                code="plan.other_prefecture",
                message="公募を行う都道府県が作成団体となっている計画ではありません",
                retryable=False,
            )
        )
    state = PlanState(plan.state)
    if state in SELECTION_RETRY_LATER:
        reasons.append(
            SelectionReason(
                code="plan.in_review",
                message="計画が都道府県の取りまとめ中又は事前確認中のため、現在は追加できません"
                "(確認の終了後に追加されます)",
                retryable=True,
            )
        )
    elif state is PlanState.published:
        reasons.append(
            SelectionReason(
                code="plan.published",
                message="公表済みの計画には追加できません(計画を改訂してから追加してください)",
                retryable=False,
            )
        )
    elif state is PlanState.withdrawn:
        reasons.append(
            SelectionReason(
                code="plan.withdrawn",
                message="取り下げられた計画には追加できません",
                retryable=False,
            )
        )
    return reasons


def _effect(plan: Plan) -> SelectionEffect | None:
    state = PlanState(plan.state)
    if state in SELECTION_ADDS:
        return "added"
    if state in SELECTION_CHANGE_REQUESTS:
        return "change_request"
    return None


async def selection_target(session: AsyncSession, plan_id: int, prefecture: str) -> SelectionTarget:
    plan = await repository.get_plan(session, plan_id)
    if plan is None:
        reason = SelectionReason(
            code="plan.not_found", message="計画が見つかりません", retryable=False
        )
        return SelectionTarget(
            plan_id=plan_id,
            found=False,
            plan_type=None,
            title=None,
            state=None,
            open_to_selection=False,
            effect=None,
            reasons=[reason],
        )
    reasons = selection_reasons(plan, prefecture)
    return SelectionTarget(
        plan_id=plan.id,
        found=True,
        plan_type=plan.plan_type,
        title=plan.title,
        state=plan.state,
        open_to_selection=not reasons,
        effect=None if reasons else _effect(plan),
        reasons=reasons,
    )


async def add_core_company(
    session: AsyncSession, principal: Principal, plan_id: int, body: CoreCompanyAdd
) -> PlanCoreCompanies:
    """Add a company selected in an open call (重点支援企業の公募) to a B plan of the call's
    prefecture; idempotent per corporate number (a repeat changes nothing). A pre-checked plan gets
    it as a change request: back to ``precheck_requested`` with the difference for the reviewer."""
    plan = await repository.get_plan(session, plan_id)
    if plan is None:
        raise NotFound("計画が見つかりません")
    if any(c.corporate_number == body.corporate_number for c in plan.core_companies):
        return _answer(plan, "unchanged")
    reasons = selection_reasons(plan, body.prefecture_code)
    permanent = [r for r in reasons if r.code in {"plan.not_type_b", "plan.other_prefecture"}]
    if permanent:
        raise ValidationFailed(
            " ".join(r.message for r in permanent), title="この計画には選定企業を追加できません"
        )
    if reasons:
        raise Conflict(reasons[0].message, title="現在この計画には選定企業を追加できません")
    effect = _effect(plan)
    if effect == "added" and not await repository.compare_and_set(
        session, plan.id, plan.version, now=clock.now(), expected_state=plan.state
    ):
        raise PreconditionFailed("計画が同時に更新されました。再試行してください")
    session.add(
        CoreCompany(
            plan_id=plan.id,
            position=len(plan.core_companies),
            corporate_number=body.corporate_number,
            name=body.name,
            role=body.role or "",
            scale=body.scale or "",
            support_target=body.support_target,
        )
    )
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="plan.core_company.add",
        resource_type="plan",
        resource_id=plan.id,
        details={"corporate_number": body.corporate_number, "effect": effect},
    )
    await session.flush()
    reloaded = await repository.get_plan(session, plan.id)
    assert reloaded is not None
    if effect == "change_request":
        step = workflow.check_step(reloaded, Action.change_request)
        reloaded = await workflow.apply_step(
            session,
            principal,
            reloaded,
            step,
            TransitionIn(
                action=Action.change_request,
                comment=f"公募で選定された「{body.name}」を計画推進の核となる企業に追加",
            ),
            now=clock.now(),
        )
    # after a change request's step, so the version is numbered as the plan now stands
    await recording.record(
        session, principal, reloaded, "plan.core_company.add", on_behalf="公募での選定による追加"
    )
    return _answer(reloaded, effect or "added")


async def precheck_pending_audience(session: AsyncSession, round_code: str | None) -> list[str]:
    """Who gets the reminders of a round's cutoff: the authors of a B or C plan that has not yet
    reached the national side, except that while a municipal plan waits at its prefecture
    (取りまとめ) its prefecture gets them instead. With ``round_code``, the plans not yet asked and
    the plans asked in that round."""
    window = await plans.round_window(session, round_code)
    authors, prefectures = await internal_repository.not_yet_at_the_national_side(session, window)
    return sorted({*authors, *(prefecture_code(p) for p in prefectures)})


async def published_authors(session: AsyncSession) -> list[str]:
    return await internal_repository.published_author_organisations(session)
