"""Start the whole system, embedded default: SQLite files, a local mail sink, four services.

Migrates and seeds every service, starts each as its own process, waits until all answer, prints the
address and the demo logins, and stops everything on Ctrl-C (or when any process dies).

    uv run python scripts/run.py [--port 8000] [--var var] [--upstream-base 8100] [--smtp-port 8025]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from chiiki_common.auth import Tier
from chiiki_common.clock import shared_anchor_environment
from gateway.demo import DEMO_CLIENTS, DEMO_PASSWORD, DEMO_USERS

ROOT = Path(__file__).resolve().parents[1]

MACHINE_CLIENTS = tuple(client.client_id for client in DEMO_CLIENTS)
"""Machine clients whose secrets the demo makes once and hands to the gateway's seed."""
SERVICE_CLIENTS = {c.organisation: c.client_id for c in DEMO_CLIENTS if c.tier is Tier.service}
"""The client each service calls the others with; a service's client speaks for the service
(its organisation is the service's name, ``plans-api``)."""
MINISTRY_CLIENT = next(c.client_id for c in DEMO_CLIENTS if c.tier is Tier.ministry_system)
"""The ministry system's client the banner names with its secret."""


@dataclass(frozen=True)
class Service:
    name: str
    command: str
    prefix: str
    port: int
    database: str
    demo: bool = True
    """Whether the service has demo data of its own (notify reads its deadlines from the others)."""


def service_secrets(var: Path) -> dict[str, str]:
    """Secrets of the service clients, made once per installation and kept in var/."""
    path = var / "service-clients.json"
    if path.exists():
        stored: dict[str, str] = json.loads(path.read_text())
        if set(stored) >= set(MACHINE_CLIENTS):
            return stored
    made = {client: secrets.token_urlsafe(32) for client in MACHINE_CLIENTS}
    path.write_text(json.dumps(made))
    path.chmod(0o600)
    return made


def environment(args: argparse.Namespace, services: list[Service], var: Path) -> dict[str, str]:
    env = shared_anchor_environment(dict(os.environ))
    gateway = f"http://127.0.0.1:{args.port}"
    urls = {s.name: f"http://127.0.0.1:{s.port}" for s in services}
    client_secrets = service_secrets(var)
    env["CHIIKI_DEMO_CLIENT_SECRETS"] = json.dumps(client_secrets)
    for service in services:
        p = service.prefix
        # A database URL the operator set (PostgreSQL, say) wins over the embedded SQLite file.
        env[f"{p}DATABASE_URL"] = os.environ.get(
            f"{p}DATABASE_URL", f"sqlite+aiosqlite:///{var / service.database}"
        )
        env[f"{p}ENVIRONMENT"] = "development"
        env[f"{p}PORT"] = str(service.port)
        env[f"{p}JWKS_URL"] = f"{gateway}/.well-known/jwks.json"
        env[f"{p}GATEWAY_URL"] = gateway
        env[f"{p}PUBLIC_BASE_URL"] = gateway
        env[f"{p}PLANS_URL"] = urls["plans-api"]
        env[f"{p}SCORING_URL"] = urls["scoring-api"]
        env[f"{p}NOTIFY_URL"] = urls["notify"]
        env[f"{p}SMTP_HOST"] = "127.0.0.1"
        env[f"{p}SMTP_PORT"] = str(args.smtp_port)
        env[f"{p}MAIL_DIR"] = str(var / "mail")
        env[f"{p}ATTACHMENT_FOLDER"] = str(var / "attachments")
        if client := SERVICE_CLIENTS.get(service.name):
            env[f"{p}SERVICE_CLIENT_ID"] = client
            env[f"{p}SERVICE_CLIENT_SECRET"] = client_secrets[client]
    # the built SPA (GATEWAY_SPA_DIR chooses another build, e.g. `vite build --outDir`)
    env["GATEWAY_SPA_DIR"] = os.environ.get("GATEWAY_SPA_DIR") or str(ROOT / "frontend" / "dist")
    env["GATEWAY_SIGNING_KEY_DIR"] = str(var / "keys")
    return env


