"""CPU time of one registry lookup in plans-api, in-process, with a bare ASGI baseline.

``uv run python -m benchmarks.registry_cpu [--requests 2000] [--runs 3] [--no-profile]``

plans-api is built as the tests build it (a migrated SQLite file, the test signer's verifier),
three plans are published through its HTTP interface (two B, one C; three core companies each),
and a ministry client (``registry:read``) then asks ``GET /registry/v1/companies/{number}`` for
found and unknown numbers in turn, one request at a time through ``httpx.AsyncClient`` over
``ASGITransport``: on the app as it is (the lean route answers) and on a second app on the same
database without the lean route (the declared FastAPI route answers, as before issue 16). The
figure is CPU time (``time.process_time()``: every thread of the process, so aiosqlite's worker
too), not wall-clock time, so the other work on a shared machine moves it less (it still does:
compare runs of the same invocation). The bare hello-world app is measured the same way in each
run: its figure is what the client and the transport cost, and the difference is what plans-api
spends on a lookup. The request log line is written as deployed (JSON), to a discarded stream.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import gc
import importlib
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, cast

import httpx
from starlette.types import ASGIApp, Receive, Scope
from starlette.types import Send as ASGISend

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import plans_api  # noqa: E402
from benchmarks.bare_app import app as bare_app  # noqa: E402
from chiiki_common.migrations import upgrade  # noqa: E402
from plans_api.app import create_app  # noqa: E402
from plans_api.registry.endpoints import lean_lookup_route  # noqa: E402
from plans_api.settings import Settings  # noqa: E402
from tests.fixtures.apps import running  # noqa: E402
from tests.fixtures.auth import TokenFactory, make_token_factory  # noqa: E402

# The tests' plan factories, imported when run: mypy checks the benchmarks, not the test helpers.
factories = importlib.import_module("tests.plans_api.factories")

WARMUP = 200
PLANS = (("B", 1), ("B", 4), ("C", 7))
"""Published plans: type and the first of its three core companies' numbers."""


def _numbers() -> list[str]:
    found = [factories.company_number(first + k) for _, first in PLANS for k in range(3)]
    unknown = [factories.company_number(n) for n in range(900, 903)]
    return found + unknown


async def _publish(client: httpx.AsyncClient, tokens: TokenFactory) -> None:
    editor = tokens.headers(tier="prefecture", org=factories.KUMAMOTO, roles=["editor"])
    for plan_type, first in PLANS:
        plan = await factories.create(client, editor, plan_type, title=f"公表計画{first}")
        plan = await factories.complete(client, editor, plan)
        companies = [
            {**company, "corporate_number": factories.company_number(first + k)}
            for k, company in enumerate(factories.companies_for(plan_type, first) * 3)
        ]
        plan = await factories.write(client, editor, plan, "PUT", "/core-companies", companies)
        await factories.drive(client, tokens, plan, "publish")


Sender = Callable[[int], Awaitable[None]]


def _getter(client: httpx.AsyncClient, paths: list[str], headers: dict[str, str]) -> Sender:
    async def send(i: int) -> None:
        response = await client.get(paths[i % len(paths)], headers=headers)
        assert response.status_code == 200, response.text

    return send


async def _cpu_per_request(send: Sender, count: int) -> float:
    """CPU µs per request over ``count`` requests (after a warm-up), the collector kept out."""
    for i in range(WARMUP):
        await send(i)
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        for i in range(count):
            await send(i)
        spent = time.process_time() - started
    finally:
        gc.enable()
    return spent / count * 1e6


async def _profile(app: ASGIApp, paths: list[str], headers: dict[str, str], count: int) -> str:
    """cProfile (on CPU time) of the app alone: enabled while it handles a request, so the
    client's own work stays out of the figures."""
    profiler = cProfile.Profile(time.process_time)

    async def profiled(scope: Scope, receive: Receive, send: ASGISend) -> None:
        profiler.enable()
        try:
            await app(scope, receive, send)
        finally:
            profiler.disable()

    transport = httpx.ASGITransport(app=profiled)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        send = _getter(client, paths, headers)
        for i in range(count):
            await send(i)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(20)
    stats.sort_stats("tottime").print_stats(20)
    return out.getvalue()


CASES = ("lean route", "declared route", "bare ASGI")


async def measure(requests: int, runs: int, profile: bool) -> None:
    tokens = make_token_factory()
    with tempfile.TemporaryDirectory(prefix="registry-cpu-") as workdir:
        url = f"sqlite+aiosqlite:///{Path(workdir) / 'plans.db'}"
        upgrade(plans_api.MIGRATIONS, url)
        settings = Settings(
            database_url=url,
            environment="test",
            publication_poll_seconds=3600,
            directory_sync_seconds=0,
            log_json=True,
        )
        lean = create_app(settings, verifier=tokens.verifier(settings.audience))
        # the same app without the lean route: the FastAPI route, as before issue 16
        declared = create_app(settings, verifier=tokens.verifier(settings.audience))
        declared.router.routes.remove(lean_lookup_route)
        ministry = tokens.ministry()
        paths = [f"/registry/v1/companies/{number}" for number in _numbers()]
        transport = httpx.ASGITransport(app=cast(ASGIApp, bare_app))
        async with (
            running(lean) as lean_client,
            running(declared) as declared_client,
            httpx.AsyncClient(transport=transport, base_url="http://bare") as bare_client,
        ):
            with _quiet():
                await _publish(lean_client, tokens)
                for path in paths[:9]:
                    found = await lean_client.get(path, headers=ministry)
                    assert found.status_code == 200, found.text
                    assert found.json()["plans"], found.text
            senders = {
                "lean route": _getter(lean_client, paths, ministry),
                "declared route": _getter(declared_client, paths, ministry),
                "bare ASGI": _getter(bare_client, ["/"], {}),
            }
            figures: dict[str, list[float]] = {case: [] for case in CASES}
            with _quiet():
                for run in range(runs):
                    for case in CASES:
                        figures[case].append(await _cpu_per_request(senders[case], requests))
                    line = ", ".join(f"{case} {figures[case][-1]:5.0f} µs" for case in CASES)
                    print(f"run {run + 1}: {line}", file=sys.__stdout__, flush=True)
                report = await _profile(lean, paths, ministry, requests) if profile else ""
    median = {case: statistics.median(values) for case, values in figures.items()}
    bare = median["bare ASGI"]
    print(f"\nmedian of {runs} runs of {requests:,} requests each (CPU time, whole process):")
    for case in CASES:
        share = "" if case == "bare ASGI" else f"   plans-api's own {median[case] - bare:5.0f} µs"
        print(f"  {case:<15} {median[case]:6.0f} µs/request{share}")
    print("  (bare ASGI: what the client and the transport cost; plans-api's own = lookup − bare)")
    if report:
        print(f"\ncProfile (CPU time) of {requests:,} lookups on the lean route:\n{report}")


@contextlib.contextmanager
def _quiet() -> Any:
    """The request log lines go to a discarded stream (written, as in production, not shown)."""
    saved = sys.stderr
    with open(os.devnull, "w") as sink:
        sys.stderr = sink
        try:
            yield
        finally:
            sys.stderr = saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-profile", action="store_true")
    args = parser.parse_args()
    asyncio.run(measure(args.requests, args.runs, not args.no_profile))


if __name__ == "__main__":
    main()
