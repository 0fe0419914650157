"""ゲートウェイ"""

from pathlib import Path

MIGRATIONS = str(Path(__file__).parent / "migrations")
