"""Past one machine: two gateways, two of each API and two notify workers on one PostgreSQL database
per service behave as one system.

Every process is real (the services' own commands, as Kubernetes or docker compose start them), on
loopback ports of its own; replica 1 of each service talks to gateway 1 and replica 2 to gateway 2,
and the tests drive them alternately.
"""

from __future__ import annotations

import argparse
import base64
import email
import email.policy
import json
import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import BinaryIO

import httpx
import pytest

from chiiki_common.clock import JST
from notify.deadlines.business_days import next_business_day
from tests.fixtures.databases import _pg, pg_url

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from run import DEMO_PASSWORD, ROOT, Service, environment, wait_healthy

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

VIEWER = "kumamoto-viewer@demo.example.jp"
# private loopback ports (REPLICAS_PORT_BASE moves them, for two runs on one machine)
_BASE = int(os.environ.get("REPLICAS_PORT_BASE", "18900"))
GATEWAY_PORTS = (_BASE, _BASE + 1)
UPSTREAM_BASES = (_BASE + 10, _BASE + 20)
SMTP_PORT = _BASE + 25
SERVICES = (
    ("gateway", "chiiki-gateway", "GATEWAY_"),
    ("plans-api", "chiiki-plans-api", "PLANS_"),
    ("scoring-api", "chiiki-scoring-api", "SCORING_"),
    ("notify", "chiiki-notify", "NOTIFY_"),
)
# Short intervals so that what a replica learns from the shared database shows within seconds.
FAST = {
    "GATEWAY_KEYS_RELOAD_SECONDS": "0.5",
    "PLANS_JWKS_MAX_AGE_SECONDS": "1",
    "SCORING_JWKS_MAX_AGE_SECONDS": "1",
    "NOTIFY_JWKS_MAX_AGE_SECONDS": "1",
    "PLANS_PUBLICATION_POLL_SECONDS": "0.5",
    "NOTIFY_EVENTS_INTERVAL_SECONDS": "0.5",
    "NOTIFY_DELIVERY_INTERVAL_SECONDS": "0.5",
    # a held sign-in stays held for a minute (not 1 s), so a slow machine does not see it lapse
    "GATEWAY_LOGIN_DELAY_BASE_SECONDS": "60",
    # a small budget for anonymous reads, so that one budget and two are told apart
    "GATEWAY_RATE_LIMIT_PUBLIC_BURST": "20",
    "GATEWAY_RATE_LIMIT_PUBLIC_PER_SECOND": "1",
}


