"""Every rule of plans/validation.py and kgi_requirements.py, each in a case where it fails (and the
complete plans that pass them all). Pure functions over in-memory plans: no database needed."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from plans_api.models import CoreCompany, Kgi, Kpi, Plan, PlanAuthor, PlanType
from plans_api.plans import validation
from plans_api.plans.kgi_requirements import (
    KgiKind,
    mandatory_years,
    missing_mandatory_kgis,
    value_added_increase,
)
from plans_api.plans.validation import latest_goal_year, machine_judgements, validate_plan
from tests.plans_api.factories import (
    COMMITMENT_B,
    COMMITMENT_C,
    SECTIONS_B,
    SECTIONS_C,
    company_number,
    kgis_for,
    kpis_for,
)


def plan_of(plan_type: str) -> Plan:
    """A complete plan of ``plan_type`` (start FY2026, goal FY2035) that passes every rule."""
    numbers = range(1, 8) if plan_type == "B" else range(1, 7)
    kpi = kpis_for()[0]
    return Plan(
        id=1,
        plan_type=plan_type,
        title="計画",
        lead_organisation="430005",
        lead_prefecture="43",
        state="draft",
        period_start_fy=2026,
        goal_fiscal_year=2035,
        field_tags="|ai_semiconductor|",
        jsic_codes=["E28"],
        sections=copy.deepcopy(SECTIONS_B if plan_type == "B" else SECTIONS_C),
        commitment=copy.deepcopy(COMMITMENT_B if plan_type == "B" else COMMITMENT_C),
        requirements={str(n): {"statement": f"要件{n}"} for n in numbers},
        authors=[PlanAuthor(organisation="430005", prefecture="43", is_lead=True, position=0)],
        core_companies=[
            CoreCompany(
                corporate_number=company_number(1),
                name="サンプル製作所",
                role="前工程の装置部品",
                scale="従業員300名",
                support_target=True,
            )
        ],
        kgis=[Kgi(**kgi, position=i) for i, kgi in enumerate(kgis_for(plan_type))],
        kpis=[
            Kpi(
                key=kpi["key"],
                name=kpi["name"],
                unit=kpi["unit"],
                baseline=kpi["baseline"],
                targets=kpi["targets"],
                withdrawal_comparator="lt",
                withdrawal_threshold=5.0,
                withdrawal_text=kpi["withdrawal"]["text"],
                five_w1h=dict(kpi["five_w1h"]),
                kgi_key="value_added",
                position=0,
            )
        ],
    )


def codes(plan: Plan) -> set[str]:
    return {p.code for p in validate_plan(plan).errors if p.code}


@pytest.mark.parametrize("plan_type", ["B", "C"])
def test_the_complete_plans_pass_every_rule(plan_type: str) -> None:
    report = validate_plan(plan_of(plan_type))
    assert (report.valid, report.errors, report.warnings) == (True, [], [])


def _kgi(plan: Plan, kind: str) -> Kgi:
    return next(k for k in plan.kgis if k.kind == kind)


def _own_kgi(plan: Plan) -> None:
    plan.kgis.append(
        Kgi(key="own", kind="own", name="独自", unit="社", target=10, target_year=2036, basis="b")
    )


Mutation = Callable[[Plan], Any]

CASES: list[tuple[str, str, str, Mutation]] = [
    ("B", "title.missing", "title", lambda p: setattr(p, "title", " ")),
    ("B", "period.missing", "period_start_fy", lambda p: setattr(p, "period_start_fy", None)),
    ("B", "goal.missing", "goal_fiscal_year", lambda p: setattr(p, "goal_fiscal_year", None)),
    ("B", "goal.before_start", "goal_fiscal_year", lambda p: setattr(p, "goal_fiscal_year", 2025)),
    # 10年以内: start + 9 is the last goal year; start + 10 is the eleventh fiscal year
    ("B", "goal.too_far", "goal_fiscal_year", lambda p: setattr(p, "goal_fiscal_year", 2036)),
    (
        "B",
        "section.missing",
        "sections/path/investment_picture",
        lambda p: p.sections["path"].update(investment_picture=""),
    ),
    (
        "C",
        "section.missing",
        "sections/policy/support_mechanism",
        lambda p: p.sections["policy"].pop("support_mechanism"),
    ),
    ("B", "jsic.missing", "jsic_codes", lambda p: setattr(p, "jsic_codes", [])),
    ("B", "jsic.unknown", "jsic_codes/1", lambda p: setattr(p, "jsic_codes", ["E28", "A28"])),
    (
        "B",
        "commitment.missing",
        "commitment/support_fields",
        lambda p: p.commitment.pop("support_fields"),
    ),
    ("B", "commitment.missing", "commitment/staff", lambda p: p.commitment.update(staff=" ")),
    (
        "B",
        "commitment.missing",
        "commitment/departments",
        lambda p: p.commitment.update(departments=[]),
    ),
    ("B", "commitment.missing", "commitment/measures", lambda p: p.commitment.pop("measures")),
    (
        "B",
        "commitment.missing",
        "commitment/frequency",
        lambda p: p.commitment.update(frequency=None),
    ),
    (
        "C",
        "commitment.missing",
        "commitment/department",
        lambda p: p.commitment.update(department=None, further_departments=[]),
    ),
    ("B", "core_companies.missing", "core_companies", lambda p: setattr(p, "core_companies", [])),
    (
        "B",
        "core_company.corporate_number",
        "core_companies/0/corporate_number",
        lambda p: setattr(p.core_companies[0], "corporate_number", None),
    ),
    (
        "C",
        "core_company.role",
        "core_companies/0/role",
        lambda p: setattr(p.core_companies[0], "role", ""),
    ),
    (
        "B",
        "core_company.scale",
        "core_companies/0/scale",
        lambda p: setattr(p.core_companies[0], "scale", ""),
    ),
    (
        "B",
        "core_company.figures",
        "core_companies/0/scale",
        lambda p: setattr(p.core_companies[0], "scale", "売上高 12億円"),
    ),
    (
        "B",
        "kgi.mandatory_missing",
        "kgis",
        lambda p: setattr(p, "kgis", [k for k in p.kgis if k.kind != "human_resources"]),
    ),
    ("C", "kgi.mandatory_missing", "kgis", lambda p: setattr(p.kgis[0], "kind", "own")),
    ("B", "kgi.target", "kgis/0/target", lambda p: setattr(p.kgis[0], "target", None)),
    ("B", "kgi.unit", "kgis/1/unit", lambda p: setattr(p.kgis[1], "unit", "")),
    ("B", "kgi.basis", "kgis/2/basis", lambda p: setattr(p.kgis[2], "basis", " ")),
    (
        "B",
        "kgi.target_year",
        "kgis/3/target_year",
        lambda p: setattr(p.kgis[3], "target_year", None),
    ),
    (
        "B",
        "kgi.target_year_goal",
        "kgis/2/target_year",
        lambda p: setattr(_kgi(p, "value_added"), "target_year", 2030),
    ),
    (
        "C",
        "kgi.target_year_goal",
        "kgis/0/target_year",
        lambda p: setattr(p.kgis[0], "target_year", 2034),
    ),
    ("B", "kgi.target_year_range", "kgis/4/target_year", _own_kgi),
    (
        "B",
        "kgi.cumulative_start",
        "kgis/1/baseline_year",
        lambda p: setattr(_kgi(p, "capex_cumulative"), "baseline_year", None),
    ),
    (
        "B",
        "kgi.cumulative_start",
        "kgis/1/baseline_year",
        lambda p: setattr(_kgi(p, "capex_cumulative"), "baseline_year", 2025),
    ),
    ("B", "kpi.missing", "kpis", lambda p: setattr(p, "kpis", [])),
    (
        "B",
        "kpi.withdrawal_missing",
        "kpis/0/withdrawal",
        lambda p: setattr(p.kpis[0], "withdrawal_threshold", None),
    ),
    (
        "B",
        "kpi.withdrawal_text",
        "kpis/0/withdrawal/text",
        lambda p: setattr(p.kpis[0], "withdrawal_text", ""),
    ),
    ("B", "kpi.targets", "kpis/0/targets", lambda p: setattr(p.kpis[0], "targets", [])),
    ("B", "kpi.kgi_link", "kpis/0/kgi_key", lambda p: setattr(p.kpis[0], "kgi_key", "unknown")),
    ("B", "kpi.5w1h", "kpis/0/five_w1h/forum", lambda p: p.kpis[0].five_w1h.pop("forum")),
    ("C", "requirement.statement", "requirements/6/statement", lambda p: p.requirements.pop("6")),
]


@pytest.mark.parametrize(
    ("plan_type", "code", "field", "mutate"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES],
)
def test_each_rule_fails_when_its_item_is_wrong(
    plan_type: str, code: str, field: str, mutate: Mutation
) -> None:
    plan = plan_of(plan_type)
    mutate(plan)
    report = validate_plan(plan)
    assert report.valid is False
    assert (field, code) in {(p.field, p.code) for p in report.errors}
    assert all(p.message for p in report.errors)


def test_every_rule_code_has_a_failing_case() -> None:
    # a rule added to validation.py without a failing case here makes this test fail
    source = Path(validation.__file__).read_text(encoding="utf-8")
    declared = set(re.findall(r'"([a-z_0-9]+\.[a-z_0-9]+)"', source))
    covered = {code for _, code, _, _ in CASES}
    assert len(declared) > 20
    assert declared - {"plan.b_count_above_guide"} == covered


def test_more_than_five_b_plans_in_a_prefecture_is_a_warning_not_an_error() -> None:
    report = validate_plan(plan_of("B"), b_plans_in_prefecture=6)
    assert report.valid is True
    assert [w.code for w in report.warnings] == ["plan.b_count_above_guide"]
    assert validate_plan(plan_of("B"), b_plans_in_prefecture=5).warnings == []


def test_the_ten_year_reading_lives_in_one_place() -> None:
    assert latest_goal_year(2026) == 2035
    plan = plan_of("B")
    plan.goal_fiscal_year = 2035
    assert "goal.too_far" not in codes(plan)


def test_mandatory_kgis_take_their_years_from_the_plan() -> None:
    assert mandatory_years(PlanType.B, KgiKind.capex_cumulative, 2026, 2035) == {
        "target_year": 2035,
        "baseline_year": 2026,
    }
    assert mandatory_years(PlanType.C, KgiKind.labour_productivity, 2026, 2033) == {
        "target_year": 2033
    }
    assert mandatory_years(PlanType.B, KgiKind.own, 2026, 2035) == {}
    assert mandatory_years(PlanType.C, KgiKind.human_resources, 2026, 2035) == {}


def test_c_accepts_labour_productivity_for_its_one_mandatory_kgi() -> None:
    assert missing_mandatory_kgis(PlanType.C, {"labour_productivity"}) == []
    assert [m.accepted for m in missing_mandatory_kgis(PlanType.C, {"own"})] == [
        (KgiKind.value_added, KgiKind.labour_productivity)
    ]
    assert len(missing_mandatory_kgis(PlanType.B, {"value_added"})) == 3
    assert value_added_increase(200_000_000, 0.3) == pytest.approx(60_000_000)


def test_the_machine_judges_its_requirements_false_when_their_items_fail() -> None:
    plan = plan_of("B")
    plan.core_companies = []
    plan.commitment["measures"] = ""
    plan.kpis[0].withdrawal_comparator = None
    judged = machine_judgements(plan)
    assert {n: ok for n, (ok, _) in judged.items()} == {2: False, 6: False, 7: False}
    assert all(notes for _, notes in judged.values())


def test_the_machine_judges_a_c_plans_requirements_by_the_c_numbers() -> None:
    plan = plan_of("C")
    assert {n: ok for n, (ok, _) in machine_judgements(plan).items()} == {2: True, 5: True, 6: True}
    plan.core_companies[0].role = ""
    plan.commitment["department"] = None
    plan.kpis = []
    judged = machine_judgements(plan)
    assert {n: ok for n, (ok, _) in judged.items()} == {2: False, 5: False, 6: False}
    assert all(notes for _, notes in judged.values())
