"""Which events of plans-api and scoring-api become which notice, to whom.

One rule per event type: the organisations to write to (from the payload: the plan's authors, or
the prefecture a municipal plan arrives at or a call belongs to), the roles within them
(``notify.recipients``: authors and approvers, or the approvers alone), the mail, and whether the
recipient may mute it (a plan returned with comments, a plan arriving at its prefecture, a
completed pre-check, a KPI past its withdrawal criterion and an editor's request to the approvers
ask someone to act: mandatory).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chiiki_common.validators import prefecture_code
from notify.mail import messages
from notify.mail.messages import Content, ReviewComment
from notify.recipients import APPROVERS, AUTHORS


@dataclass(frozen=True)
class EventNotice:
    organisations: frozenset[str]
    mandatory: bool
    content: Content
    roles: frozenset[str] = AUTHORS
    readers: bool = True
    """Viewers read along in their digest (False: the notice asks the ``roles`` alone)."""
    bureau_of: str | None = None
    """A prefecture's two-digit number: the bureaus of its block are written to as well (looked
    up in the directory when the notice is made)."""


Payload = dict[str, Any]


def _authors(payload: Payload) -> frozenset[str]:
    codes = {str(code) for code in payload.get("organisations") or []}
    if payload.get("lead_organisation"):
        codes.add(str(payload["lead_organisation"]))
    return frozenset(codes)


def _prefecture(payload: Payload) -> frozenset[str]:
    code = str(payload.get("prefecture_code") or "")
    if len(code) == 2:
        code = prefecture_code(code)
    return frozenset({code}) if code else frozenset()


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _labels(payload: Payload, key: str) -> dict[str, str]:
    labels = payload.get(key)
    return {str(k): _text(v) for k, v in labels.items()} if isinstance(labels, dict) else {}


def _requirement_comments(payload: Payload) -> list[ReviewComment]:
    """``comments`` of ``plan.returned`` (``{number, verdict, comment}`` per requirement, titled by
    ``requirement_labels``): 「要件1 有望度」 and the verdict as the plan page shows it, never a key
    or a repr."""
    labels = _labels(payload, "requirement_labels")
    found = []
    for item in payload.get("comments") or []:
        if not isinstance(item, dict):
            continue
        number = item.get("number")
        label = labels.get(str(number), "")
        subject = f"要件{number}" if isinstance(number, int) else "要件"
        verdict = messages.VERDICT_LABELS.get(str(item.get("verdict")), "")
        comment = _text(item.get("comment"))
        if comment or verdict:
            found.append(
                ReviewComment(
                    subject=f"{subject} {label}" if label else subject,
                    verdict=verdict,
                    comment=comment,
                )
            )
    return found


def _section_comments(payload: Payload) -> list[ReviewComment]:
    """``section_comments`` (``{section, comment}``): the section named by its heading from
    ``section_labels``; a bare key is never shown."""
    labels = _labels(payload, "section_labels")
    found = []
    for item in payload.get("section_comments") or []:
        if isinstance(item, dict) and _text(item.get("comment")):
            subject = labels.get(str(item.get("section")), "") or messages.SECTION_FALLBACK
            found.append(ReviewComment(subject=subject, comment=_text(item.get("comment"))))
    return found


Rule = Callable[[Payload, str], EventNotice]


def _plan_link(base: str, payload: Payload) -> str:
    return f"{base}/plans/{payload.get('plan_id', '')}"


def _proposal_link(base: str, payload: Payload) -> str:
    return f"{base}/proposals/{payload.get('proposal_id', '')}"


def _call_link(base: str, payload: Payload) -> str:
    return f"{base}/scoring/calls/{payload.get('call_id', '')}"


RULES: dict[tuple[str, str], Rule] = {
    ("plans", "plan.returned"): lambda p, base: EventNotice(
        _authors(p),
        True,
        messages.plan_returned(
            title=str(p.get("title", "")),
            comment=_text(p.get("comment")),
            requirements=_requirement_comments(p),
            sections=_section_comments(p),
            link=_plan_link(base, p),
        ),
    ),
    ("plans", "plan.approval_requested"): lambda p, base: EventNotice(
        frozenset({str(p["organisation"])}) if p.get("organisation") else frozenset(),
        True,
        messages.approval_requested(
            title=str(p.get("title", "")),
            requester=_text(p.get("requested_by_name")),
            message=_text(p.get("message")),
            link=_plan_link(base, p),
        ),
        roles=APPROVERS,
        readers=False,
    ),
    ("plans", "plan.arrived_at_prefecture"): lambda p, base: EventNotice(
        _prefecture(p),
        True,
        messages.plan_arrived(
            title=str(p.get("title", "")),
            author=str(p.get("lead_organisation_name") or p.get("lead_organisation", "")),
            link=_plan_link(base, p),
        ),
    ),
    ("plans", "plan.precheck_completed"): lambda p, base: EventNotice(
        _authors(p),
        True,
        messages.precheck_completed(title=str(p.get("title", "")), link=_plan_link(base, p)),
    ),
    ("plans", "plan.published"): lambda p, base: EventNotice(
        _authors(p),
        False,
        messages.plan_published(
            title=str(p.get("title", "")), version=p.get("version"), link=_plan_link(base, p)
        ),
    ),
    ("plans", "kpi.breached"): lambda p, base: EventNotice(
        _authors(p),
        True,
        messages.kpi_breached(
            title=str(p.get("title", "")),
            kpi=str(p.get("name", "")),
            actual=str(p.get("actual", "")),
            criterion=str(p.get("criterion", "")),
            link=_plan_link(base, p),
        ),
    ),
    ("plans", "proposal.submitted"): lambda p, base: EventNotice(
        frozenset(),
        True,
        messages.proposal_submitted(
            title=str(p.get("title", "")),
            prefecture=str(p.get("organisation_name") or ""),
            link=_proposal_link(base, p),
        ),
        bureau_of=str(p.get("prefecture") or "") or None,
    ),
    ("plans", "proposal.decided"): lambda p, base: EventNotice(
        frozenset({str(p["organisation"])}) if p.get("organisation") else frozenset(),
        True,
        messages.proposal_decided(
            title=str(p.get("title", "")),
            decision=str(p.get("state_label") or ""),
            comment=_text(p.get("comment")),
            link=_proposal_link(base, p),
        ),
    ),
    ("scoring", "application.received"): lambda p, base: EventNotice(
        _prefecture(p),
        False,
        messages.application_received(
            company=str(p.get("company_name", "")), link=_call_link(base, p)
        ),
    ),
    ("scoring", "application.decided"): lambda p, base: EventNotice(
        _prefecture(p),
        False,
        messages.application_decided(
            company=str(p.get("company_name", "")),
            decision=messages.DECISION_LABELS.get(
                str(p.get("decision", "")), str(p.get("decision", ""))
            ),
            link=_call_link(base, p),
        ),
    ),
}


def notice_for(source: str, event_type: str, payload: Payload, base_url: str) -> EventNotice | None:
    """The notice an event makes, or None for events nobody is told about by mail."""
    rule = RULES.get((source, event_type))
    return rule(payload, base_url.rstrip("/")) if rule else None
