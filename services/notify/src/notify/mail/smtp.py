"""The SMTP conversation: stdlib ``smtplib`` with timeouts, run in a worker thread by the
delivery loop (no database transaction is open meanwhile).

Each message's outcome is classified by the reply: 2xx sent, 4xx (or a dropped connection, a
timeout, a refused connect) worth retrying, 5xx refused for good.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import Message
from enum import StrEnum

from notify.settings import Settings


class Verdict(StrEnum):
    sent = "sent"
    retry = "retry"
    refused = "refused"


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    error: str | None = None


def _reply(code: int, message: bytes | str) -> Outcome:
    text = message.decode(errors="replace") if isinstance(message, bytes) else str(message)
    verdict = Verdict.refused if code >= 500 else Verdict.retry
    return Outcome(verdict, f"{code} {text}"[:1000])


def send_batch(settings: Settings, messages: Sequence[Message]) -> list[Outcome]:
    """Send ``messages`` over one connection; always one outcome per message."""
    outcomes: list[Outcome] = []
    try:
        with smtplib.SMTP(
            settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_seconds
        ) as client:
            if settings.smtp_starttls:
                client.starttls(context=ssl.create_default_context())
            if settings.smtp_username and settings.smtp_password:
                client.login(settings.smtp_username, settings.smtp_password)
            for message in messages:
                try:
                    client.send_message(message)
                    outcomes.append(Outcome(Verdict.sent))
                except smtplib.SMTPRecipientsRefused as exc:
                    code, reply = next(iter(exc.recipients.values()))
                    outcomes.append(_reply(code, reply))
                    client.rset()
                except smtplib.SMTPResponseException as exc:
                    outcomes.append(_reply(exc.smtp_code, exc.smtp_error))
                    client.rset()
    except (OSError, smtplib.SMTPException) as exc:
        # the connection failed or dropped: this and every message not yet tried wait for a retry
        error = f"SMTP接続エラー: {exc.__class__.__name__}: {exc}"[:1000]
        outcomes += [Outcome(Verdict.retry, error)] * (len(messages) - len(outcomes))
    return outcomes


Sender = Callable[[Settings, Sequence[Message]], list[Outcome]]
