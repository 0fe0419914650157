"""make bench: every benchmark in one run on loopback, each figure with its ratio to the bare ASGI
baseline measured in the same run (so the ratios, not the absolute numbers, compare across machines).

- foundation: a bare ASGI hello-world; an authenticated database-read endpoint of plans-api called
  directly; the same endpoint through the gateway;
- plans-api: a batch registry lookup of 1,000 numbers against 10,000 published plans, and the plan
  list of a national user over them, through the gateway;
- notify: 10,000 reminder mails through the outbox to a local SMTP sink with two workers, and the
  time from a plan event to its mail being handed to SMTP (SQLite and PostgreSQL);
- scoring-api: 100,000 companies scored from 1,000,000 transactions (SQLite and PostgreSQL);
- event-latency: a plan event committed in plans-api to its mail written by the SMTP sink, on the
  whole system (``benchmarks/event_latency.py``);
- plan-save: saving (PATCH) and validating (GET validation) a full plan through the gateway, p50 and
  p95 beside a bare baseline's (``benchmarks/plan_save.py``);
- db-provisioning: what a test pays for its database per service on SQLite and PostgreSQL: the
  migrations run on an empty one (what the template saves), a fresh clone of the template (the
  earlier way on PostgreSQL), and now a template's file copy or a used clone's reset; projected
  over the collected suite; with ``--db-wall`` also the PostgreSQL half of the suite's wall time,
  run once (``benchmarks/db_provisioning.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from stack import Stack, running_stack  # noqa: E402

from benchmarks import load  # noqa: E402
from benchmarks.targets import Target, at_most, collect, summary  # noqa: E402

TARGETS: list[Target] = []
"""Every target this run measured, printed at the end with its figure."""

LOOKUP_SHARE = 0.05
"""A registry lookup through the gateway keeps at least 5 % of the bare baseline's throughput…"""
LOOKUP_P99_MS = 50.0
"""…with p99 ≤ 50 ms at 32 connections."""
BATCH_P99_MS = 200.0
"""A batch lookup of 1,000 numbers over 10,000 published plans: p99 ≤ 200 ms, every answer 2xx."""
PLAN_LIST_P99_MS = 100.0
"""The national plan list (50 of 10,000): p99 ≤ 100 ms."""


