"""Bodies of the mail log endpoints."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, computed_field

from chiiki_common.schemas import OutputModel
from notify.mail.messages import MAIL_STATE_LABELS


class MailLogEntry(OutputModel):
    id: int
    recipient_email: str = Field(description="宛先")
    recipient_name: str
    organisation: str
    reason: str = Field(description="通知の種類(reminder.national_round, plan.returned など)")
    mandatory: bool
    subject: str
    state: str = Field(description="pending / sending / sent / failed / dead")
    attempts: int = Field(description="SMTPサーバーがこのメールに応答した回数")
    deferrals: int = Field(
        description="SMTPサーバーに接続できず送信を延期した回数(試行回数には数えず、上限もない)"
    )
    smtp_code: int | None = Field(description="最後のSMTP応答コード(250, 451, 550 など)")
    smtp_reply: str | None = Field(description="最後のSMTP応答の本文")
    last_error: str | None = Field(
        description="最後の失敗の内容(応答コードと本文、または接続エラー)"
    )
    message_id: str
    created_at: datetime
    next_attempt_at: datetime
    sent_at: datetime | None

    @computed_field(description="送信状態(送信待ち・送信中・送信済み・再試行待ち・送信不能)")  # type: ignore[prop-decorator]
    @property
    def state_label(self) -> str:
        return MAIL_STATE_LABELS.get(self.state, self.state)
