"""Request and response bodies of ``/api/plans``."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StringConstraints

from chiiki_common.errors import FieldProblem
from chiiki_common.schemas import (
    CorporateNumber,
    FiscalYear,
    InputModel,
    LocalGovCode,
    Name,
    OutputModel,
    ShortText,
    Text,
)
from plans_api.models import PlanState, PlanType
from plans_api.plans.content import STRATEGIC_FIELDS
from plans_api.plans.coordination import PartyKind
from plans_api.plans.disclosure import refuse_trade_figure
from plans_api.plans.freeze import ContentChange
from plans_api.plans.kgi_requirements import KgiKind
from plans_api.plans.withdrawal import Comparator
from plans_api.reference import jsic


def _strategic_field(value: str) -> str:
    if value not in STRATEGIC_FIELDS:
        raise ValueError("17の戦略分野のコードから選んでください")
    return value


def _jsic_code(value: str) -> str:
    if jsic.find(value) is None:
        raise ValueError(
            f"該当する業種(日本標準産業分類)に「{value}」はありません。一覧から選んでください"
        )
    return value


StrategicField = Annotated[str, AfterValidator(_strategic_field)]
JsicCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-T](\d{2,4})?$"),
    AfterValidator(_jsic_code),
    Field(description="日本標準産業分類(大分類の英字+中・小・細分類の数字、例: E28)"),
]
Key = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_\-]{1,50}$")]
Amount = Annotated[float, Field(ge=-1e15, le=1e15, allow_inf_nan=False)]
HalfYear = Annotated[
    str, StringConstraints(pattern=r"^\d{4}H[12]$"), Field(description="年度と半期(例: 2026H1)")
]
Unit = Annotated[str, StringConstraints(max_length=50)]
PublishedText = Annotated[Text, AfterValidator(refuse_trade_figure)]
"""A company text that is published (never a sales or purchase figure)."""
PublishedShortText = Annotated[ShortText, AfterValidator(refuse_trade_figure)]


class PlanCreate(InputModel):
    """A new draft; the caller's organisation becomes the lead author."""

    plan_type: PlanType
    title: Name
    period_start_fy: FiscalYear | None = None
    goal_fiscal_year: FiscalYear | None = None
    strategic_fields: list[StrategicField] = Field(default_factory=list, max_length=17)
    jsic_codes: list[JsicCode] = Field(default_factory=list, max_length=50)
    co_authors: list[LocalGovCode] = Field(default_factory=list, max_length=50)


class PlanPatch(InputModel):
    """Only the fields present change; ``sections`` and ``commitment`` replace their whole object."""

    title: Name | None = None
    period_start_fy: FiscalYear | None = None
    goal_fiscal_year: FiscalYear | None = None
    strategic_fields: list[StrategicField] | None = Field(None, max_length=17)
    jsic_codes: list[JsicCode] | None = Field(None, max_length=50)
    sections: dict[str, Any] | None = None
    commitment: dict[str, Any] | None = None
    requirement_statements: dict[int, Text] | None = None


class KgiIn(InputModel):
    """A KGI. The mandatory KGIs' years follow the plan's: their ``target_year`` is the plan's goal
    year (目標年度) and the cumulative capex runs from the plan's start fiscal year
    (``baseline_year``) to it; the values sent for those years are replaced by the plan's."""

    key: Key | None = Field(None, description="KPIが参照するキー(省略時は種類と順番から)")
    kind: KgiKind
    name: Name
    unit: Unit
    baseline: Amount | None = None
    baseline_year: FiscalYear | None = Field(
        None, description="基準年度(累積の官民設備投資額では累積の起点=計画の開始年度)"
    )
    target: Amount | None = None
    target_year: FiscalYear | None = Field(None, description="目標年度(必須KGIでは計画の目標年度)")
    basis: Text = ""


class HalfYearValue(InputModel):
    period: HalfYear
    value: Amount


class WithdrawalCriterion(InputModel):
    """撤退基準: the KPI is breached when ``actual <comparator> threshold`` holds."""

    comparator: Comparator
    threshold: Amount
    text: Text