def wait_healthy(url: str, deadline: float) -> bool:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 (loopback only)
                if response.status == 200:
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description="地域産業成長プラン platform: start everything")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument(
        "--upstream-base", type=int, default=int(os.environ.get("UPSTREAM_BASE", "8100"))
    )
    parser.add_argument("--smtp-port", type=int, default=int(os.environ.get("SMTP_PORT", "8025")))
    parser.add_argument("--var", default=os.environ.get("CHIIKI_VAR", str(ROOT / "var")))
    parser.add_argument("--quiet", action="store_true", help="no banner (for test harnesses)")
    args = parser.parse_args()
    var = Path(args.var).resolve()
    (var / "mail").mkdir(parents=True, exist_ok=True)
    base = args.upstream_base
    services = [
        Service("gateway", "chiiki-gateway", "GATEWAY_", args.port, "gateway.db"),
        Service("plans-api", "chiiki-plans-api", "PLANS_", base + 1, "plans.db"),
        Service("scoring-api", "chiiki-scoring-api", "SCORING_", base + 2, "scoring.db"),
        Service("notify", "chiiki-notify", "NOTIFY_", base + 3, "notify.db", demo=False),
    ]
    env = environment(args, services, var)
    for service in services:
        for step in ("migrate", "seed-demo") if service.demo else ("migrate",):
            result = subprocess.run([service.command, step], env=env, cwd=ROOT, check=False)
            if result.returncode != 0:
                print(f"{service.name} {step} に失敗しました", file=sys.stderr)
                return result.returncode

    processes: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(name: str, argv: list[str]) -> None:
        processes.append((name, subprocess.Popen(argv, env=env, cwd=ROOT)))

    def stop_all() -> None:
        for _, process in processes:
            if process.poll() is None:
                process.terminate()
        for _, process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()

    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        start("mail-sink", ["chiiki-notify", "mail-sink", "--port", str(args.smtp_port)])
        deadline = time.monotonic() + 90
        # The gateway first: the services read its JWKS when they start.
        start("gateway", ["chiiki-gateway", "serve", "--port", str(args.port)])
        if not wait_healthy(f"http://127.0.0.1:{args.port}/healthz", deadline):
            print("gateway が起動しませんでした", file=sys.stderr)
            stop_all()
            return 1
        for service in services[1:]:
            start(service.name, [service.command, "serve", "--port", str(service.port)])
        start("notify-worker", ["chiiki-notify", "run-worker"])
        for service in services:
            if not wait_healthy(f"http://127.0.0.1:{service.port}/healthz", deadline):
                print(f"{service.name} が起動しませんでした", file=sys.stderr)
                stop_all()
                return 1
        if not args.quiet:
            banner(args.port, var, service_secrets(var)[MINISTRY_CLIENT])
        print("READY", flush=True)
        while True:
            for name, process in processes:
                if process.poll() is not None:
                    print(
                        f"{name} が停止しました (終了コード {process.returncode})。全体を停止します。"
                    )
                    stop_all()
                    return 1
            time.sleep(0.5)
    except KeyboardInterrupt:
        stop_all()
        return 0


def banner(port: int, var: Path, ministry_secret: str) -> None:
    logins = [(user.email, user.login_label) for user in DEMO_USERS if user.login_label]
    width = max(len(email) for email, _ in logins)
    lines = [
        "",
        "地域産業成長プラン プラットフォームを起動しました",
        f"  URL: http://127.0.0.1:{port}/",
        f"  API 仕様: http://127.0.0.1:{port}/openapi.json",
        f"  送信メール(ローカル受信箱): {var / 'mail'}",
        f"  デモ用ログイン(パスワードはすべて {DEMO_PASSWORD}):",
        *[f"    {email.ljust(width)}  {label}" for email, label in logins],
        f"  省庁システム用クライアント: {MINISTRY_CLIENT} / {ministry_secret}",
        "  停止: Ctrl-C",
        "",
    ]
    print("\n".join(lines), flush=True)


if __name__ == "__main__":
    sys.exit(main())
