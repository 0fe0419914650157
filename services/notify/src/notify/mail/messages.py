"""Every Japanese string of notify's mail in one place: subjects, plain text and HTML bodies.

Mail is link-only: it says what happened and links to the platform, never carries the plan.
Dates are shown in JST with 和暦: a day deadline as its last day (令和8年7月15日(水)まで), a moment
with its time (令和8年6月1日(月) 12:00).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from chiiki_common.clock import to_jst, wareki

_WEEKDAYS = "月火水木金土日"

SIGNATURE = (
    "――――――――――――――――――――\n"
    "地域産業成長プラン 手続システム\n"
    "このメールは送信専用です。返信いただいてもお答えできません。\n"
    "通知の受け取り方は「通知設定」から変更できます(必須の通知は停止できません)。"
)


@dataclass(frozen=True)
class Content:
    subject: str
    text: str
    html: str
    summary: str
    """The message without greeting and signature, for the daily digest."""


def jst_label(moment: datetime) -> str:
    """``令和8年6月5日(金) 23:59`` for a UTC moment."""
    local = to_jst(moment)
    return f"{wareki(local.date())}({_WEEKDAYS[local.weekday()]}) {local:%H:%M}"


def day_label(day: date) -> str:
    """``令和8年7月15日(水)`` for a JST day."""
    return f"{wareki(day)}({_WEEKDAYS[day.weekday()]})"


def deadline_label(due_at: datetime, last_day: date | None) -> str:
    """How a deadline is written: 「令和8年7月15日(水)まで」 for a day deadline (the whole day
    counts, never 23:59), the moment for the others."""
    if last_day is not None:
        return f"{day_label(last_day)}まで"
    return jst_label(due_at)


def _days_left_label(days: int) -> str:
    if days <= 0:
        return "本日が期限です"
    return f"期限まであと{days}日です"


def _render(subject: str, lines: list[str], link: str) -> Content:
    text = "\n".join([*lines, "", f"詳細: {link}", "", SIGNATURE])
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in lines if line)
    html = (
        '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8">'
        f"<title>{escape(subject)}</title></head><body>"
        f'{paragraphs}<p><a href="{escape(link)}">詳細を確認する</a></p>'
        f"<hr><p>{escape(SIGNATURE).replace(chr(10), '<br>')}</p></body></html>"
    )
    summary = "\n".join([*(line for line in lines[2:] if line), f"詳細: {link}"])
    return Content(subject=subject, text=text, html=html, summary=summary)


def reminder(
    *,
    title: str,
    due_at: datetime,
    days_left: int,
    description: str,
    link: str,
    last_day: date | None = None,
) -> Content:
    prefix = "【本日期限】" if days_left <= 0 else f"【期限まであと{days_left}日】"
    lines = [
        "ご担当者様",
        "",
        f"「{title}」の期限が近づいています。{_days_left_label(days_left)}。",
        f"期限: {deadline_label(due_at, last_day)}(日本時間)",
    ]
    if description:
        lines += ["", description]
    return _render(f"{prefix}{title}", lines, link)


@dataclass(frozen=True)
class ReviewComment:
    """One comment of a return, as people read it: what it concerns, the verdict, the text."""

    subject: str
    """「要件1 有望度」 or 「3. 現状認識と目指す姿【目標】」."""
    verdict: str = ""
    """「充足」「不充足」「要修正」, empty when the reviewer gave none."""
    comment: str = ""


VERDICT_LABELS = {"satisfied": "充足", "not_satisfied": "不充足", "needs_revision": "要修正"}
"""The reviewer's verdicts as the plan page shows them (``VERDICT_LABELS`` in the SPA)."""


def plan_returned(
    *,
    title: str,
    comment: str,
    link: str,
    requirements: Sequence[ReviewComment] = (),
    sections: Sequence[ReviewComment] = (),
) -> Content:
    """修正依頼: the overall comment, then each requirement's verdict and comment, then the
    comments on parts of the plan, as plain sentences."""
    lines = [
        "ご担当者様",
        "",
        f"計画「{title}」の事前確認で修正依頼(コメント付き)がありました。",
        "コメントを確認のうえ、修正して再度事前確認を依頼してください。",
    ]
    if comment.strip():
        lines += ["", "■ 全体へのコメント", comment.strip()]
    if requirements:
        lines += ["", "■ 要件ごとの確認結果"]
        for item in requirements:
            verdict = f"【{item.verdict}】" if item.verdict else ""
            lines.append(f"・{item.subject}{verdict}")
            if item.comment.strip():
                lines.append(f"  {item.comment.strip()}")
    if sections:
        lines += ["", "■ 記載項目へのコメント"]
        for item in sections:
            lines.append(f"・{item.subject}")
            if item.comment.strip():
                lines.append(f"  {item.comment.strip()}")
    return _render(f"【修正依頼】計画「{title}」の事前確認", lines, link)