@dataclass
class Replicas:
    gateways: tuple[str, str]
    var: Path
    env: dict[str, str]
    processes: list[subprocess.Popen[bytes]]
    workers: list[subprocess.Popen[bytes]]
    log: BinaryIO

    def restart_workers(self, settings: dict[str, str]) -> None:
        """Both notify workers again, with ``settings`` on top of their replica's environment."""
        for worker in self.workers:
            worker.terminate()
        for worker in self.workers:
            worker.wait(timeout=20)
        self.workers.clear()
        for replica in (0, 1):
            env = {**_replica_env(self.env, replica), **settings}
            worker = subprocess.Popen(
                ["chiiki-notify", "run-worker"], env=env, cwd=ROOT, stdout=self.log, stderr=self.log
            )
            self.workers.append(worker)
            self.processes.append(worker)

    def client(self, replica: int) -> httpx.Client:
        return httpx.Client(base_url=self.gateways[replica], timeout=30)

    def mails(self) -> list[email.message.EmailMessage]:
        return [
            email.message_from_bytes(path.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
            for path in sorted((self.var / "mail").glob("*.eml"))
        ]


def _replica_env(base: dict[str, str], replica: int) -> dict[str, str]:
    gateway = f"http://127.0.0.1:{GATEWAY_PORTS[replica]}"
    upstream = UPSTREAM_BASES[replica]
    env = dict(base)
    urls = {"PLANS": upstream + 1, "SCORING": upstream + 2, "NOTIFY": upstream + 3}
    for _name, _command, prefix in SERVICES:
        env[f"{prefix}JWKS_URL"] = f"{gateway}/.well-known/jwks.json"
        env[f"{prefix}GATEWAY_URL"] = gateway
        env[f"{prefix}PUBLIC_BASE_URL"] = gateway
        for target, port in urls.items():
            env[f"{prefix}{target}_URL"] = f"http://127.0.0.1:{port}"
    env["GATEWAY_PORT"] = str(GATEWAY_PORTS[replica])
    return env


@pytest.fixture(scope="module")
def replicas(
    tmp_path_factory: pytest.TempPathFactory, pg_unavailable: str | None
) -> Iterator[Replicas]:
    if pg_unavailable:  # a skip only outside CI: under CI=true the fixture fails the run instead
        pytest.skip(pg_unavailable)
    var = tmp_path_factory.mktemp("replicas")
    (var / "mail").mkdir()
    run_id = uuid.uuid4().hex[:8]
    databases = {
        prefix: f"chiiki_replicas_{run_id}_{prefix.lower()[:-1]}" for *_, prefix in SERVICES
    }
    _pg(*(f'CREATE DATABASE "{name}"' for name in databases.values()))
    services = [
        Service(name, command, prefix, port, "unused.db")
        for (name, command, prefix), port in zip(
            SERVICES, (GATEWAY_PORTS[0], *(UPSTREAM_BASES[0] + i for i in (1, 2, 3))), strict=True
        )
    ]
    base = environment(
        argparse.Namespace(port=GATEWAY_PORTS[0], smtp_port=SMTP_PORT), services, var
    )
    for prefix, name in databases.items():
        base[f"{prefix}DATABASE_URL"] = pg_url(name)
    base.update(FAST)
    processes: list[subprocess.Popen[bytes]] = []
    workers: list[subprocess.Popen[bytes]] = []
    log = (var / "replicas.log").open("wb")
    try:
        # Two replicas of each service migrate at the same moment: the migration runs once.
        for _name, command, _prefix in SERVICES:
            starts = [
                subprocess.Popen([command, "migrate"], env=base, cwd=ROOT, stderr=subprocess.PIPE)
                for _ in range(2)
            ]
            outcomes = [(p.wait(timeout=180), p.stderr.read()) for p in starts]  # type: ignore[union-attr]
            assert [code for code, _ in outcomes] == [0, 0], outcomes
            if command != "chiiki-notify":  # notify reads its deadlines from the others
                subprocess.run(
                    [command, "seed-demo"], env=base, cwd=ROOT, check=True, stdout=log, stderr=log
                )

        def start(argv: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
            processes.append(subprocess.Popen(argv, env=env, cwd=ROOT, stdout=log, stderr=log))
            return processes[-1]

        start(["chiiki-notify", "mail-sink", "--port", str(SMTP_PORT)], base)
        deadline = time.monotonic() + 120
        for replica in (0, 1):
            env = _replica_env(base, replica)
            start(["chiiki-gateway", "serve", "--port", str(GATEWAY_PORTS[replica])], env)
            assert wait_healthy(f"http://127.0.0.1:{GATEWAY_PORTS[replica]}/healthz", deadline)
        for replica in (0, 1):
            env = _replica_env(base, replica)
            for offset, (_name, command, _prefix) in enumerate(SERVICES[1:], start=1):
                start([command, "serve", "--port", str(UPSTREAM_BASES[replica] + offset)], env)
            workers.append(start(["chiiki-notify", "run-worker"], env))
        for replica in (0, 1):
            for offset in (1, 2, 3):
                port = UPSTREAM_BASES[replica] + offset
                assert wait_healthy(f"http://127.0.0.1:{port}/readyz", deadline), port
        yield Replicas(
            gateways=tuple(f"http://127.0.0.1:{port}" for port in GATEWAY_PORTS),  # type: ignore[arg-type]
            var=var,
            env=base,
            processes=processes,
            workers=workers,
            log=log,
        )
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
        _pg(*(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' for name in databases.values()))


def login(client: httpx.Client, address: str) -> str:
    response = client.post("/auth/login", json={"email": address, "password": DEMO_PASSWORD})
    assert response.status_code == 200, response.text
    return str(response.json()["csrf_token"])


def until(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def test_a_session_opened_on_one_gateway_works_on_the_other_and_ends_on_both(
    replicas: Replicas,
) -> None:
    with replicas.client(0) as first, replicas.client(1) as second:
        csrf = login(first, "kumamoto-editor@demo.example.jp")
        second.cookies.set("chiiki_session", first.cookies["chiiki_session"])
        assert second.get("/auth/me").json()["organisation"] == "430005"
        assert second.get("/api/plans").status_code == 200
        assert first.post("/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
        ended_at = time.monotonic()
        assert until(lambda: second.get("/auth/me").status_code == 401, 3)
        assert time.monotonic() - ended_at <= 1.5  # the other gateway's session cache: 1 s


def test_failed_logins_count_against_one_budget_across_both_gateways(replicas: Replicas) -> None:
    address = "fukuoka-approver@demo.example.jp"
    with replicas.client(0) as first, replicas.client(1) as second:
        for attempt in range(6):
            gateway = (first, second)[attempt % 2]
            wrong = gateway.post("/auth/login", json={"email": address, "password": "wrong"})
            assert wrong.status_code in (401, 429)
        # Three failures on each gateway: only a shared count has passed the five free ones.
        held = first.post("/auth/login", json={"email": address, "password": DEMO_PASSWORD})
        also_held = second.post("/auth/login", json={"email": address, "password": DEMO_PASSWORD})
    assert held.status_code == 429
    assert also_held.status_code == 429
    assert int(held.headers["Retry-After"]) >= 1


def _kid(token: str) -> str:
    header = token.split(".")[0]
    return str(json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))["kid"])


def test_an_address_has_one_request_budget_across_both_gateways(replicas: Replicas) -> None:
    with replicas.client(0) as first, replicas.client(1) as second:
        answers = [
            (first, second)[n % 2].get("/public/v1/plans", params={"limit": 1}).status_code
            for n in range(30)
        ]
        # 20 in a burst (and about one a second after): two separate buckets would allow all 30
        assert 20 <= answers.count(200) <= 25, answers
        assert set(answers) == {200, 429}
        for gateway in (first, second):
            refused = gateway.get("/public/v1/plans", params={"limit": 1})
            assert refused.status_code == 429
            assert int(refused.headers["Retry-After"]) >= 1
            assert refused.headers["content-type"].startswith("application/problem+json")


def test_a_key_rotated_by_one_gateway_works_everywhere_and_a_retired_one_nowhere(
    replicas: Replicas,
) -> None:
    secret = json.loads((replicas.var / "service-clients.json").read_text())["maff-subsidy"]

    def token(client: httpx.Client) -> str:
        response = client.post(
            "/auth/token", data={"grant_type": "client_credentials"}, auth=("maff-subsidy", secret)
        )
        assert response.status_code == 200, response.text
        return str(response.json()["access_token"])

    def answers(client: httpx.Client, bearer: str) -> int:
        return client.get(
            "/registry/v1/plans", headers={"Authorization": f"Bearer {bearer}"}
        ).status_code

    def rotate() -> None:
        subprocess.run(
            ["chiiki-gateway", "rotate-keys"],
            env=replicas.env,
            cwd=ROOT,
            check=True,
            capture_output=True,
        )

    with replicas.client(0) as first, replicas.client(1) as second:
        old = token(first)
        assert answers(second, old) == 200
        rotate()  # a new key; the old one stays live for the tokens it signed
        assert until(lambda: _kid(token(second)) != _kid(old), 5)
        new = token(second)
        # a replica that fetched the keys within the last second fetches them again a second later
        # (either replica: each read its gateway's keys on its own clock)
        assert until(lambda: answers(first, new) == 200, 2)
        assert until(lambda: answers(second, new) == 200, 2)
        assert answers(first, old) == 200
        rotate()  # a third key: the oldest is retired
        assert until(lambda: answers(first, old) == 401 and answers(second, old) == 401, 8)
        assert answers(first, new) == 200
        assert answers(second, new) == 200


def test_an_event_becomes_one_mail_per_recipient_with_two_services_and_two_workers(
    replicas: Replicas,
) -> None:
    with replicas.client(1) as reviewer:
        csrf = login(reviewer, "cas-reviewer@demo.example.jp")
        queue = reviewer.get("/api/plans", params={"state": "in_review"}).json()["items"]
        assert queue, "the demo has a plan in review"
        plan = queue[0]
        current = reviewer.get(f"/api/plans/{plan['id']}")
        returned = reviewer.post(
            f"/api/plans/{plan['id']}/transitions",
            json={"action": "return_with_comments", "comment": "KPI の根拠を補ってください。"},
            headers={"X-CSRF-Token": csrf, "If-Match": current.headers["etag"]},
        )
        assert returned.status_code == 200, returned.text

    def about_the_return() -> list[email.message.EmailMessage]:
        return [m for m in replicas.mails() if plan["title"] in str(m["Subject"])]

    assert until(lambda: len(about_the_return()) > 0, 30), [
        str(m["Subject"]) for m in replicas.mails()
    ]
    time.sleep(4)  # every worker and both notify APIs have had several rounds to send it again
    recipients = Counter(str(m["To"]) for m in about_the_return())
    assert recipients
    assert set(recipients.values()) == {1}, recipients


def test_a_round_publication_scheduled_through_one_gateway_runs_once(replicas: Replicas) -> None:
    with replicas.client(0) as publisher, replicas.client(1) as watcher:
        csrf = login(publisher, "cas-admin@demo.example.jp")
        login(watcher, "cas-admin@demo.example.jp")
        rounds = publisher.get("/api/rounds").json()
        code = rounds[-1]["code"]
        moment = (datetime.now(UTC) + timedelta(seconds=3)).isoformat()
        scheduled = publisher.put(
            f"/api/rounds/{code}/publication",
            json={"publish_at": moment},
            headers={"X-CSRF-Token": csrf},
        )
        assert scheduled.status_code in (200, 201), scheduled.text
        ready = [item["plan_id"] for item in scheduled.json()["ready"]]
        assert until(
            lambda: watcher.get(f"/api/rounds/{code}/publication").json()["status"] == "done", 20
        )
        done = watcher.get(f"/api/rounds/{code}/publication").json()
        assert sorted(item["plan_id"] for item in done["published"]) == sorted(ready)
        for plan_id in ready:
            history = watcher.get(f"/api/plans/{plan_id}/history").json()
            assert [entry["action"] for entry in history].count("publish") == 1


def test_every_reminder_goes_out_once_and_the_digest_is_composed_once_with_two_workers(
    replicas: Replicas,
) -> None:
    """Both workers see the same due reminder at 09:00 JST and the same digest morning: each
    recipient gets the reminder once, and the viewer (who reads digests only) finds it in exactly
    one digest, one digest a day. The workers' clock is moved to those mornings (CHIIKI_NOW, running
    from the restart)."""
    today = datetime.now(JST).date()
    reminder_day = next_business_day(today + timedelta(days=14))
    due_day = next_business_day(reminder_day + timedelta(days=1))
    title = f"重複送信の確認 {uuid.uuid4().hex[:6]}"
    with replicas.client(0) as admin:
        csrf = login(admin, "cas-admin@demo.example.jp")
        created = admin.post(
            "/api/notify/deadlines",
            json={
                "title": title,
                "due_at": datetime(
                    due_day.year, due_day.month, due_day.day, 17, tzinfo=JST
                ).isoformat(),
                "organisations": ["430005"],
                "offsets": [(due_day - reminder_day).days],
            },
            headers={"X-CSRF-Token": csrf},
        )
        assert created.status_code == 201, created.text

    def morning_of(day: date) -> dict[str, str]:
        moment = datetime(day.year, day.month, day.day, 9, 0, 5, tzinfo=JST)
        return {
            "CHIIKI_NOW": moment.isoformat(),
            "CHIIKI_NOW_ANCHOR": repr(time.time()),
            "NOTIFY_SCHEDULER_INTERVAL_SECONDS": "0.5",
            "NOTIFY_DIGEST_INTERVAL_SECONDS": "0.5",
        }

    def reminders() -> list[email.message.EmailMessage]:
        return [m for m in replicas.mails() if title in str(m["Subject"])]

    def digests() -> list[email.message.EmailMessage]:
        return [m for m in replicas.mails() if "まとめ通知" in str(m["Subject"])]

    def digests_with_it() -> list[email.message.EmailMessage]:
        return [m for m in digests() if title in m.get_body(("plain",)).get_content()]  # type: ignore[union-attr]

    replicas.restart_workers(morning_of(reminder_day))
    assert until(lambda: len(reminders()) > 0, 30), [str(m["Subject"]) for m in replicas.mails()]
    time.sleep(4)  # both workers have had several ticks to send it again
    recipients = Counter(str(m["To"]) for m in reminders())
    assert set(recipients.values()) == {1}, recipients
    assert not any(VIEWER in address for address in recipients)  # a viewer reads the digest

    # the next morning both workers compose the digest (unless the first morning's already held it)
    replicas.restart_workers(morning_of(reminder_day + timedelta(days=1)))
    assert until(lambda: len(digests_with_it()) > 0, 30), [str(m["Subject"]) for m in digests()]
    time.sleep(4)
    assert [VIEWER in str(m["To"]) for m in digests_with_it()] == [True]
    per_day = Counter((str(m["To"]), str(m["Subject"]).split()[0]) for m in digests())
    assert set(per_day.values()) == {1}, per_day


def test_every_replica_still_answers(replicas: Replicas) -> None:
    for replica in (0, 1):
        for offset in (1, 2, 3):
            port = UPSTREAM_BASES[replica] + offset
            assert httpx.get(f"http://127.0.0.1:{port}/readyz").status_code == 200
