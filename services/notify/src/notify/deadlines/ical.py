"""iCalendar (RFC 5545) for deadlines: the per-organisation feed and the mail attachment."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from chiiki_common import clock
from notify.mail import messages
from notify.models import Deadline

PRODID = "-//chiiki-mirai//notify//JA"


def _escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not parts else 74
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    parts.append(current)
    return "\r\n ".join(parts)


def uid(deadline: Deadline, domain: str) -> str:
    """Stable across feeds and mails: a calendar updates the event instead of adding a second."""
    return f"deadline-{deadline.id}@{domain}"


DEADLINE_PATH = "/notifications/deadlines/{id}"
"""The SPA's page of one deadline (the route in ``frontend/src/pages/notifications/routes.tsx``)."""


def deadline_link(base_url: str, deadline: Deadline) -> str:
    return base_url.rstrip("/") + DEADLINE_PATH.format(id=deadline.id)


def _when(deadline: Deadline) -> list[str]:
    """A day deadline is an all-day event on its last day; a moment is a one-minute event."""
    if deadline.last_day is not None:
        after = deadline.last_day + timedelta(days=1)
        return [
            f"DTSTART;VALUE=DATE:{deadline.last_day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{after:%Y%m%d}",
        ]
    return [
        f"DTSTART:{_stamp(deadline.due_at)}",
        f"DTEND:{_stamp(deadline.due_at + timedelta(minutes=1))}",
    ]


def calendar(deadlines: Iterable[Deadline], *, domain: str, base_url: str) -> str:
    stamp = _stamp(clock.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(messages.ICS_CALENDAR_NAME)}",
        "X-WR-TIMEZONE:Asia/Tokyo",
    ]
    for deadline in deadlines:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid(deadline, domain)}",
            f"DTSTAMP:{stamp}",
            f"LAST-MODIFIED:{_stamp(deadline.updated_at)}",
            *_when(deadline),
            f"SUMMARY:{_escape(deadline.title)}",
            f"DESCRIPTION:{_escape(deadline.description or deadline.title)}",
            f"URL:{deadline_link(base_url, deadline)}",
            "TRANSP:TRANSPARENT",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_escape(deadline.title)}",
            "TRIGGER:-P1D",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