def approval_requested(*, title: str, requester: str, link: str, message: str = "") -> Content:
    """「承認者に依頼する」: an editor asks the organisation's approvers to take the next step."""
    by = f"{requester}さん" if requester else "作成担当者"
    lines = [
        "ご担当者様",
        "",
        f"計画「{title}」について、{by}から承認者への依頼がありました。",
        "計画は入力内容の確認を通過しています。内容を確認のうえ、事前確認の依頼など次の手続を"
        "行ってください。",
    ]
    if message.strip():
        lines += ["", "■ 依頼者からのひとこと", message.strip()]
    return _render(f"【承認依頼】計画「{title}」", lines, link)


def plan_arrived(*, title: str, author: str, link: str) -> Content:
    lines = [
        "ご担当者様",
        "",
        f"{author}から計画「{title}」が提出されました。",
        "内容を確認し、取りまとめ(国への事前確認依頼)または差戻しを行ってください。",
    ]
    return _render(f"【取りまとめ依頼】計画「{title}」が届きました", lines, link)


def precheck_completed(*, title: str, link: str) -> Content:
    lines = [
        "ご担当者様",
        "",
        f"計画「{title}」の国による事前確認が完了しました。",
        "知事等・市町村長による発表ののち、正式に提出してください。",
    ]
    return _render(f"【事前確認完了】計画「{title}」", lines, link)


def plan_published(*, title: str, version: int | None, link: str) -> Content:
    version_label = f"(第{version}版)" if version else ""
    lines = ["ご担当者様", "", f"計画「{title}」{version_label}が内閣官房HPで公表されました。"]
    return _render(f"【公表】計画「{title}」", lines, link)


def kpi_breached(*, title: str, kpi: str, actual: str, criterion: str, link: str) -> Content:
    lines = [
        "ご担当者様",
        "",
        f"計画「{title}」のKPI「{kpi}」が撤退基準を下回りました。",
        f"実績: {actual} / 撤退基準: {criterion}",
        "計画の見直し(具体化・高度化)または撤退の検討をお願いします。",
    ]
    return _render(f"【撤退基準】計画「{title}」のKPI「{kpi}」", lines, link)


def application_received(*, company: str, link: str) -> Content:
    lines = ["ご担当者様", "", f"公募に「{company}」から応募がありました。"]
    return _render(f"【応募受付】{company}", lines, link)


def application_decided(*, company: str, decision: str, link: str) -> Content:
    lines = ["ご担当者様", "", f"「{company}」の応募の審査結果({decision})が確定しました。"]
    return _render(f"【審査結果】{company}", lines, link)


def proposal_submitted(*, title: str, prefecture: str, link: str) -> Content:
    """To the bureau of the block: a prefecture's candidate project waits for its decision."""
    lines = [
        "ご担当者様",
        "",
        f"{prefecture}から戦略産業クラスター計画の候補プロジェクト案件「{title}」が提案されました。",
        "内容をご確認のうえ、採否(採用・差戻し・不採用)を決定してください。",
    ]
    return _render(f"【候補プロジェクト案件の提案】{title}", lines, link)


def proposal_decided(*, title: str, decision: str, comment: str, link: str) -> Content:
    """To the prefecture: the bureau's decision on its candidate project, with the reason."""
    lines = ["ご担当者様", "", f"候補プロジェクト案件「{title}」の採否が決定しました({decision})。"]
    if comment:
        lines += ["", "■ 地方経済産業局等からのコメント", comment]
    return _render(f"【候補プロジェクト案件の採否】{title}({decision})", lines, link)


def digest(*, day_label: str, items: list[tuple[str, str]], link: str) -> Content:
    lines = ["ご担当者様", "", f"{day_label}までのお知らせ({len(items)}件)をまとめてお送りします。"]
    for subject, body in items:
        lines += ["", f"■ {subject}", body]
    return _render(f"【まとめ通知】{day_label} お知らせ{len(items)}件", lines, link)


SECTION_FALLBACK = "計画の記載内容"
DEADLINE_NOT_FOUND = "期限が見つかりません"
CLOSED_DAYS_RANGE_TITLE = "期間の指定に誤りがあります"
CLOSED_DAYS_RANGE = "最初の日から最後の日までを550日以内で指定してください"
DECISION_LABELS = {"selected": "採択", "rejected": "不採択", "accepted": "採択"}
KPI_REPORT_TITLE = "KPI実績報告({half})"
KPI_REPORT_DESCRIPTION = (
    "公表済みの計画について、半期ごとにKGI・KPIの実績と政策の進捗状況を報告してください。"
)
FIRST_HALF = "{fy}上半期"
SECOND_HALF = "{fy}下半期"
ICS_CALENDAR_NAME = "地域産業成長プラン 期限"
MAIL_STATE_LABELS = {
    "pending": "送信待ち",
    "sending": "送信中",
    "sent": "送信済み",
    "failed": "再試行待ち",
    "dead": "送信不能",
}
"""The mail log's states as people read them (the SPA's 送信履歴 uses the same words)."""
