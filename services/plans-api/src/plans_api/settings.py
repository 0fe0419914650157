"""Settings of plans-api, from environment variables prefixed ``PLANS_``."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from chiiki_common.settings import ServiceSettings

REPOSITORY_FONTS = Path(__file__).resolve().parents[4] / ".tools" / "fonts"
"""Where ``scripts/fetch_fonts.py`` installs the fonts, in this checkout."""


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PLANS_", extra="ignore", frozen=True)

    service_name: str = "plans-api"
    database_url: str = "sqlite+aiosqlite:///var/plans.db"
    port: int = 8101
    open_data_csv_max_rows: int = Field(default=10_000, gt=0)
    """Plans one open-data CSV answer carries; past it the answer links to the next part."""
    publication_poll_seconds: float = 15.0
    """How often due round publications are looked for (they are carried out at their moment)."""
    directory_sync_seconds: float = Field(default=3600.0, ge=0)
    """How often the organisations' names are read from the gateway's directory (0: never)."""
    directory_retry_seconds: float = Field(default=5.0, gt=0)
    """How soon a read of the directory that failed is tried again."""
    pdf_font_dir: Path = REPOSITORY_FONTS
    """The fonts the published plans' PDF embeds (BIZ UDPゴシック, installed by
    ``scripts/fetch_fonts.py``); without them a PDF request answers 503 and nothing else changes."""
