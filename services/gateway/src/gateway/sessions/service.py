"""Login and logout: server-side sessions, failed logins throttled per account and per client IP."""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from datetime import timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.db import after_commit
from chiiki_common.errors import TooManyRequests
from gateway.models import AuditRecord, LoginSession, User
from gateway.runtime import Gateway
from gateway.sessions import repository
from gateway.sessions.schemas import MeOut
from gateway.sessions.store import SessionView, session_key, session_view

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


def _too_many(seconds: int) -> TooManyRequests:
    return TooManyRequests(
        "ログインの失敗が続いたため、しばらくログインできません",
        headers={"Retry-After": str(seconds)},
    )


def _account_lock_seconds(gateway: Gateway, user: User) -> int | None:
    settings = gateway.settings
    if (
        user.failed_login_count < settings.login_max_failures_per_account
        or not user.last_failed_login_at
    ):
        return None
    until = user.last_failed_login_at + timedelta(seconds=settings.login_lockout_seconds)
    remaining = (until - clock.now()).total_seconds()
    return math.ceil(remaining) if remaining > 0 else None


async def login(
    session: AsyncSession, gateway: Gateway, *, email: str, password: str, client_ip: str
) -> OpenedSession | None:
    """A new session for the right password; ``None`` (and one more failure counted) otherwise.

    Throttled before the password is even checked, so a locked account answers 429 either way.
    """
    retry_ip = gateway.login_failures_by_ip.retry_after(client_ip)
    if retry_ip is not None:
        raise _too_many(retry_ip)
    user = await repository.user_by_email(session, email)
    if user is not None and (retry := _account_lock_seconds(gateway, user)) is not None:
        raise _too_many(retry)
    valid = await gateway.passwords.verify(user.password_hash if user else None, password)
    if user is None or not valid or not user.active:
        gateway.login_failures_by_ip.fail(client_ip)
        if user is not None:
            _count_failure(gateway, user)
            await session.flush()
        log.info("auth.login.failed", user_known=user is not None)
        return None
    user.failed_login_count = 0
    user.last_failed_login_at = None
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


def _count_failure(gateway: Gateway, user: User) -> None:
    now = clock.now()
    window = timedelta(seconds=gateway.settings.login_lockout_seconds)
    if user.last_failed_login_at is None or user.last_failed_login_at + window <= now:
        user.failed_login_count = 0
    user.failed_login_count += 1
    user.last_failed_login_at = now


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
