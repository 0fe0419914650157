"""Settings of scoring-api, from environment variables prefixed ``SCORING_``."""

from __future__ import annotations

from chiiki_common.settings import ServiceSettings
from pydantic_settings import SettingsConfigDict


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="SCORING_", extra="ignore", frozen=True)

    service_name: str = "scoring-api"
    database_url: str = "sqlite+aiosqlite:///var/scoring.db"
    port: int = 8102
