"""候補プロジェクト案件: a prefecture's proposal of a project for a 戦略産業クラスター計画 (type A;
seed 002, 【都道府県のプロジェクト提案の要件】), addressed to the regional bureau of its block."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from chiiki_common.db import BigId, UTCDateTime
from plans_api.models.base import Base


class ProposalState(StrEnum):
    """A proposal is drafted by the prefecture, submitted by its approver, and decided by the
    bureau of its block: adopted into the block's draft, returned for changes, or not adopted."""

    draft = "draft"
    submitted = "submitted"
    returned = "returned"
    adopted = "adopted"
    not_adopted = "not_adopted"

    @property
    def label(self) -> str:
        """The state as people read it."""
        return _PROPOSAL_STATE_LABELS[self]


_PROPOSAL_STATE_LABELS = {
    ProposalState.draft: "作成中",
    ProposalState.submitted: "提案済み（地方経済産業局等で確認中）",
    ProposalState.returned: "差戻し",
    ProposalState.adopted: "採用",
    ProposalState.not_adopted: "不採用",
}


class CandidateProject(Base):
    """One proposal. ``content`` holds the requirements' answers (``proposals/schemas.py``
    ``ProposalContent``); ``version`` is the If-Match version, raised by every write."""

    __tablename__ = "candidate_projects"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    organisation: Mapped[str] = mapped_column(String(20), index=True)
    """The proposing prefecture's 全国地方公共団体コード (``430005``)."""
    prefecture: Mapped[str] = mapped_column(String(2), index=True)
    """Its two-digit number (``43``): the block it falls in names the bureau that decides."""
    title: Mapped[str] = mapped_column(String(200))
    strategic_fields: Mapped[list[str]] = mapped_column(JSON)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(20), index=True)
    version: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decision_comment: Mapped[str | None] = mapped_column(Text)
