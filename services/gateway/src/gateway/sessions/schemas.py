"""Bodies of the login endpoints."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from chiiki_common.schemas import InputModel, OutputModel

Email = Annotated[
    str, StringConstraints(min_length=3, max_length=254, pattern=r"^[^@\s\x00]+@[^@\s\x00]+$")
]


class LoginIn(InputModel):
    """E-mail address and password."""

    email: Email
    password: Annotated[str, Field(min_length=1, max_length=1024)]


class MeOut(OutputModel):
    """The logged-in user."""

    id: int
    email: str
    name: str
    organisation: str
    organisation_name: str
    tier: str
    roles: list[str]
    designated_city: bool


class LoginOut(OutputModel):
    """The user and the CSRF token to send as ``X-CSRF-Token`` on every unsafe request."""

    user: MeOut
    csrf_token: str
