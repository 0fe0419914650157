"""Mail preferences: a user's (mute optional mail, daily digest) and an organisation's (.ics
attachments, LGWAN-side mailboxes)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal
from notify.models import AuditRecord, MailPreference, OrganisationMailSettings
from notify.preferences import repository as repo
from notify.preferences.schemas import (
    OrganisationSettingsIn,
    OrganisationSettingsOut,
    PreferencesIn,
    PreferencesOut,
)


async def my_preferences(session: AsyncSession, principal: Principal) -> PreferencesOut:
    row = await repo.preference_of(session, principal.subject)
    if row is None:
        return PreferencesOut(
            mute_optional=False, daily_digest=False, muted_reasons=[], instant_mail=False
        )
    return _preferences_out(row)


def _preferences_out(row: MailPreference) -> PreferencesOut:
    return PreferencesOut(
        mute_optional=row.mute_optional,
        daily_digest=row.daily_digest,
        muted_reasons=row.muted_reasons.split(),
        instant_mail=row.instant_mail,
    )


async def set_my_preferences(
    session: AsyncSession, principal: Principal, body: PreferencesIn
) -> PreferencesOut:
    row = await repo.get_preference(session, principal.subject)
    if row is None:
        row = MailPreference(user_id=principal.subject)
        session.add(row)
    row.organisation = principal.organisation
    row.mute_optional = body.mute_optional
    row.daily_digest = body.daily_digest
    row.muted_reasons = " ".join(sorted(set(body.muted_reasons)))
    row.instant_mail = body.instant_mail
    row.updated_at = clock.now()
    await session.flush()
    return _preferences_out(row)


async def organisation_settings(
    session: AsyncSession, principal: Principal
) -> OrganisationSettingsOut:
    row = await repo.settings_of(session, principal.organisation)
    if row is None:
        return OrganisationSettingsOut(
            organisation=principal.organisation, attach_ics=False, lgwan=False
        )
    return OrganisationSettingsOut.model_validate(row)


async def set_organisation_settings(
    session: AsyncSession, principal: Principal, body: OrganisationSettingsIn
) -> OrganisationSettingsOut:
    row = await repo.get_settings(session, principal.organisation)
    if row is None:
        row = OrganisationMailSettings(organisation=principal.organisation)
        session.add(row)
    row.attach_ics = body.attach_ics
    row.lgwan = body.lgwan
    row.updated_at = clock.now()
    await session.flush()
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="mail_settings.update",
        resource_type="organisation",
        resource_id=principal.organisation,
        details=body.model_dump(),
    )
    return OrganisationSettingsOut.model_validate(row)
