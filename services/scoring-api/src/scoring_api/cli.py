"""``chiiki-scoring-api migrate | serve``."""

from __future__ import annotations

from chiiki_common.cli import service_main

from scoring_api import MIGRATIONS
from scoring_api.settings import Settings


def main() -> None:
    service_main(
        prog="chiiki-scoring-api",
        settings_factory=Settings,
        app_path="scoring_api.app:create_app",
        migrations=MIGRATIONS,
    )


if __name__ == "__main__":
    main()
