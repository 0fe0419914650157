"""Score bodies: every value carries its definition so nobody mixes the two up."""

from __future__ import annotations

from datetime import datetime

from chiiki_common.schemas import OutputModel
from scoring_api.models import CompanyScore
from scoring_api.scores.formulas import METRICS, Definition


class MetricValue(OutputModel):
    label: str
    definition: Definition
    value: float | None
    rank: int | None
    percentile: float | None
    deviation: float | None
    """偏差値 (50 + 10·z) within the prefecture."""


class ScoreOut(OutputModel):
    corporate_number: str
    name: str | None = None
    fiscal_year: int
    prefecture: str
    companies_counted: int
    connector_share: MetricValue
    hub_share: MetricValue
    connector_ratio: MetricValue
    hub_ratio: MetricValue
    computed_at: datetime


def score_out(score: CompanyScore, name: str | None = None) -> ScoreOut:
    metrics = {
        m.name: MetricValue(
            label=m.label,
            definition=m.definition,
            value=getattr(score, m.name),
            rank=getattr(score, f"{m.name}_rank"),
            percentile=getattr(score, f"{m.name}_percentile"),
            deviation=getattr(score, f"{m.name}_deviation"),
        )
        for m in METRICS
    }
    return ScoreOut(
        corporate_number=score.corporate_number,
        name=name,
        fiscal_year=score.fiscal_year,
        prefecture=score.prefecture,
        companies_counted=score.companies_counted,
        computed_at=score.computed_at,
        **metrics,
    )


class MetricExplanation(MetricValue):
    name: str
    numerator_label: str
    numerator: int
    denominator_label: str
    denominator: int


class CountedCompany(OutputModel):
    corporate_number: str
    name: str
    out_of_prefecture_sales: int
    in_prefecture_purchases: int


class ScoreExplanation(OutputModel):
    """Why this score: each value's numerator and denominator and the companies the prefecture's
    totals were summed over."""

    corporate_number: str
    fiscal_year: int
    prefecture: str
    companies_counted: int
    metrics: list[MetricExplanation]
    counted_companies: list[CountedCompany]
    computed_at: datetime
