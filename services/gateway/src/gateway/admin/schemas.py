"""Bodies of the administration endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from chiiki_common.auth import Role
from chiiki_common.schemas import InputModel, Name, OutputModel
from gateway.sessions.schemas import Email

Password = Annotated[str, StringConstraints(min_length=10, max_length=256)]
Scope = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9:._-]{0,63}$")]


class UserCreate(InputModel):
    """A new user of the administrator's own organisation (the organisation is never sent)."""

    email: Email
    name: Name
    password: Password
    roles: Annotated[list[Role], Field(min_length=1, max_length=4)]


class UserOut(OutputModel):
    id: int
    email: str
    name: str
    organisation: str = Field(validation_alias="organisation_code")
    roles: list[str] = Field(validation_alias="role_list")
    active: bool
    created_at: datetime


class ClientCreate(InputModel):
    """A machine client: a ministry's system (registry only) or one of the platform's services."""

    client_id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{2,63}$")]
    name: Name
    tier: Literal["ministry_system", "service"]
    organisation: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]{2,20}$")]
    scopes: Annotated[list[Scope], Field(min_length=1, max_length=20)]
    expires_in_days: Annotated[int | None, Field(ge=1, le=3650)] = None


class ClientOut(OutputModel):
    client_id: str
    name: str
    tier: str
    organisation: str
    scopes: list[str]
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    previous_secret_expires_at: datetime | None


class ClientSecretOut(OutputModel):
    """The client and its secret: shown this once, never again."""

    client: ClientOut
    client_secret: str
