"""Organisations named for people: a prefecture by its name (fixed by law), any other organisation
by the name the gateway's directory gives it, kept in plans-api by :func:`sync`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from chiiki_common.db import create_engine, session_factory
from plans_api.directory import repository
from plans_api.directory.client import DirectoryConnection
from plans_api.organisations import PREFECTURE_NAMES, is_prefecture
from plans_api.settings import Settings

log = structlog.get_logger("plans.directory")


async def sync(
    sessionmaker: async_sessionmaker[AsyncSession], directory: DirectoryConnection
) -> int:
    """Read the directory's organisations into ``organisation_names``; returns how many."""
    organisations = await directory.organisations()
    async with sessionmaker() as session, session.begin():
        await repository.replace_all(session, [o.model_dump() for o in organisations], clock.now())
    log.info("plans.directory.synced", organisations=len(organisations))
    return len(organisations)


async def names_of(session: AsyncSession, codes: Iterable[str]) -> dict[str, str]:
    """The known names of ``codes``, prefectures included."""
    wanted = set(codes)
    names = await repository.names(session, (c for c in wanted if not is_prefecture(c)))
    for code in wanted:
        if is_prefecture(code):
            names[code] = PREFECTURE_NAMES.get(code[:2], code)
    return names


def organisation_label(code: str, names: Mapping[str, str]) -> str:
    """A municipality as 「熊本県菊陽町」, a prefecture as 「熊本県」, a national body by its name.
    A municipality the directory has not named yet reads 「熊本県(団体コード 434043)」."""
    if is_prefecture(code):
        return PREFECTURE_NAMES.get(code[:2], code)
    name = names.get(code)
    if len(code) == 6 and code.isdigit():
        prefecture = PREFECTURE_NAMES.get(code[:2], "")
        if name:
            return name if name.startswith(prefecture) else f"{prefecture}{name}"
        return f"{prefecture}(団体コード {code})"
    return name or code


async def sync_command(settings: Settings, _args: object) -> None:
    """``chiiki-plans-api sync-directory``: read the organisations' names once (the service does it
    at its start and every ``directory_sync_seconds``)."""
    engine = create_engine(settings.database_url)
    try:
        await sync(session_factory(engine), DirectoryConnection(settings))
    finally:
        await engine.dispose()
