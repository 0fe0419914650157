"""The gateway's CPU time per proxied request, measured in-process (load on the machine does not
distort it, unlike a wall-clock benchmark).

``python -m benchmarks.gateway_cpu [--requests 2000] [--json] [--profile]``: the gateway app runs in
this process as the tests run it (lifespan, ``httpx.ASGITransport``), configured as ``make bench``
starts it (development, one log line per request, rate-limit buckets in a seeded SQLite database,
the limits lifted); plans-api is played by the bare ASGI app under uvicorn in another process, so
this process's ``time.process_time()`` is the gateway's and the client's. The client's share is
measured the same way on the bare app in-process (the baseline) and subtracted.

Two paths: a ministry client's registry lookup (``GET /registry/v1/companies/{n}``, bearer token)
and a user's plan read (``GET /api/plans/plans``, session cookie). ``--profile`` adds a cProfile
pass per path, the top 20 functions by own time.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import uvloop

from benchmarks import bare_app
from benchmarks.run import bare_server
from chiiki_common.db import create_engine, session_factory
from chiiki_common.migrations import upgrade
from gateway import MIGRATIONS
from gateway.app import create_app
from gateway.demo import DEMO_PASSWORD, seed_demo
from gateway.passwords import Passwords
from gateway.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
MINISTRY_CLIENT = "maff-subsidy"
EDITOR = "kumamoto-editor@demo.example.jp"
CORPORATE_NUMBER = "1234567890123"
WARM_UP = 200

Send = Callable[[], Awaitable[httpx.Response]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def settings(directory: Path, plans_url: str, *, json: bool) -> Settings:
    lifted = 1_000_000
    return Settings(
        database_url=f"sqlite+aiosqlite:///{directory / 'gateway.db'}",
        environment="development",
        jwks_file=None,
        spa_dir=str(directory / "no-spa"),
        plans_url=plans_url,
        log_json=json,
        log_requests=True,
        keys_reload_seconds=3600,
        rate_limit_user_per_second=lifted,
        rate_limit_user_burst=lifted,
        rate_limit_client_per_second=lifted,
        rate_limit_client_burst=lifted,
        argon2_time_cost=1,
        argon2_memory_kib=1024,
        argon2_parallelism=1,
    )


async def seed(config: Settings) -> None:
    await asyncio.to_thread(upgrade, MIGRATIONS, config.database_url)
    engine = create_engine(config.database_url)
    try:
        async with session_factory(engine)() as session, session.begin():
            await seed_demo(session, Passwords(config))
    finally:
        await engine.dispose()


async def cpu_per_request(send: Send, requests: int, concurrency: int) -> float:
    """CPU µs of this process per request, ``concurrency`` requests in flight."""
    for _ in range(WARM_UP):
        (await send()).raise_for_status()
    per_worker = requests // concurrency

    async def worker() -> None:
        for _ in range(per_worker):
            response = await send()
            if response.status_code != 200:
                raise RuntimeError(f"{response.status_code}: {response.text}")

    started = time.process_time()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return (time.process_time() - started) * 1e6 / (per_worker * concurrency)


class Profiled:
    """The gateway app with cProfile on only while a request is inside it: requests sent one at a
    time, so the profile holds the gateway's work and none of the client's."""

    def __init__(self, app: Any) -> None:
        self.app = app
        # own CPU time, not wall time: time the machine's other work takes is not charged
        self.profiler = cProfile.Profile(time.process_time)
        self.on = False
        self.dumps: list[int] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if not self.on or scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self.profiler.enable()
        try:
            await self.app(scope, receive, send)
        finally:
            self.profiler.disable()

    def report(self) -> str:
        out = io.StringIO()
        stats = pstats.Stats(self.profiler, stream=out)
        stats.sort_stats("tottime").print_stats(20)
        if os.environ.get("GATEWAY_CPU_CUMULATIVE"):
            stats.sort_stats("cumulative").print_stats(int(os.environ["GATEWAY_CPU_CUMULATIVE"]))
        if os.environ.get("GATEWAY_CPU_DUMP"):
            stats.dump_stats(f"{os.environ['GATEWAY_CPU_DUMP']}-{len(self.dumps)}.prof")
            self.dumps.append(1)
        if os.environ.get("GATEWAY_CPU_CALLERS"):
            stats.print_callers(os.environ["GATEWAY_CPU_CALLERS"])
        self.profiler = cProfile.Profile(time.process_time)
        return out.getvalue()


def client_of(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


async def measure(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp, bare_server(free_port()) as bare_url:
        # the bare app under uvicorn in its own process: its CPU is not this process's
        plans_url = bare_url.rstrip("/")
        config = settings(Path(tmp), plans_url, json=args.json)
        await seed(config)
        app = create_app(config)
        profiled = Profiled(app)
        profiles: dict[str, str] = {}
        async with (
            app.router.lifespan_context(app),
            client_of(profiled) as machine,
            client_of(profiled) as user,
            client_of(bare_app.app) as bare,
        ):
            issued = await machine.post(
                "/auth/token",
                data={"grant_type": "client_credentials"},
                auth=(MINISTRY_CLIENT, f"demo-{MINISTRY_CLIENT}-secret"),
            )
            issued.raise_for_status()
            bearer = {"Authorization": f"Bearer {issued.json()['access_token']}"}
            login = await user.post(
                "/auth/login", json={"email": EDITOR, "password": DEMO_PASSWORD}
            )
            login.raise_for_status()
            # the cookie sent as a header, as wrk sends it: httpx's cookie jar costs the client more
            # than the gateway spends on the request
            cookie = {"Cookie": f"{config.session_cookie}={user.cookies[config.session_cookie]}"}
            user.cookies.clear()
            paths: dict[str, Send] = {
                "bare ASGI (client only)": lambda: bare.get("/"),
                "registry lookup, bearer token": lambda: machine.get(
                    f"/registry/v1/companies/{CORPORATE_NUMBER}", headers=bearer
                ),
                "plan read, session cookie": lambda: user.get("/api/plans/plans", headers=cookie),
            }
            # the paths take turns, a round each, so a change in the machine's load or clock
            # falls on all of them alike; each path's figure is the median of its rounds
            rounds: dict[str, list[float]] = {name: [] for name in paths}
            for _ in range(args.rounds):
                for name, send in paths.items():
                    rounds[name].append(
                        await cpu_per_request(send, args.requests, args.concurrency)
                    )
            results = {name: statistics.median(figures) for name, figures in rounds.items()}
            for name, send in paths.items():
                if args.profile and not name.startswith("bare"):
                    profiled.on = True
                    await cpu_per_request(send, args.requests, 1)
                    profiled.on = False
                    profiles[name] = profiled.report()
    baseline = results.pop("bare ASGI (client only)")
    renderer = "JSON" if args.json else "console"
    print(
        f"{args.rounds} rounds of {args.requests} requests per path, {args.concurrency} in flight, "
        f"{renderer} log lines, {args.loop}; CPU of this process (time.process_time), median of "
        "the rounds"
    )
    print(f"{'bare ASGI, in-process (the client and the transport)':<54} {baseline:8.1f} µs/req")
    for name, value in results.items():
        print(
            f"{name:<54} {value:8.1f} µs/req   gateway alone {value - baseline:8.1f} µs/req"
            f"   {baseline / value:6.1%} of bare"
        )
    for name, text in profiles.items():
        print(f"\n--- cProfile inside the gateway, {name}, one at a time: top 20 by own time ---")
        print(text)


def main() -> None:
    parser = argparse.ArgumentParser(description="the gateway's CPU time per proxied request")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3, help="rounds per path (median shown)")
    parser.add_argument("--json", action="store_true", help="JSON log lines (production)")
    parser.add_argument(
        "--loop",
        choices=("uvloop", "asyncio"),
        default="uvloop",
        help="the event loop (uvicorn's `auto` picks uvloop, which is installed)",
    )
    parser.add_argument("--profile", action="store_true", help="a cProfile top 20 per path")
    args = parser.parse_args()
    # the log lines go nowhere (their rendering is measured, a terminal's speed is not)
    sink: Any = open(os.devnull, "w")  # noqa: SIM115 (open for the whole run)
    saved, sys.stderr = sys.stderr, sink
    try:
        if args.loop == "uvloop":
            uvloop.run(measure(args))
        else:
            asyncio.run(measure(args))
    finally:
        sys.stderr = saved
        sink.close()


if __name__ == "__main__":
    main()
