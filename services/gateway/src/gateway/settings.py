"""Settings of gateway, from environment variables prefixed ``GATEWAY_``."""

from __future__ import annotations

from chiiki_common.settings import ServiceSettings
from pydantic_settings import SettingsConfigDict


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore", frozen=True)

    service_name: str = "gateway"
    database_url: str = "sqlite+aiosqlite:///var/gateway.db"
    port: int = 8000
