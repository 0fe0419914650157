"""Carry a plan through the transition table: guards, one compare-and-set write, history, audit
and outbox events, all in the request's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal
from chiiki_common.errors import Conflict, FieldProblem, PreconditionFailed, ValidationFailed
from chiiki_common.outbox import emit
from chiiki_common.validators import prefecture_code
from plans_api.models import (
    AuditRecord,
    OutboxEvent,
    Plan,
    PlanHistory,
    PlanSnapshot,
    PlanState,
    PlanType,
    SnapshotCompany,
    SnapshotTag,
)
from plans_api.plans import repository
from plans_api.plans import service as plans
from plans_api.plans.disclosure import published_sections, withheld_paths
from plans_api.plans.freeze import ContentChange, changes, content_of, unreviewed
from plans_api.registry.tags import tags_of
from plans_api.workflow import return_labels
from plans_api.workflow.auth import may_act
from plans_api.workflow.review import section_comment_problems
from plans_api.workflow.schemas import AvailableAction, TransitionIn
from plans_api.workflow.transitions import TRANSITIONS, Action, Actor, Transition

log = structlog.get_logger("plans.workflow")

ROLE_OF_ACTOR = {
    Actor.lead_approver: "approver",
    Actor.lead_editor: "editor",
    Actor.prefecture_approver: "approver",
    Actor.national_reviewer: "reviewer",
    Actor.national_publisher: "publisher",
    Actor.selection_service: "service",
}


def available_actions(principal: Principal, plan: Plan) -> list[AvailableAction]:
    return [
        AvailableAction(action=t.action, label=t.label)
        for t in TRANSITIONS.values()
        if PlanState(plan.state) in t.sources
        and may_act(t.actor, principal, plan)
        and not (t.action is Action.withdraw and plan.published_version is not None)
    ]


REVIEW_STEPS = frozenset({Action.return_with_comments, Action.complete_precheck})
"""The reviewer's verdicts: they carry comments per requirement and per part of the plan."""

RECORDS_CONTENT = frozenset({Action.return_with_comments, Action.publish})
"""Steps whose history row keeps the content as it stood (``details.content``): the version a
reviewer returned and the version published, the bases of ``/changes?since=returned|published``."""


def _check_body(plan: Plan, transition: Transition, body: TransitionIn) -> None:
    problems = []
    if transition.needs_announcement:
        problems.extend(_announcement_problems(plan, body))
    if transition.needs_comment and not body.comment.strip():
        problems.append(FieldProblem(field="comment", message="理由(コメント)を入力してください"))
    reviewing = transition.action in REVIEW_STEPS
    if body.requirement_comments and not reviewing:
        problems.append(
            FieldProblem(
                field="requirement_comments",
                message="要件ごとのコメントは事前確認の差戻し・完了時のみ指定できます",
            )
        )
    if body.section_comments and not reviewing:
        problems.append(
            FieldProblem(
                field="section_comments",
                message="項目ごとのコメントは事前確認の差戻し・完了時のみ指定できます",
            )
        )
    elif body.section_comments:
        problems.extend(
            section_comment_problems(
                PlanType(plan.plan_type), [(c.section, c.comment) for c in body.section_comments]
            )
        )
    if problems:
        raise ValidationFailed("入力内容を確認してください", errors=problems)


def _announcement_problems(plan: Plan, body: TransitionIn) -> list[FieldProblem]:
    """seed 000 ⑤⑥※1: 「知事等による発表及び正式提出は、国による事前確認が済んだ後に」 — the
    announcement day (JST) is on or after the day the pre-check was completed and not after today."""
    problems = []
    if body.announcement_date is None:
        problems.append(FieldProblem(field="announcement_date", message="公表日を入力してください"))
    else:
        completed = clock.to_jst(plan.precheck_completed_at).date()  # type: ignore[arg-type]
        today = clock.today_jst()
        if body.announcement_date < completed:
            problems.append(
                FieldProblem(
                    field="announcement_date",
                    message=f"公表日は事前確認の完了日({completed.isoformat()})以降にしてください",
                    code="announcement.before_precheck",
                )
            )
        elif body.announcement_date > today:
            problems.append(
                FieldProblem(
                    field="announcement_date",
                    message=f"公表日に未来の日付({body.announcement_date.isoformat()})は指定できません",
                    code="announcement.future",
                )
            )
    if body.announcement_url is None:
        problems.append(
            FieldProblem(field="announcement_url", message="公表先のURLを入力してください")
        )
    return problems


def _check_state_rules(plan: Plan, step: Transition) -> None:
    """Rules on the plan itself, beyond its state."""
    if step.action is Action.withdraw and plan.published_version is not None:
        raise Conflict("公表済みの計画は取り下げられません(改訂中の版は公表版に影響しません)")
    if step.action is Action.submit and (
        plan.announcement_date is None or clock.today_jst() < plan.announcement_date
    ):
        raise Conflict("正式提出は知事等・市町村長等による公表の日以降に行ってください")
    if step.action is Action.publish and unreviewed(plan):
        raise Conflict(
            "事前確認の完了後に計画の内容が変わっています。公表するには再度の事前確認が必要です"
            if plan.reviewed_content is not None
            else "事前確認で確認された内容の記録がありません。再編集して再度の事前確認を受けてください",
            title="事前確認を経ていない内容は公表できません",
        )


