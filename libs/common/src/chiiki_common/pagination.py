"""Limit/offset pagination as a dependency, bounded so no caller can ask for a million rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query


@dataclass(frozen=True)
class PageParams:
    limit: int
    offset: int


async def page_params(
    limit: Annotated[int, Query(ge=1, le=500, description="1ページの件数")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="先頭からの位置")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


PageDep = Annotated[PageParams, Depends(page_params)]
