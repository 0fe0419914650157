"""Differences between two contents (``plans/freeze.py`` ``changes``) named as the 様式 name them:
each change gets its area (記載項目, KGI, KPI, 核となる企業 …), the item and field in Japanese and
its values rendered for people (和暦 beside 西暦, 戦略分野 by name, never a machine key)."""

from __future__ import annotations

from typing import Any, cast

from chiiki_common import clock
from plans_api.exports.workbook import COMPANY_COLUMNS, KGI_COLUMNS
from plans_api.kpis.periods import half_year_label
from plans_api.models import PlanType
from plans_api.plans.content import (
    COMMITMENT_MODELS,
    REQUIREMENTS,
    SECTION_MODELS,
    STRATEGIC_FIELDS,
)
from plans_api.plans.freeze import changes
from plans_api.plans.headings import HEADINGS
from plans_api.plans.kgi_requirements import KGI_KIND_LABELS, KgiKind
from plans_api.plans.validation import FIVE_W1H_LABELS
from plans_api.plans.withdrawal import COMPARATOR_LABELS
from plans_api.reference import jsic
from plans_api.versions.schemas import ChangeKind, DescribedChange

BASICS = {
    "title": "計画の名称",
    "period_start_fy": "計画期間(開始年度)",
    "goal_fiscal_year": "目標年度",
    "strategic_fields": "戦略分野(17分野)",
    "jsic_codes": "該当する業種(日本標準産業分類)",
    "authors": "作成団体",
}
KGI_FIELDS = {**dict(KGI_COLUMNS), "kind": "種類"}
KPI_FIELDS = {
    "name": "KPI名",
    "unit": "単位",
    "baseline": "基準値",
    "targets": "半期ごとの目標値",
    "withdrawal": "撤退基準",
    "kgi_key": "対応するKGI",
    "five_w1h": "5W1H",
}
COMPANY_FIELDS = {**dict(COMPANY_COLUMNS), "support_target": "伴走支援の対象"}
FISCAL_YEAR_FIELDS = {"period_start_fy", "goal_fiscal_year", "baseline_year", "target_year"}
HIDDEN_FIELDS = {"key"}
"""Machine keys: matched on, never shown."""


def area_labels(plan_type: PlanType) -> dict[str, str]:
    b = plan_type == PlanType.B
    return {
        "basics": "計画の概要",
        "sections": "記載項目",
        "commitment": "伴走支援体制" if b else "相談窓口",
        "requirement_statements": "要件の充足状況",
        "core_companies": "核となる企業" if b else "核となる事業者",
        "kgis": "KGI",
        "kpis": "KPI",
    }


def kgi_name(kgi: dict[str, Any]) -> str:
    """A mandatory KGI is named by its kind (as the validation messages name it), an own KGI by
    the name its authors gave."""
    try:
        kind = KgiKind(cast(str, kgi.get("kind")))  # None: ValueError, as any unknown kind
    except ValueError:
        kind = KgiKind.own
    return str(kgi.get("name")) if kind is KgiKind.own else KGI_KIND_LABELS[kind]


