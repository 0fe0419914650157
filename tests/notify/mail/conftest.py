from __future__ import annotations

from collections.abc import Iterator

import pytest

from notify.settings import Settings
from tests.notify.smtp_server import RecordingHandler, SmtpServer, free_port


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer(RecordingHandler(), free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail_settings(settings: Settings, smtp: SmtpServer) -> Settings:
    return settings.model_copy(update={"smtp_port": smtp.port, "delivery_batch_size": 5})
