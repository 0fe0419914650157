"""Event notices from the plans-api and scoring-api feeds, read with a durable cursor."""

from __future__ import annotations

import asyncio
from typing import get_args

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from notify.events.notices import RULES
from notify.events.tasks import consume_event_feeds
from notify.mail.digest import compose_due
from notify.models import DigestItem, EventCursor, MailPreference
from notify.preferences.schemas import OptionalReason
from notify.scheduling import TaskContext
from tests.notify.conftest import World
from tests.notify.factories import demo_people, mail_count, mails

RETURNED = {
    "plan_id": 12,
    "title": "熊本市 半導体サプライチェーン強化プラン",
    "type": "C",
    "from": "in_review",
    "to": "returned",
    "actor_org": "cas",
    "lead_organisation": "431001",
    "organisations": ["431001"],
    "comment": "KPIの撤退基準を具体的な数値で記載してください。",
}


async def test_a_returned_plan_tells_its_authors_with_the_comments(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    demo_people(world)
    world.add_event("plans", "plan.state_changed", RETURNED)
    world.add_event("plans", "plan.returned", RETURNED)
    await consume_event_feeds(context)
    [mail] = await mails(sessionmaker)
    assert mail.recipient_user_id == "city-editor"
    assert mail.subject == "【修正依頼】計画「熊本市 半導体サプライチェーン強化プラン」の事前確認"
    assert "KPIの撤退基準を具体的な数値で記載してください。" in mail.body_text
    assert "https://chiiki.example.jp/plans/12" in mail.body_text
    assert mail.mandatory


async def test_a_municipal_plan_arriving_tells_its_prefecture(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    demo_people(world)
    world.add_event(
        "plans",
        "plan.arrived_at_prefecture",
        {
            **RETURNED,
            "plan_id": 13,
            "title": "菊陽町 地場産業成長プラン",
            "to": "prefecture_review",
            "lead_organisation": "434043",
            "organisations": ["434043"],
            "prefecture_code": "430005",
        },
    )
    await consume_event_feeds(context)
    assert sorted(m.recipient_user_id for m in await mails(sessionmaker)) == [
        "kumamoto-approver",
        "kumamoto-editor",
    ]


async def test_the_cursor_is_durable_and_a_replayed_feed_makes_no_second_mail(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    demo_people(world)
    world.add_event("plans", "plan.precheck_completed", RETURNED)
    world.add_event(
        "scoring",
        "application.received",
        {
            "call_id": 7,
            "application_id": 3,
            "prefecture_code": "400009",
            "company_name": "株式会社九州精工(サンプル)",
        },
    )
    await consume_event_feeds(context)
    await consume_event_feeds(context)
    assert await mail_count(sessionmaker) == 2
    async with sessionmaker() as session:
        positions = dict(
            (await session.execute(select(EventCursor.source, EventCursor.position))).all()
        )
    assert positions == {"plans": 1, "scoring": 1}
    async with sessionmaker() as session, session.begin():
        cursor = await session.get(EventCursor, "plans")
        assert cursor is not None
        cursor.position = 0  # as if the commit that moved it had been lost
    await consume_event_feeds(context)
    assert await mail_count(sessionmaker) == 2


async def test_two_replicas_reading_the_same_feed_make_each_mail_once(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    demo_people(world)
    for plan_id in range(1, 6):
        world.add_event("plans", "plan.published", {**RETURNED, "plan_id": plan_id, "version": 1})
    await asyncio.gather(consume_event_feeds(context), consume_event_feeds(context))
    sent = await mails(sessionmaker)
    assert len(sent) == 5
    assert sent[0].subject == "【公表】計画「熊本市 半導体サプライチェーン強化プラン」"


async def test_a_feed_that_is_down_is_read_later_from_where_it_stopped(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    demo_people(world)
    world.add_event(
        "plans",
        "kpi.breached",
        {**RETURNED, "kpi_id": 4, "name": "新規雇用者数", "actual": "3人", "criterion": "10人"},
    )
    world.failing.add("gateway")
    await consume_event_feeds(context)
    assert await mail_count(sessionmaker) == 0
    world.failing.clear()
    await consume_event_feeds(context)
    [mail] = await mails(sessionmaker)
    assert "実績: 3人 / 撤退基準: 10人" in mail.body_text


async def test_muted_optional_mail_stays_away_but_mandatory_notices_arrive(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    demo_people(world)
    async with sessionmaker() as session, session.begin():
        session.add(
            MailPreference(
                user_id="city-editor",
                organisation="431001",
                mute_optional=True,
                daily_digest=False,
                updated_at=clock.now(),
            )
        )
    world.add_event("plans", "plan.published", {**RETURNED, "version": 1})
    world.add_event("plans", "plan.returned", RETURNED)
    await consume_event_feeds(context)
    assert [m.reason for m in await mails(sessionmaker)] == ["plan.returned"]


async def test_a_muted_reason_stays_away_while_other_optional_mail_arrives(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    demo_people(world)
    async with sessionmaker() as session, session.begin():
        session.add(
            MailPreference(
                user_id="kumamoto-editor",
                organisation="430005",
                mute_optional=False,
                daily_digest=False,
                muted_reasons="application.received",
                updated_at=clock.now(),
            )
        )
    application = {"call_id": 7, "application_id": 1, "prefecture_code": "430005"}
    world.add_event(
        "scoring", "application.received", {**application, "company_name": "肥後精密(サンプル)"}
    )
    world.add_event(
        "scoring",
        "application.decided",
        {**application, "company_name": "肥後精密(サンプル)", "decision": "adopted"},
    )
    await consume_event_feeds(context)
    editor = [
        m.reason for m in await mails(sessionmaker) if m.recipient_user_id == "kumamoto-editor"
    ]
    approver = [
        m.reason for m in await mails(sessionmaker) if m.recipient_user_id == "kumamoto-approver"
    ]
    assert editor == ["application.decided"]
    assert sorted(approver) == ["application.decided", "application.received"]


def test_the_reasons_a_user_may_mute_are_exactly_the_optional_event_notices() -> None:
    payload = {"organisations": ["431001"], "prefecture_code": "430005"}
    optional = {
        event_type
        for (_, event_type), rule in RULES.items()
        if not rule(payload, "https://chiiki.example.jp").mandatory
    }
    assert optional == set(get_args(OptionalReason))


async def test_a_daily_digest_collects_optional_notices_into_one_mail_after_0900_jst(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    demo_people(world)
    async with sessionmaker() as session, session.begin():
        session.add(
            MailPreference(
                user_id="kumamoto-editor",
                organisation="430005",
                mute_optional=False,
                daily_digest=True,
                updated_at=clock.now(),
            )
        )
    for application_id, company in enumerate(["肥後精密(サンプル)", "阿蘇テック(サンプル)"]):
        world.add_event(
            "scoring",
            "application.received",
            {
                "call_id": 7,
                "application_id": application_id,
                "prefecture_code": "430005",
                "company_name": company,
            },
        )
    with clock.frozen_at(clock.jst_wall_clock(2026, 5, 20, 8, 0)):
        await consume_event_feeds(context)
        assert await compose_due(context.sessionmaker, context.settings) == 0
    immediate = await mails(sessionmaker)
    assert sorted(m.recipient_user_id for m in immediate) == ["kumamoto-approver"] * 2
    with clock.frozen_at(clock.jst_wall_clock(2026, 5, 20, 9, 5)):
        assert await compose_due(context.sessionmaker, context.settings) == 1
        assert await compose_due(context.sessionmaker, context.settings) == 0
    digest = [m for m in await mails(sessionmaker) if m.reason == "digest"]
    assert [m.recipient_user_id for m in digest] == ["kumamoto-editor"]
    assert digest[0].subject == "【まとめ通知】令和8年5月20日 お知らせ2件"
    assert "肥後精密(サンプル)" in digest[0].body_text
    assert "阿蘇テック(サンプル)" in digest[0].body_text
    async with sessionmaker() as session:
        waiting = (
            await session.scalars(select(DigestItem).where(DigestItem.digest_mail_id.is_(None)))
        ).all()
    assert waiting == []


SUBMITTED = {
    "proposal_id": 5,
    "title": "次世代半導体の製造・後工程拠点の形成",
    "organisation": "430005",
    "organisation_name": "熊本県",
    "prefecture": "43",
    "state": "submitted",
    "state_label": "提案済み（地方経済産業局等で確認中）",
}


def bureaus(world: World) -> None:
    kyushu = [f"{n}" for n in range(40, 47)]
    world.bureaus = [
        {"code": "meti-kyushu", "name": "九州経済産業局", "kind": "bureau", "block": kyushu},
        {"code": "meti-kanto", "name": "関東経済産業局", "kind": "bureau", "block": ["13"]},
    ]
    world.add_user("kyushu-approver", "meti-kyushu", "approver")
    world.add_user("kyushu-editor", "meti-kyushu", "editor")
    world.add_user("kanto-approver", "meti-kanto", "approver")


async def test_a_submitted_proposal_tells_the_bureau_of_its_block_and_no_other(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    demo_people(world)
    bureaus(world)
    world.add_event("plans", "proposal.submitted", SUBMITTED)
    await consume_event_feeds(context)
    sent = await mails(sessionmaker)
    assert sorted(m.recipient_user_id for m in sent) == ["kyushu-approver", "kyushu-editor"]
    assert sent[0].subject == "【候補プロジェクト案件の提案】次世代半導体の製造・後工程拠点の形成"
    assert "熊本県から戦略産業クラスター計画の候補プロジェクト案件" in sent[0].body_text
    assert "https://chiiki.example.jp/proposals/5" in sent[0].body_text
    assert sent[0].mandatory


async def test_a_decided_proposal_tells_its_prefecture_with_the_reason(
    backend: str, world: World, context: TaskContext, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    demo_people(world)
    bureaus(world)
    world.add_event(
        "plans",
        "proposal.decided",
        {
            **SUBMITTED,
            "state": "returned",
            "state_label": "差戻し",
            "comment": "投資額の根拠を記載してください。",
        },
    )
    await consume_event_feeds(context)
    sent = await mails(sessionmaker)
    assert sorted(m.recipient_user_id for m in sent) == ["kumamoto-approver", "kumamoto-editor"]
    assert (
        sent[0].subject
        == "【候補プロジェクト案件の採否】次世代半導体の製造・後工程拠点の形成(差戻し)"
    )
    assert "投資額の根拠を記載してください。" in sent[0].body_text
    assert "returned" not in sent[0].body_text
