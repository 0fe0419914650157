"""A real SMTP server (aiosmtpd) in the test process that records every mail it accepts."""

from __future__ import annotations

import socket
from collections import Counter
from collections.abc import Callable
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from typing import Any

from aiosmtpd.controller import Controller

Reply = Callable[[EmailMessage], str | None]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RecordingHandler:
    """Accepts mail (or answers what ``reply`` says for a message) and keeps what it accepted."""

    def __init__(self, reply: Reply | None = None) -> None:
        self.received: list[EmailMessage] = []
        self.reply = reply

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=default)
        assert isinstance(message, EmailMessage)
        answer = self.reply(message) if self.reply else None
        if answer:
            return answer
        self.received.append(message)
        return "250 2.0.0 OK"

    def message_ids(self) -> Counter[str]:
        return Counter(str(m["Message-ID"]) for m in self.received)


class SmtpServer:
    def __init__(self, handler: RecordingHandler, port: int) -> None:
        self.handler, self.port = handler, port
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
