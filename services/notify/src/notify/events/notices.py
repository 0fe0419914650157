"""Which events of plans-api and scoring-api become which notice, to whom.

One rule per event type: the organisations to write to (from the payload: the plan's authors, or
the prefecture a municipal plan arrives at or a call belongs to), the mail, and whether the
recipient may mute it (a plan returned with comments, a plan arriving at its prefecture, a
completed pre-check and a KPI past its withdrawal criterion ask someone to act: mandatory).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chiiki_common.validators import prefecture_code
from notify.mail import messages
from notify.mail.messages import Content


@dataclass(frozen=True)
class EventNotice:
    organisations: frozenset[str]
    mandatory: bool
    content: Content


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


def _comment(payload: Payload) -> str:
    comments = payload.get("comments")
    if isinstance(comments, list):
        return "\n".join(
            str(c.get("body") or c.get("comment") or c) if isinstance(c, dict) else str(c)
            for c in comments
        )
    return str(payload.get("comment") or comments or "")


Rule = Callable[[Payload, str], EventNotice]


def _plan_link(base: str, payload: Payload) -> str:
    return f"{base}/plans/{payload.get('plan_id', '')}"


def _call_link(base: str, payload: Payload) -> str:
    return f"{base}/scoring/calls/{payload.get('call_id', '')}"


RULES: dict[tuple[str, str], Rule] = {
    ("plans", "plan.returned"): lambda p, base: EventNotice(
        _authors(p),
        True,
        messages.plan_returned(
            title=str(p.get("title", "")), comment=_comment(p), link=_plan_link(base, p)
        ),
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
