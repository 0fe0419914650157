"""People to write to, looked up in the gateway's directory when a notice is made.

A notice concerns people by role, never every user of an organisation (design §1, §4):

- ``AUTHORS``: the plan's authors and those who speak for the organisation — the editors, the
  approvers and the admins (an admin is an approver with user management) of the organisations
  named. Reminders and notices about a plan go to them.
- ``APPROVERS``: the approvers and admins only (「承認者に依頼する」).
- Viewers of those organisations read along in their daily digest (まとめ通知) unless they opt in to
  instant mail (``MailPreference.instant_mail``); a user holding none of these roles (a national
  reviewer or publisher, say) gets nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from chiiki_common.auth import Role
from notify.mail.outbox import Recipient
from notify.upstream import DirectoryBureau, DirectoryUser, Upstream

AUTHORS = frozenset({Role.editor.value, Role.approver.value, Role.admin.value})
APPROVERS = frozenset({Role.approver.value, Role.admin.value})
READERS = frozenset({Role.viewer.value})
"""Those who read along: digests only, by default."""


class RecipientResolver:
    """Directory look-ups, cached for one tick (the directory is read, never trusted across ticks)."""

    def __init__(self, upstream: Upstream) -> None:
        self._upstream = upstream
        self._users: dict[str, list[DirectoryUser]] = {}
        self._bureaus: list[DirectoryBureau] | None = None

    async def users(self, organisation: str) -> list[DirectoryUser]:
        if organisation not in self._users:
            self._users[organisation] = await self._upstream.users(organisation)
        return self._users[organisation]

    async def bureaus_of(self, prefecture: str) -> frozenset[str]:
        """The bureaus whose block holds ``prefecture`` (two digits): 中部 and its 北陸 branch both
        hold 富山 and 石川."""
        if self._bureaus is None:
            self._bureaus = await self._upstream.bureaus()
        return frozenset(b.code for b in self._bureaus if prefecture in b.block)

    async def for_organisations(
        self,
        organisations: Iterable[str],
        *,
        roles: frozenset[str] = AUTHORS,
        readers: bool = True,
    ) -> list[Recipient]:
        """The users of the organisations holding one of ``roles`` (with a mail address); with
        ``readers``, the viewers too, marked for the digest."""
        found: list[Recipient] = []
        for organisation in sorted(set(organisations)):
            for user in await self.users(organisation):
                held = set(user.roles)
                if not user.email:
                    continue
                if roles & held:
                    digest_only = False
                elif readers and READERS & held:
                    digest_only = True
                else:
                    continue
                found.append(
                    Recipient(
                        user_id=user.id,
                        email=user.email,
                        name=user.name,
                        organisation=user.organisation or organisation,
                        digest_only=digest_only,
                    )
                )
        return found
