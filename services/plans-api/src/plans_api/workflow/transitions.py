"""The workflow's transition table (DESIGN §2; seed 000 ⑤ 策定・提出のプロセス, seed 001).

```
draft ──(municipal plan)──▶ prefecture_review ──forward──▶ precheck_requested
  │                               └──return──▶ draft
  └──(prefectural plan)──────────────────────▶ precheck_requested
precheck_requested ──▶ in_review ──return (comments)──▶ returned ──▶ precheck_requested
                           └──complete──▶ precheck_completed
precheck_completed ──announce (date, URL)──▶ announced ──submit──▶ submitted ──publish──▶ published
any state before published ──withdraw──▶ withdrawn
published ──revise (PDCA)──▶ draft (a new revision; the published snapshot stays public)
precheck_completed / announced / submitted ──reopen──▶ draft   (the authors change the content)
precheck_completed / announced / submitted ──change_request──▶ precheck_requested
                                             (another service changed the content: a selection)
```

From ``precheck_completed`` on the content is frozen (:mod:`plans_api.plans.freeze`): ``reopen`` and
``change_request`` clear the completion and the announcement, so the plan cannot reach publication
without a new completed pre-check of what it now says.

Each step's row in :data:`TRANSITIONS` declares everything about it: who takes it, from where to
where, what it needs (validation, a comment, an announcement), what it writes on the plan besides
its state (``effect``) and the event it sends (``event``); :mod:`plans_api.workflow.service` only
carries a row out.

A plan whose lead is not a prefecture (a municipality or a designated city) goes through its
prefecture (取りまとめ, seed 000 ⑤※1 / C ⑤※) both for the pre-check request and for the formal
submission: it waits at ``prefecture_review`` with ``pending_step`` saying which, and a prefecture
approver forwards it or returns it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from plans_api.models import Plan, PlanState
from plans_api.organisations import is_prefecture
from plans_api.plans.freeze import content_of

if TYPE_CHECKING:
    from plans_api.workflow.schemas import TransitionIn


class Action(StrEnum):
    request_precheck = "request_precheck"
    forward = "forward"
    return_to_author = "return_to_author"
    start_review = "start_review"
    return_with_comments = "return_with_comments"
    complete_precheck = "complete_precheck"
    announce = "announce"
    submit = "submit"
    publish = "publish"
    withdraw = "withdraw"
    revise = "revise"
    reopen = "reopen"
    change_request = "change_request"


class Actor(StrEnum):
    """Who may take a step (the guard on the caller)."""

    lead_approver = "lead_approver"
    """An approver of the lead author organisation (speaks for it: 知事等 / 市町村長等)."""
    lead_editor = "lead_editor"
    prefecture_approver = "prefecture_approver"
    """An approver of the prefecture the lead author belongs to (取りまとめ)."""
    national_reviewer = "national_reviewer"
    national_publisher = "national_publisher"
    selection_service = "selection_service"
    """scoring-api adding a company selected in an open call (never a person)."""


class PendingStep(StrEnum):
    precheck = "precheck"
    submission = "submission"


def routes_through_prefecture(plan: Plan) -> bool:
    return not is_prefecture(plan.lead_organisation)


def _to_precheck(plan: Plan) -> tuple[PlanState, PendingStep | None]:
    if routes_through_prefecture(plan):
        return PlanState.prefecture_review, PendingStep.precheck
    return PlanState.precheck_requested, None


def _to_submission(plan: Plan) -> tuple[PlanState, PendingStep | None]:
    if routes_through_prefecture(plan):
        return PlanState.prefecture_review, PendingStep.submission
    return PlanState.submitted, None


def _forward(plan: Plan) -> tuple[PlanState, PendingStep | None]:
    if plan.pending_step == PendingStep.submission:
        return PlanState.submitted, None
    return PlanState.precheck_requested, None


def _return_to_author(plan: Plan) -> tuple[PlanState, PendingStep | None]:
    if plan.pending_step == PendingStep.submission:
        return PlanState.announced, None
    return PlanState.draft, None


def _fixed(state: PlanState) -> Callable[[Plan], tuple[PlanState, PendingStep | None]]:
    return lambda _plan: (state, None)


def _merge_requirement_comments(plan: Plan, body: TransitionIn) -> dict[str, Any]:
    requirements = {k: dict(v) for k, v in (plan.requirements or {}).items()}
    for item in body.requirement_comments:
        entry = requirements.setdefault(str(item.number), {})
        entry["comment"] = item.comment
        if item.verdict:
            entry["verdict"] = item.verdict
    return requirements


CLEARED_COMPLETION = {
    "precheck_completed_at": None,
    "announcement_date": None,
    "announcement_url": None,
}
"""What a change after the pre-check undoes: the completion and the announcement of the old content
(both stay in the history)."""

Effect = Callable[[Plan, "TransitionIn", datetime], dict[str, Any]]
"""What a step writes on the plan besides its state and the request dates."""


def _reviewed(plan: Plan, body: TransitionIn, now: datetime) -> dict[str, Any]:
    return {"requirements": _merge_requirement_comments(plan, body)}


def _completed(plan: Plan, body: TransitionIn, now: datetime) -> dict[str, Any]:
    return {
        "requirements": _merge_requirement_comments(plan, body),
        "precheck_completed_at": now,
        "reviewed_content": content_of(plan),
    }


def _announced(plan: Plan, body: TransitionIn, now: datetime) -> dict[str, Any]:
    return {
        "announcement_date": body.announcement_date,
        "announcement_url": body.announcement_url,
    }


def _published(plan: Plan, body: TransitionIn, now: datetime) -> dict[str, Any]:
    return {"published_version": (plan.published_version or 0) + 1, "published_at": now}


def _revised(plan: Plan, body: TransitionIn, now: datetime) -> dict[str, Any]:
    return {
        **CLEARED_COMPLETION,
        "revision": plan.revision + 1,
        "requirements": {
            k: {"statement": v.get("statement")} for k, v in (plan.requirements or {}).items()
        },
    }


def _cleared(plan: Plan, body: TransitionIn, now: datetime) -> dict[str, Any]:
    return dict(CLEARED_COMPLETION)


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[PlanState]
    actor: Actor
    target: Callable[[Plan], tuple[PlanState, PendingStep | None]]
    label: str
    needs_validation: bool = False
    needs_announcement: bool = False
    needs_comment: bool = False
    effect: Effect | None = None
    """What the step writes on the plan besides its state."""
    event: str | None = None
    """The outbox event of this step, besides ``plan.state_changed`` for every step and
    ``plan.arrived_at_prefecture`` for every arrival there."""


PRECHECKED = frozenset({PlanState.precheck_completed, PlanState.announced, PlanState.submitted})
"""Pre-checked and not yet published: what changes here needs a new review."""

BEFORE_PUBLISHED = frozenset(
    {
        PlanState.draft,
        PlanState.prefecture_review,
        PlanState.precheck_requested,
        PlanState.in_review,
        PlanState.returned,
        PlanState.precheck_completed,
        PlanState.announced,
        PlanState.submitted,
    }
)

TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        Transition(
            Action.request_precheck,
            frozenset({PlanState.draft, PlanState.returned}),
            Actor.lead_approver,
            _to_precheck,
            "事前確認依頼",
            needs_validation=True,
        ),
        Transition(
            Action.forward,
            frozenset({PlanState.prefecture_review}),
            Actor.prefecture_approver,
            _forward,
            "都道府県による取りまとめ・送付",
        ),
        Transition(
            Action.return_to_author,
            frozenset({PlanState.prefecture_review}),
            Actor.prefecture_approver,
            _return_to_author,
            "都道府県からの差戻し",
            needs_comment=True,
            event="plan.returned",
        ),
        Transition(
            Action.start_review,
            frozenset({PlanState.precheck_requested}),
            Actor.national_reviewer,
            _fixed(PlanState.in_review),
            "事前確認の開始",
        ),
        Transition(
            Action.return_with_comments,
            frozenset({PlanState.in_review}),
            Actor.national_reviewer,
            _fixed(PlanState.returned),
            "事前確認の差戻し（コメント付き）",
            needs_comment=True,
            effect=_reviewed,
            event="plan.returned",
        ),
        Transition(
            Action.complete_precheck,
            frozenset({PlanState.in_review}),
            Actor.national_reviewer,
            _fixed(PlanState.precheck_completed),
            "事前確認の完了",
            effect=_completed,
            event="plan.precheck_completed",
        ),
        Transition(
            Action.announce,
            frozenset({PlanState.precheck_completed}),
            Actor.lead_approver,
            _fixed(PlanState.announced),
            "知事等・市町村長等による公表",
            needs_announcement=True,
            effect=_announced,
        ),
        Transition(
            Action.submit,
            frozenset({PlanState.announced}),
            Actor.lead_approver,
            _to_submission,
            "正式提出",
        ),
        Transition(
            Action.publish,
            frozenset({PlanState.submitted}),
            Actor.national_publisher,
            _fixed(PlanState.published),
            "内閣官房HPでの公表",
            effect=_published,
            event="plan.published",
        ),
        Transition(
            Action.withdraw,
            BEFORE_PUBLISHED,
            Actor.lead_approver,
            _fixed(PlanState.withdrawn),
            "取下げ",
        ),
        Transition(
            Action.revise,
            frozenset({PlanState.published}),
            Actor.lead_editor,
            _fixed(PlanState.draft),
            "計画の改訂（PDCA・具体化・高度化）",
            effect=_revised,
        ),
        Transition(
            Action.reopen,
            PRECHECKED,
            Actor.lead_approver,
            _fixed(PlanState.draft),
            "内容変更のための再編集（再度の事前確認が必要）",
            needs_comment=True,
            effect=_cleared,
        ),
        Transition(
            Action.change_request,
            PRECHECKED,
            Actor.selection_service,
            _fixed(PlanState.precheck_requested),
            "内容変更による再確認（公募での選定企業の追加）",
            effect=_cleared,
            event="plan.change_requested",
        ),
    )
}

EDITABLE_STATES = frozenset({PlanState.draft, PlanState.returned})
"""Where the authors may change the plan's content."""
COORDINATION_STATES = frozenset(
    {PlanState.draft, PlanState.returned, PlanState.precheck_completed, PlanState.announced}
)
"""Where the 各種調整 checklist (seed 000 ⑤ 3.) may be kept up to date."""
