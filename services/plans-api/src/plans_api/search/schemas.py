"""What a search answers: the plans found, best first, each with the passages that matched."""

from __future__ import annotations

from pydantic import BaseModel, Field

from plans_api.models import PlanState, PlanType


class Snippet(BaseModel):
    label: str = Field(description="一致した項目(例: 計画の名称、4. 勝ち筋… (1) 基本戦略)")
    text: str = Field(description="一致した箇所と前後30文字程度の原文(省略箇所は「…」)")
    highlights: list[tuple[int, int]] = Field(
        description="text の中で一致した範囲 [開始, 終了) の一覧(文字単位、終了は含まない)"
    )


class SearchResult(BaseModel):
    id: int
    plan_type: PlanType
    title: str
    lead_organisation: str
    lead_prefecture: str
    prefecture_name: str
    state: PlanState
    state_label: str
    version: int
    score: int = Field(
        description="一致した項目の重みの合計(計画の名称 10、企業・KGI・KPI 3、本文 1)"
    )
    occurrences: int = Field(description="一致した回数")
    snippets: list[Snippet]


class SearchPage(BaseModel):
    query: str = Field(description="正規化した検索語(全角・半角、カタカナ・ひらがなを統一)")
    items: list[SearchResult]
    total: int
    total_is_estimate: bool = Field(
        description="true のとき total は候補の件数(3文字以上の語で候補が非常に多い場合、一致しない"
        "計画を含むことがあります)。表示は「約N件」としてください"
    )
    limit: int
    offset: int
