"""Administration: an organisation's admin manages its users; a national admin manages machine
clients (ministry systems and the platform's services)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from chiiki_common.db import SessionDep
from chiiki_common.errors import PROBLEM_RESPONSES
from chiiki_common.schemas import Page
from gateway.admin import repository, service
from gateway.admin.schemas import ClientCreate, ClientOut, ClientSecretOut, UserCreate, UserOut
from gateway.models import MachineClient
from gateway.runtime import GatewayDep
from gateway.sessions.auth import NationalAdmin, OrganisationAdmin
from gateway.tokens import repository as client_repository

router = APIRouter(prefix="/admin", tags=["admin"], responses=PROBLEM_RESPONSES)

UserId = Annotated[int, Path(ge=1, le=2**63 - 1)]
ClientId = Annotated[str, Path(max_length=64)]


def _client_out(client: MachineClient) -> ClientOut:
    return ClientOut(
        client_id=client.client_id,
        name=client.name,
        tier=client.tier,
        organisation=client.organisation,
        scopes=client.scopes.split(),
        created_at=client.created_at,
        expires_at=client.expires_at,
        revoked_at=client.revoked_at,
        previous_secret_expires_at=client.previous_secret_expires_at,
    )


@router.get("/users", response_model=Page[UserOut], summary="自団体の利用者一覧")
async def list_users(
    admin: OrganisationAdmin,
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
) -> Page[UserOut]:
    """Users of the administrator's own organisation."""
    users, total = await repository.users_of(
        session, admin.organisation, limit=limit, offset=offset
    )
    return Page(
        items=[UserOut.model_validate(u) for u in users], total=total, limit=limit, offset=offset
    )


@router.post("/users", response_model=UserOut, status_code=201, summary="自団体の利用者を登録")
async def create_user(
    body: UserCreate, admin: OrganisationAdmin, session: SessionDep, gateway: GatewayDep
) -> UserOut:
    """Register a user in the administrator's organisation with roles from viewer to admin
    (national organisations may also grant reviewer and publisher)."""
    user = await service.create_user(session, gateway, admin, body)
    return UserOut.model_validate(user)


@router.post("/users/{user_id}/deactivate", response_model=UserOut, summary="利用者を無効化")
async def deactivate_user(
    user_id: UserId, admin: OrganisationAdmin, session: SessionDep, gateway: GatewayDep
) -> UserOut:
    """Deactivate a user of the administrator's organisation; their sessions end at once."""
    user = await service.deactivate_user(session, gateway, admin, user_id)
    return UserOut.model_validate(user)


@router.get("/clients", response_model=list[ClientOut], summary="マシンクライアント一覧")
async def list_clients(_: NationalAdmin, session: SessionDep) -> list[ClientOut]:
    """Every machine client, without secrets."""
    return [_client_out(c) for c in await client_repository.list_clients(session)]


@router.post(
    "/clients", response_model=ClientSecretOut, status_code=201, summary="マシンクライアントを登録"
)
async def create_client(
    body: ClientCreate, admin: NationalAdmin, session: SessionDep, gateway: GatewayDep
) -> ClientSecretOut:
    """Register a machine client; its secret is in this response only."""
    client, secret = await service.create_client(session, gateway, admin, body)
    return ClientSecretOut(client=_client_out(client), client_secret=secret)


@router.post("/clients/{client_id}/rotate", response_model=ClientSecretOut, summary="秘密鍵を更新")
async def rotate_client_secret(
    client_id: ClientId, admin: NationalAdmin, session: SessionDep, gateway: GatewayDep
) -> ClientSecretOut:
    """A new secret (shown once); the previous one keeps working for the grace period."""
    client, secret = await service.rotate_client_secret(session, gateway, admin, client_id)
    return ClientSecretOut(client=_client_out(client), client_secret=secret)


@router.post("/clients/{client_id}/revoke", response_model=ClientOut, summary="クライアントを失効")
async def revoke_client(
    client_id: ClientId, admin: NationalAdmin, session: SessionDep
) -> ClientOut:
    """Revoke a client: it can no longer obtain tokens."""
    return _client_out(await service.revoke_client(session, admin, client_id))