def _arrival(plan: Plan, target: PlanState, now: datetime) -> dict[str, Any]:
    """The dates a request sets: the first ask (round membership), the first arrival at the
    national side, and the start of the current review clock."""
    values: dict[str, Any] = {}
    asking = target is PlanState.precheck_requested or (
        target is PlanState.prefecture_review and plan.state == PlanState.draft
    )
    if asking and plan.first_asked_at is None:
        values["first_asked_at"] = now
    if target is PlanState.precheck_requested:
        values["review_requested_at"] = now
        if plan.first_precheck_requested_at is None:
            values["first_precheck_requested_at"] = now
    return values


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
    await repository.retire_current_version(session, plan.id, now)
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
    content["sections"] = published_sections(plan.plan_type, content["sections"])
    content["withheld"] = withheld_paths(plan.plan_type)
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
        SnapshotTag(snapshot_id=snapshot.id, kind=kind, code=code)
        for kind, code in tags_of(content)
    )
    session.add_all(
        SnapshotCompany(
            snapshot_id=snapshot.id,
            plan_id=plan.id,
            corporate_number=c.corporate_number,
            name=c.name,
            role=c.role,
            support_target=c.support_target,
            valid_from=now,
            valid_until=None,
        )
        for c in plan.core_companies
        if c.corporate_number
    )


def check_step(plan: Plan, action: Action) -> Transition:
    """The guards on the plan every step passes: from which state, and the plan's rules. Who may
    take it is checked before, from the step's actor (``workflow.auth.PermittedStep`` for a
    person; a service's scope for a selection; the scheduler carries out a publisher's order)."""
    step = TRANSITIONS[action]
    source = PlanState(plan.state)
    if source not in step.sources:
        raise Conflict(f"現在の状態({source.label})では「{step.label}」はできません")
    _check_state_rules(plan, step)
    return step


async def transition(
    session: AsyncSession, principal: Principal, plan: Plan, body: TransitionIn
) -> Plan:
    """Take a step the caller may take (``workflow.auth.PermittedStep``) if the plan allows it."""
    step = check_step(plan, body.action)
    _check_body(plan, step, body)
    if step.needs_validation:
        report = await plans.validation_report(session, plan)
        if not report.valid:
            log.info("plans.transition.refused", plan_id=plan.id, reason="validation")
            raise ValidationFailed(
                "計画に未記入・不備の項目があるため事前確認を依頼できません", errors=report.errors
            )
    return await apply_step(session, principal, plan, step, body, now=clock.now())


async def apply_step(
    session: AsyncSession,
    principal: Principal,
    plan: Plan,
    step: Transition,
    body: TransitionIn,
    *,
    now: datetime,
    changed: list[ContentChange] | None = None,
) -> Plan:
    """Take a checked step: one compare-and-set write, the snapshot when publishing, the history
    row (with the difference a reviewer must see), the audit record and the events.

    ``changed``: the difference already computed by a caller that changed the content itself."""
    source = PlanState(plan.state)
    target, pending = step.target(plan)
    values: dict[str, Any] = {
        "state": target.value,
        "pending_step": pending.value if pending else None,
        **_arrival(plan, target, now),
        **(step.effect(plan, body, now) if step.effect else {}),
    }
    if changed is None and target is PlanState.precheck_requested and plan.reviewed_content:
        changed = changes(plan.reviewed_content, content_of(plan))
    if not await repository.compare_and_set(
        session, plan.id, plan.version, now=now, expected_state=source.value, values=values
    ):
        raise PreconditionFailed(
            "計画は他の利用者によって更新されています。最新の状態を確認してください"
        )
    new_version: int | None = values.get("published_version")
    if new_version is not None:
        await _publish_snapshot(session, principal, plan, new_version, now)
    details: dict[str, Any] = {}
    if body.requirement_comments:
        details["requirement_comments"] = [c.model_dump() for c in body.requirement_comments]
    if body.section_comments:
        details["section_comments"] = [c.model_dump() for c in body.section_comments]
    if step.action in RECORDS_CONTENT:
        details["content"] = content_of(plan)
    if changed:
        details["changes_since_review"] = [c.model_dump(mode="json") for c in changed]
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
            details=details or None,
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
    _emit_events(session, plan, principal, step, source, target, body, new_version, changed)
    await session.flush()
    log.info("plans.transition.done", plan_id=plan.id, action=step.action, to=target)
    reloaded = await repository.get_plan(session, plan.id)
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
    changed: list[ContentChange] | None,
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
    if step.event == "plan.returned":
        send(
            step.event,
            comments=[c.model_dump() for c in body.requirement_comments],
            section_comments=[c.model_dump() for c in body.section_comments],
            requirement_labels=return_labels.requirement_labels(plan, body.requirement_comments),
            section_labels=return_labels.section_labels(plan, body.section_comments),
        )
    elif step.event == "plan.change_requested":
        send(step.event, changes=len(changed or []))
    elif step.event == "plan.published":
        send(step.event, version=version)
    elif step.event is not None:
        send(step.event)
    if target is PlanState.prefecture_review:
        send(
            "plan.arrived_at_prefecture",
            prefecture_code=prefecture_code(plan.lead_prefecture),
            pending_step=step.target(plan)[1],
        )
