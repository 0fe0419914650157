"""The validation rules a plan must pass before a pre-check request (事前確認依頼).

Every failing item is reported at once, each with a field path and a Japanese message, so an author
fixes the whole list in one go and a reviewer never sees a plan breaking a rule the machine checks.
Sources: seed 000 (1) ③ plan period / goal years, ④ KGIs and KPIs, (2) ①記載項目, ②要件, ⑧ the
"about five B plans per prefecture" guideline (a warning, not an error).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from chiiki_common import clock
from chiiki_common.errors import FieldProblem
from plans_api.models import Kgi, Plan, PlanType
from plans_api.plans.content import COMMITMENT_MODELS, REQUIREMENTS, SECTION_MODELS
from plans_api.plans.disclosure import TRADE_FIGURE_MESSAGE, names_trade_figure
from plans_api.plans.kgi_requirements import (
    KgiKind,
    is_mandatory_kind,
    missing_mandatory_kgis,
)
from plans_api.reference import jsic

PLAN_PERIOD_YEARS = 5
"""seed 000 ③: a five-year plan (5年間の計画)."""

MAX_GOAL_YEARS = 10
"""seed 000 ③: goals reached within ten years (10年以内の目標)."""


def period_end_fy(start: int | None) -> int | None:
    """The last fiscal year of a plan period that starts in ``start`` (five years, both ends in)."""
    return start + PLAN_PERIOD_YEARS - 1 if start else None


def latest_goal_year(start_fy: int) -> int:
    """「10年以内の目標」 read as ten fiscal years counting the first: a plan starting in FY2026 may
    set goals up to FY2035 (start + 9). The one place this reading lives."""
    return start_fy + MAX_GOAL_YEARS - 1


B_PLANS_PER_PREFECTURE_GUIDE = 5
"""seed 000 B ⑧: about five B plans per prefecture (5つ程度)."""


@dataclass
class ValidationReport:
    errors: list[FieldProblem] = field(default_factory=list)
    warnings: list[FieldProblem] = field(default_factory=list)

    def error(self, path: str, message: str, code: str) -> None:
        self.errors.append(FieldProblem(field=path, message=message, code=code))

    @property
    def valid(self) -> bool:
        return not self.errors


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _check_period(plan: Plan, report: ValidationReport) -> None:
    if plan.period_start_fy is None:
        report.error("period_start_fy", "計画期間の開始年度を入力してください", "period.missing")
    if plan.goal_fiscal_year is None:
        report.error("goal_fiscal_year", "目標年度を入力してください", "goal.missing")
    if plan.period_start_fy is None or plan.goal_fiscal_year is None:
        return
    if plan.goal_fiscal_year < plan.period_start_fy:
        report.error(
            "goal_fiscal_year",
            "目標年度は計画期間の開始年度以降にしてください",
            "goal.before_start",
        )
    elif plan.goal_fiscal_year > latest_goal_year(plan.period_start_fy):
        until = clock.fiscal_year_label(latest_goal_year(plan.period_start_fy), with_wareki=False)
        report.error(
            "goal_fiscal_year",
            f"目標年度は計画開始から{MAX_GOAL_YEARS}年以内({until}まで)にしてください",
            "goal.too_far",
        )


def _check_sections(plan: Plan, report: ValidationReport) -> None:
    model = SECTION_MODELS[PlanType(plan.plan_type)]
    sections = plan.sections or {}
    for heading, heading_field in model.model_fields.items():
        sub_model = heading_field.annotation
        assert isinstance(sub_model, type)
        values = sections.get(heading) or {}
        for name, sub_field in sub_model.model_fields.items():
            if name == "notes":  # 6. 留意事項 is optional (only for out-of-area companies)
                continue
            if _blank(values.get(name)):
                report.error(
                    f"sections/{heading}/{name}",
                    f"「{sub_field.description}」を記載してください",
                    "section.missing",
                )
    if plan.plan_type == PlanType.B and not plan.jsic_codes:
        report.error(
            "jsic_codes", "該当する業種(日本標準産業分類)を1つ以上選んでください", "jsic.missing"
        )
    for i, code in enumerate(plan.jsic_codes or []):
        if jsic.find(code) is None:  # stored before the list was enforced, or by another path
            report.error(
                f"jsic_codes/{i}",
                f"該当する業種(日本標準産業分類)の{i + 1}つ目は分類の一覧にありません。選び直してください",
                "jsic.unknown",
            )


def _check_commitment(plan: Plan, report: ValidationReport) -> None:
    commitment = plan.commitment or {}
    if plan.plan_type == PlanType.B:
        # seed 000 B ⑥※: 分野, 人員確保・体制構築, 担当部署, 具体的取組, 頻度 (financial bodies if any)
        fields = COMMITMENT_MODELS[PlanType.B].model_fields
        for name in ("support_fields", "staff", "departments", "measures", "frequency"):
            if _blank(commitment.get(name)):
                label = fields[name].description
                report.error(
                    f"commitment/{name}", f"「{label}」を記載してください", "commitment.missing"
                )
    elif _blank(commitment.get("department")) and _blank(commitment.get("further_departments")):
        report.error(
            "commitment/department",
            "相談窓口の担当部署(自治体又は関係団体等)を1つ以上記載してください",
            "commitment.missing",
        )


def _check_core_companies(plan: Plan, report: ValidationReport) -> None:
    noun = "計画推進の核となる企業" if plan.plan_type == PlanType.B else "推進の核となる事業者"
    if not plan.core_companies:
        report.error("core_companies", f"{noun}を1つ以上記載してください", "core_companies.missing")
    for index, company in enumerate(plan.core_companies):
        if plan.plan_type == PlanType.B and not company.corporate_number:
            report.error(
                f"core_companies/{index}/corporate_number",
                "法人番号を入力してください",
                "core_company.corporate_number",
            )
        if _blank(company.role):
            report.error(
                f"core_companies/{index}/role",
                "サプライチェーン・バリューチェーン内での役割を記載してください",
                "core_company.role",
            )
        if plan.plan_type == PlanType.B and _blank(company.scale):
            report.error(
                f"core_companies/{index}/scale", "事業規模を記載してください", "core_company.scale"
            )
        for name in ("scale", "role"):
            if names_trade_figure(getattr(company, name)):
                report.error(
                    f"core_companies/{index}/{name}", TRADE_FIGURE_MESSAGE, "core_company.figures"
                )


def _check_kgis(plan: Plan, report: ValidationReport) -> None:
    for missing in missing_mandatory_kgis(PlanType(plan.plan_type), {k.kind for k in plan.kgis}):
        report.error(
            "kgis", f"必須KGI「{missing.label}」を設定してください", "kgi.mandatory_missing"
        )
    for index, kgi in enumerate(plan.kgis):
        path = f"kgis/{index}"
        if kgi.target is None:
            report.error(f"{path}/target", "目標値を入力してください", "kgi.target")
        if _blank(kgi.unit):
            report.error(f"{path}/unit", "単位を入力してください", "kgi.unit")
        if _blank(kgi.basis):
            report.error(f"{path}/basis", "設定の根拠を記載してください", "kgi.basis")
        _check_kgi_years(plan, kgi, path, report)


def _check_kgi_years(plan: Plan, kgi: Kgi, path: str, report: ValidationReport) -> None:
    """seed 000 B ④ / C ④: mandatory KGIs are set 「目標年度における目標値」 and the capex also
    「計画策定時点から目標年度までの累積」: their years are the plan's goal year and start year."""
    start, goal = plan.period_start_fy, plan.goal_fiscal_year
    if kgi.target_year is None:
        report.error(f"{path}/target_year", "目標年度を入力してください", "kgi.target_year")
    elif is_mandatory_kind(PlanType(plan.plan_type), kgi.kind):
        if goal is not None and kgi.target_year != goal:
            goal_year = clock.fiscal_year_label(goal, with_wareki=False)
            report.error(
                f"{path}/target_year",
                f"必須KGIの目標年度は計画の目標年度({goal_year})です",
                "kgi.target_year_goal",
            )
    elif start is not None and not start <= kgi.target_year <= latest_goal_year(start):
        until = clock.fiscal_year_label(latest_goal_year(start), with_wareki=False)
        report.error(
            f"{path}/target_year",
            f"目標年度は計画開始から{MAX_GOAL_YEARS}年以内({until}まで)にしてください",
            "kgi.target_year_range",
        )
    if kgi.kind == KgiKind.capex_cumulative:
        if kgi.baseline_year is None:
            report.error(
                f"{path}/baseline_year",
                "累積の起点となる年度(計画の開始年度)を入力してください",
                "kgi.cumulative_start",
            )
        elif start is not None and kgi.baseline_year != start:
            start_year = clock.fiscal_year_label(start, with_wareki=False)
            report.error(
                f"{path}/baseline_year",
                f"累積の官民設備投資額は計画の開始年度({start_year})から数えます",
                "kgi.cumulative_start",
            )


