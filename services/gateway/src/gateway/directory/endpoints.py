"""Service-to-service directory (scope ``directory:read``); never routed from outside."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from chiiki_common.auth import Role
from chiiki_common.db import SessionDep
from gateway.directory import repository
from gateway.directory.schemas import DirectoryOrganisation, DirectoryUser
from gateway.models import OrganisationKind
from gateway.sessions.auth import DirectoryReader

router = APIRouter(prefix="/internal/directory", tags=["directory"])


@router.get("/users", response_model=list[DirectoryUser], summary="利用者の一覧(サービス間)")
async def list_directory_users(
    _: DirectoryReader,
    session: SessionDep,
    organisation: Annotated[str | None, Query(max_length=20)] = None,
    role: Role | None = None,
) -> list[DirectoryUser]:
    """Active users of an organisation holding a role (an approver query includes admins)."""
    rows = await repository.users(session, organisation=organisation, role=role)
    return [
        DirectoryUser(
            id=user.id,
            email=user.email,
            name=user.name,
            organisation=org.code,
            organisation_name=org.name,
            tier=OrganisationKind(org.kind).tier.value,
            roles=user.role_list,
        )
        for user, org in rows
    ]


@router.get(
    "/organisations", response_model=list[DirectoryOrganisation], summary="団体の一覧(サービス間)"
)
async def list_directory_organisations(
    _: DirectoryReader,
    session: SessionDep,
    kind: OrganisationKind | None = None,
    prefecture: Annotated[str | None, Query(pattern=r"^\d{2}(\d{4})?$")] = None,
) -> list[DirectoryOrganisation]:
    """Organisations by kind and prefecture (``43`` or the prefecture's code ``430005``)."""
    rows = await repository.organisations(
        session,
        kind=kind.value if kind else None,
        prefecture=prefecture[:2] if prefecture else None,
    )
    return [DirectoryOrganisation.model_validate(row) for row in rows]
