"""Automatic check of a call's criteria, one result per criterion (seed 003 応募条件).

定量的基準: 「直近の決算で売上高が10億円以上、従業員規模が2,000名以下」 — checked against the
様式2 売上高 and the 様式1 従業員数. その他: 伴走支援の承諾、経営者ネットワークへの参加 — the
consents. 応募書類 (「応募申請書(様式1・様式2)、直近1期分の決算書、企業概要(パンフレット等)」) — an
attachment of each required document type, or a recorded waiver with its reason. 様式2 — 「取引高情報
(2024年4月以降開始年度) ※記載必須」. The 定性的基準 (コネクター度・ハブ度の卓越性、対象分野への
合致) are the staff's assessment, not checked here. Selecting needs every check passed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from scoring_api.calls.schemas import CriterionResult
from scoring_api.models import Application, Call

MIN_SALES_DEFAULT = 1_000_000_000
"""定量的基準 as 熊本県's call states it (seed 003): 「直近の決算で売上高が10億円以上」 (円)."""
MAX_EMPLOYEES_DEFAULT = 2_000
"""定量的基準 as 熊本県's call states it (seed 003): 「従業員規模が2,000名以下」."""

FORM2_EARLIEST_START = date(2024, 4, 1)
"""様式2 「2024年4月以降開始年度」: the figures' fiscal year began on or after this day."""
_EARLIEST = f"{FORM2_EARLIEST_START.year}年{FORM2_EARLIEST_START.month}月"


def fiscal_year_start(fiscal_period: str) -> date:
    """The first day of the 12-month fiscal year that closes in ``fiscal_period`` (``YYYY-MM``, the
    form's 「年 月 期」): ``2025-03`` began on 2024-04-01, ``2024-12`` on 2024-01-01."""
    year, month = (int(part) for part in fiscal_period.split("-"))
    months = year * 12 + month - 1 - 11
    return date(months // 12, months % 12 + 1, 1)


def form2_period_problem(fiscal_period: str, today: date) -> str | None:
    """Why the 様式2 figures' fiscal year may not be used (None when it may)."""
    started = fiscal_year_start(fiscal_period)
    if started < FORM2_EARLIEST_START:
        return (
            f"{started.year}年{started.month}月開始の事業年度です。"
            f"様式2の取引高情報は{_EARLIEST}以降に開始した事業年度のものが必要です"
        )
    year, month = (int(part) for part in fiscal_period.split("-"))
    if (year, month) > (today.year, today.month):
        return "決算期がまだ来ていない事業年度です。直近の決算の数値を記載してください"
    return None


def yen(amount: int) -> str:
    if amount >= 100_000_000 and amount % 10_000_000 == 0:
        return f"{amount / 100_000_000:g}億円"
    return f"{amount:,}円"


def quantitative(call: Call, application: Application) -> list[CriterionResult]:
    results = []
    if call.min_sales is not None:
        results.append(
            CriterionResult(
                code="min_sales",
                kind="quantitative",
                label=f"売上高が{yen(call.min_sales)}以上",
                passed=application.sales >= call.min_sales,
                actual=yen(application.sales),
            )
        )
    if call.max_employees is not None:
        results.append(
            CriterionResult(
                code="max_employees",
                kind="quantitative",
                label=f"従業員規模が{call.max_employees:,}名以下",
                passed=application.employees <= call.max_employees,
                actual=f"{application.employees:,}名",
            )
        )
    return results


def _document(
    item: dict[str, str], attached: set[str], waivers: Mapping[str, str]
) -> CriterionResult:
    code = item["code"]
    if code in attached:
        return CriterionResult(code=code, kind="document", label=item["label"], passed=True)
    if code in waivers:
        return CriterionResult(
            code=code,
            kind="document",
            label=item["label"],
            passed=True,
            actual=f"提出免除(理由: {waivers[code]})",
        )
    return CriterionResult(code=code, kind="document", label=item["label"], passed=False)


def form2_period(application: Application, today: date) -> CriterionResult:
    started = fiscal_year_start(application.fiscal_period)
    year, month = application.fiscal_period.split("-")
    return CriterionResult(
        code="form2_fiscal_year",
        kind="form",
        label=f"様式2の取引高情報が{_EARLIEST}以降開始の事業年度のもの",
        passed=form2_period_problem(application.fiscal_period, today) is None,
        actual=f"{started.year}年{started.month}月〜{int(year)}年{int(month)}月期",
    )


def evaluate(
    call: Call,
    application: Application,
    document_types: Iterable[str],
    waivers: Mapping[str, str],
    today: date,
) -> list[CriterionResult]:
    """Every check of the application; ``waivers`` maps a waived document's code to the reason."""
    attached = set(document_types)
    given = set(application.consents)
    return [
        *quantitative(call, application),
        form2_period(application, today),
        *(
            CriterionResult(
                code=item["code"], kind="consent", label=item["label"], passed=item["code"] in given
            )
            for item in call.required_consents
        ),
        *(_document(item, attached, waivers) for item in call.required_documents),
    ]
