"""Bodies of the preference endpoints."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from chiiki_common.schemas import InputModel, OutputModel

OptionalReason = Literal["plan.published", "application.received", "application.decided"]
"""The notices a user may mute one by one: the rules in ``notify.events.notices`` that are not
mandatory (nobody has to act on them)."""


class PreferencesIn(InputModel):
    mute_optional: bool = Field(description="任意の通知を受け取らない(必須の通知は届きます)")
    daily_digest: bool = Field(description="任意の通知を毎朝9時のまとめ通知で受け取る")
    muted_reasons: list[OptionalReason] = Field(
        default_factory=list, max_length=10, description="受け取らない任意の通知の種類"
    )
    instant_mail: bool = Field(
        False,
        description="閲覧者も通知を1件ずつすぐにメールで受け取る(既定では毎朝のまとめ通知のみ)",
    )


class PreferencesOut(OutputModel):
    mute_optional: bool
    daily_digest: bool
    muted_reasons: list[str] = Field(description="受け取らない任意の通知の種類")
    instant_mail: bool = Field(
        description="閲覧者も通知を1件ずつすぐにメールで受け取る(既定では毎朝のまとめ通知のみ)"
    )


class OrganisationSettingsIn(InputModel):
    attach_ics: bool = Field(description="期限の通知に予定ファイル(.ics)を添付する")
    lgwan: bool = Field(
        description="LGWAN側のメールボックスで受信する(HTMLと添付を除いたテキストのみで送信)"
    )


class OrganisationSettingsOut(OutputModel):
    organisation: str
    attach_ics: bool
    lgwan: bool
