"""Settings of scoring-api, from environment variables prefixed ``SCORING_``."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from chiiki_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="SCORING_", extra="ignore", frozen=True)

    service_name: str = "scoring-api"
    database_url: str = "sqlite+aiosqlite:///var/scoring.db"
    port: int = 8102

    plans_url: str = "http://127.0.0.1:8101"
    """plans-api, where selected companies are added as core companies of the call's B plan."""
    attachment_folder: str = "var/attachments"
    """Folder holding attachment bytes (named by SHA-256); the database keeps the metadata."""
    attachment_max_bytes: int = Field(default=10 * 1024 * 1024, gt=0)
    reference_list_top_percent: float = Field(default=10.0, gt=0, le=100)
    """参考リスト: connector or hub degree within this top share of the prefecture's companies."""
    reference_list_max_employees: int = Field(default=2000, ge=0)
    selection_retry_seconds: float = Field(default=60.0, gt=0)
    """How often pending selections are pushed to plans-api again."""
    import_max_rows: int = Field(default=200_000, gt=0)
