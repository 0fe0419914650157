"""Browser tests against the real running system: start the stack, check that the SPA's typed client
matches its OpenAPI document, run Playwright, stop the stack."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stack import ROOT, running_stack


def main() -> int:
    with running_stack() as stack:
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
            ["npx", "playwright", "test"], cwd=ROOT / "frontend", env=environment, check=False
        )
        return check.returncode or tests.returncode


if __name__ == "__main__":
    sys.exit(main())
