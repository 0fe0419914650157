"""``chiiki-plans-api migrate | serve | seed-demo | reindex-search | sync-directory``."""

from __future__ import annotations

from chiiki_common.cli import Command, service_main
from plans_api import MIGRATIONS
from plans_api.demo import seed_demo_command
from plans_api.directory.service import sync_command
from plans_api.search.index import rebuild_command
from plans_api.settings import Settings


def main() -> None:
    service_main(
        prog="chiiki-plans-api",
        settings_factory=Settings,
        app_path="plans_api.app:create_app",
        migrations=MIGRATIONS,
        commands=[
            Command(
                name="seed-demo",
                help="デモ用の計画(熊本県・熊本市・菊陽町ほか、サンプル企業)を投入する(再実行しても変化なし)",
                run=seed_demo_command,
            ),
            Command(
                name="reindex-search",
                help="計画の検索索引をすべての計画について作り直す(索引の対象や正規化を変えたとき)",
                run=rebuild_command,
            ),
            Command(
                name="sync-directory",
                help="団体名をゲートウェイの団体名簿から読み込む(起動時と定期的にも自動で行う)",
                run=sync_command,
            ),
        ],
    )


if __name__ == "__main__":
    main()