def _number(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


class _Context:
    """What a change's values are rendered against: the plan type and the KGI names by key."""

    def __init__(self, plan_type: PlanType, *contents: dict[str, Any] | None) -> None:
        self.plan_type = plan_type
        self.kgi_names: dict[str, str] = {}
        for content in contents:
            for kgi in (content or {}).get("kgis") or []:
                self.kgi_names.setdefault(str(kgi.get("key")), kgi_name(kgi))

    def value(self, field: str, value: Any) -> str | None:
        if _empty(value):
            return None
        if isinstance(value, bool):
            return "はい" if value else "いいえ"
        if field in FISCAL_YEAR_FIELDS:
            return clock.fiscal_year_label(value) if isinstance(value, int) else str(value)
        if field == "strategic_fields":
            return "、".join(STRATEGIC_FIELDS.get(v, v) for v in value)
        if field == "jsic_codes":
            return "、".join((entry.label if (entry := jsic.find(v)) else str(v)) for v in value)
        if field == "kind":
            try:
                return KGI_KIND_LABELS[KgiKind(value)]
            except ValueError:
                return str(value)
        if field == "kgi_key":
            return f"「{self.kgi_names.get(str(value), value)}」"
        if field == "comparator":
            return COMPARATOR_LABELS.get(str(value), str(value))
        if field == "targets":
            return "、".join(
                f"{half_year_label(t.get('period'), with_wareki=False)}: {self.value('', t.get('value'))}"
                for t in value
            )
        if field == "withdrawal" and isinstance(value, dict):
            threshold = self.value("", value.get("threshold"))
            comparator = COMPARATOR_LABELS.get(str(value.get("comparator")), "")
            text = value.get("text")
            return f"{threshold}{comparator}" + (f"({text})" if text else "")
        if field == "five_w1h" and isinstance(value, dict):
            return self.record(value, FIVE_W1H_LABELS)
        if isinstance(value, int | float):
            return _number(value)
        if isinstance(value, list):
            return "、".join(str(v) for v in value)
        if isinstance(value, dict):
            return self.record(value, {})
        return str(value)

    def record(self, item: dict[str, Any], labels: dict[str, str]) -> str | None:
        parts = [
            f"{labels.get(name, name)}: {text}"
            for name, value in item.items()
            if name not in HIDDEN_FIELDS
            and name in labels
            and (text := self.value(name, value)) is not None
        ]
        return "、".join(parts) or None


def _kind(before: Any, after: Any) -> ChangeKind:
    if _empty(before):
        return ChangeKind.added
    if _empty(after):
        return ChangeKind.removed
    return ChangeKind.changed


def _item_name(listed: str, key: str, *contents: dict[str, Any] | None) -> str:
    for content in contents:
        for item in (content or {}).get(listed) or []:
            matches = str(item.get("key")) == key or key in (
                str(item.get("corporate_number")),
                str(item.get("name")),
            )
            if matches and listed == "kgis":
                return kgi_name(item)
            if matches and item.get("name"):
                return str(item["name"])
    return key


def _skeleton(value: Any) -> Any:
    """``value``'s shape with nothing in it: describing a content against it lists every item
    one by one (as if added), not the whole content as one change."""
    if isinstance(value, dict):
        return {key: _skeleton(item) for key, item in value.items()}
    return [] if isinstance(value, list) else None


def describe(
    plan_type: PlanType, before: dict[str, Any] | None, after: dict[str, Any]
) -> list[DescribedChange]:
    """``changes(before, after)``, each named for people; machine keys and empty-to-empty moves are
    left out."""
    context = _Context(plan_type, after, before)
    areas = area_labels(plan_type)
    out: list[DescribedChange] = []
    for change in changes(_skeleton(after) if before is None else before, after):
        parts = change.path.split("/")
        head = parts[0]
        if _empty(change.before) and _empty(change.after):
            continue
        field_name = parts[-1]
        field_label: str | None = None
        if head in BASICS:
            area, item = "basics", BASICS[head]
        elif head == "sections" and len(parts) >= 3:
            model = SECTION_MODELS[plan_type].model_fields.get(parts[1])
            heading = HEADINGS[plan_type].get(parts[1], parts[1])
            sub = getattr(model.annotation, "model_fields", {}) if model else {}
            described = sub[parts[2]].description if parts[2] in sub else None
            area, item = "sections", f"{heading} ＞ {described or parts[2]}"
        elif head == "commitment" and len(parts) >= 2:
            field = COMMITMENT_MODELS[plan_type].model_fields.get(parts[1])
            area, item = "commitment", str(field.description if field else parts[1])
        elif head == "requirement_statements" and len(parts) >= 2:
            requirement = next(
                (r for r in REQUIREMENTS[plan_type] if str(r.number) == parts[1]), None
            )
            label = f"要件{parts[1]}【{requirement.label}】" if requirement else f"要件{parts[1]}"
            area, item = "requirement_statements", f"{label}の充足状況"
        elif head in ("core_companies", "kgis", "kpis") and len(parts) >= 2:
            if len(parts) >= 3 and parts[2] in HIDDEN_FIELDS:
                continue
            name = _item_name(head, parts[1], after, before)
            prefix = {"core_companies": "", "kgis": "KGI", "kpis": "KPI"}[head]
            area, item = head, f"{prefix}「{name}」"
            labels = {"core_companies": COMPANY_FIELDS, "kgis": KGI_FIELDS, "kpis": KPI_FIELDS}[
                head
            ]
            if len(parts) == 2:
                out.append(
                    DescribedChange(
                        kind=_kind(change.before, change.after),
                        area=area,
                        area_label=areas[area],
                        item=item,
                        before=context.record(change.before or {}, labels),
                        after=context.record(change.after or {}, labels),
                        path=change.path,
                    )
                )
                continue
            field_label = labels.get(parts[2], parts[2])
            if head == "kpis" and parts[2] == "five_w1h" and len(parts) == 4:
                field_label = f"5W1H:{FIVE_W1H_LABELS.get(parts[3], parts[3])}"
            elif head == "kpis" and parts[2] == "withdrawal" and len(parts) == 4:
                sub_labels = {"comparator": "比較", "threshold": "閾値", "text": "内容"}
                field_label = f"撤退基準({sub_labels.get(parts[3], parts[3])})"
        else:
            continue
        out.append(
            DescribedChange(
                kind=_kind(change.before, change.after),
                area=area,
                area_label=areas[area],
                item=item,
                field=field_label,
                before=context.value(field_name, change.before),
                after=context.value(field_name, change.after),
                path=change.path,
            )
        )
    return out
