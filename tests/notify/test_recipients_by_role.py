"""Mail goes to the people a notice concerns: the authors (editors, approvers, admins) of the
organisations it names, the approvers alone for 「承認者に依頼する」; viewers read along in their
daily digest unless they opt in; a user of the organisation holding none of these roles gets
nothing."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from notify.deadlines.tasks import send_due_reminders, sync_deadlines
from notify.events.tasks import consume_event_feeds
from notify.mail.digest import compose_due
from notify.models import DigestItem, MailPreference
from notify.scheduling import TaskContext
from tests.notify.conftest import World
from tests.notify.factories import mails, national_rounds

PUBLISHED = {
    "plan_id": 5,
    "title": "熊本県 半導体産業クラスター計画",
    "type": "B",
    "lead_organisation": "430005",
    "organisations": ["430005"],
}
APPROVAL = {
    "plan_id": 5,
    "title": "熊本県 半導体産業クラスター計画",
    "type": "B",
    "state": "draft",
    "organisation": "430005",
    "lead_organisation": "430005",
    "organisations": ["430005"],
    "requested_by": "kumamoto-editor",
    "requested_by_name": "熊本県 作成担当",
    "message": "KGIの数値を更新しました。ご確認ください。",
}


def _kumamoto(world: World) -> None:
    world.add_user("kumamoto-editor", "430005", "editor")
    world.add_user("kumamoto-approver", "430005", "approver")
    world.add_user("kumamoto-admin", "430005", "admin")
    world.add_user("kumamoto-viewer", "430005", "viewer")
    world.add_user("kumamoto-auditor", "430005", "reviewer")  # holds no role a notice names


async def _digest_users(sessionmaker: async_sessionmaker[AsyncSession]) -> list[str]:
    async with sessionmaker() as session:
        rows = await session.scalars(select(DigestItem.recipient_user_id))
        return sorted(rows.all())


async def test_a_reminder_mails_the_authors_and_approvers_and_holds_the_viewers_for_the_digest(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    national_rounds(world)
    _kumamoto(world)
    world.precheck_pending = {"430005"}
    with clock.frozen_at(clock.jst_wall_clock(2026, 5, 20, 9, 0)):
        await sync_deadlines(context)
        await send_due_reminders(context)
    instant = sorted(m.recipient_user_id for m in await mails(sessionmaker))
    assert instant == ["kumamoto-admin", "kumamoto-approver", "kumamoto-editor"]
    assert "kumamoto-viewer" not in instant
    assert "kumamoto-auditor" not in instant
    assert await _digest_users(sessionmaker) == ["kumamoto-viewer"]
    with clock.frozen_at(clock.jst_wall_clock(2026, 5, 21, 9, 5)):
        assert await compose_due(context.sessionmaker, context.settings) == 1
    digest = [m for m in await mails(sessionmaker) if m.reason == "digest"]
    assert [m.recipient_user_id for m in digest] == ["kumamoto-viewer"]
    assert "先行事例 事前確認依頼の期限" in digest[0].body_text


async def test_a_viewer_who_opts_in_gets_each_notice_as_its_own_mail(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    _kumamoto(world)
    async with sessionmaker() as session, session.begin():
        session.add(
            MailPreference(
                user_id="kumamoto-viewer",
                organisation="430005",
                instant_mail=True,
                updated_at=clock.now(),
            )
        )
    world.add_event("plans", "plan.published", PUBLISHED)
    await consume_event_feeds(context)
    instant = sorted(m.recipient_user_id for m in await mails(sessionmaker))
    assert instant == [
        "kumamoto-admin",
        "kumamoto-approver",
        "kumamoto-editor",
        "kumamoto-viewer",
    ]
    assert await _digest_users(sessionmaker) == []


async def test_an_approval_request_mails_the_approvers_of_the_organisation_only(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    _kumamoto(world)
    world.add_user("fukuoka-approver", "400009", "approver")
    world.add_event("plans", "plan.approval_requested", APPROVAL)
    await consume_event_feeds(context)
    sent = await mails(sessionmaker)
    assert sorted(m.recipient_user_id for m in sent) == ["kumamoto-admin", "kumamoto-approver"]
    assert {m.subject for m in sent} == {"【承認依頼】計画「熊本県 半導体産業クラスター計画」"}
    assert all(m.mandatory and m.reason == "plan.approval_requested" for m in sent)
    assert "熊本県 作成担当さんから承認者への依頼がありました" in sent[0].body_text
    assert "■ 依頼者からのひとこと\nKGIの数値を更新しました。ご確認ください。" in sent[0].body_text
    assert "https://chiiki.example.jp/plans/5" in sent[0].body_text
    # neither the editor who asked, the viewer, nor anybody of another organisation
    assert await _digest_users(sessionmaker) == []
