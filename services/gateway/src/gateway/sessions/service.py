"""Login and logout: server-side sessions; failed logins throttled per account and client address."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.db import after_commit
from chiiki_common.errors import ProblemError
from gateway.models import AuditRecord, LoginSession
from gateway.runtime import Gateway
from gateway.sessions import repository
from gateway.sessions.schemas import MeOut
from gateway.sessions.store import SessionView, session_key, session_view
from gateway.throttle.service import Kind

log = structlog.get_logger("gateway.sessions")


@dataclass(frozen=True)
class OpenedSession:
    cookie_value: str
    view: SessionView


def me(view: SessionView) -> MeOut:
    return MeOut(
        id=view.user_id,
        email=view.email,
        name=view.name,
        organisation=view.organisation,
        organisation_name=view.organisation_name,
        tier=view.tier.value,
        roles=list(view.roles),
        designated_city=view.designated_city,
    )


class InvalidCredentials(ProblemError):
    """The same answer for a wrong password, an unknown and an inactive account."""

    status, slug, title = 401, "unauthorized", "メールアドレスまたはパスワードが正しくありません"

    def __init__(self) -> None:
        super().__init__(headers={"WWW-Authenticate": 'Cookie realm="chiiki"'})


async def login(
    session: AsyncSession, gateway: Gateway, *, email: str, password: str, client_address: str
) -> OpenedSession:
    """A new session for the right password; :class:`InvalidCredentials` otherwise.

    Throttled per e-mail address and client address together (:mod:`gateway.throttle.service`)
    before the password is checked. An unknown account is checked against a dummy hash, so every
    refusal costs the same argon2 verification and gives the same answer.
    """
    attempt = await gateway.throttle.admit(Kind.login, email, client_address)
    user = await repository.user_by_email(session, email)
    valid = await gateway.passwords.verify(user.password_hash if user else None, password)
    if user is None or not valid or not user.active:
        await gateway.throttle.failed(attempt)
        log.info("auth.login.failed", user_known=user is not None)
        raise InvalidCredentials()
    await gateway.throttle.succeeded(attempt)
    now = clock.now()
    cookie_value = secrets.token_urlsafe(32)
    login_session = LoginSession(
        id=session_key(cookie_value),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + timedelta(hours=gateway.settings.session_hours),
    )
    session.add(login_session)
    view = session_view(login_session.id, login_session, user, user.organisation)
    await record_audit(
        session,
        AuditRecord,
        view.principal(),
        action="auth.login",
        resource_type="user",
        resource_id=user.id,
    )
    await session.flush()
    log.info("auth.login.succeeded", user_id=user.id, org=user.organisation_code)
    return OpenedSession(cookie_value, view)


async def logout(session: AsyncSession, gateway: Gateway, view: SessionView) -> None:
    """Revoke the server-side session: the cookie is worthless from now on."""
    await repository.revoke_session(session, view.key)
    gateway.sessions.forget(view.key)

    async def forget() -> None:
        # a request racing this one may have cached the session again before the commit
        gateway.sessions.forget(view.key)

    after_commit(session, forget)
    await record_audit(
        session,
        AuditRecord,
        view.principal(),
        action="auth.logout",
        resource_type="user",
        resource_id=view.user_id,
    )
