"""Rules of administration: organisation admins manage their own people; national admins manage
machine clients. Everything is audited in the same transaction."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Role, Tier
from chiiki_common.db import after_commit
from chiiki_common.errors import Conflict, FieldProblem, NotFound, ValidationFailed
from gateway.admin import repository
from gateway.admin.schemas import ClientCreate, UserCreate
from gateway.models import AuditRecord, MachineClient, OrganisationKind, User
from gateway.runtime import Gateway
from gateway.sessions.repository import revoke_user_sessions
from gateway.sessions.store import SessionView
from gateway.tokens import repository as client_repository
from gateway.tokens import service as tokens

ORGANISATION_ROLES = frozenset({Role.viewer, Role.editor, Role.approver, Role.admin})
NATIONAL_ROLES = ORGANISATION_ROLES | {Role.reviewer, Role.publisher}
ROLE_LABELS = {
    Role.viewer: "閲覧者",
    Role.editor: "作成者",
    Role.approver: "承認者",
    Role.admin: "管理者",
    Role.reviewer: "審査担当",
    Role.publisher: "公表担当",
}
"""The roles as the SPA names them (frontend/src/auth/types.ts)."""


async def create_user(
    session: AsyncSession, gateway: Gateway, admin: SessionView, body: UserCreate
) -> User:
    """A user of the admin's own organisation; reviewer and publisher exist only nationally."""
    allowed = NATIONAL_ROLES if admin.tier is Tier.national else ORGANISATION_ROLES
    refused = [role for role in body.roles if role not in allowed]
    if refused:
        raise ValidationFailed(
            errors=[
                FieldProblem(
                    field="roles", message=f"この団体では付与できない役割です:{ROLE_LABELS[r]}"
                )
                for r in refused
            ]
        )
    if await repository.email_taken(session, body.email):
        raise Conflict("このメールアドレスは既に登録されています")
    user = User(
        email=body.email,
        name=body.name,
        organisation_code=admin.organisation,
        roles=" ".join(dict.fromkeys(r.value for r in body.roles)),
        password_hash=await gateway.passwords.hash_async(body.password),
        active=True,
        created_at=clock.now(),
    )
    session.add(user)
    await session.flush()
    await record_audit(
        session,
        AuditRecord,
        admin.principal(),
        action="user.create",
        resource_type="user",
        resource_id=user.id,
    )
    return user


async def deactivate_user(
    session: AsyncSession, gateway: Gateway, admin: SessionView, user_id: int
) -> User:
    """Deactivate a user of the admin's organisation and end their sessions (404 elsewhere)."""
    user = await repository.user_of(session, admin.organisation, user_id)
    if user is None:
        raise NotFound()
    if user.id == admin.user_id:
        raise Conflict("自分自身を無効にすることはできません")
    user.active = False
    await revoke_user_sessions(session, user.id)
    await session.flush()
    await record_audit(
        session,
        AuditRecord,
        admin.principal(),
        action="user.deactivate",
        resource_type="user",
        resource_id=user.id,
    )

    async def forget() -> None:
        gateway.sessions.forget_user(user_id)

    gateway.sessions.forget_user(user_id)
    after_commit(session, forget)
    return user


async def create_client(
    session: AsyncSession, gateway: Gateway, admin: SessionView, body: ClientCreate
) -> tuple[MachineClient, str]:
    if body.tier == Tier.ministry_system.value:
        owner = await repository.organisation(session, body.organisation)
        if owner is None or owner.kind not in (
            OrganisationKind.ministry,
            OrganisationKind.national,
        ):
            raise ValidationFailed(
                errors=[
                    FieldProblem(field="organisation", message="省庁の団体コードを指定してください")
                ]
            )
    if await client_repository.get_client(session, body.client_id) is not None:
        raise Conflict("このクライアント ID は既に使われています")
    client, secret = await tokens.create_client(
        session,
        gateway.passwords,
        client_id=body.client_id,
        name=body.name,
        tier=Tier(body.tier),
        organisation=body.organisation,
        scopes=body.scopes,
        expires_in_days=body.expires_in_days,
    )
    await record_audit(
        session,
        AuditRecord,
        admin.principal(),
        action="client.create",
        resource_type="machine_client",
        resource_id=client.client_id,
    )
    return client, secret


async def _client(session: AsyncSession, client_id: str) -> MachineClient:
    client = await client_repository.get_client(session, client_id)
    if client is None:
        raise NotFound()
    return client


async def rotate_client_secret(
    session: AsyncSession, gateway: Gateway, admin: SessionView, client_id: str
) -> tuple[MachineClient, str]:
    client = await _client(session, client_id)
    if client.revoked_at is not None:
        raise Conflict("失効したクライアントの秘密鍵は更新できません")
    secret = await tokens.rotate_secret(session, gateway.passwords, client, gateway.settings)
    await record_audit(
        session,
        AuditRecord,
        admin.principal(),
        action="client.rotate",
        resource_type="machine_client",
        resource_id=client_id,
    )
    return client, secret


async def revoke_client(session: AsyncSession, admin: SessionView, client_id: str) -> MachineClient:
    """Revoke a client: no new tokens; tokens already issued expire within minutes."""
    client = await _client(session, client_id)
    if client.revoked_at is None:
        client.revoked_at = clock.now()
        await session.flush()
        await record_audit(
            session,
            AuditRecord,
            admin.principal(),
            action="client.revoke",
            resource_type="machine_client",
            resource_id=client_id,
        )
    return client
