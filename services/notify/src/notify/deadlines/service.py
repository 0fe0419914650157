"""Deadlines as data and the reminders before them.

Deadlines come from their sources (national rounds from plans-api, call closings from
scoring-api, the half-yearly KPI reports of published plans) or from a national administrator
(ad-hoc). Each gets a reminder run per offset, on the business day ``business_days`` gives.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import structlog
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal
from chiiki_common.errors import NotFound, ValidationFailed
from chiiki_common.schemas import Page
from notify.deadlines import audience, business_days, ical
from notify.deadlines import repository as repo
from notify.deadlines.schemas import ClosedDay, DeadlineCreate, DeadlineOut
from notify.mail import messages
from notify.mail.outbox import Notice, enqueue
from notify.models import (
    DEFAULT_OFFSETS,
    AudienceRule,
    AuditRecord,
    Deadline,
    DeadlineKind,
    DeadlineTarget,
    ReminderRun,
    ReminderRunState,
)
from notify.recipients import RecipientResolver
from notify.settings import Settings
from notify.upstream import CallCreated, OpenCall, Round, Upstream

log = structlog.get_logger("notify.deadlines")

ROUND_SOURCE = "plans:round:"
CALL_SOURCE = "scoring:call:"
KPI_SOURCE = "kpi-report:"


@dataclass(frozen=True)
class DeadlineSpec:
    kind: DeadlineKind
    title: str
    due_at: datetime
    source_ref: str
    audience_rule: AudienceRule
    audience_params: dict[str, Any] = field(default_factory=dict)
    offsets: tuple[int, ...] = DEFAULT_OFFSETS
    mandatory: bool = True
    description: str = ""
    targets: tuple[str, ...] = ()
    last_day: date | None = None
    """A day deadline's last day (``due_at`` is then 00:00 JST of the day after)."""


def end_of_day(last_day: date) -> datetime:
    """The exclusive end of a JST day: 00:00 JST of the next day (never 23:59)."""
    after = last_day + timedelta(days=1)
    return clock.jst_wall_clock(after.year, after.month, after.day)


def day_spec(last_day: date, **fields: Any) -> DeadlineSpec:
    """A deadline 「``last_day``までに」: until the end of that JST day."""
    return DeadlineSpec(due_at=end_of_day(last_day), last_day=last_day, **fields)


async def upsert(session: AsyncSession, spec: DeadlineSpec) -> Deadline:
    """Create or update the deadline of ``spec.source_ref``; a moved date plans its reminders
    afresh (their idempotency keys carry the date, so the new date gets its own reminders)."""
    now = clock.now()
    deadline = await repo.by_source(session, spec.source_ref)
    offsets = sorted(set(spec.offsets), reverse=True)
    if deadline is None:
        deadline = Deadline(source_ref=spec.source_ref, created_at=now, targets=[])
        session.add(deadline)
        replan = True
    else:
        replan = (
            deadline.due_at != spec.due_at
            or deadline.last_day != spec.last_day
            or deadline.offsets != offsets
        )
    values = {
        "kind": spec.kind.value,
        "title": spec.title,
        "description": spec.description,
        "due_at": spec.due_at,
        "last_day": spec.last_day,
        "audience_rule": spec.audience_rule.value,
        "audience_params": spec.audience_params,
        "offsets": offsets,
        "mandatory": spec.mandatory,
        "active": True,
    }
    targets = sorted(set(spec.targets))
    changed = replan or sorted(t.organisation for t in deadline.targets) != targets
    for name, value in values.items():
        changed = changed or getattr(deadline, name) != value
        setattr(deadline, name, value)
    if changed:
        # LAST-MODIFIED of the calendar feed: only a real change moves it
        deadline.updated_at = now
    if sorted(t.organisation for t in deadline.targets) != targets:
        deadline.targets = [DeadlineTarget(organisation=code) for code in targets]
    await session.flush()
    if replan:
        await repo.delete_runs(session, deadline.id)
        plan_runs(session, deadline)
        await session.flush()
    return deadline