def run_part(module: str, *arguments: str, env: dict[str, str] | None = None) -> list[str]:
    """A benchmark module in its own process: its output without the target lines, whose
    targets join :data:`TARGETS`."""
    output = subprocess.run(
        [sys.executable, "-m", module, *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    shown, found = collect(output)
    TARGETS.extend(found)
    return shown


@contextmanager
def bare_server(port: int) -> Iterator[str]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "benchmarks.bare_app:app",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def ministry_token(stack: Stack) -> str:
    secret = json.loads((stack.var / "service-clients.json").read_text())["maff-subsidy"]
    response = httpx.post(
        f"{stack.base_url}/auth/token",
        data={"grant_type": "client_credentials"},
        auth=("maff-subsidy", secret),
    )
    response.raise_for_status()
    return str(response.json()["access_token"])


def a_core_company(stack: Stack, headers: dict[str, str]) -> str:
    plans = httpx.get(f"{stack.base_url}/registry/v1/plans", headers=headers).json()
    for plan in plans["items"]:
        for company in plan.get("core_companies", []):
            if company.get("corporate_number"):
                return str(company["corporate_number"])
    raise RuntimeError("the demo has no published core company to look up")


@contextmanager
def postgres_stack() -> Iterator[Stack | None]:
    """The same stack with every service on its own throw-away PostgreSQL database."""
    prefixes = {"gateway": "GATEWAY", "plans": "PLANS", "scoring": "SCORING", "notify": "NOTIFY"}
    with ExitStack() as stack:
        urls = {name: stack.enter_context(scratch_postgres(name)) for name in prefixes}
        if any(url is None for url in urls.values()):
            yield None
            return
        saved = dict(os.environ)
        for name, prefix in prefixes.items():
            os.environ[f"{prefix}_DATABASE_URL"] = str(urls[name])
        try:
            with running_stack(port=18750, upstream_base=18850, smtp_port=18775) as running:
                yield running
        finally:
            os.environ.clear()
            os.environ.update(saved)


def foundation(stack: Stack, seconds: int, label: str) -> list[load.Result]:
    token = ministry_token(stack)
    headers = {"Authorization": f"Bearer {token}"}
    number = a_core_company(stack, headers)
    path = f"/registry/v1/companies/{number}"
    direct = f"http://127.0.0.1:{stack.upstream_base + 1}{path}"
    return [
        load.run(
            f"[{label}] registry lookup (JWT + DB read), plans-api direct",
            direct,
            headers=headers,
            seconds=seconds,
        ),
        load.run(
            f"[{label}] registry lookup, through the gateway",
            stack.base_url + path,
            headers=headers,
            seconds=seconds,
        ),
    ]


@contextmanager
def scratch_postgres(name: str) -> Iterator[str | None]:
    """A throw-away PostgreSQL database, or None where no PostgreSQL answers."""
    import asyncio

    import asyncpg

    database = f"chiiki_bench_{name}_{os.getpid()}"

    async def admin(statement: str) -> None:
        connection = await asyncpg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", timeout=5
        )
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    try:
        asyncio.run(admin(f'CREATE DATABASE "{database}"'))
    except (OSError, asyncpg.PostgresError):
        yield None
        return
    try:
        yield f"postgresql+asyncpg://postgres@127.0.0.1:5432/{database}"
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))


def notify_mail(mails: int) -> list[str]:
    """10,000 reminder mails through the outbox to a local SMTP sink with two workers."""
    lines = []
    with scratch_postgres("notify") as pg_url:
        for label, extra in (
            ("SQLite", []),
            ("PostgreSQL", ["--database-url", pg_url] if pg_url else None),
        ):
            if extra is None:
                lines.append(f"notify on {label}: skipped (no PostgreSQL)")
                continue
            output = run_part(
                "benchmarks.notify_mail", "--mails", str(mails), "--workers", "2", *extra
            )
            first, *rest = [line for line in output if line.strip()]
            lines += [f"[{label}] {first}", *rest]
    return lines


def session_cookie(stack: Stack, email: str) -> str:
    response = httpx.post(
        f"{stack.base_url}/auth/login", json={"email": email, "password": "Demo-2026!"}
    )
    response.raise_for_status()
    return f"chiiki_session={response.cookies['chiiki_session']}"


