"""Bodies of the token endpoints (RFC 6749 and RFC 7517 shapes)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class TokenOut(BaseModel):
    """RFC 6749 §5.1 access token response."""

    access_token: str
    token_type: str = "Bearer"  # noqa: S105 (the RFC 6749 token type, not a secret)
    expires_in: int
    scope: str


class OAuthErrorOut(BaseModel):
    """RFC 6749 §5.2 error response."""

    error: str
    error_description: str | None = None


class JWKSOut(BaseModel):
    """RFC 7517 JSON Web Key Set: every public key that may have signed a live token."""

    keys: list[dict[str, Any]]
