"""``chiiki-scoring-api migrate | serve | seed-demo``."""

from __future__ import annotations

from chiiki_common.cli import Command, service_main
from scoring_api import MIGRATIONS, bench, demo
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
            Command(
                name="bench",
                help="企業と取引を生成し、数値の集計とスコア計算の時間を測る(空のデータベースで)",
                run=bench.run,
                arguments=[
                    (("--companies",), {"type": int, "default": 100_000}),
                    (("--transactions",), {"type": int, "default": 1_000_000}),
                ],
            ),
        ],
    )


if __name__ == "__main__":
    main()
