"""People to write to, looked up in the gateway's directory when a notice is made."""

from __future__ import annotations

from collections.abc import Iterable

from notify.mail.outbox import Recipient
from notify.upstream import DirectoryUser, Upstream


class RecipientResolver:
    """Directory look-ups, cached for one tick (the directory is read, never trusted across ticks)."""

    def __init__(self, upstream: Upstream) -> None:
        self._upstream = upstream
        self._users: dict[str, list[DirectoryUser]] = {}

    async def users(self, organisation: str) -> list[DirectoryUser]:
        if organisation not in self._users:
            self._users[organisation] = await self._upstream.users(organisation)
        return self._users[organisation]

    async def for_organisations(
        self, organisations: Iterable[str], *, roles: frozenset[str] | None = None
    ) -> list[Recipient]:
        """Every user of the organisations with a mail address (only ``roles`` when given)."""
        found: list[Recipient] = []
        for organisation in sorted(set(organisations)):
            for user in await self.users(organisation):
                if not user.email or (roles is not None and not roles & set(user.roles)):
                    continue
                found.append(
                    Recipient(
                        user_id=user.id,
                        email=user.email,
                        name=user.name,
                        organisation=user.organisation or organisation,
                    )
                )
        return found