class FiveW1H(InputModel):
    why: Text | None = None
    what: Text | None = None
    deadline: ShortText | None = None
    department: ShortText | None = None
    forum: ShortText | None = None
    how: Text | None = None


class KpiIn(InputModel):
    key: Key | None = None
    name: Name
    unit: Unit
    baseline: Amount | None = None
    targets: list[HalfYearValue] = Field(default_factory=list, max_length=40)
    withdrawal: WithdrawalCriterion | None = None
    five_w1h: FiveW1H = FiveW1H()
    kgi_key: Key | None = None


class CoreCompanyIn(InputModel):
    """計画推進の核となる企業 (B) / 推進の核となる事業者 (C). ``role`` and ``scale`` are published:
    never a sales or purchase figure (an employee band or the prefecture's wording for scale)."""

    corporate_number: CorporateNumber | None = None
    name: Name
    role: PublishedText = ""
    scale: PublishedShortText = ""
    support_target: bool = Field(
        True, description="伴走支援の対象(B)。C類型の事業者には適用されません(常に false)"
    )


class CoAuthorsIn(InputModel):
    organisations: list[LocalGovCode] = Field(max_length=50)


class CoordinationEntry(InputModel):
    """各種調整 (seed 000 ⑤ 3.): a party consulted, when, and what came of it."""

    party_kind: PartyKind
    party_name: Name
    consulted_on: date
    notes: Text = ""


class CoordinationIn(InputModel):
    entries: list[CoordinationEntry] = Field(max_length=500)


class RequirementReviewIn(InputModel):
    verdict: Literal["satisfied", "not_satisfied", "needs_revision"]
    comment: Text = ""


class ValueAddedCalculation(InputModel):
    """C's estimate: 売上増加額 × 既存の付加価値率 (seed 000 C ④)."""

    sales_increase: Amount
    value_added_rate: Annotated[float, Field(ge=0, le=1)]


class ValueAddedResult(OutputModel):
    value_added_increase: float
    formula: str


# --- outputs -------------------------------------------------------------------------------------


class KgiOut(OutputModel):
    key: str
    kind: str
    name: str
    unit: str
    baseline: float | None
    baseline_year: int | None
    target: float | None
    target_year: int | None
    basis: str
    years_label: str | None = Field(
        None, description="対象年度の表示(例: 令和8年度〜令和17年度の累積、令和17年度)"
    )


class KpiActualOut(OutputModel):
    period: str
    value: float
    breached: bool
    reported_at: datetime


class KpiOut(OutputModel):
    key: str
    name: str
    unit: str
    baseline: float | None
    targets: list[dict[str, Any]]
    withdrawal: WithdrawalCriterion | None
    five_w1h: dict[str, Any]
    kgi_key: str | None
    actuals: list[KpiActualOut] = Field(default_factory=list)
    breached: bool = False


class CoreCompanyOut(OutputModel):
    corporate_number: str | None
    name: str
    role: str
    scale: str
    support_target: bool


class AuthorOut(OutputModel):
    organisation: str
    is_lead: bool


class RequirementOut(OutputModel):
    number: int
    label: str
    text: str
    statement: str | None
    verdict: str | None
    comment: str | None
    machine_judgement: bool | None
    machine_notes: list[str]


class RoundOut(OutputModel):
    """A pre-check round. 「2026年7月15日(水)までに」 is ``last_day`` 2026-07-15: every request
    made at any moment of that JST day counts; ``cutoff_at`` is the exclusive end, 00:00 JST of the
    next day (2026-07-15T15:00:00Z), never 23:59."""

    code: str
    name: str
    kind: str
    last_day: date = Field(description="この日(日本時間)の終わりまでの依頼が対象")
    cutoff_at: datetime = Field(description="締切(この時刻を含まない。翌日0時 JST を UTC で)")
    review_target_date: date | None = Field(description="事前確認の目標完了日")
    editable: bool = Field(description="締切前のみ国の管理者が変更できる")


class ReviewClock(OutputModel):
    """How long the current pre-check request has been with the national side, against its
    round's target date (「1ヶ月程度の確認期間」)."""

    requested_at: datetime
    days_in_review: int
    target_date: date | None
    overdue: bool


