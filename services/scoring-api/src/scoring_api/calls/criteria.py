"""Automatic check of a call's criteria, one result per criterion (seed 003 応募条件).

定量的基準: 「直近の決算で売上高が10億円以上、従業員規模が2,000名以下」 — checked against the
様式2 売上高 and the 様式1 従業員数. その他: 伴走支援の承諾、経営者ネットワークへの参加 — the
consents. 応募書類 — an attachment of each required document type. The 定性的基準 (コネクター度・
ハブ度の卓越性、対象分野への合致) are the staff's assessment, not checked here.
"""

from __future__ import annotations

from collections.abc import Iterable

from scoring_api.calls.schemas import CriterionResult
from scoring_api.models import Application, Call


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


def evaluate(
    call: Call, application: Application, document_types: Iterable[str]
) -> list[CriterionResult]:
    attached = set(document_types)
    given = set(application.consents)
    return [
        *quantitative(call, application),
        *(
            CriterionResult(
                code=item["code"], kind="consent", label=item["label"], passed=item["code"] in given
            )
            for item in call.required_consents
        ),
        *(
            CriterionResult(
                code=item["code"],
                kind="document",
                label=item["label"],
                passed=item["code"] in attached,
            )
            for item in call.required_documents
        ),
    ]
