"""Browser tests against the real running system: start the stack, run Playwright, stop the stack."""

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
        return subprocess.run(
            ["npx", "playwright", "test"], cwd=ROOT / "frontend", env=environment, check=False
        ).returncode


if __name__ == "__main__":
    sys.exit(main())
