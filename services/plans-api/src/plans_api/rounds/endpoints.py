"""``/api/rounds``: the pre-check rounds (先行事例 2026-06-05, 第1弾 2026-07-15, later ones) and
each round's one publication."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from chiiki_common.db import SessionDep
from plans_api.plans import repository
from plans_api.plans import service as plans
from plans_api.plans.schemas import RoundOut
from plans_api.rounds import service
from plans_api.rounds.auth import NationalAdmin, NationalPublisher, NationalUser, RoundReader
from plans_api.rounds.schemas import (
    PublicationIn,
    PublicationOut,
    RoundCode,
    RoundHistoryOut,
    RoundIn,
    RoundPatch,
)

router = APIRouter(prefix="/api/rounds", tags=["rounds"])

CodePath = Annotated[RoundCode, Path(description="回のコード")]


@router.get("", response_model=list[RoundOut])
async def list_rounds(session: SessionDep, principal: RoundReader) -> list[RoundOut]:
    """Every round. ``last_day`` is the day 「…までに」 names (JST; a request at any moment of it
    counts); ``cutoff_at`` is the exclusive end (00:00 JST of the next day, in UTC). A plan's round
    is derived from the day its lead first asked for the pre-check."""
    return [plans.round_out(r) for r in await repository.all_rounds(session)]


@router.post("", response_model=RoundOut, status_code=status.HTTP_201_CREATED)
async def create_round(body: RoundIn, session: SessionDep, principal: NationalAdmin) -> RoundOut:
    """Add a round (national admin). A later batch takes every plan first asked after the
    previous batch's cutoff and until its own."""
    return plans.round_out(await service.add_round(session, principal, body))


@router.patch("/{code}", response_model=RoundOut)
async def update_round(
    code: CodePath, body: RoundPatch, session: SessionDep, principal: NationalAdmin
) -> RoundOut:
    """Change a round's name, last day or review target date (national admin), until its cutoff
    passes (409 after); every version is kept in the round's history."""
    return plans.round_out(await service.update_round(session, principal, code, body))


@router.get("/{code}/history", response_model=list[RoundHistoryOut])
async def round_history(
    code: CodePath, session: SessionDep, principal: RoundReader
) -> list[RoundHistoryOut]:
    """Every creation and edit of the round, oldest first (append-only)."""
    return [RoundHistoryOut.model_validate(h) for h in await service.history(session, code)]


@router.get("/{code}/publication", response_model=PublicationOut)
async def get_publication(
    code: CodePath, session: SessionDep, principal: NationalUser
) -> PublicationOut:
    """The round's publication: while scheduled, which plans are ready now and which are not (with
    the reason); once done, what was published at that instant and what was left out."""
    return await service.get_publication(session, code)


@router.put("/{code}/publication", response_model=PublicationOut)
async def schedule_publication(
    code: CodePath, body: PublicationIn, session: SessionDep, principal: NationalPublisher
) -> PublicationOut:
    """Schedule (or move) the round's one publication (national publisher): at ``publish_at``
    every plan of the round that is ready (formally submitted, content as pre-checked) is
    published at that same instant; the others are listed and left out, and can still be published
    one by one later. Durable: a task carries it out at the moment, also after a restart."""
    return await service.schedule_publication(session, principal, code, body)


@router.delete(
    "/{code}/publication",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
)
async def cancel_publication(
    code: CodePath, session: SessionDep, principal: NationalPublisher
) -> Response:
    """Cancel a scheduled publication (national publisher); a done one cannot be undone."""
    await service.cancel_publication(session, principal, code)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