class PlanSummary(OutputModel):
    id: int
    plan_type: PlanType
    title: str
    lead_organisation: str
    lead_prefecture: str
    state: PlanState
    version: int
    revision: int
    round_code: str | None = Field(description="回(最初の事前確認依頼の日から導出)")
    leading_example: bool = Field(description="先行事例の候補(2026年6月5日までの依頼)")
    asked_at: datetime | None = Field(
        description="最初の事前確認依頼(市町村の計画は市町村が都道府県に依頼した日時)"
    )
    first_precheck_requested_at: datetime | None = Field(
        description="国に最初に届いた日時(都道府県経由の計画は都道府県の送付日時)"
    )
    published_version: int | None
    updated_at: datetime


class ReviewQueueItem(PlanSummary):
    round_name: str | None
    review_clock: ReviewClock
    changed_since_review: bool = Field(
        description="前回の事前確認完了時から内容が変わっている(変更箇所は /changes)"
    )


class ChangesSince(StrEnum):
    """The version ``/changes`` compares the plan with."""

    review = "review"
    """what the last completed pre-check saw (事前確認の完了時)"""
    returned = "returned"
    """what the reviewer saw when they last returned the plan (修正依頼の時点)"""
    published = "published"
    """the last published version (内閣官房HPで公表した版)"""


class RequirementCommentOut(OutputModel):
    number: int
    verdict: str | None = None
    comment: str = ""


class SectionCommentOut(OutputModel):
    section: str = Field(description="記載項目のキー又は commitment・kgis・kpis・core_companies")
    comment: str


class EarlierReview(OutputModel):
    """The step that recorded the version compared with, and what the reviewer said in it."""

    action: str = Field(description="return_with_comments / complete_precheck / publish")
    occurred_at: datetime
    actor_name: str
    comment: str
    requirement_comments: list[RequirementCommentOut]
    section_comments: list[SectionCommentOut]


class ChangesOut(OutputModel):
    """Field by field, the difference between a recorded version of the plan and the plan now."""

    since: ChangesSince
    base_found: bool = Field(
        description="比較する版の記録がある(false のときは全項目を新規として示す)"
    )
    base_at: datetime | None = Field(description="比較する版が記録された日時")
    reviewed_at: datetime | None = Field(description="最後に事前確認が完了した日時")
    changes: list[ContentChange]
    earlier_review: EarlierReview | None = Field(
        description="比較する版を記録した手続(差戻し・完了・公表)と、そのときのコメント"
    )


class PrefectureQueueItem(PlanSummary):
    """A municipal plan waiting at its prefecture (取りまとめ)."""

    pending_step: Literal["precheck", "submission"] | None = Field(
        description="precheck: 事前確認の依頼 / submission: 正式提出"
    )
    waiting_since: datetime | None = Field(description="都道府県に届いた日時(今回の依頼)")


class PlanOut(PlanSummary):
    authors: list[AuthorOut]
    pending_step: str | None
    period_start_fy: int | None
    period_end_fy: int | None
    goal_fiscal_year: int | None
    strategic_fields: list[str]
    jsic_codes: list[str]
    sections: dict[str, Any]
    commitment: dict[str, Any]
    core_companies: list[CoreCompanyOut]
    kgis: list[KgiOut]
    kpis: list[KpiOut]
    requirements: list[RequirementOut]
    coordination: list[dict[str, Any]]
    round: RoundOut | None
    prefecture_forwarded_at: datetime | None = Field(
        description="都道府県経由の計画で、都道府県が国へ送付した日時"
    )
    review_clock: ReviewClock | None
    changed_since_review: bool
    announcement_date: date | None
    announcement_url: str | None
    precheck_completed_at: datetime | None
    published_at: datetime | None
    created_at: datetime


class ValidationOut(OutputModel):
    valid: bool
    errors: list[FieldProblem]
    warnings: list[FieldProblem]


class HistoryOut(OutputModel):
    occurred_at: datetime
    actor: str
    actor_name: str
    organisation: str
    role: str
    action: str
    from_state: str | None
    to_state: str
    comment: str
    recorded_outside: bool
    revision: int
    details: dict[str, Any] | None