def plan_runs(session: AsyncSession, deadline: Deadline) -> None:
    """One run per offset on its business day, counted back from the deadline's day (a day
    deadline's last day: offset 0 is that day itself); two offsets moved onto the same day send
    once (the nearer one), and a run that would fall after the deadline is not planned."""
    used: set[date] = set()
    for offset in sorted(deadline.offsets):
        day = business_days.reminder_day(deadline.day, offset)
        moment = business_days.reminder_moment(day)
        if day in used or moment >= deadline.due_at:
            continue
        used.add(day)
        session.add(
            ReminderRun(
                deadline_id=deadline.id,
                offset_days=offset,
                send_on=day,
                send_at=moment,
                state=ReminderRunState.pending,
                recipients=0,
            )
        )


async def deactivate_missing(
    session: AsyncSession,
    prefix: str,
    present: Iterable[str],
    *,
    keep: Callable[[Deadline], bool] = lambda _: False,
) -> None:
    """Deadlines of ``prefix`` the source no longer lists stop (unless ``keep`` says otherwise)."""
    listed = set(present)
    for deadline in await repo.by_source_prefix(session, prefix):
        if deadline.source_ref not in listed and not keep(deadline):
            deadline.active = False
            deadline.updated_at = clock.now()
    await session.flush()


def round_last_day(round_: Round) -> date:
    """The round's last day as plans-api gives it, else the JST day before its exclusive cutoff."""
    if round_.last_day is not None:
        return round_.last_day
    return (clock.to_jst(round_.cutoff_at) - timedelta(microseconds=1)).date()


def round_spec(round_: Round) -> DeadlineSpec:
    """A national round (seed 000 ⑥, 「2026年7月15日(水)までに」): a day deadline on the round's last
    day; its reminders go to the organisations plans-api names for that round (authors of a B or
    C plan not yet pre-check-requested; the prefecture while a municipal plan waits there)."""
    short_name = re.split(r"[(（]", round_.name)[0].strip() or round_.name
    return day_spec(
        round_last_day(round_),
        kind=DeadlineKind.national_round,
        title=f"{short_name} 事前確認依頼の期限",
        description=(f"{round_.name}: この期限までに計画(素案)の事前確認依頼を行ってください。"),
        source_ref=f"{ROUND_SOURCE}{round_.code}",
        audience_rule=AudienceRule.precheck_pending,
        audience_params={"round": round_.code},
    )


def call_spec(call: OpenCall, *, opens_at: datetime | None = None) -> DeadlineSpec:
    """A call's closing (seed 003: 令和8年6月1日正午), reminded to the call's prefecture.
    ``opens_at`` is known when the call is learnt at its creation: until then the call is not
    listed among the open calls, yet its early reminders go out."""
    params: dict[str, Any] = {"call_id": call.id}
    if opens_at is not None:
        params["opens_at"] = opens_at.astimezone(UTC).isoformat()
    return DeadlineSpec(
        kind=DeadlineKind.call_closing,
        title=f"公募「{call.title}」の締切",
        description="重点支援企業の公募の締切です。応募状況を確認してください。",
        due_at=call.closes_at,
        source_ref=f"{CALL_SOURCE}{call.id}",
        audience_rule=AudienceRule.call_open_prefecture,
        audience_params=params,
        targets=(call.prefecture_code,),
    )


def created_call_spec(payload: dict[str, Any]) -> DeadlineSpec | None:
    """The deadline of scoring-api's ``call.created`` event (None for a payload not understood)."""
    try:
        created = CallCreated.model_validate(payload)
    except ValidationError:
        log.warning("notify.deadlines.call_event_unreadable", payload=payload)
        return None
    call = OpenCall(
        id=created.call_id,
        prefecture_code=created.prefecture_code,
        title=created.title,
        closes_at=created.closes_at,
    )
    return call_spec(call, opens_at=created.opens_at)


DEADLINE_EVENTS: dict[tuple[str, str], Callable[[dict[str, Any]], DeadlineSpec | None]] = {
    ("scoring", "call.created"): created_call_spec,
}
"""Events that tell notify of a deadline (the event consumer upserts it with the feed's cursor)."""


def deadline_for_event(
    source: str, event_type: str, payload: dict[str, Any]
) -> DeadlineSpec | None:
    rule = DEADLINE_EVENTS.get((source, event_type))
    return rule(payload) if rule else None


