"""From a plan event committed in plans-api to its mail written by the SMTP sink, on the whole
system as ``make run`` starts it (gateway, plans-api, scoring-api, notify with its worker, the sink).

``python -m benchmarks.event_latency [--samples 20]`` (``make bench`` runs it). A reviewer returns the
demo plan in review (plan.returned: a mail to its authors), then an editor of the plan's organisation
asks the approvers again and again (plan.approval_requested: a mail to the approvers). Each sample is
the time from the answer of the request that committed the event to the first new .eml file in the
sink's folder: the feed's wait, the recipients' lookup, the outbox and the delivery loop included.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from benchmarks.targets import at_most, emit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from stack import running_stack  # noqa: E402

DEMO_PASSWORD = "Demo-2026!"
EDITORS = {
    "430005": "kumamoto-editor@demo.example.jp",
    "431001": "kumamoto-city-editor@demo.example.jp",
    "434043": "kikuyo-editor@demo.example.jp",
    "400009": "fukuoka-editor@demo.example.jp",
}


@dataclass
class LatencyResult:
    samples_ms: list[float]

    @property
    def p50(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def worst(self) -> float:
        return max(self.samples_ms)


def _login(client: httpx.Client, address: str) -> str:
    response = client.post("/auth/login", json={"email": address, "password": DEMO_PASSWORD})
    response.raise_for_status()
    return str(response.json()["csrf_token"])


def _mails(folder: Path) -> set[str]:
    return {path.name for path in folder.glob("*.eml")} if folder.exists() else set()


def _wait_for_mail(folder: Path, before: set[str], started: float, timeout: float = 30) -> float:
    while time.perf_counter() - started < timeout:
        if _mails(folder) - before:
            return (time.perf_counter() - started) * 1000
        time.sleep(0.005)
    raise RuntimeError("no mail reached the sink")


def measure(base_url: str, mail_dir: Path, samples: int) -> LatencyResult:
    times: list[float] = []
    with httpx.Client(base_url=base_url, timeout=30) as reviewer:
        csrf = _login(reviewer, "cas-reviewer@demo.example.jp")
        queue = reviewer.get("/api/plans", params={"state": "in_review"}).json()["items"]
        plan = queue[0]
        current = reviewer.get(f"/api/plans/{plan['id']}")
        before = _mails(mail_dir)
        returned = reviewer.post(
            f"/api/plans/{plan['id']}/transitions",
            json={"action": "return_with_comments", "comment": "KPI の根拠を補ってください。"},
            headers={"X-CSRF-Token": csrf, "If-Match": current.headers["etag"]},
        )
        returned.raise_for_status()
        times.append(_wait_for_mail(mail_dir, before, time.perf_counter()))
    with httpx.Client(base_url=base_url, timeout=30) as editor:
        csrf = _login(editor, EDITORS[plan["lead_organisation"]])
        for _ in range(samples - 1):
            time.sleep(0.3)  # let the previous mail's delivery finish
            before = _mails(mail_dir)
            asked = editor.post(
                f"/api/plans/{plan['id']}/approval-request",
                json={"message": "ご確認ください。"},
                headers={"X-CSRF-Token": csrf},
            )
            asked.raise_for_status()
            times.append(_wait_for_mail(mail_dir, before, time.perf_counter()))
    return LatencyResult(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--port", type=int, default=18700)
    args = parser.parse_args()
    with running_stack(
        port=args.port, upstream_base=args.port + 100, smtp_port=args.port + 25
    ) as stack:
        result = measure(stack.base_url, stack.var / "mail", args.samples)
    print(
        f"plan event to SMTP (whole system, {len(result.samples_ms)} events): "
        f"p50 {result.p50:.0f} ms, worst {result.worst:.0f} ms (target ≤ 1,000 ms)"
    )
    emit(
        at_most(
            f"plan event to SMTP on the whole system, worst of {len(result.samples_ms)}",
            result.worst,
            1_000,
            "ms",
            digits=0,
        )
    )


if __name__ == "__main__":
    main()
