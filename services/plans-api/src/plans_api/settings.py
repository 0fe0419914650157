"""Settings of plans-api, from environment variables prefixed ``PLANS_``."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from chiiki_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PLANS_", extra="ignore", frozen=True)

    service_name: str = "plans-api"
    database_url: str = "sqlite+aiosqlite:///var/plans.db"
    port: int = 8101