def kpi_report_specs(today: date) -> list[DeadlineSpec]:
    """The next two half-yearly KPI reports (seed 000: 定期的(半期ごと等)に…KPI等を確認).

    The seeds fix no date; this system asks for each fiscal half's report by the end of the month
    after it (上半期 4–9月 → 10/31, 下半期 10–3月 → 4/30, until the end of that JST day). Other
    dates are ad-hoc deadlines."""
    specs: list[DeadlineSpec] = []
    fiscal_year = clock.fiscal_year_of(today) - 1
    while len(specs) < 2:
        for half, due in (
            (messages.FIRST_HALF, date(fiscal_year, 10, 31)),
            (messages.SECOND_HALF, date(fiscal_year + 1, 4, 30)),
        ):
            if due < today or len(specs) == 2:
                continue
            label = half.format(fy=clock.wareki_fiscal_year(fiscal_year))
            specs.append(
                day_spec(
                    due,
                    kind=DeadlineKind.kpi_report,
                    title=messages.KPI_REPORT_TITLE.format(half=label),
                    description=messages.KPI_REPORT_DESCRIPTION,
                    source_ref=f"{KPI_SOURCE}{fiscal_year}-{'h1' if due.month == 10 else 'h2'}",
                    audience_rule=AudienceRule.published_authors,
                )
            )
        fiscal_year += 1
    return specs


async def sync_sources(
    session: AsyncSession, rounds: Sequence[Round], calls: Sequence[OpenCall]
) -> None:
    """Bring the deadlines in line with plans-api's rounds, scoring-api's open calls and the
    KPI report calendar; what a source no longer lists stops being reminded."""
    for spec in [
        *map(round_spec, rounds),
        *map(call_spec, calls),
        *kpi_report_specs(clock.today_jst()),
    ]:
        await upsert(session, spec)
    await deactivate_missing(session, ROUND_SOURCE, (f"{ROUND_SOURCE}{r.code}" for r in rounds))
    now = clock.now()
    await deactivate_missing(
        session,
        CALL_SOURCE,
        (f"{CALL_SOURCE}{c.id}" for c in calls),
        keep=lambda deadline: audience.call_not_yet_open(deadline, now),
    )


async def create_ad_hoc(
    session: AsyncSession, principal: Principal, body: DeadlineCreate
) -> DeadlineOut:
    """An ad-hoc deadline (e.g. a later round announced by the 事務局): to the listed
    organisations, or to every local government with a plan not yet pre-check-requested."""
    spec = DeadlineSpec(
        kind=DeadlineKind.ad_hoc,
        title=body.title,
        description=body.description,
        due_at=body.due_at.astimezone(UTC),
        source_ref=f"ad-hoc:{uuid.uuid4().hex}",
        audience_rule=(
            AudienceRule.organisations if body.organisations else AudienceRule.precheck_pending
        ),
        offsets=tuple(body.offsets),
        mandatory=body.mandatory,
        targets=tuple(body.organisations),
    )
    deadline = await upsert(session, spec)
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="deadline.create",
        resource_type="deadline",
        resource_id=deadline.id,
    )
    return to_out(deadline, sorted(spec.targets))


def to_out(deadline: Deadline, organisations: list[str]) -> DeadlineOut:
    return DeadlineOut(
        id=deadline.id,
        kind=deadline.kind,
        title=deadline.title,
        description=deadline.description,
        due_at=deadline.due_at,
        last_day=deadline.last_day,
        due_at_label=messages.deadline_label(deadline.due_at, deadline.last_day),
        days_left=business_days.days_left(deadline.day, clock.today_jst()),
        mandatory=deadline.mandatory,
        organisations=organisations,
    )


async def list_for(
    session: AsyncSession, principal: Principal, *, limit: int, offset: int
) -> Page[DeadlineOut]:
    rows, total = await repo.list_visible(
        session, principal, due_after=clock.now(), limit=limit, offset=offset
    )
    targets = await repo.targets_of(session, [row.id for row in rows])
    return Page[DeadlineOut](
        items=[to_out(row, targets.get(row.id, [])) for row in rows],
        total=total,
        limit=limit,
        offset=offset,
    )


async def calendar_for(session: AsyncSession, principal: Principal, settings: Settings) -> str:
    """Deadlines from a year back on, so a subscribed calendar keeps the recent past."""
    since = clock.now() - timedelta(days=365)
    if principal.is_national:
        rows, _ = await repo.list_visible(
            session, principal, due_after=since, limit=10_000, offset=0
        )
    else:
        rows = await repo.for_calendar(session, principal, due_after=since)
    return ical.calendar(rows, domain=settings.message_id_domain, base_url=settings.public_base_url)


