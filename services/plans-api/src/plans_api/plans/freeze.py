"""What was pre-checked is what is published (DESIGN §2: "From precheck_completed on, the content is
frozen: a change needs a new review").

The content of a plan is everything a reviewer judges: title, period and goal year, fields and
industries, the description items (sections), the commitment, the author's statements on the
requirements, core companies, KGIs, KPIs and the authoring organisations. It is not: the reviewer's
own verdicts and comments, the 各種調整 checklist, the workflow dates, and the KPI actuals reported
after publication (monitoring data, kept apart from the plan's content).

One rule per kind of change:
- **the authors** (API writes, workbook import): content is editable in ``draft`` and ``returned``
  only; anywhere else the write is refused with a problem saying why. After the pre-check is
  completed the lead approver may ``reopen`` the plan (back to ``draft``, the announcement cleared),
  and its next request is reviewed against the difference from what was last reviewed;
- **another service** (scoring-api's open-call selection adds a core company): in ``draft`` and
  ``returned`` the company is simply added; in ``precheck_completed``, ``announced`` and
  ``submitted`` it is added as a **change request**: the plan goes back to ``precheck_requested``
  and the reviewer sees the field-by-field difference; while the plan waits for or is in review,
  or once published or withdrawn, the addition is refused (the selection stays pending and retries).

Completing a pre-check stores the content it saw (``Plan.reviewed_content``); publication refuses a
plan whose content differs from it, whichever path changed it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from plans_api.models import Plan, PlanState

SELECTION_ADDS = frozenset({PlanState.draft, PlanState.returned})
"""A selected company joins the plan directly: it is reviewed with the plan."""
SELECTION_CHANGE_REQUESTS = frozenset(
    {PlanState.precheck_completed, PlanState.announced, PlanState.submitted}
)
"""A selected company is added as a change request: the plan goes back to ``precheck_requested``."""
SELECTION_RETRY_LATER = frozenset(
    {PlanState.prefecture_review, PlanState.precheck_requested, PlanState.in_review}
)
"""The plan is on its way to or in review: nothing may change under the reviewer's eyes."""


class ContentChange(BaseModel):
    """One difference from the reviewed content: ``path`` names the field (``sections/path/
    basic_strategy``, ``core_companies/<法人番号>``, ``kgis/<key>/target``)."""

    path: str
    before: Any = None
    after: Any = None


def content_of(plan: Plan) -> dict[str, Any]:
    """The reviewable content of a plan loaded with its children, as plain JSON values."""
    requirements = plan.requirements or {}
    content = {
        "title": plan.title,
        "period_start_fy": plan.period_start_fy,
        "goal_fiscal_year": plan.goal_fiscal_year,
        "strategic_fields": plan.strategic_fields,
        "jsic_codes": plan.jsic_codes,
        "authors": plan.organisations,
        "sections": plan.sections,
        "commitment": plan.commitment,
        "requirement_statements": {
            number: entry.get("statement")
            for number, entry in sorted(requirements.items())
            if entry.get("statement")
        },
        "core_companies": [
            {
                "corporate_number": c.corporate_number,
                "name": c.name,
                "role": c.role,
                "scale": c.scale,
                "support_target": c.support_target,
            }
            for c in plan.core_companies
        ],
        "kgis": [
            {
                "key": k.key,
                "kind": k.kind,
                "name": k.name,
                "unit": k.unit,
                "baseline": k.baseline,
                "baseline_year": k.baseline_year,
                "target": k.target,
                "target_year": k.target_year,
                "basis": k.basis,
            }
            for k in plan.kgis
        ],
        "kpis": [
            {
                "key": k.key,
                "name": k.name,
                "unit": k.unit,
                "baseline": k.baseline,
                "targets": k.targets,
                "withdrawal": (
                    {
                        "comparator": k.withdrawal_comparator,
                        "threshold": k.withdrawal_threshold,
                        "text": k.withdrawal_text,
                    }
                    if k.withdrawal_comparator
                    else None
                ),
                "five_w1h": k.five_w1h,
                "kgi_key": k.kgi_key,
            }
            for k in plan.kpis
        ],
    }
    normalised: dict[str, Any] = json.loads(json.dumps(content, ensure_ascii=False))
    return normalised


