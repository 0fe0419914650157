"""Audience rules: which organisations a reminder goes to, asked of the current state when the
reminder is due (a plan requested on time stops getting reminders; a closed call gets none)."""

from __future__ import annotations

from notify.models import AudienceRule, Deadline
from notify.upstream import Upstream


async def organisations_for(deadline: Deadline, upstream: Upstream) -> set[str]:
    """The organisations the deadline's rule names now, narrowed to its targets when it has any."""
    rule = AudienceRule(deadline.audience_rule)
    targets = {target.organisation for target in deadline.targets}
    if rule is AudienceRule.precheck_pending:
        found = await upstream.precheck_pending_organisations()
    elif rule is AudienceRule.published_authors:
        found = await upstream.published_author_organisations()
    elif rule is AudienceRule.call_open_prefecture:
        call_id = str(deadline.audience_params.get("call_id", ""))
        found = {call.prefecture_code for call in await upstream.open_calls() if call.id == call_id}
    else:
        return targets
    return found & targets if targets else found
