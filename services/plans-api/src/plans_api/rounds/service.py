"""Rounds are data: a national admin adds the ones announced after the first batch and may edit a
round until its cutoff passes (every version kept); a publisher schedules the round's one
publication (「第1弾として取りまとめ、内閣官房HPで一斉に公表」)."""

from __future__ import annotations

from datetime import UTC, date
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal, Role, Tier
from chiiki_common.errors import Conflict, FieldProblem, NotFound, ProblemError, ValidationFailed
from plans_api.models import AuditRecord, Plan, PlanState, Round, RoundHistory, RoundPublication
from plans_api.plans import repository
from plans_api.plans.freeze import unreviewed
from plans_api.rounds import membership
from plans_api.rounds import repository as rounds_repository
from plans_api.rounds.schemas import (
    PublicationIn,
    PublicationOut,
    PublicationPlan,
    RoundIn,
    RoundPatch,
)
from plans_api.workflow import service as workflow
from plans_api.workflow.schemas import TransitionIn
from plans_api.workflow.transitions import Action

log = structlog.get_logger("plans.rounds")

SCHEDULED, DONE = rounds_repository.SCHEDULED, "done"


def _state(round_: Round) -> dict[str, Any]:
    return {
        "name": round_.name,
        "kind": round_.kind,
        "last_day": membership.last_day_of(round_.cutoff_at).isoformat(),
        "cutoff_at": round_.cutoff_at.isoformat(),
        "review_target_date": (
            round_.review_target_date.isoformat() if round_.review_target_date else None
        ),
    }


def _record(
    session: AsyncSession,
    principal: Principal,
    round_: Round,
    action: str,
    before: dict[str, Any] | None,
) -> None:
    session.add(
        RoundHistory(
            round_code=round_.code,
            occurred_at=clock.now(),
            actor=principal.subject,
            actor_name=principal.name,
            organisation=principal.organisation,
            action=action,
            before=before,
            after=_state(round_),
        )
    )


def _date_problems(last_day: date | None, target: date | None) -> list[FieldProblem]:
    problems = []
    if last_day is None:
        problems.append(FieldProblem(field="last_day", message="締切日を入力してください"))
    elif last_day < clock.today_jst():
        problems.append(
            FieldProblem(
                field="last_day",
                message="締切日に過去の日付は指定できません(既に依頼された計画の回が変わるため)",
            )
        )
    if last_day is not None and target is not None and target <= last_day:
        problems.append(
            FieldProblem(
                field="review_target_date", message="目標完了日は締切日より後にしてください"
            )
        )
    return problems


async def _order_problems(
    session: AsyncSession, kind: str, last_day: date | None, edited: Round | None = None
) -> list[FieldProblem]:
    """Batches keep their order (第1弾, 第2弾, …): a round added later comes after every batch and
    an edited one stays between its neighbours, so a plan already asked never changes its round
    (a batch placed before an open one would take the plans asked for it so far)."""
    if kind != membership.BATCH or last_day is None:
        return []
    cutoff = membership.cutoff_for(last_day)
    others = [
        r
        for r in membership.batches(await repository.all_rounds(session))
        if edited is None or r.code != edited.code
    ]
    earlier = [r for r in others if edited is None or r.cutoff_at < edited.cutoff_at]
    later = [r for r in others if edited is not None and r.cutoff_at > edited.cutoff_at]
    problems = []
    if earlier and cutoff <= earlier[-1].cutoff_at:
        previous = earlier[-1]
        problems.append(
            FieldProblem(
                field="last_day",
                message=f"締切日は「{previous.name}」の締切日"
                f"({membership.last_day_of(previous.cutoff_at).isoformat()})より後にしてください"
                "(既に依頼された計画の回が変わるため)",
            )
        )
    if later and cutoff >= later[0].cutoff_at:
        following = later[0]
        problems.append(
            FieldProblem(
                field="last_day",
                message=f"締切日は「{following.name}」の締切日"
                f"({membership.last_day_of(following.cutoff_at).isoformat()})より前にしてください"
                "(既に依頼された計画の回が変わるため)",
            )
        )
    return problems


async def _round(session: AsyncSession, code: str) -> Round:
    found = await repository.round_by_code(session, code)
    if found is None:
        raise NotFound("回が見つかりません")
    return found


