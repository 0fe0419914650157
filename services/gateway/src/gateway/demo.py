"""The demo: organisations (with the bureaus' blocks), a user for every tier and role, and the machine
clients of the platform.

Idempotent: what exists is left as it is. Demo passwords and client secrets are public by design
(README lists them); a production installation creates its clients with ``create-client``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.auth import Tier
from gateway.models import MachineClient, User
from gateway.organisations.importer import bundled_blocks, bundled_rows, replace_blocks, upsert
from gateway.passwords import Passwords
from gateway.tokens.service import create_client

DEMO_PASSWORD = "Demo-2026!"  # noqa: S105 (the published demo password)


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    organisation: str
    roles: str
    """Space separated, as ``User.roles`` holds them."""
    listed_as: str | None = None
    """The role the one-command start (``scripts/run.py``) names beside the login; None: not listed
    there."""

    @property
    def login_label(self) -> str | None:
        """「熊本県(編集)」: the organisation as the name gives it, and the role listed."""
        return f"{self.name.split()[0]}({self.listed_as})" if self.listed_as else None


DEMO_USERS = (
    DemoUser("cas-reviewer@demo.example.jp", "内閣官房 審査担当", "cas", "reviewer", "審査"),
    DemoUser("cas-publisher@demo.example.jp", "内閣官房 公表担当", "cas", "publisher", "公表"),
    DemoUser(
        "cas-admin@demo.example.jp", "内閣官房 管理者", "cas", "admin reviewer publisher", "管理者"
    ),
    DemoUser("meti-reviewer@demo.example.jp", "経済産業省 審査担当", "meti", "reviewer", "審査"),
    DemoUser("kumamoto-editor@demo.example.jp", "熊本県 作成担当", "430005", "editor", "編集"),
    DemoUser("kumamoto-approver@demo.example.jp", "熊本県 承認担当", "430005", "approver", "承認"),
    DemoUser("kumamoto-admin@demo.example.jp", "熊本県 管理者", "430005", "admin", "管理者"),
    DemoUser("kumamoto-viewer@demo.example.jp", "熊本県 閲覧者", "430005", "viewer", "閲覧"),
    DemoUser("kumamoto-city-editor@demo.example.jp", "熊本市 作成担当", "431001", "editor", "編集"),
    DemoUser(
        "kumamoto-city-approver@demo.example.jp", "熊本市 承認担当", "431001", "approver", "承認"
    ),
    DemoUser("kikuyo-editor@demo.example.jp", "菊陽町 作成担当", "434043", "editor", "編集"),
    DemoUser("kikuyo-approver@demo.example.jp", "菊陽町 承認担当", "434043", "approver", "承認"),
    DemoUser("fukuoka-editor@demo.example.jp", "福岡県 作成担当", "400009", "editor", "編集"),
    DemoUser("fukuoka-approver@demo.example.jp", "福岡県 承認担当", "400009", "approver", "承認"),
    DemoUser(
        "meti-kyushu-editor@demo.example.jp",
        "九州経済産業局 作成担当",
        "meti-kyushu",
        "editor",
        "編集",
    ),
    DemoUser(
        "meti-kyushu-approver@demo.example.jp",
        "九州経済産業局 承認担当",
        "meti-kyushu",
        "approver",
        "承認",
    ),
    DemoUser(
        "meti-kyushu-admin@demo.example.jp",
        "九州経済産業局 管理者",
        "meti-kyushu",
        "admin",
        "管理者",
    ),
    DemoUser(
        "meti-kyushu-viewer@demo.example.jp", "九州経済産業局 閲覧者", "meti-kyushu", "viewer"
    ),
)


@dataclass(frozen=True)
class DemoClient:
    client_id: str
    name: str
    tier: Tier
    organisation: str
    scopes: tuple[str, ...]

    @property
    def secret(self) -> str:
        return f"demo-{self.client_id}-secret"


DEMO_CLIENTS = (
    DemoClient(
        "maff-subsidy",
        "農林水産省 補助金審査システム",
        Tier.ministry_system,
        "maff",
        ("registry:read",),
    ),
    DemoClient(
        "svc-scoring", "scoring-api", Tier.service, "scoring-api", ("plans:core-companies:write",)
    ),
    DemoClient(
        "svc-notify",
        "notify",
        Tier.service,
        "notify",
        ("events:read", "directory:read", "plans:read", "scoring:read"),
    ),
    DemoClient("svc-plans", "plans-api", Tier.service, "plans-api", ("directory:read",)),
)


@dataclass(frozen=True)
class SeedResult:
    organisations_created: int
    users_created: int
    clients_created: int


async def seed_demo(
    session: AsyncSession, passwords: Passwords, client_secrets: Mapping[str, str] | None = None
) -> SeedResult:
    """Seed what is missing; ``client_secrets`` (client id → secret) replaces the published demo
    secrets, as the one-command start does with secrets it makes once per installation."""
    organisations = await upsert(session, bundled_rows())
    await replace_blocks(session, bundled_blocks())
    existing_users = set(await session.scalars(select(User.email)))
    users = 0
    # one hash for the one published password: argon2 is deliberately slow
    password_hash = await passwords.hash_async(DEMO_PASSWORD)
    for demo_user in DEMO_USERS:
        if demo_user.email in existing_users:
            continue
        session.add(
            User(
                email=demo_user.email,
                name=demo_user.name,
                organisation_code=demo_user.organisation,
                roles=demo_user.roles,
                password_hash=password_hash,
                active=True,
                created_at=clock.now(),
            )
        )
        users += 1
    await session.flush()
    existing_clients = set(await session.scalars(select(MachineClient.client_id)))
    clients = 0
    for demo in DEMO_CLIENTS:
        if demo.client_id in existing_clients:
            continue
        await create_client(
            session,
            passwords,
            client_id=demo.client_id,
            name=demo.name,
            tier=demo.tier,
            organisation=demo.organisation,
            scopes=list(demo.scopes),
            secret=(client_secrets or {}).get(demo.client_id, demo.secret),
        )
        clients += 1
    return SeedResult(organisations.created, users, clients)