def plans(stack: Stack, seconds: int, count: int) -> list[load.Result]:
    """A batch registry lookup of 1,000 numbers against ``count`` published plans, and the plan
    list of a national user over them, both through the gateway."""
    from benchmarks.plans_data import publish_many

    numbers = publish_many(stack.var / "plans.db", count)
    headers = {
        "Authorization": f"Bearer {ministry_token(stack)}",
        "Content-Type": "application/json",
    }
    batch = json.dumps({"corporate_numbers": numbers[:: max(1, len(numbers) // 1000)][:1000]})
    national = {"Cookie": session_cookie(stack, "cas-reviewer@demo.example.jp")}
    return [
        load.run(
            f"registry batch lookup, 1,000 numbers / {count:,} plans, gateway",
            f"{stack.base_url}/registry/v1/companies/lookup",
            method="POST",
            headers=headers,
            body=batch,
            seconds=seconds,
            connections=8,
        ),
        load.run(
            f"national plan list (50 of {count:,}), gateway, session cookie",
            f"{stack.base_url}/api/plans?limit=50",
            headers=national,
            seconds=seconds,
            connections=16,
        ),
    ]


def search_through_gateway(count: int, samples: int = 200) -> list[str]:
    """``count`` plans written into a running stack's plans-api database and indexed, then searched
    through the gateway by a national reviewer (every plan) and a prefecture editor (its own)."""
    import asyncio

    from benchmarks import search

    with (
        bare_server(18991) as bare_url,
        running_stack(port=18760, upstream_base=18860, smtp_port=18785) as stack,
    ):
        asyncio.run(search.fill(f"sqlite+aiosqlite:///{stack.var / 'plans.db'}", count))
        cookies = {
            "national": session_cookie(stack, "cas-reviewer@demo.example.jp"),
            "prefecture": session_cookie(stack, "kumamoto-editor@demo.example.jp"),
        }
        lines, target = asyncio.run(
            search.through_gateway(stack.base_url, bare_url, cookies, count, samples)
        )
    TARGETS.append(target)
    return lines


def scoring(companies: int, transactions: int) -> list[str]:
    """A transaction list of ``transactions`` rows for ``companies`` companies imported through
    scoring-api's import, derived and scored, on SQLite and PostgreSQL."""
    import tempfile

    lines = []
    sqlite_file = Path(tempfile.mkdtemp(prefix="chiiki-bench-")) / "scoring.db"
    with scratch_postgres("scoring") as pg_url:
        targets = [("SQLite", f"sqlite+aiosqlite:///{sqlite_file}"), ("PostgreSQL", pg_url)]
        for label, url in targets:
            if url is None:
                lines.append(f"scoring on {label}: skipped (no PostgreSQL)")
                continue
            env = {**os.environ, "SCORING_DATABASE_URL": url}
            subprocess.run(["chiiki-scoring-api", "migrate"], cwd=ROOT, env=env, check=True)
            output = run_part(
                "benchmarks.scoring",
                "--companies",
                str(companies),
                "--transactions",
                str(transactions),
                env=env,
            )
            first, *rest = [line for line in output if line.strip()]
            lines += [f"[{label}] {first}", *rest]
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=8, help="seconds per measurement")
    parser.add_argument("--mails", type=int, default=10_000, help="mails for the notify benchmark")
    parser.add_argument("--plans", type=int, default=10_000, help="published plans for plans-api")
    parser.add_argument(
        "--only",
        default="http,notify,event-latency,scoring,plan-save,search,db-provisioning",
        help=(
            "comma-separated parts to run: http (foundation + plans-api), notify, event-latency,"
            " scoring, plan-save, search, db-provisioning"
        ),
    )
    parser.add_argument("--companies", type=int, default=100_000, help="companies for scoring-api")
    parser.add_argument(
        "--transactions", type=int, default=1_000_000, help="transactions for scoring-api"
    )
    parser.add_argument(
        "--db-repeat", type=int, default=5, help="rounds per service and backend (db-provisioning)"
    )
    parser.add_argument(
        "--db-wall",
        action="store_true",
        help="db-provisioning: also time the PostgreSQL half of the suite once (several minutes)",
    )
    args = parser.parse_args()
    parts = set(args.only.split(","))
    if "http" in parts:
        http(args)
    if "notify" in parts:
        print("\nnotify: outbox → SMTP sink, two workers")
        for line in notify_mail(args.mails):
            print("  " + line)
    if "event-latency" in parts:
        print("\nnotify: a plan event to its mail on the whole system (target ≤ 1,000 ms)")
        print("\n".join(run_part("benchmarks.event_latency")))
    if "plan-save" in parts:
        print()
        print("\n".join(run_part("benchmarks.plan_save")))
    if "search" in parts:
        print()
        print("\n".join(run_part("benchmarks.search", "--plans", str(args.plans))))
        print(f"\nsearch through the gateway, {args.plans:,} plans, SQLite (target p99 ≤ 100 ms)")
        for line in search_through_gateway(args.plans):
            print("  " + line)
    if "scoring" in parts:
        print("\nscoring-api: derive figures from transactions and score every company, set-based")
        for line in scoring(args.companies, args.transactions):
            print("  " + line)
    if "db-provisioning" in parts:
        print("\ntests: a database per test: migrations, a template clone, and now a copy or reset")
        wall = ["--wall"] if args.db_wall else []
        print(
            "\n".join(
                run_part("benchmarks.db_provisioning", "--repeat", str(args.db_repeat), *wall)
            )
        )
    print("\ntargets")
    for line in summary(TARGETS):
        print(line)
    return 0


def lookup_target(through_gateway: load.Result, baseline: load.Result) -> Target:
    share = through_gateway.requests_per_second / baseline.requests_per_second
    return Target(
        name=through_gateway.name.replace(", through the gateway", " through the gateway"),
        wanted=f"≥ {LOOKUP_SHARE:.0%} of bare ASGI, p99 ≤ {LOOKUP_P99_MS:.0f} ms, 32 connections",
        figure=f"{share:.1%} of bare, p99 {through_gateway.p99_ms:,.0f} ms",
        met=share >= LOOKUP_SHARE and through_gateway.p99_ms <= LOOKUP_P99_MS,
    )


def plans_targets(results: list[load.Result]) -> list[Target]:
    """The batch lookup's and the plan list's targets, from the results :func:`plans` gave."""
    found = []
    for result in results:
        if result.name.startswith("registry batch lookup"):
            found.append(
                Target(
                    name=result.name,
                    wanted=f"p99 ≤ {BATCH_P99_MS:.0f} ms, 0 non-2xx",
                    figure=f"p99 {result.p99_ms:,.0f} ms, {result.non_2xx} non-2xx",
                    met=result.p99_ms <= BATCH_P99_MS and result.non_2xx == 0,
                )
            )
        elif result.name.startswith("national plan list"):
            found.append(at_most(result.name, result.p99_ms, PLAN_LIST_P99_MS, "ms", digits=0))
    return found


def http(args: argparse.Namespace) -> None:
    # Throughput is measured, not the rate limits: lift them for this stack only.
    for name in ("USER", "CLIENT"):
        os.environ[f"GATEWAY_RATE_LIMIT_{name}_PER_SECOND"] = "1000000"
        os.environ[f"GATEWAY_RATE_LIMIT_{name}_BURST"] = "1000000"
    results: list[load.Result] = []
    with bare_server(18990) as url:
        baseline = load.run("bare ASGI hello-world (uvicorn, 1 worker)", url, seconds=args.seconds)
    results.append(baseline)
    with running_stack(port=18700, upstream_base=18800, smtp_port=18725) as stack:
        sqlite_pair = foundation(stack, args.seconds, "SQLite")
        results += sqlite_pair
        results += plans(stack, args.seconds, args.plans)
    pairs = [sqlite_pair]
    with postgres_stack() as pg_stack:
        if pg_stack is None:
            print("PostgreSQL stack: skipped (no PostgreSQL answers on 127.0.0.1:5432)")
        else:
            pairs.append(foundation(pg_stack, args.seconds, "PostgreSQL"))
            results += pairs[-1]
    print(
        f"\nwrk, 1 thread, 32 connections, {args.seconds}s each, loopback; ratio = req/s ÷ bare baseline"
    )
    for result in results:
        print(result.row(baseline))
    print()
    for direct, through_gateway in pairs:
        print(
            f"{direct.name.split(',')[0]}: the gateway keeps "
            f"{through_gateway.requests_per_second / direct.requests_per_second:.1%}"
            " of the direct throughput of the same endpoint"
        )
        TARGETS.append(lookup_target(through_gateway, baseline))
    TARGETS.extend(plans_targets(results))
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / "bench-results.json").write_text(
        json.dumps([result.__dict__ for result in results], ensure_ascii=False, indent=2)
    )


if __name__ == "__main__":
    sys.exit(main())
