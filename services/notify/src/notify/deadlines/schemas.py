"""Bodies of the deadline endpoints."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field

from chiiki_common.schemas import InputModel, LocalGovCode, Name, OutputModel, ShortText
from notify.models import DEFAULT_OFFSETS

Offset = Annotated[int, Field(ge=0, le=365)]


class DeadlineOut(OutputModel):
    id: int
    kind: str
    title: str
    description: str
    due_at: datetime = Field(
        description="期限(UTC)。日付の期限ではこの時刻を含まない(最終日の翌日0時 日本時間)"
    )
    last_day: date | None = Field(
        description="「…までに」の期限の最終日(日本時間、この日の終わりまで)。時刻の期限は null"
    )
    due_at_label: str = Field(
        description="期限(日本時間・和暦。例: 令和8年7月15日(水)まで、令和8年6月1日(月) 12:00)"
    )
    days_left: int = Field(description="日本時間の今日から期限日までの日数(当日は0)")
    mandatory: bool
    organisations: list[str] = Field(description="対象団体(空なら全ての地方公共団体)")


class DeadlineCreate(InputModel):
    title: Name
    description: ShortText = ""
    due_at: AwareDatetime = Field(
        description="期限(タイムゾーン付き。例: 2026-09-30T23:59:00+09:00)"
    )
    organisations: list[LocalGovCode] = Field(
        default_factory=list, max_length=2000, description="対象団体(空なら全ての地方公共団体)"
    )
    offsets: list[Offset] = Field(
        default_factory=lambda: list(DEFAULT_OFFSETS),
        min_length=1,
        max_length=20,
        description="何日前に通知するか",
    )
    mandatory: bool = True


class ClosedDay(OutputModel):
    """A day the government offices are closed besides weekends (reminders move off it)."""

    date: date
    name: str = Field(description="祝日の名称、又は「年末年始の休日」")
    kind: Literal["holiday", "year_end"] = Field(
        description="holiday: 国民の祝日・休日、year_end: 年末年始(12月29日〜1月3日)"
    )
