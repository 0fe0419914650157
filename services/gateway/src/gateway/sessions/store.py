"""Session lookups for every cookie-authenticated request, cached briefly in this process.

The proxy path must not query the database per request: a session is cached for a few seconds
(bounded), its minted access token until a minute before it expires. Logout in this process forgets
both at once; another process sees the revocation when its short cache entry lapses.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from chiiki_common.auth import Principal, Role, Tier
from gateway.models import LoginSession, Organisation, OrganisationKind, User
from gateway.sessions import repository as repo

USER_AUDIENCES_BY_TIER: dict[Tier, list[str]] = {
    Tier.national: ["plans-api", "scoring-api", "notify"],
    Tier.prefecture: ["plans-api", "scoring-api", "notify"],
    Tier.municipality: ["plans-api", "scoring-api", "notify"],
    Tier.bureau: ["plans-api", "notify"],
}
"""The services a user's token is for (never the gateway: it knows its users by their session).
A bureau holds no company figures, calls or scores, so its token is not for scoring-api."""
TOKEN_REFRESH_MARGIN_SECONDS = 60
T = TypeVar("T")


def session_key(cookie_value: str) -> str:
    """What is stored and cached: the SHA-256 of the cookie value, never the value itself."""
    return hashlib.sha256(cookie_value.encode()).hexdigest()


@dataclass(frozen=True)
class SessionView:
    key: str
    user_id: int
    email: str
    name: str
    organisation: str
    organisation_name: str
    tier: Tier
    roles: tuple[str, ...]
    designated_city: bool
    csrf_token: str
    expires_at: datetime
    block: tuple[str, ...] = ()
    """A bureau's prefectures (two-digit numbers); empty for any other organisation."""

    @property
    def audiences(self) -> list[str]:
        return USER_AUDIENCES_BY_TIER[self.tier]

    def principal(self) -> Principal:
        return self._principal

    @cached_property
    def _principal(self) -> Principal:
        """Built once per view (a view is cached and read by every request of its session)."""
        return Principal(
            subject=str(self.user_id),
            tier=self.tier,
            organisation=self.organisation,
            roles=frozenset(Role(r) for r in self.roles),
            name=self.name,
            designated_city=self.designated_city,
            block=frozenset(self.block),
        )


Mint = Callable[["SessionView"], tuple[str, int]]
"""Mints a user token for a session: the token and its lifetime in seconds."""


def session_view(key: str, login: LoginSession, user: User, org: Organisation) -> SessionView:
    """The session of ``user`` of ``org`` (its ``block_members`` loaded)."""
    return SessionView(
        key=key,
        user_id=user.id,
        email=user.email,
        name=user.name,
        organisation=org.code,
        organisation_name=org.name,
        tier=OrganisationKind(org.kind).tier,
        roles=tuple(user.role_list),
        designated_city=org.designated_city,
        csrf_token=login.csrf_token,
        expires_at=login.expires_at,
        block=tuple(org.block),
    )


class SessionStore:
    def __init__(
        self, maker: async_sessionmaker[AsyncSession], *, ttl_seconds: float, max_entries: int
    ) -> None:
        self._maker = maker
        self._ttl = ttl_seconds
        self._max = max_entries
        self._sessions: OrderedDict[str, tuple[float, SessionView]] = OrderedDict()
        self._tokens: OrderedDict[str, tuple[float, str]] = OrderedDict()

    async def lookup(self, cookie_value: str) -> SessionView | None:
        key = session_key(cookie_value)
        cached = self._sessions.get(key)
        if cached is not None and cached[0] > time.monotonic():
            view = cached[1]
        else:
            found = await self._load(key)
            if found is None:
                self.forget(key)
                return None
            view = found
            self._remember(self._sessions, key, (time.monotonic() + self._ttl, view))
        if view.expires_at <= clock.now():
            self.forget(key)
            return None
        return view

    async def _load(self, key: str) -> SessionView | None:
        async with self._maker() as session:
            row = await repo.live_session(session, key)
        return session_view(key, *row) if row else None

    def access_token(self, view: SessionView, mint: Mint) -> str:
        """The session's short-lived JWT for the services, minted again shortly before expiry."""
        cached = self._tokens.get(view.key)
        now = time.monotonic()
        if cached is not None and cached[0] > now:
            return cached[1]
        token, lifetime = mint(view)
        self._remember(
            self._tokens, view.key, (now + lifetime - TOKEN_REFRESH_MARGIN_SECONDS, token)
        )
        return token

    def forget(self, key: str) -> None:
        self._sessions.pop(key, None)
        self._tokens.pop(key, None)

    def forget_user(self, user_id: int) -> None:
        for key in [k for k, (_, v) in self._sessions.items() if v.user_id == user_id]:
            self.forget(key)

    def _remember(
        self, cache: OrderedDict[str, tuple[float, T]], key: str, value: tuple[float, T]
    ) -> None:
        cache[key] = value
        cache.move_to_end(key)
        while len(cache) > self._max:
            cache.popitem(last=False)
