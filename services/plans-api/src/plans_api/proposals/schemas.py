"""Bodies of ``/api/proposals``: a prefecture's 候補プロジェクト案件 for a 戦略産業クラスター計画.

A draft may be partial; what a proposal must show before it is submitted (seed 002,
【都道府県のプロジェクト提案の要件】) is checked by :mod:`plans_api.proposals.validation`."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from chiiki_common.schemas import (
    CorporateNumber,
    FiscalYear,
    InputModel,
    Name,
    OutputModel,
    ShortText,
    Text,
    Yen,
)
from plans_api.models import PlanType
from plans_api.plans.schemas import StrategicField


class BudgetCoordination(InputModel):
    """Budget coordination with one ministry concerned (関係省庁との事前調整)."""

    ministry: Name = Field(description="調整先の省庁")
    since: date | None = Field(None, description="調整を開始した日")
    status: ShortText | None = Field(None, description="調整の状況")


class Investor(InputModel):
    """A company expected to invest (投資を予定する企業)."""

    corporate_number: CorporateNumber = Field(description="法人番号")
    name: Name = Field(description="企業名")


class Investment(InputModel):
    """The prospect of a large investment (一定の大規模投資の見込み)."""

    amount_yen: Yen | None = Field(None, description="投資見込額（円）")
    start_fy: FiscalYear | None = Field(None, description="投資の開始年度")
    end_fy: FiscalYear | None = Field(None, description="投資の終了年度")
    investors: list[Investor] = Field(
        default_factory=list, max_length=50, description="投資を予定する企業"
    )


class ProposalContent(InputModel):
    """The answers to the four requirements of a prefecture's proposal (seed 002)."""

    field_alignment: Text | None = Field(
        None, description="17の戦略分野に関する検討・官民投資ロードマップとの整合"
    )
    draft_alignment: Text | None = Field(
        None, description=f"{PlanType.A.label}の素案（ブロック）との整合"
    )
    budget_coordination: list[BudgetCoordination] = Field(
        default_factory=list, max_length=30, description="関係省庁との予算措置の事前調整"
    )
    investment: Investment = Field(default_factory=Investment, description="大規模投資の見込み")
    labour_environment: Text | None = Field(
        None, description="賃上げも含めた持続可能な地域の労働環境整備への貢献"
    )


class ProposalIn(ProposalContent):
    """A new proposal of the caller's prefecture (a draft: only the title is required)."""

    title: Name = Field(description="候補プロジェクトの名称")
    strategic_fields: list[StrategicField] = Field(
        default_factory=list, max_length=17, description="該当する17の戦略分野"
    )


class ProposalPatch(InputModel):
    """Only the fields present change; the content's parts are replaced whole."""

    title: Name | None = None
    strategic_fields: list[StrategicField] | None = Field(None, max_length=17)
    field_alignment: Text | None = None
    draft_alignment: Text | None = None
    budget_coordination: list[BudgetCoordination] | None = Field(None, max_length=30)
    investment: Investment | None = None
    labour_environment: Text | None = None


class DecisionIn(InputModel):
    """The bureau's decision on a submitted proposal; returning it or not adopting it says why."""

    decision: Literal["adopt", "return", "not_adopt"] = Field(
        description="adopt: 採用、return: 差戻し（修正のうえ再提案）、not_adopt: 不採用"
    )
    comment: Text | None = Field(None, description="理由・コメント（差戻し・不採用では必須）")


class ProposalOut(OutputModel):
    id: int
    organisation: str
    organisation_name: str
    prefecture: str
    title: str
    strategic_fields: list[str]
    field_alignment: str | None
    draft_alignment: str | None
    budget_coordination: list[BudgetCoordination]
    investment: Investment
    labour_environment: str | None
    state: str
    state_label: str
    version: int
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    decided_at: datetime | None
    decision_comment: str | None
