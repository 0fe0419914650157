"""The 修正依頼 mail, as it reaches a real SMTP server: the overall comment and each requirement's
verdict and comment in plain Japanese, requirement titles and section headings by name — never a
Python or JSON representation, a key or an English word."""

from __future__ import annotations

import re

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from notify.events.tasks import consume_event_feeds
from notify.mail.delivery import drain
from notify.scheduling import TaskContext
from notify.settings import Settings
from tests.notify.conftest import World
from tests.notify.factories import demo_people
from tests.notify.smtp_server import SmtpServer

RETURNED = {
    "plan_id": 12,
    "title": "熊本市 半導体サプライチェーン強化プラン",
    "type": "C",
    "from": "in_review",
    "to": "returned",
    "actor_org": "cas",
    "lead_organisation": "431001",
    "organisations": ["431001"],
    "comment": "全体として、KPIと撤退基準の対応関係を明確にしてください。",
    # as plans-api's workflow emits them (plans_api.workflow.return_labels)
    "comments": [
        {"number": 1, "verdict": "satisfied", "comment": ""},
        {
            "number": 6,
            "verdict": "needs_revision",
            "comment": "撤退基準を具体的な数値で記載してください。",
        },
        {"number": 3, "verdict": None, "comment": "取引先の分散状況を補足"},
    ],
    "section_comments": [
        {"section": "present_and_goals", "comment": "現状の数値の出典を記載してください。"},
        {"section": "kpis", "comment": "半期ごとの目標値を見直してください。"},
    ],
    "requirement_labels": {"1": "有望度", "6": "EBPMメルクマール", "3": "外部依存性"},
    "section_labels": {"present_and_goals": "3. 現状認識と目指す姿【目標】"},
}

FORBIDDEN = ("{", "}", "[", "]", "'", '"', "None", "null", "True", "False")


async def test_the_return_mail_carries_every_comment_in_plain_japanese(
    backend: str,
    world: World,
    context: TaskContext,
    sessionmaker: async_sessionmaker[AsyncSession],
    mail_settings: Settings,
    smtp: SmtpServer,
) -> None:
    demo_people(world)
    world.add_event("plans", "plan.returned", RETURNED)
    await consume_event_feeds(context)
    report = await drain(sessionmaker, mail_settings)
    assert report.sent == 1
    [received] = smtp.handler.received
    assert (
        received["Subject"]
        == "【修正依頼】計画「熊本市 半導体サプライチェーン強化プラン」の事前確認"
    )
    text = received.get_body(("plain",)).get_content()
    expected = [
        "■ 全体へのコメント",
        "全体として、KPIと撤退基準の対応関係を明確にしてください。",
        "■ 要件ごとの確認結果",
        "・要件1 有望度【充足】",
        "・要件6 EBPMメルクマール【要修正】",
        "  撤退基準を具体的な数値で記載してください。",
        "・要件3 外部依存性",
        "  取引先の分散状況を補足",
        "■ 記載項目へのコメント",
        "・3. 現状認識と目指す姿【目標】",
        "  現状の数値の出典を記載してください。",
        "・計画の記載内容",
        "  半期ごとの目標値を見直してください。",
    ]
    lines = text.splitlines()
    positions = [lines.index(line) for line in expected]
    assert positions == sorted(positions), "in the order the reviewer wrote them"
    html = received.get_body(("html",)).get_content()
    assert "要件6 EBPMメルクマール【要修正】" in html
    body = text.split("詳細: ")[0]
    for token in FORBIDDEN:
        assert token not in body, token
    # no machine key or English word (URLs aside): only KPI/EBPM, the plan's own words, remain
    words = set(re.findall(r"[A-Za-z_]{2,}", body))
    assert words <= {"KPI", "EBPM"}, words
    for key in ("number", "verdict", "needs_revision", "present_and_goals", "kpis", "label"):
        assert key not in text


async def test_an_old_return_payload_without_labels_still_names_no_key(
    backend: str,
    world: World,
    context: TaskContext,
    sessionmaker: async_sessionmaker[AsyncSession],
    mail_settings: Settings,
    smtp: SmtpServer,
) -> None:
    demo_people(world)
    payload = {
        "title": RETURNED["title"],
        "organisations": ["431001"],
        "comment": "",
        "comments": [{"number": 2, "verdict": "not_satisfied", "comment": "核となる事業者を追加"}],
        "section_comments": [{"section": "policy", "comment": "取組の時期を記載"}],
    }
    world.add_event("plans", "plan.returned", payload)
    await consume_event_feeds(context)
    await drain(sessionmaker, mail_settings)
    [received] = smtp.handler.received
    text = received.get_body(("plain",)).get_content()
    assert "・要件2【不充足】" in text
    assert "・計画の記載内容" in text
    assert "policy" not in text
    assert "not_satisfied" not in text
