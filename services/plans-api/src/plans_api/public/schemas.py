"""Answers of the open data beyond the published plans' list."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from chiiki_common.schemas import OutputModel


class Publication(BaseModel):
    """One published version of a plan, in the history of its publications."""

    version: int = Field(description="版")
    title: str = Field(description="公表時の計画名")
    published_at: datetime = Field(description="公表日時(UTC)")


class PublicRound(OutputModel):
    """A pre-check round as the public reads it: what it is called and until when plans were
    asked for in it (the open data's 「回」 filter)."""

    code: str = Field(description="回のコード(絞り込みの round に指定する)")
    name: str = Field(description="回の名称(例: 第1弾)")
    kind: str = Field(description="leading_example(先行事例)又は batch(取りまとめ)")
    kind_label: str = Field(description="種類の表示(先行事例 / 取りまとめ(一斉公表))")
    last_day: date = Field(description="事前確認の依頼期限(日本時間、この日の終わりまで)")
    review_target_date: date | None = Field(description="事前確認の目標完了日")
    filterable: bool = Field(
        description="公表された計画がこの回で絞り込めるか(取りまとめの回のみ計画が属する)"
    )
