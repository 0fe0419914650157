"""Typed dependencies of the plan routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header


async def _if_match(
    if_match: Annotated[
        str | None,
        Header(
            alias="If-Match",
            description="取得時の ETag(計画の版)。無い場合は 428、古い場合は 412",
        ),
    ] = None,
) -> str | None:
    return if_match


IfMatch = Annotated[str | None, Depends(_if_match)]
"""The If-Match header, passed on raw: the service decides between 428 and 412."""
