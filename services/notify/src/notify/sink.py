"""The embedded mail sink: a local SMTP server that keeps every message as a .eml file, so the
mail of a demo or a training session can be read (open the files with any mail program)."""

from __future__ import annotations

import uuid
from email import message_from_bytes
from email.policy import default
from pathlib import Path
from typing import Any

import structlog
from aiosmtpd.controller import Controller

from chiiki_common import clock

log = structlog.get_logger("notify.sink")


class FileSink:
    """aiosmtpd handler writing ``<UTC time>-<id>.eml`` files into ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        name = f"{clock.now():%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}.eml"
        path = self.folder / name
        path.write_bytes(envelope.content)
        message = message_from_bytes(envelope.content, policy=default)
        log.info(
            "notify.sink.received",
            file=str(path),
            to=list(envelope.rcpt_tos),
            subject=str(message.get("Subject", "")),
        )
        return "250 2.0.0 OK"


def start_sink(folder: Path, host: str, port: int) -> Controller:
    controller = Controller(FileSink(folder), hostname=host, port=port)
    controller.start()
    return controller
