"""``chiiki-gateway migrate | serve | seed-demo | import-organisations | create-client | rotate-keys``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common.auth import Tier
from chiiki_common.cli import Command, service_main
from chiiki_common.db import create_engine, session_factory
from gateway import MIGRATIONS
from gateway.demo import DEMO_CLIENTS, DEMO_PASSWORD, DEMO_USERS, seed_demo
from gateway.organisations.importer import ImportFailed, read_file, upsert
from gateway.passwords import Passwords
from gateway.settings import Settings
from gateway.tokens import keyring
from gateway.tokens.service import MACHINE_TIERS, create_client


def _out(line: str = "") -> None:
    sys.stdout.write(line + "\n")


@asynccontextmanager
async def _transaction(settings: Settings) -> AsyncIterator[AsyncSession]:
    engine = create_engine(settings.database_url)
    try:
        async with session_factory(engine)() as session, session.begin():
            yield session
    finally:
        await engine.dispose()


async def _publish_keys(settings: Settings) -> None:
    """Create the first signing key if needed and write the JWKS file the services read, so they
    can verify tokens from the moment they start."""
    engine = create_engine(settings.database_url)
    try:
        await keyring.KeyRing(issuer=settings.jwt_issuer, jwks_file=settings.jwks_file).load(
            session_factory(engine)
        )
    finally:
        await engine.dispose()


def _demo_client_secrets() -> dict[str, str]:
    """Secrets the one-command start made for this installation (``CHIIKI_DEMO_CLIENT_SECRETS``,
    a JSON object of client id → secret); without it the published demo secrets are used."""
    configured = os.environ.get("CHIIKI_DEMO_CLIENT_SECRETS", "").strip()
    if not configured:
        return {}
    secrets = json.loads(configured)
    if not isinstance(secrets, dict):
        raise SystemExit("CHIIKI_DEMO_CLIENT_SECRETS は JSON オブジェクトで指定してください")
    return {str(k): str(v) for k, v in secrets.items()}


async def run_seed_demo(settings: Settings, _: argparse.Namespace) -> None:
    client_secrets = _demo_client_secrets()
    async with _transaction(settings) as session:
        result = await seed_demo(session, Passwords(settings), client_secrets)
    await _publish_keys(settings)
    _out(
        f"デモデータ: 団体 {result.organisations_created} 件、利用者 {result.users_created} 件、"
        f"クライアント {result.clients_created} 件を追加しました"
    )
    _out(f"ログイン (パスワードはすべて {DEMO_PASSWORD}):")
    for user in DEMO_USERS:
        _out(f"  {user.email:42} {user.organisation:11} {user.roles}")
    _out("マシンクライアント (client_id / client_secret):")
    for client in DEMO_CLIENTS:
        secret = client_secrets.get(client.client_id, client.secret)
        _out(f"  {client.client_id:14} {secret:30} {' '.join(client.scopes)}")


async def run_import(settings: Settings, args: argparse.Namespace) -> None:
    try:
        rows = read_file(Path(args.path))
    except ImportFailed as failed:
        for problem in failed.problems:
            sys.stderr.write(problem + "\n")
        raise SystemExit(f"取り込みを中止しました: {failed}") from failed
    async with _transaction(settings) as session:
        result = await upsert(session, rows)
    _out(
        f"{result.total} 件: 追加 {result.created}、更新 {result.updated}、変更なし {result.unchanged}"
    )


async def run_create_client(settings: Settings, args: argparse.Namespace) -> None:
    async with _transaction(settings) as session:
        client, secret = await create_client(
            session,
            Passwords(settings),
            client_id=args.client_id,
            name=args.name or args.client_id,
            tier=Tier(args.tier),
            organisation=args.organisation,
            scopes=args.scopes.split(),
            expires_in_days=args.expires_in_days,
        )
    _out(f"client_id: {client.client_id}")
    _out(f"client_secret: {secret}")
    _out("この秘密鍵は二度と表示されません。安全な場所に保管してください。")


async def run_rotate_keys(settings: Settings, _: argparse.Namespace) -> None:
    async with _transaction(settings) as session:
        key, retired = await keyring.rotate(session)
    await _publish_keys(settings)
    _out(f"新しい署名鍵: {key.kid}" + (f" (廃止: {', '.join(retired)})" if retired else ""))


COMMANDS = [
    Command("seed-demo", "デモ用の団体・利用者・クライアントを登録する", run_seed_demo),
    Command(
        "import-organisations",
        "全国地方公共団体コード (総務省 xlsx または CSV) を取り込む",
        run_import,
        arguments=[(("path",), {"help": "xlsx または CSV のパス"})],
    ),
    Command(
        "create-client",
        "マシンクライアントを登録し秘密鍵を一度だけ表示する",
        run_create_client,
        arguments=[
            (("--client-id",), {"required": True}),
            (("--name",), {"default": ""}),
            (("--tier",), {"required": True, "choices": sorted(t.value for t in MACHINE_TIERS)}),
            (("--organisation",), {"required": True}),
            (("--scopes",), {"required": True, "help": "空白区切り"}),
            (("--expires-in-days",), {"type": int, "default": None}),
        ],
    ),
    Command("rotate-keys", "署名鍵を追加し、二世代より古い鍵を廃止する", run_rotate_keys),
]


def main() -> None:
    service_main(
        prog="chiiki-gateway",
        settings_factory=Settings,
        app_path="gateway.app:create_app",
        migrations=MIGRATIONS,
        commands=COMMANDS,
    )


if __name__ == "__main__":
    main()
