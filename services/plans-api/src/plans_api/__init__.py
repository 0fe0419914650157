"""plans-api: 地域産業成長プラン"""

from pathlib import Path

MIGRATIONS = str(Path(__file__).parent / "migrations")
