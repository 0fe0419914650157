"""notify: 期限・リマインダー・メール"""

from pathlib import Path

MIGRATIONS = str(Path(__file__).parent / "migrations")
