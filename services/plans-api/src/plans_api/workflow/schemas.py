"""Bodies of ``POST /api/plans/{id}/transitions``."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from chiiki_common.schemas import InputModel, OutputModel, Text
from plans_api.workflow.transitions import Action

HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=500)]


class RequirementComment(InputModel):
    """A reviewer's comment on one requirement (要件), sent with a return or a completion."""

    number: Annotated[int, Field(ge=1, le=7)]
    verdict: Literal["satisfied", "not_satisfied", "needs_revision"] | None = None
    comment: Text


class SectionComment(InputModel):
    """A reviewer's comment on one part of the plan, sent with a return or a completion."""

    section: Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,40}$")] = Field(
        description="記載項目のキー(industry, field, area, present_and_goals, path, policy, "
        "localisation)又は commitment(自治体のコミットメント)・kgis・kpis・core_companies"
    )
    comment: Text


class TransitionIn(InputModel):
    action: Action
    comment: Text = ""
    announcement_date: date | None = Field(None, description="公表日(announce のとき必須)")
    announcement_url: HttpsUrl | None = Field(None, description="公表先URL(announce のとき必須)")
    recorded_outside: bool = Field(
        False, description="システム外(メール等)で既に行われた手続を記録する場合 true"
    )
    requirement_comments: list[RequirementComment] = Field(default_factory=list, max_length=7)
    section_comments: list[SectionComment] = Field(
        default_factory=list,
        max_length=20,
        description="項目ごとのコメント(事前確認の差戻し・完了時のみ)",
    )


class AvailableAction(OutputModel):
    action: Action
    label: str
