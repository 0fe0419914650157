"""Calls (公募) and applications (様式1 / 様式2) as the API reads and writes them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, computed_field

from chiiki_common.clock import JST, to_jst
from chiiki_common.schemas import (
    CorporateNumber,
    Count,
    InputModel,
    Name,
    OutputModel,
    ShortText,
    Text,
    Yen,
)
from scoring_api.attachments.schemas import AttachmentOut
from scoring_api.companies.schemas import WebAddress

Code = Annotated[str, Field(pattern=r"^[a-z0-9_]{1,50}$")]
PlanId = Annotated[str, Field(pattern=r"^[1-9][0-9]{0,17}$", description="plans-api の B 計画 ID")]
FilledText = Annotated[Text, Field(min_length=1)]


def _assume_jst(moment: datetime) -> datetime:
    """A time given without an offset is a JST wall-clock time (how calls state their window);
    every time is kept in UTC."""
    return (moment.replace(tzinfo=JST) if moment.tzinfo is None else moment).astimezone(UTC)


JstDateTime = Annotated[datetime, AfterValidator(_assume_jst)]


class LabelledItem(InputModel):
    code: Code
    label: ShortText


REQUIRED_DOCUMENTS: dict[str, str] = {
    "form1": "応募申請書(様式1)",
    "form2": "応募申請書(様式2)",
    "financial_statements": "直近1期分の決算書",
    "brochure": "企業概要(パンフレット等)",
}
"""The documents every call asks for (seed 003 応募書類; DESIGN §3), by their codes."""


def _with_required_documents(items: list[LabelledItem]) -> list[LabelledItem]:
    missing = [
        label for code, label in REQUIRED_DOCUMENTS.items() if code not in {i.code for i in items}
    ]
    if missing:
        raise ValueError(
            "様式1・様式2・直近1期分の決算書・企業概要は必ず応募書類に含めてください(不足: "
            + "、".join(missing)
            + ")。提出できない応募者には、選定の前に理由を記録して免除できます"
        )
    return items


class CallCreate(InputModel):
    title: Name
    description: Text | None = None
    opens_at: JstDateTime = Field(description="募集開始(オフセットなしは日本時間)")
    closes_at: JstDateTime = Field(description="募集締切(オフセットなしは日本時間)")
    target_fields: list[ShortText] = Field(default_factory=list, max_length=20)
    min_sales: Yen | None = Field(default=None, description="定量的基準: 売上高の下限(円)")
    max_employees: Count | None = Field(default=None, description="定量的基準: 従業員数の上限")
    required_consents: list[LabelledItem] = Field(default_factory=list, max_length=20)
    required_documents: Annotated[list[LabelledItem], AfterValidator(_with_required_documents)] = (
        Field(
            default_factory=lambda: [
                LabelledItem(code=code, label=label) for code, label in REQUIRED_DOCUMENTS.items()
            ],
            max_length=20,
            description="応募書類。様式1(form1)・様式2(form2)・決算書(financial_statements)・"
            "企業概要(brochure)は必須",
        )
    )
    plan_id: PlanId | None = None


class CallPlanUpdate(InputModel):
    plan_id: PlanId


class CallOut(OutputModel):
    id: int
    prefecture: str
    organisation: str
    title: str
    description: str | None
    opens_at: datetime
    closes_at: datetime
    target_fields: list[str]
    min_sales: int | None
    max_employees: int | None
    required_consents: list[dict[str, str]]
    required_documents: list[dict[str, str]]
    plan_id: str | None
    created_at: datetime

    @computed_field  # type: ignore[prop-decorator]
    @property
    def opens_at_jst(self) -> str:
        return to_jst(self.opens_at).isoformat()

    @computed_field  # type: ignore[prop-decorator]
    @property
    def closes_at_jst(self) -> str:
        return to_jst(self.closes_at).isoformat()


class ApplicationCreate(InputModel):
    """様式1 (company profile and plan) and 様式2 (取引高情報) of an application."""

    corporate_number: CorporateNumber
    company_name: Name
    hq_address: ShortText = Field(min_length=1, description="本社所在地")
    business_summary: FilledText = Field(description="事業概要")
    employees: Count = Field(description="常時使用する従業員数")
    employees_as_of: ShortText | None = Field(default=None, max_length=20, description="時点")
    current_sales: Yen = Field(description="現在の売上高(円)")
    current_sales_period: ShortText | None = Field(default=None, max_length=20, description="○月期")
    web: WebAddress | None = None
    philosophy: FilledText = Field(description="企業理念")
    present_state: FilledText = Field(description="現状認識")
    strategy: FilledText = Field(description="基本戦略")
    investment_picture: FilledText = Field(description="投資の具体像")
    regional_impact: FilledText = Field(description="地域へのインパクト")
    vision: FilledText = Field(description="目指すべき姿")
    fiscal_period: str = Field(
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="事業年度(決算月 YYYY-MM)"
    )
    sales: Yen = Field(description="様式2 売上高(円、税抜き)")
    out_of_prefecture_sales: Yen = Field(description="うち域外売上高")
    purchases: Yen = Field(description="仕入高")
    in_prefecture_purchases: Yen = Field(description="うち域内仕入高")
    excellence_statement: Text | None = Field(
        default=None, description="様式2 2. 域外販売・域内仕入で卓越している点(任意)"
    )
    consents: list[Code] = Field(default_factory=list, max_length=20)


class AssessmentIn(InputModel):
    """定性的基準(総合勘案): コネクター度・ハブ度の卓越性、対象分野への合致."""

    connector_assessment: Text | None = None
    hub_assessment: Text | None = None
    field_match: bool | None = None
    assessment_note: Text | None = None


class DecisionIn(InputModel):
    decision: Literal["selected", "declined"]
    comment: Text | None = None
    role: ShortText | None = Field(
        default=None, description="計画での役割(サプライチェーン・バリューチェーン上の役割)"
    )
    scale: ShortText | None = Field(
        default=None,
        max_length=200,
        description="計画に公表される企業の規模(都道府県の表現)。省略時は従業員数の区分。"
        "売上高・仕入高などの金額は書けません",
    )


class WaiverIn(InputModel):
    document_type: Code = Field(description="免除する応募書類の種類")
    reason: Annotated[Text, Field(min_length=1)] = Field(description="免除の理由")


class WaiverOut(OutputModel):
    document_type: str
    reason: str
    actor: str
    organisation: str
    waived_at: datetime


class CriterionResult(OutputModel):
    code: str
    kind: Literal["quantitative", "form", "consent", "document"]
    label: str
    passed: bool
    actual: str | None = None


class DecisionOut(OutputModel):
    decision: str
    comment: str | None
    actor: str
    organisation: str
    decided_at: datetime


class SelectionOut(OutputModel):
    plan_id: str
    role: str
    scale: str
    """What the plan publishes as the company's scale: never a 様式2 amount."""
    status: Literal["pending", "done", "refused"]
    effect: str | None
    """``added``; ``change_request``: the plan went back to pre-check review with the company;
    ``unchanged``: the plan already had it."""
    attempts: int
    last_error: str | None
    pushed_at: datetime | None


