"""``chiiki-scoring-api migrate | serve | seed-demo``."""

from __future__ import annotations

from chiiki_common.cli import Command, service_main
from scoring_api import MIGRATIONS, demo
from scoring_api.settings import Settings


def main() -> None:
    service_main(
        prog="chiiki-scoring-api",
        settings_factory=Settings,
        app_path="scoring_api.app:create_app",
        migrations=MIGRATIONS,
        commands=[
            Command(
                name="seed-demo",
                help="熊本県の公募と架空の企業(サンプル)・取引・数値を登録する(冪等)",
                run=demo.run,
                arguments=[
                    (
                        ("--plan-id",),
                        {"default": None, "help": "選定企業が参加する B 計画の ID(plans-api)"},
                    )
                ],
            ),
        ],
    )


if __name__ == "__main__":
    main()