async def add_round(session: AsyncSession, principal: Principal, body: RoundIn) -> Round:
    if await repository.round_by_code(session, body.code) is not None:
        raise Conflict("同じコードの回が既にあります")
    problems = _date_problems(body.last_day, body.review_target_date)
    if not any(p.field == "last_day" for p in problems):
        problems += await _order_problems(session, body.kind, body.last_day)
    if problems:
        raise ValidationFailed(errors=problems)
    round_ = Round(
        code=body.code,
        name=body.name,
        cutoff_at=membership.cutoff_for(body.last_day),
        kind=body.kind,
        review_target_date=body.review_target_date,
    )
    session.add(round_)
    _record(session, principal, round_, "create", None)
    await session.flush()
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="round.create",
        resource_type="round",
        resource_id=body.code,
    )
    return round_


async def update_round(
    session: AsyncSession, principal: Principal, code: str, body: RoundPatch
) -> Round:
    """Change a round until its cutoff passes; afterwards memberships and reminders rest on it."""
    round_ = await _round(session, code)
    if clock.now() >= round_.cutoff_at:
        raise Conflict("締切を過ぎた回は変更できません", title="この回は変更できません")
    given = body.model_fields_set
    if "name" in given and body.name is None:
        raise ValidationFailed(errors=[FieldProblem(field="name", message="必須項目です")])
    last_day = body.last_day if "last_day" in given else membership.last_day_of(round_.cutoff_at)
    target = body.review_target_date if "review_target_date" in given else round_.review_target_date
    problems = _date_problems(last_day, target)
    if "last_day" not in given:
        problems = [p for p in problems if p.field != "last_day"]
    elif not any(p.field == "last_day" for p in problems):
        problems += await _order_problems(session, round_.kind, last_day, edited=round_)
    if problems:
        raise ValidationFailed(errors=problems)
    assert last_day is not None
    before = _state(round_)
    if "name" in given and body.name is not None:
        round_.name = body.name
    round_.cutoff_at = membership.cutoff_for(last_day)
    if "review_target_date" in given:
        round_.review_target_date = body.review_target_date
    _record(session, principal, round_, "update", before)
    await session.flush()
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="round.update",
        resource_type="round",
        resource_id=code,
        details={"before": before, "after": _state(round_)},
    )
    return round_


async def history(session: AsyncSession, code: str) -> list[RoundHistory]:
    await _round(session, code)
    return await rounds_repository.history(session, code)


# --- the round's one publication -----------------------------------------------------------------


def _item(plan: Plan, reason: str | None = None) -> PublicationPlan:
    return PublicationPlan(
        plan_id=plan.id,
        title=plan.title,
        plan_type=plan.plan_type,
        lead_organisation=plan.lead_organisation,
        state=plan.state,
        reason=reason,
    )


def not_ready_reason(plan: Plan) -> str | None:
    """Why a plan of the round would not be published with it (None: it is ready)."""
    if plan.state == PlanState.published:
        return "既に公表されています"
    if plan.state != PlanState.submitted:
        return f"正式提出が済んでいません(現在の状態: {PlanState(plan.state).label})"
    if unreviewed(plan):
        return "事前確認の完了後に内容が変わっています(再度の事前確認が必要です)"
    return None


async def _members(session: AsyncSession, round_: Round) -> list[Plan]:
    rounds = await repository.all_rounds(session)
    window = membership.window(round_, rounds)
    plans = await repository.round_members(
        session, repository.AskedWindow(window.start, window.end)
    )
    return [p for p in plans if p.state != PlanState.withdrawn]


async def _batch_round(session: AsyncSession, code: str) -> Round:
    round_ = await _round(session, code)
    if round_.kind != membership.BATCH:
        raise Conflict("一斉公表は取りまとめの回(第1弾など)についてのみ行えます")
    return round_


async def publication_out(
    session: AsyncSession, publication: RoundPublication, round_: Round
) -> PublicationOut:
    ready: list[PublicationPlan] = []
    not_ready: list[PublicationPlan] = []
    if publication.status == SCHEDULED:
        for plan in await _members(session, round_):
            reason = not_ready_reason(plan)
            (not_ready if reason else ready).append(_item(plan, reason))
    return PublicationOut(
        round_code=publication.round_code,
        publish_at=publication.publish_at,
        status=publication.status,
        scheduled_by=publication.scheduled_by_name or publication.scheduled_by,
        done_at=publication.done_at,
        ready=ready,
        not_ready=not_ready,
        published=[PublicationPlan.model_validate(p) for p in publication.published],
        left_out=[PublicationPlan.model_validate(p) for p in publication.left_out],
    )