class ApplicationSummary(OutputModel):
    id: int
    call_id: int
    status: str
    corporate_number: str
    company_name: str
    employees: int
    sales: int
    submitted_at: datetime
    quantitative_criteria: list[CriterionResult] = Field(default_factory=list)
    """The automatic check of the call's 定量的基準 (売上高・従業員数), as ``criteria`` states it."""


class ApplicationOut(ApplicationSummary):
    hq_address: str
    business_summary: str
    employees_as_of: str | None
    current_sales: int
    current_sales_period: str | None
    web: str | None
    philosophy: str
    present_state: str
    strategy: str
    investment_picture: str
    regional_impact: str
    vision: str
    fiscal_period: str
    out_of_prefecture_sales: int
    purchases: int
    in_prefecture_purchases: int
    excellence_statement: str | None
    consents: list[str]
    connector_assessment: str | None
    hub_assessment: str | None
    field_match: bool | None
    assessment_note: str | None
    connector_ratio: float | None = None
    """コネクター度(企業内比率・熊本県様式2の定義) from the 様式2 figures."""
    hub_ratio: float | None = None
    criteria: list[CriterionResult] = Field(default_factory=list)
    decisions: list[DecisionOut] = Field(default_factory=list)
    attachments: list[AttachmentOut] = Field(default_factory=list)
    waivers: list[WaiverOut] = Field(default_factory=list)
    selection: SelectionOut | None = None