def _company_key(company: dict[str, Any]) -> str:
    return str(company.get("corporate_number") or company.get("name"))


_KEYED_LISTS: dict[str, Callable[[Any], str]] = {
    "core_companies": _company_key,
    "kgis": lambda item: str(item.get("key")),
    "kpis": lambda item: str(item.get("key")),
}


def _walk(path: str, before: Any, after: Any, out: list[ContentChange]) -> None:
    if before == after:
        return
    if isinstance(before, dict) and isinstance(after, dict):
        for key in list(dict.fromkeys([*before, *after])):
            _walk(f"{path}/{key}", before.get(key), after.get(key), out)
        return
    out.append(ContentChange(path=path, before=before, after=after))


def changes(before: dict[str, Any] | None, after: dict[str, Any]) -> list[ContentChange]:
    """The field-by-field difference between two contents (``before`` None: everything is new).
    Core companies, KGIs and KPIs are matched by 法人番号 (or name) and key, not by position."""
    before = before or {}
    out: list[ContentChange] = []
    for name in dict.fromkeys([*before, *after]):
        old, new = before.get(name), after.get(name)
        key_of = _KEYED_LISTS.get(name)
        if key_of is None or not isinstance(old, list) or not isinstance(new, list):
            if isinstance(old, dict) or isinstance(new, dict):
                _walk(name, old or {}, new or {}, out)
            elif old != new:
                out.append(ContentChange(path=name, before=old, after=new))
            continue
        old_items = {key_of(item): item for item in old}
        new_items = {key_of(item): item for item in new}
        for key in dict.fromkeys([*old_items, *new_items]):
            _walk(f"{name}/{key}", old_items.get(key), new_items.get(key), out)
    return out


def content_from_snapshot(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A published snapshot's content in :func:`content_of`'s shape, for plans published before
    the publication recorded the content itself. Its withheld items (``withheld``) were never
    published: they are left out of both sides of a comparison (:func:`without`)."""
    kgi_fields = ("key", "kind", "name", "unit", "baseline", "baseline_year", "target")
    kpi_fields = ("key", "name", "unit", "baseline", "targets", "withdrawal", "five_w1h")
    company_fields = ("corporate_number", "name", "role", "scale", "support_target")
    content = {
        "title": snapshot.get("title"),
        "period_start_fy": snapshot.get("period_start_fy"),
        "goal_fiscal_year": snapshot.get("goal_fiscal_year"),
        "strategic_fields": snapshot.get("strategic_fields", []),
        "jsic_codes": snapshot.get("jsic_codes", []),
        "authors": [a["organisation"] for a in snapshot.get("authors", [])],
        "sections": snapshot.get("sections", {}),
        "commitment": snapshot.get("commitment", {}),
        "requirement_statements": dict(sorted(snapshot.get("requirement_statements", {}).items())),
        "core_companies": [
            {name: c.get(name) for name in company_fields}
            for c in snapshot.get("core_companies", [])
        ],
        "kgis": [
            {
                **{name: k.get(name) for name in kgi_fields},
                "target_year": k.get("target_year"),
                "basis": k.get("basis", ""),
            }
            for k in snapshot.get("kgis", [])
        ],
        "kpis": [
            {**{name: k.get(name) for name in kpi_fields}, "kgi_key": k.get("kgi_key")}
            for k in snapshot.get("kpis", [])
        ],
    }
    return without(content, list(snapshot.get("withheld") or []))


def without(content: dict[str, Any], paths: list[str]) -> dict[str, Any]:
    """``content`` with the items at ``paths`` (``sections/path/investment_picture``) removed."""
    out: dict[str, Any] = json.loads(json.dumps(content, ensure_ascii=False))
    for path in paths:
        *parents, leaf = path.split("/")
        node: Any = out
        for part in parents:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(leaf, None)
    return out


def unreviewed(plan: Plan) -> bool:
    """True when the plan's content is not what the last completed pre-check saw (or none did)."""
    return plan.reviewed_content is None or content_of(plan) != plan.reviewed_content