def _check_kpis(plan: Plan, report: ValidationReport) -> None:
    if not plan.kpis:
        report.error("kpis", "KPIを1つ以上設定してください", "kpi.missing")
    kgi_keys = {kgi.key for kgi in plan.kgis}
    for index, kpi in enumerate(plan.kpis):
        path = f"kpis/{index}"
        if kpi.withdrawal_comparator is None or kpi.withdrawal_threshold is None:
            report.error(
                f"{path}/withdrawal",
                "KPI未達時の撤退基準(比較と閾値)を設定してください",
                "kpi.withdrawal_missing",
            )
        if _blank(kpi.withdrawal_text):
            report.error(
                f"{path}/withdrawal/text", "撤退基準の内容を記載してください", "kpi.withdrawal_text"
            )
        if not kpi.targets:
            report.error(f"{path}/targets", "半期ごとの目標値を入力してください", "kpi.targets")
        if kpi.kgi_key is None or kpi.kgi_key not in kgi_keys:
            report.error(f"{path}/kgi_key", "対応するKGIを選んでください", "kpi.kgi_link")
        for name, label in FIVE_W1H_LABELS.items():
            if _blank((kpi.five_w1h or {}).get(name)):
                report.error(
                    f"{path}/five_w1h/{name}", f"5W1Hの「{label}」を記載してください", "kpi.5w1h"
                )


