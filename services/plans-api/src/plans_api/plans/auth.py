"""Who may call the plan routes, declared in their signatures.

A route over many plans names the tier and role it needs. A route on one plan takes the plan
itself, loaded through the tenancy filter and checked for the caller, and answers in one order:
428 without If-Match, 404 for a plan the caller may not see (before anything that would tell it
exists), 403 for a caller who may not do this to it, 412 for a stale If-Match. What the plan's
state or content allows (409, 422) is the service's to say.

The dependencies share the request's session (FastAPI caches ``SessionDep`` per request), so the
plan they load is the one the handler writes, in the same transaction.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Path

from chiiki_common.auth import CurrentPrincipal, Principal, Role, Tier, caller
from chiiki_common.db import SessionDep
from chiiki_common.errors import Forbidden, NotFound, PreconditionFailed, PreconditionRequired
from plans_api.models import Plan
from plans_api.plans import repository

PlanId = Annotated[int, Path(ge=1, le=2**63 - 1, description="計画ID")]

STALE = "計画は他の利用者によって更新されています。最新の内容を取得してから編集してください"


# --- callers of routes over many plans -----------------------------------------------------------

Caller = Annotated[Principal, caller()]
"""Any verified caller: beside a plan dependency below, which says who may call the route, the
caller the service records."""

PlanReader = Caller
"""Who may list plans: any caller, seeing what the tenancy filter selects (a machine client:
nothing)."""

PlanCreator = Annotated[
    Principal,
    caller(
        tiers=[Tier.prefecture, Tier.municipality],
        roles=[Role.editor],
        refusal="B類型は都道府県・政令指定都市、C類型は市区町村・都道府県の編集者が作成できます",
    ),
]
"""An editor of a local government; which type it may author is the service's rule."""

ReviewQueueReader = Annotated[
    Principal,
    caller(tiers=[Tier.national], refusal="事前確認の審査一覧は国の利用者のみ参照できます"),
]
PrefectureQueueReader = Annotated[
    Principal,
    caller(tiers=[Tier.prefecture], refusal="取りまとめの一覧は都道府県の利用者のみ参照できます"),
]


# --- If-Match ------------------------------------------------------------------------------------


async def _if_match(
    if_match: Annotated[
        str | None,
        Header(
            alias="If-Match",
            description="取得時の ETag(計画の版)。無い場合は 428、古い場合は 412",
        ),
    ] = None,
) -> str | None:
    return if_match


IfMatch = Annotated[str | None, Depends(_if_match)]
"""The If-Match header, passed on raw."""


def parse_if_match(header: str | None) -> int:
    """The version an If-Match names: missing → 428, unreadable → 412."""
    if header is None or not header.strip():
        raise PreconditionRequired("更新には If-Match ヘッダー(取得時の ETag)が必要です")
    value = header.strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip('"')
    if not value.isdigit():
        raise PreconditionFailed("If-Match の値が正しくありません")
    return int(value)


async def _expected_version(if_match: IfMatch) -> int:
    return parse_if_match(if_match)


ExpectedVersion = Annotated[int, Depends(_expected_version)]
"""The plan version a write names in If-Match (428 without one)."""


# --- one plan ------------------------------------------------------------------------------------


async def _visible_plan(plan_id: PlanId, session: SessionDep, principal: CurrentPrincipal) -> Plan:
    plan = await repository.get_visible_plan(session, principal, plan_id)
    if plan is None:
        raise NotFound("計画が見つかりません")
    return plan


VisiblePlan = Annotated[Plan, Depends(_visible_plan)]
"""A plan the caller may read (DESIGN §1); 404 for any other, as for one that does not exist."""


def is_author(principal: Principal, plan: Plan) -> bool:
    return principal.is_local and principal.organisation in plan.organisations


def ensure_author_editor(principal: Principal, plan: Plan) -> None:
    if not is_author(principal, plan):
        raise Forbidden("この計画の作成団体ではないため、閲覧のみ可能です")
    if not principal.has_role(Role.editor):
        raise Forbidden("計画の編集には編集者以上の役割が必要です")


def ensure_version(plan: Plan, expected: int, refusal: str = STALE) -> None:
    if plan.version != expected:
        raise PreconditionFailed(refusal)


async def _authored_plan(plan: VisiblePlan, principal: CurrentPrincipal) -> Plan:
    ensure_author_editor(principal, plan)
    return plan


AuthoredPlan = Annotated[Plan, Depends(_authored_plan)]
"""A plan the caller's organisation authors (or co-authors), the caller an editor or above: for
the authors' requests that change nothing (an import preview, asking the approvers)."""


async def _editable_plan(
    expected: ExpectedVersion, plan: VisiblePlan, principal: CurrentPrincipal
) -> Plan:
    ensure_author_editor(principal, plan)
    ensure_version(plan, expected)
    return plan


EditablePlan = Annotated[Plan, Depends(_editable_plan)]
"""A plan the caller may write as one of its authors (an editor or above), at the version the
If-Match names; in which states it may change is the service's rule (409 ``plan-frozen``)."""


async def _lead_editable_plan(plan: EditablePlan, principal: CurrentPrincipal) -> Plan:
    if principal.organisation != plan.lead_organisation:
        raise Forbidden("共同作成団体は代表団体のみが変更できます")
    return plan


LeadEditablePlan = Annotated[Plan, Depends(_lead_editable_plan)]
"""An :data:`EditablePlan` whose caller is its lead author (代表団体): who co-authors it."""


async def _plan_for_review(
    expected: ExpectedVersion, plan: VisiblePlan, principal: CurrentPrincipal
) -> Plan:
    if not (principal.tier is Tier.national and principal.has_role(Role.reviewer)):
        raise Forbidden("要件の確認は国の確認担当者が行います")
    ensure_version(plan, expected, "計画は他の利用者によって更新されています")
    return plan


PlanForReview = Annotated[Plan, Depends(_plan_for_review)]
"""A plan a national reviewer (確認担当者) judges requirement by requirement, at the If-Match
version; only while it is in review (the service's 409)."""
