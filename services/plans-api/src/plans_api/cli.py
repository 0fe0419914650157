"""``chiiki-plans-api migrate | serve``."""

from __future__ import annotations

from chiiki_common.cli import service_main

from plans_api import MIGRATIONS
from plans_api.settings import Settings


def main() -> None:
    service_main(
        prog="chiiki-plans-api",
        settings_factory=Settings,
        app_path="plans_api.app:create_app",
        migrations=MIGRATIONS,
    )


if __name__ == "__main__":
    main()
