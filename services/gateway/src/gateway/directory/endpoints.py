"""The directory: organisations and users.

``/internal/directory`` is for services (scope ``directory:read``) and never routed from outside;
``/directory/v1/organisations`` gives any signed-in caller the names behind organisation codes.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from chiiki_common.auth import Role
from chiiki_common.db import SessionDep
from chiiki_common.errors import PROBLEM_RESPONSES
from gateway.directory import repository
from gateway.directory.schemas import DirectoryOrganisation, DirectoryUser, OrganisationCodes
from gateway.models import OrganisationKind
from gateway.sessions.auth import CurrentCaller, DirectoryReader

internal_router = APIRouter(
    prefix="/internal/directory", tags=["directory"], responses=PROBLEM_RESPONSES
)
reader_router = APIRouter(prefix="/directory/v1", tags=["directory"], responses=PROBLEM_RESPONSES)
router = APIRouter()
"""Both, included by the app behind its caller dependency."""

NAMES_CACHE = "private, max-age=3600"
"""Names of local governments change a few times a year (合併): an hour in the browser is plenty."""


@internal_router.get(
    "/users", response_model=list[DirectoryUser], summary="利用者の一覧(サービス間)"
)
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


@internal_router.get(
    "/organisations", response_model=list[DirectoryOrganisation], summary="団体の一覧(サービス間)"
)
async def list_directory_organisations(
    _: DirectoryReader,
    session: SessionDep,
    kind: OrganisationKind | None = None,
    prefecture: Annotated[str | None, Query(pattern=r"^\d{2}(\d{4})?$")] = None,
) -> list[DirectoryOrganisation]:
    """Organisations by kind and prefecture (``43`` or the prefecture's code ``430005``); a
    bureau's entry carries its block."""
    rows = await repository.organisations(
        session,
        kind=kind.value if kind else None,
        prefecture=prefecture[:2] if prefecture else None,
    )
    return [DirectoryOrganisation.model_validate(row) for row in rows]


@reader_router.get(
    "/organisations", response_model=list[DirectoryOrganisation], summary="団体名の参照"
)
async def read_organisations(
    _: CurrentCaller,
    session: SessionDep,
    response: Response,
    codes: Annotated[
        OrganisationCodes | None,
        Query(
            description=(
                "カンマ区切りの団体コード（全国地方公共団体コード6桁、または国の機関の略称）。"
                "最大200件。省略するとすべての団体を返します。"
            ),
        ),
    ] = None,
) -> list[DirectoryOrganisation]:
    """団体コードから団体名・種別・都道府県を返します（ログインした利用者・クライアント向け）。
    地方経済産業局・内閣府沖縄総合事務局（種別 bureau）には管轄の都道府県番号（block）が付きます。

    存在しないコードは結果に含まれません。形式の誤ったコードは 422 になります。
    """
    rows = await repository.organisations(session, codes=codes)
    response.headers["Cache-Control"] = NAMES_CACHE
    return [DirectoryOrganisation.model_validate(row) for row in rows]


router.include_router(internal_router)
router.include_router(reader_router)
