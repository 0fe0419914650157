"""Browser tests against the real running system: start the stack, check that the SPA's typed client
matches its OpenAPI document, run Playwright, stop the stack.

Arguments are passed to Playwright (``scripts/e2e.py e2e/review.spec.ts`` runs one file).
``E2E_PORT`` moves the stack to other ports (the gateway on it, the services on the next hundred),
so two runs can share a machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import ROOT, running_stack


def main(arguments: list[str]) -> int:
    port = int(os.environ.get("E2E_PORT", "18000"))
    with running_stack(port=port, upstream_base=port + 100, smtp_port=port + 25) as stack:
        environment = {
            **os.environ,
            "E2E_BASE_URL": stack.base_url,
            "E2E_MAIL_DIR": str(stack.var / "mail"),
        }
        # The SPA's typed client must match the running gateway's merged OpenAPI document.
        check = subprocess.run(
            ["npm", "run", "check-client", "--", f"{stack.base_url}/openapi.json"],
            cwd=ROOT / "frontend",
            check=False,
        )
        tests = subprocess.run(
            ["npx", "playwright", "test", *arguments],
            cwd=ROOT / "frontend",
            env=environment,
            check=False,
        )
        return check.returncode or tests.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
