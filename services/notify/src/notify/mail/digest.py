"""The daily digest (まとめ通知): optional notices of users who chose it, one mail a day."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from notify.mail import messages
from notify.mail import repository as repo
from notify.mail.outbox import Notice, Recipient, mail_values
from notify.models import DigestItem, DigestRun, OutboxMail
from notify.preferences import repository as preferences_repo
from notify.settings import Settings

DIGEST_HOUR_JST = 9


async def compose_due(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> int:
    """From 09:00 JST, once per day (the day's ``DigestRun`` row is the claim, so a second
    replica composes nothing): one mail per user with the notices held since the last one."""
    now = clock.now_jst()
    if now.hour < DIGEST_HOUR_JST:
        return 0
    today = now.date()
    async with sessionmaker() as session, session.begin():
        if not await repo.insert_ignoring_duplicates(
            session, DigestRun, {"digest_on": today, "processed_at": clock.now()}
        ):
            return 0
        items = await repo.undigested_items(session)
        by_user: dict[str, list[DigestItem]] = defaultdict(list)
        for item in items:
            by_user[item.recipient_user_id].append(item)
        organisations = await preferences_repo.settings_by_organisation(
            session, {i.organisation for i in items}
        )
        link = f"{settings.public_base_url.rstrip('/')}/notifications"
        for user_id, held in by_user.items():
            first = held[0]
            key = f"digest:{today.isoformat()}:{user_id}"
            content = messages.digest(
                day_label=clock.wareki(today),
                items=[(item.subject, item.body_text) for item in held],
                link=link,
            )
            await repo.insert_ignoring_duplicates(
                session,
                OutboxMail,
                mail_values(
                    key=key,
                    notice=Notice(key="digest", reason="digest", mandatory=False, content=content),
                    recipient=Recipient(
                        user_id=user_id,
                        email=first.recipient_email,
                        name=first.recipient_name,
                        organisation=first.organisation,
                    ),
                    organisation=organisations.get(first.organisation),
                    message_id_domain=settings.message_id_domain,
                ),
            )
            mail_id = await repo.mail_id_by_key(session, key)
            await repo.mark_digested(session, [item.id for item in held], mail_id)
    return len(by_user)
