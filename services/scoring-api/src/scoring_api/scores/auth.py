"""Who may read scores: anyone with a token; the tenancy filter shows prefecture staff their own
prefecture's scores and national users every prefecture's. Scores are never written by a caller
(they are recomputed whenever figures change)."""

from __future__ import annotations

from typing import Annotated

from chiiki_common.auth import Principal, caller

ScoreReader = Annotated[Principal, caller()]
