"""Bodies of the preference endpoints."""

from __future__ import annotations

from pydantic import Field

from chiiki_common.schemas import InputModel, OutputModel


class PreferencesIn(InputModel):
    mute_optional: bool = Field(description="任意の通知を受け取らない(必須の通知は届きます)")
    daily_digest: bool = Field(description="任意の通知を毎朝9時のまとめ通知で受け取る")


class PreferencesOut(OutputModel):
    mute_optional: bool
    daily_digest: bool


class OrganisationSettingsIn(InputModel):
    attach_ics: bool = Field(description="期限の通知に予定ファイル(.ics)を添付する")
    lgwan: bool = Field(
        description="LGWAN側のメールボックスで受信する(HTMLと添付を除いたテキストのみで送信)"
    )


class OrganisationSettingsOut(OutputModel):
    organisation: str
    attach_ics: bool
    lgwan: bool