async def get_for(session: AsyncSession, principal: Principal, deadline_id: int) -> DeadlineOut:
    """One deadline the caller may see (404 otherwise: existence is not leaked)."""
    deadline = await repo.visible_one(session, principal, deadline_id)
    if deadline is None:
        raise NotFound(messages.DEADLINE_NOT_FOUND)
    targets = await repo.targets_of(session, [deadline.id])
    return to_out(deadline, targets.get(deadline.id, []))


def closed_days(start: date, end: date) -> list[ClosedDay]:
    """Public holidays and 年末年始 between two days (at most a year and a half apart)."""
    if end < start or (end - start).days > 550:
        raise ValidationFailed(messages.CLOSED_DAYS_RANGE, title=messages.CLOSED_DAYS_RANGE_TITLE)
    return [
        ClosedDay(
            date=day,
            name=name,
            kind="year_end" if name == business_days.YEAR_END_CLOSURE else "holiday",
        )
        for day, name in business_days.closed_days(start, end)
    ]


def reminder_notice(deadline: Deadline, run: ReminderRun, settings: Settings) -> Notice:
    link = ical.deadline_link(settings.public_base_url, deadline)
    content = messages.reminder(
        title=deadline.title,
        due_at=deadline.due_at,
        last_day=deadline.last_day,
        days_left=business_days.days_left(deadline.day, clock.today_jst()),
        description=deadline.description,
        link=link,
    )
    return Notice(
        key=f"reminder:{deadline.id}:{clock.to_jst(deadline.due_at):%Y%m%d%H%M}:{run.offset_days}",
        reason=f"reminder.{deadline.kind}",
        mandatory=deadline.mandatory,
        content=content,
        ics=ical.calendar(
            [deadline], domain=settings.message_id_domain, base_url=settings.public_base_url
        ),
    )


async def send_due_reminders(
    sessionmaker: async_sessionmaker[AsyncSession], upstream: Upstream, settings: Settings
) -> int:
    """Turn every due reminder run into outbox mail, recipients resolved from the state now.

    When several runs of one deadline are due (the system was down, or the deadline was added
    late) only the nearest goes out and the earlier ones are skipped: one mail, not a burst.
    Overdue runs wait for the next open day at 09:00 JST (``business_days.catch_up_moment``);
    runs of a deadline already past are skipped, never sent."""
    now = clock.now()
    async with sessionmaker() as session, session.begin():
        await repo.expired_runs(session, now)
    if now < business_days.catch_up_moment(now):
        # a closed day or before 09:00: every run due now is overdue and waits (planned runs
        # fall on open days at 09:00)
        return 0
    async with sessionmaker() as session, session.begin():
        latest: dict[int, ReminderRun] = {}
        stale: list[int] = []
        for run in await repo.due_runs(session, now):
            if run.deadline_id in latest:
                stale.append(latest[run.deadline_id].id)
            latest[run.deadline_id] = run
        if stale:
            await repo.skip_runs(session, stale, now)
    resolver = RecipientResolver(upstream)
    produced = 0
    for run in latest.values():
        async with sessionmaker() as session:
            deadline = await repo.load(session, run.deadline_id)
        if deadline is None:
            continue
        try:
            organisations = await audience.organisations_for(deadline, upstream)
            recipients = await resolver.for_organisations(organisations)
        except Exception:  # an upstream failure leaves the run pending for the next tick
            log.warning("notify.reminder.audience_unavailable", deadline=deadline.id, exc_info=True)
            continue
        async with sessionmaker() as session, session.begin():
            if not await repo.claim_run(session, run.id, now):
                continue
            result = await enqueue(
                session,
                reminder_notice(deadline, run, settings),
                recipients,
                message_id_domain=settings.message_id_domain,
            )
            await repo.set_recipients(session, run.id, len(recipients))
        produced += result.mails
        log.info(
            "notify.reminder.sent",
            deadline=deadline.id,
            offset=run.offset_days,
            organisations=len(organisations),
            mails=result.mails,
        )
    return produced
