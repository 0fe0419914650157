"""Settings of notify, from environment variables prefixed ``NOTIFY_``."""

from __future__ import annotations

from chiiki_common.settings import ServiceSettings
from pydantic_settings import SettingsConfigDict


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFY_", extra="ignore", frozen=True)

    service_name: str = "notify"
    database_url: str = "sqlite+aiosqlite:///var/notify.db"
    port: int = 8103
