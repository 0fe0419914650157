"""Carry a plan through the transition table: guards, one compare-and-set write, history, audit
and outbox events, all in the request's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import structlog
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal, Role, Tier
from chiiki_common.errors import (
    Conflict,
    FieldProblem,
    Forbidden,
    PreconditionFailed,
    ValidationFailed,
)
from chiiki_common.outbox import emit
from chiiki_common.validators import prefecture_code
from plans_api.models import (
    AuditRecord,
    OutboxEvent,
    Plan,
    PlanHistory,
    PlanSnapshot,
    PlanState,
    Round,
    SnapshotCompany,
)
from plans_api.plans import repository
from plans_api.plans import service as plans
from plans_api.workflow.schemas import AvailableAction, TransitionIn
from plans_api.workflow.transitions import TRANSITIONS, Action, Actor, Transition

log = structlog.get_logger("plans.workflow")

ROLE_OF_ACTOR = {
    Actor.lead_approver: "approver",
    Actor.lead_editor: "editor",
    Actor.prefecture_approver: "approver",
    Actor.national_reviewer: "reviewer",
    Actor.national_publisher: "publisher",
}


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
    return principal.tier is Tier.national and principal.has_role(Role.publisher)


_ACTOR_REFUSALS = {
    Actor.lead_approver: "この操作は代表作成団体の承認者(知事等・市町村長等の代理)が行います",
    Actor.lead_editor: "この操作は代表作成団体の編集者が行います",
    Actor.prefecture_approver: "この操作は計画の所在する都道府県の承認者が行います",
    Actor.national_reviewer: "この操作は国の事前確認担当者が行います",
    Actor.national_publisher: "公表は国の公表担当者(publisher)のみが行えます",
}


def available_actions(principal: Principal, plan: Plan) -> list[AvailableAction]:
    return [
        AvailableAction(action=t.action, label=t.label)
        for t in TRANSITIONS.values()
        if PlanState(plan.state) in t.sources
        and may_act(t.actor, principal, plan)
        and not (t.action is Action.withdraw and plan.published_version is not None)
    ]


def round_of(moment: datetime, rounds: list[Round]) -> tuple[str | None, bool]:
    """The batch round a first pre-check request falls into (the earliest cutoff not yet passed)
    and whether it is a leading-example candidate (先行事例, seed 000 ⑥※3)."""
    batches = sorted(
        (r for r in rounds if r.kind == "batch" and moment <= r.cutoff_at),
        key=lambda r: r.cutoff_at,
    )
    leading = any(r.kind == "leading_example" and moment <= r.cutoff_at for r in rounds)
    return (batches[0].code if batches else None), leading


def _check_body(transition: Transition, body: TransitionIn) -> None:
    problems = []
    if transition.needs_announcement:
        if body.announcement_date is None:
            problems.append(
                FieldProblem(field="announcement_date", message="公表日を入力してください")
            )
        if body.announcement_url is None:
            problems.append(
                FieldProblem(field="announcement_url", message="公表先のURLを入力してください")
            )
    if transition.needs_comment and not body.comment.strip():
        problems.append(
            FieldProblem(field="comment", message="差戻しの理由(コメント)を入力してください")
        )
    if body.requirement_comments and transition.action not in (
        Action.return_with_comments,
        Action.complete_precheck,
    ):
        problems.append(
            FieldProblem(
                field="requirement_comments",
                message="要件ごとのコメントは事前確認の差戻し・完了時のみ指定できます",
            )
        )
    if problems:
        raise ValidationFailed("入力内容を確認してください", errors=problems)


def _merge_requirement_comments(plan: Plan, body: TransitionIn) -> dict[str, Any]:
    requirements = {k: dict(v) for k, v in (plan.requirements or {}).items()}
    for item in body.requirement_comments:
        entry = requirements.setdefault(str(item.number), {})
        entry["comment"] = item.comment
        if item.verdict:
            entry["verdict"] = item.verdict
    return requirements


def _event_payload(
    plan: Plan, principal: Principal, source: PlanState, target: PlanState, comment: str
) -> dict[str, Any]:
    return {
        "plan_id": plan.id,
        "title": plan.title,
        "type": plan.plan_type,
        "from": source.value,
        "to": target.value,
        "actor_org": principal.organisation,
        "lead_organisation": plan.lead_organisation,
        "organisations": plan.organisations,
        "comment": comment,
    }


async def _publish_snapshot(
    session: AsyncSession, principal: Principal, plan: Plan, version: int, now: datetime
) -> None:
    """Freeze the plan as published version ``version``; the previous one stops being current."""
    await session.execute(
        update(PlanSnapshot)
        .where(PlanSnapshot.plan_id == plan.id, PlanSnapshot.is_current.is_(True))
        .values(is_current=False)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(SnapshotCompany)
        .where(SnapshotCompany.plan_id == plan.id, SnapshotCompany.valid_until.is_(None))
        .values(valid_until=now)
        .execution_options(synchronize_session=False)
    )
    out = await plans.plan_out(session, plan)
    content = out.model_dump(
        mode="json",
        include={
            "id",
            "plan_type",
            "title",
            "lead_organisation",
            "lead_prefecture",
            "authors",
            "period_start_fy",
            "period_end_fy",
            "goal_fiscal_year",
            "strategic_fields",
            "jsic_codes",
            "sections",
            "commitment",
            "core_companies",
            "kgis",
            "kpis",
            "round_code",
            "announcement_date",
            "announcement_url",
        },
    )
    for kpi in content["kpis"]:
        kpi.pop("actuals", None)
        kpi.pop("breached", None)
    content["requirement_statements"] = {
        str(r.number): r.statement for r in out.requirements if r.statement
    }
    content["version"] = version
    content["published_at"] = now.isoformat()
    snapshot = PlanSnapshot(
        plan_id=plan.id,
        version_number=version,
        revision=plan.revision,
        plan_type=plan.plan_type,
        title=plan.title,
        lead_organisation=plan.lead_organisation,
        lead_prefecture=plan.lead_prefecture,
        organisations=plan.organisations,
        published_at=now,
        published_by=principal.subject,
        is_current=True,
        content=content,
    )
    session.add(snapshot)
    await session.flush()
    session.add_all(
        SnapshotCompany(
            snapshot_id=snapshot.id,
            plan_id=plan.id,
            corporate_number=c.corporate_number,
            name=c.name,
            role=c.role,
            valid_from=now,
            valid_until=None,
        )
        for c in plan.core_companies
        if c.corporate_number
    )


async def transition(
    session: AsyncSession,
    principal: Principal,
    plan_id: int,
    if_match: str | None,
    body: TransitionIn,
) -> Plan:
    expected = plans.parse_if_match(if_match)
    plan = await plans.get_plan_for(session, principal, plan_id)
    step = TRANSITIONS[body.action]
    if not may_act(step.actor, principal, plan):
        log.info("plans.transition.refused", plan_id=plan.id, action=step.action, reason="actor")
        raise Forbidden(_ACTOR_REFUSALS[step.actor])
    if plan.version != expected:
        raise PreconditionFailed(
            "計画は他の利用者によって更新されています。最新の状態を確認してください"
        )
    source = PlanState(plan.state)
    if source not in step.sources:
        raise Conflict(f"現在の状態({source.value})では「{step.label}」はできません")
    if step.action is Action.withdraw and plan.published_version is not None:
        raise Conflict("公表済みの計画は取り下げられません(改訂中の版は公表版に影響しません)")
    _check_body(step, body)
    if step.needs_validation:
        report = await plans.validation_report(session, plan)
        if not report.valid:
            log.info("plans.transition.refused", plan_id=plan.id, reason="validation")
            raise ValidationFailed(
                "計画に未記入・不備の項目があるため事前確認を依頼できません", errors=report.errors
            )

    now = clock.now()
    target, pending = step.target(plan)
    values: dict[str, Any] = {
        "state": target.value,
        "pending_step": pending.value if pending else None,
    }
    if target is PlanState.precheck_requested and plan.first_precheck_requested_at is None:
        round_code, leading = round_of(now, await repository.all_rounds(session))
        values.update(
            first_precheck_requested_at=now, round_code=round_code, leading_example=leading
        )
    if step.action in (Action.return_with_comments, Action.complete_precheck):
        values["requirements"] = _merge_requirement_comments(plan, body)
    if step.action is Action.complete_precheck:
        values["precheck_completed_at"] = now
    if step.action is Action.announce:
        values.update(
            announcement_date=body.announcement_date, announcement_url=body.announcement_url
        )
    new_version: int | None = None
    if step.action is Action.publish:
        new_version = (plan.published_version or 0) + 1
        values.update(published_version=new_version, published_at=now)
    if step.action is Action.revise:
        values.update(
            revision=plan.revision + 1,
            precheck_completed_at=None,
            announcement_date=None,
            announcement_url=None,
            requirements={
                k: {"statement": v.get("statement")} for k, v in (plan.requirements or {}).items()
            },
        )

    if not await repository.compare_and_set(
        session, plan.id, expected, now=now, expected_state=source.value, values=values
    ):
        raise PreconditionFailed(
            "計画は他の利用者によって更新されています。最新の状態を確認してください"
        )

    if new_version is not None:
        await _publish_snapshot(session, principal, plan, new_version, now)
    session.add(
        PlanHistory(
            plan_id=plan.id,
            occurred_at=now,
            actor=principal.subject,
            actor_name=principal.name,
            organisation=principal.organisation,
            role=ROLE_OF_ACTOR[step.actor],
            action=step.action.value,
            from_state=source.value,
            to_state=target.value,
            comment=body.comment,
            recorded_outside=body.recorded_outside,
            revision=values.get("revision", plan.revision),
            details=(
                {"requirement_comments": [c.model_dump() for c in body.requirement_comments]}
                if body.requirement_comments
                else None
            ),
        )
    )
    await record_audit(
        session,
        AuditRecord,
        principal,
        action=f"plan.transition.{step.action.value}",
        resource_type="plan",
        resource_id=plan.id,
        details={"from": source.value, "to": target.value},
    )
    _emit_events(session, plan, principal, step, source, target, body, new_version)
    await session.flush()
    log.info("plans.transition.done", plan_id=plan.id, action=step.action, to=target)
    reloaded = await repository.get_visible_plan(session, principal, plan.id, refresh=True)
    assert reloaded is not None
    return reloaded


def _emit_events(
    session: AsyncSession,
    plan: Plan,
    principal: Principal,
    step: Transition,
    source: PlanState,
    target: PlanState,
    body: TransitionIn,
    version: int | None,
) -> None:
    payload = _event_payload(plan, principal, source, target, body.comment)

    def send(event_type: str, **extra: Any) -> None:
        emit(
            session,
            OutboxEvent,
            event_type,
            aggregate_type="plan",
            aggregate_id=plan.id,
            payload={**payload, **extra},
        )

    send("plan.state_changed")
    if step.action in (Action.return_with_comments, Action.return_to_author):
        send("plan.returned", comments=[c.model_dump() for c in body.requirement_comments])
    if target is PlanState.prefecture_review:
        send(
            "plan.arrived_at_prefecture",
            prefecture_code=prefecture_code(plan.lead_prefecture),
            pending_step=step.target(plan)[1],
        )
    if step.action is Action.complete_precheck:
        send("plan.precheck_completed")
    if step.action is Action.publish:
        send("plan.published", version=version)
