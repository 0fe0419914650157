"""Answers of the open data beyond the published plans' list."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class Publication(BaseModel):
    """One published version of a plan, in the history of its publications."""

    version: int = Field(description="版")
    title: str = Field(description="公表時の計画名")
    published_at: datetime = Field(description="公表日時(UTC)")
