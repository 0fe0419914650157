"""Settings of notify, from environment variables prefixed ``NOTIFY_``."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from chiiki_common.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="NOTIFY_", extra="ignore", frozen=True)

    service_name: str = "notify"
    database_url: str = "sqlite+aiosqlite:///var/notify.db"
    port: int = 8103

    plans_url: str = "http://127.0.0.1:8101"
    scoring_url: str = "http://127.0.0.1:8102"
    service_client_id: str | None = "svc-notify"

    smtp_host: str = "127.0.0.1"
    smtp_port: int = 8025
    smtp_timeout_seconds: float = 10.0
    """Per SMTP operation (connect, each command, the data transfer)."""
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    sender_address: str = "chiiki-mirai-noreply@demo.example.jp"
    sender_name: str = "地域産業成長プラン 通知"
    message_id_domain: str = "notify.chiiki.example.jp"

    delivery_batch_size: int = 20
    """Mails claimed and sent over one SMTP connection."""
    delivery_lease_seconds: float = 300.0
    """How long a claimed mail stays with one worker; after that another worker re-claims it.
    Never shorter than one batch's worst SMTP time (see ``delivery.lease_for``)."""
    retry_base_seconds: float = 60.0
    retry_cap_seconds: float = 900.0
    """The longest wait between two tries of a mail (4xx answers and outages alike, never giving
    up): once a server that was down is back, every waiting mail goes out within this time."""

    run_worker: bool = False
    """Run the scheduler, event consumer and delivery loops inside the app (lifespan tasks)."""
    scheduler_interval_seconds: float = 60.0
    sync_interval_seconds: float = 300.0
    events_interval_seconds: float = 5.0
    """How often the event feeds are read when the long poll is off or a feed is down."""
    events_wait_seconds: float = 20.0
    """How long a read of a feed waits for the next event (a long poll: a committed event reaches
    the worker at once); 0 turns it off and the feeds are polled every ``events_interval_seconds``."""
    delivery_interval_seconds: float = 2.0
    digest_interval_seconds: float = 300.0
    failed_task_retry_seconds: float = 5.0
    """How soon a task whose last run failed (a service not up yet, a database away) runs again,
    when its interval is longer: the deadlines appear seconds after plans-api answers, not after
    ``sync_interval_seconds``."""

    mail_sink_host: str = "127.0.0.1"
    mail_sink_port: int = 8025
    mail_dir: str = "var/mail"
