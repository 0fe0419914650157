"""Bodies of ``/api/rounds``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, StringConstraints

from chiiki_common.schemas import InputModel, Name

RoundCode = Annotated[str, StringConstraints(pattern=r"^[a-z0-9\-]{1,30}$")]


class RoundIn(InputModel):
    """A round announced later (seed 000 ⑥※2: 追ってお知らせします)."""

    code: RoundCode
    name: Name
    cutoff_at: AwareDatetime
    kind: Literal["leading_example", "batch"]
