"""argon2 hashing for user passwords and machine-client secrets, off the event loop."""

from __future__ import annotations

import asyncio

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from gateway.settings import Settings


class Passwords:
    """One argon2 hasher configured from settings; verification runs in a worker thread."""

    def __init__(self, settings: Settings) -> None:
        self._hasher = PasswordHasher(
            time_cost=settings.argon2_time_cost,
            memory_cost=settings.argon2_memory_kib,
            parallelism=settings.argon2_parallelism,
        )
        # compared against when the account does not exist, so both cases take the same time
        self._dummy = self._hasher.hash("not-a-password")

    def hash(self, secret: str) -> str:
        return self._hasher.hash(secret)

    async def hash_async(self, secret: str) -> str:
        return await asyncio.to_thread(self._hasher.hash, secret)

    def _verify(self, stored: str | None, secret: str) -> bool:
        try:
            return self._hasher.verify(stored or self._dummy, secret) and stored is not None
        except (VerificationError, InvalidHashError):
            return False

    async def verify(self, stored: str | None, secret: str) -> bool:
        return await asyncio.to_thread(self._verify, stored, secret)
