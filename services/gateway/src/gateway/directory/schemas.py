"""Directory entries the services read (notify addresses people by organisation and role)."""

from __future__ import annotations

from chiiki_common.schemas import OutputModel


class DirectoryUser(OutputModel):
    id: int
    email: str
    name: str
    organisation: str
    organisation_name: str
    tier: str
    roles: list[str]


class DirectoryOrganisation(OutputModel):
    code: str
    name: str
    kind: str
    prefecture: str | None
