"""``chiiki-notify migrate | serve``."""

from __future__ import annotations

from chiiki_common.cli import service_main

from notify import MIGRATIONS
from notify.settings import Settings


def main() -> None:
    service_main(
        prog="chiiki-notify",
        settings_factory=Settings,
        app_path="notify.app:create_app",
        migrations=MIGRATIONS,
    )


if __name__ == "__main__":
    main()
