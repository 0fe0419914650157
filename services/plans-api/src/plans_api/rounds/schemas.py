"""Bodies of ``/api/rounds``."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, Field, StringConstraints

from chiiki_common.schemas import InputModel, Name, OutputModel

RoundCode = Annotated[str, StringConstraints(pattern=r"^[a-z0-9\-]{1,30}$")]


class RoundIn(InputModel):
    """A round announced later (seed 000 ⑥※2: 追ってお知らせします). ``last_day`` is the day
    「…までに」 names: every request made at any moment of that JST day counts."""

    code: RoundCode
    name: Name
    kind: Literal["leading_example", "batch"]
    last_day: date = Field(description="事前確認依頼の最終日(日本時間、この日の終わりまで)")
    review_target_date: date | None = Field(
        None, description="事前確認の目標完了日(締切の1ヶ月程度後)"
    )


class RoundPatch(InputModel):
    """Only the fields present change; a round can be edited until its cutoff passes."""

    name: Name | None = None
    last_day: date | None = None
    review_target_date: date | None = None


class RoundHistoryOut(OutputModel):
    occurred_at: datetime
    actor: str
    actor_name: str
    organisation: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any]


class PublicationIn(InputModel):
    """When the round's ready plans are published together (a moment, e.g. 2026-08-20T10:00+09:00)."""

    publish_at: AwareDatetime


class PublicationPlan(OutputModel):
    plan_id: int
    title: str
    plan_type: str
    lead_organisation: str
    state: str
    reason: str | None = Field(None, description="公表されない(されなかった)理由")


class PublicationOut(OutputModel):
    """A round's publication: scheduled (with what is ready now) or done (with what it published
    and what it left out)."""

    round_code: str
    publish_at: datetime
    status: Literal["scheduled", "done"]
    scheduled_by: str
    done_at: datetime | None
    ready: list[PublicationPlan] = Field(description="公表日時に公表される(現時点で準備済み)")
    not_ready: list[PublicationPlan] = Field(description="準備ができていないため公表されない")
    published: list[PublicationPlan]
    left_out: list[PublicationPlan]