async def get_publication(session: AsyncSession, code: str) -> PublicationOut:
    round_ = await _batch_round(session, code)
    publication = await rounds_repository.publication(session, code)
    if publication is None:
        raise NotFound("この回の一斉公表は予定されていません")
    return await publication_out(session, publication, round_)


async def schedule_publication(
    session: AsyncSession, principal: Principal, code: str, body: PublicationIn
) -> PublicationOut:
    """Set (or move) the moment at which every ready plan of the round is published together."""
    round_ = await _batch_round(session, code)
    now = clock.now()
    problems = []
    if body.publish_at <= now:
        problems.append(
            FieldProblem(field="publish_at", message="公表日時は現在より後を指定してください")
        )
    if body.publish_at < round_.cutoff_at:
        problems.append(
            FieldProblem(
                field="publish_at",
                message="公表日時は回の締切(事前確認依頼の受付終了)後にしてください",
            )
        )
    if problems:
        raise ValidationFailed(errors=problems)
    publication = await rounds_repository.publication(session, code)
    if publication is not None and publication.status == DONE:
        raise Conflict("この回の一斉公表は既に行われました(個別の公表は引き続き行えます)")
    if publication is None:
        publication = RoundPublication(
            round_code=code, status=SCHEDULED, created_at=now, published=[], left_out=[]
        )
        session.add(publication)
    publication.publish_at = body.publish_at.astimezone(UTC)
    publication.scheduled_by = principal.subject
    publication.scheduled_by_name = principal.name
    publication.organisation = principal.organisation
    publication.updated_at = now
    await session.flush()
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="round.publication.schedule",
        resource_type="round",
        resource_id=code,
        details={"publish_at": body.publish_at.isoformat()},
    )
    return await publication_out(session, publication, round_)


async def cancel_publication(session: AsyncSession, principal: Principal, code: str) -> None:
    await _batch_round(session, code)
    publication = await rounds_repository.publication(session, code)
    if publication is None:
        raise NotFound("この回の一斉公表は予定されていません")
    if publication.status == DONE:
        raise Conflict("行われた一斉公表は取り消せません")
    await session.delete(publication)
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="round.publication.cancel",
        resource_type="round",
        resource_id=code,
    )


def _publisher(publication: RoundPublication) -> Principal:
    return Principal(
        subject=publication.scheduled_by,
        tier=Tier.national,
        organisation=publication.organisation,
        roles=frozenset({Role.publisher}),
        name=publication.scheduled_by_name,
    )


async def carry_out(session: AsyncSession, publication: RoundPublication) -> None:
    """Publish every ready plan of the round at the scheduled instant, in one transaction; list
    the rest with the reason they were left out."""
    round_ = await _round(session, publication.round_code)
    publisher = _publisher(publication)
    published, left_out = [], []
    body = TransitionIn(action=Action.publish, comment=f"{round_.name}として一斉公表")
    for plan in await _members(session, round_):
        reason = not_ready_reason(plan)
        if reason is None:
            try:
                step = workflow.check_step(plan, Action.publish)
            except ProblemError as exc:
                reason = exc.detail or exc.title
            else:
                plan = await workflow.apply_step(
                    session, publisher, plan, step, body, now=publication.publish_at
                )
                published.append(_item(plan).model_dump())
                continue
        left_out.append(_item(plan, reason).model_dump())
    publication.status = DONE
    publication.done_at = clock.now()
    publication.published = published
    publication.left_out = left_out
    publication.updated_at = publication.done_at
    await record_audit(
        session,
        AuditRecord,
        publisher,
        action="round.publication.done",
        resource_type="round",
        resource_id=round_.code,
        details={"published": len(published), "left_out": len(left_out)},
    )
    log.info(
        "plans.rounds.published",
        round=round_.code,
        published=len(published),
        left_out=len(left_out),
    )


async def publish_due(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    """Carry out every publication whose moment has come, each in its own transaction (claimed
    with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so replicas never run the same one); returns
    how many were carried out."""
    done = 0
    for _ in range(100):
        async with sessionmaker() as session, session.begin():
            publication = await rounds_repository.claim_due(session, clock.now())
            if publication is None:
                break
            await carry_out(session, publication)
            done += 1
    return done
