"""The SMTP conversation: stdlib ``smtplib`` with timeouts, one session per batch, driven message
by message by the delivery loop (each step in a worker thread; no database transaction is open
meanwhile), so each message's outcome can be recorded before the next one is sent.

Outcomes follow the reply to the message: 2xx sent, 4xx worth retrying, 5xx refused for good.
A server that cannot be reached or will not talk (refused connect, timeout, a 4xx/5xx greeting, a
failed login, a dropped connection) says nothing about the message: it is *deferred*, which costs
the message none of its attempts.
"""

from __future__ import annotations

import io
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.generator import BytesGenerator
from email.message import Message
from enum import StrEnum

from notify.settings import Settings


class Verdict(StrEnum):
    sent = "sent"
    retry = "retry"
    """The server answered 4xx for this message: try it again later."""
    refused = "refused"
    """The server answered 5xx for this message: a permanent rejection."""
    deferred = "deferred"
    """No server took the message up (outage, misconfiguration): wait and try again."""


@dataclass(frozen=True)
class Outcome:
    verdict: Verdict
    code: int | None = None
    """The SMTP reply code about this message (None when no server answered)."""
    reply: str | None = None
    """The reply's text (``5.1.1 User unknown``)."""
    error: str | None = None
    """What went wrong, as the mail log shows it (code and text, or the connection error)."""


def _text(message: bytes | str) -> str:
    return (message.decode(errors="replace") if isinstance(message, bytes) else message)[:900]


def _answer(code: int, message: bytes | str) -> Outcome:
    text = _text(message)
    if 200 <= code < 300:
        return Outcome(Verdict.sent, code, text)
    verdict = Verdict.refused if code >= 500 else Verdict.retry
    return Outcome(verdict, code, text, f"{code} {text}")


def _connection_problem(exc: BaseException) -> str:
    """What went wrong with the connection, in the words of the mail log (never the exception's
    English name or text)."""
    if isinstance(exc, ConnectionRefusedError):
        return "接続を拒否されました"
    if isinstance(exc, TimeoutError | socket.timeout) or "timed out" in str(exc).lower():
        return "時間内に応答がありません"
    if isinstance(exc, ssl.SSLError):
        return "暗号化(TLS)の接続を確立できません"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "認証に失敗しました"
    if isinstance(exc, smtplib.SMTPServerDisconnected | ConnectionResetError):
        return "接続が切れました"
    if isinstance(exc, socket.gaierror):
        return "メールサーバーの名前を解決できません"
    return "メールサーバーに接続できません"


def _deferred(exc: BaseException) -> Outcome:
    code = getattr(exc, "smtp_code", None)
    reply = getattr(exc, "smtp_error", None)
    text = _text(reply) if reply is not None else None
    return Outcome(
        Verdict.deferred,
        code if isinstance(code, int) and code > 0 else None,
        text,
        f"SMTP接続エラー: {_connection_problem(exc)}",
    )


def _flatten(message: Message) -> bytes:
    """The message as sent: headers already MIME-encoded, CRLF line ends (as ``send_message``)."""
    with io.BytesIO() as buffer:
        BytesGenerator(buffer).flatten(message, linesep="\r\n")
        return buffer.getvalue()


class SmtpSession:
    """One connection to the relay. :meth:`open` and :meth:`send` return an :class:`Outcome`
    instead of raising; once the connection is lost every later :meth:`send` is deferred."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._client: smtplib.SMTP | None = None
        self._lost: Outcome | None = None

    def open(self) -> Outcome | None:
        """Connect, greet, STARTTLS and log in; None when ready, else the deferral."""
        settings = self._settings
        try:
            client = smtplib.SMTP(
                settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_seconds
            )
        except (OSError, smtplib.SMTPException) as exc:
            self._lost = _deferred(exc)
            return self._lost
        self._client = client
        try:
            client.ehlo_or_helo_if_needed()
            if settings.smtp_starttls:
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if settings.smtp_username and settings.smtp_password:
                client.login(settings.smtp_username, settings.smtp_password)
        except (OSError, smtplib.SMTPException) as exc:
            self._lost = _deferred(exc)
        return self._lost

    def send(self, message: Message, sender: str, recipient: str) -> Outcome:
        """MAIL, RCPT, DATA for one message; the outcome carries the server's reply."""
        if self._lost is not None or self._client is None:
            return self._lost or Outcome(Verdict.deferred, error="SMTP接続がありません")
        client = self._client
        try:
            options: list[str] = []
            reply: bytes | str
            if not (sender + recipient).isascii():
                if not client.has_extn("smtputf8"):
                    return Outcome(
                        Verdict.refused,
                        error="SMTPサーバーが日本語などを含むメールアドレスに対応していません",
                    )
                options = ["SMTPUTF8", "BODY=8BITMIME"]
            code, reply = client.mail(sender, options)
            if code == 250:
                code, reply = client.rcpt(recipient)
                if code in (250, 251):
                    code, reply = client.data(_flatten(message))
        except smtplib.SMTPDataError as exc:
            code, reply = exc.smtp_code, exc.smtp_error
        except (OSError, smtplib.SMTPException) as exc:
            # the connection dropped: the message may or may not have arrived; it is sent again
            # later with the same Message-ID
            self._lost = _deferred(exc)
            return self._lost
        outcome = _answer(code, reply)
        if outcome.verdict is not Verdict.sent:
            self._reset(client)
        return outcome

    def _reset(self, client: smtplib.SMTP) -> None:
        try:
            client.rset()
        except (OSError, smtplib.SMTPException) as exc:
            self._lost = _deferred(exc)

    def close(self) -> None:
        if self._client is None:
            return
        try:
            if self._lost is None:
                self._client.quit()
        except (OSError, smtplib.SMTPException):
            pass  # the session is over either way
        finally:
            self._client.close()
            self._client = None
