"""scoring-api: 企業・コネクター度/ハブ度・公募"""

from pathlib import Path

MIGRATIONS = str(Path(__file__).parent / "migrations")