FIVE_W1H_LABELS = {
    "why": "施策の意義",
    "what": "施策の中身",
    "deadline": "期限",
    "department": "担当部署",
    "forum": "検討の場",
    "how": "進め方",
}
"""seed 000 ④: 5W1H（施策の意義・中身・期限・担当部署・検討の場・進め方）."""


def _check_requirement_statements(plan: Plan, report: ValidationReport) -> None:
    statements = plan.requirements or {}
    for requirement in REQUIREMENTS[PlanType(plan.plan_type)]:
        entry = statements.get(str(requirement.number)) or {}
        if _blank(entry.get("statement")):
            report.error(
                f"requirements/{requirement.number}/statement",
                f"要件{requirement.number}【{requirement.label}】の充足状況を記載してください",
                "requirement.statement",
            )


RULES: tuple[Callable[[Plan, ValidationReport], None], ...] = (
    _check_period,
    _check_sections,
    _check_commitment,
    _check_core_companies,
    _check_kgis,
    _check_kpis,
    _check_requirement_statements,
)


def validate_plan(plan: Plan, *, b_plans_in_prefecture: int = 0) -> ValidationReport:
    """Run every rule on a plan loaded with its authors, core companies, KGIs and KPIs."""
    report = ValidationReport()
    if _blank(plan.title):
        report.error("title", "計画の名称を入力してください", "title.missing")
    for rule in RULES:
        rule(plan, report)
    if plan.plan_type == PlanType.B and b_plans_in_prefecture > B_PLANS_PER_PREFECTURE_GUIDE:
        report.warnings.append(
            FieldProblem(
                field="plan_type",
                message=(
                    f"この都道府県のB類型の計画は{b_plans_in_prefecture}件です。"
                    f"{B_PLANS_PER_PREFECTURE_GUIDE}つ程度が目安です(伴走支援のキャパシティに留意してください)"
                ),
                code="plan.b_count_above_guide",
            )
        )
    return report


def machine_judgements(plan: Plan) -> dict[int, tuple[bool, list[str]]]:
    """What the machine can judge of the requirements (要件): ② core companies, the commitment
    (B ⑥ / C ⑤), and EBPM (B ⑦ / C ⑥). The rest are the author's statement and the reviewer's call."""
    report = ValidationReport()
    _check_core_companies(plan, report)
    companies = [p.message for p in report.errors]
    report = ValidationReport()
    _check_commitment(plan, report)
    commitment = [p.message for p in report.errors]
    report = ValidationReport()
    _check_kgis(plan, report)
    _check_kpis(plan, report)
    ebpm = [
        p.message
        for p in report.errors
        if p.code
        in {"kgi.mandatory_missing", "kpi.missing", "kpi.withdrawal_missing", "kpi.withdrawal_text"}
    ]
    if plan.plan_type == PlanType.B:
        numbers = {"companies": 2, "commitment": 6, "ebpm": 7}
    else:
        numbers = {"companies": 2, "commitment": 5, "ebpm": 6}
    return {
        numbers["companies"]: (not companies, companies),
        numbers["commitment"]: (not commitment, commitment),
        numbers["ebpm"]: (not ebpm, ebpm),
    }
