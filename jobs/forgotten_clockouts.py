"""Forgotten clock-outs: ask whoever has been clocked in too long; flag shifts past the limit.

Per shift open longer than the company's threshold, the associate gets one DM ("Clock out now",
"I left at…", "Still working"). "Still working" records when to ask again on that reminder's
ledger row; the next ask is a new period (shift id / ask number), so each ask goes once.
A shift open past the hard limit is flagged (models.shift_flags) and each supervisor and admin
of the company gets one DM about it. The shift is never closed here.

Reads per run, however many users: rules, open shifts with their users, the ledger rows about
those shifts, existing flags, the reviewers, the ledger rows of this run's keys. The writes are
the ledger's (claim and mark per reminder) and one insert of new flags.
"""

from uuid import UUID

from bot.slack import reminder_views as views
from jobs.companies import company_rules
from jobs.context import JobContext
from jobs.delivery import DeliveryReport, Outgoing, deliver
from models.forgotten import open_shifts_started_before
from models.reminders import Reminder, ReminderKind, ReminderStatus, by_subject
from models.reviewers import reviewers_of
from models.shift_flags import FlagReason, flag_shifts
from models.shifts import Shift
from models.timeutil import zone


def next_ask(asked: list[Reminder], ctx_now) -> int | None:
    """Which ask about a shift is due now (0 = the first), or None when none is."""
    if not asked:
        return 0
    latest = max(asked, key=lambda r: int(r.period.rsplit("/", 1)[1]))
    number = int(latest.period.rsplit("/", 1)[1])
    if latest.status != ReminderStatus.SENT:
        return number  # not delivered yet: the same ask again (the ledger decides if it goes)
    if latest.remind_again_at is not None and latest.remind_again_at <= ctx_now:
        return number + 1
    return None


async def run(ctx: JobContext, company_ids: list[UUID]) -> DeliveryReport:
    companies = await company_rules(company_ids)
    rules = {cid: c.rules for cid, c in companies.items()}
    zones = {cid: str(c.tz) for cid, c in companies.items()}
    shortest = min((r.forgotten_after for r in rules.values()), default=None)
    if shortest is None:
        return DeliveryReport()
    candidates = await open_shifts_started_before(company_ids, ctx.now - shortest)
    overdue = [
        s
        for s in candidates
        if ctx.now - s.start_time >= rules[s.company_id].forgotten_after  # type: ignore[attr-defined]
    ]
    asked = await by_subject(ReminderKind.FORGOTTEN_CLOCKOUT, (str(s.id) for s in overdue))

    outgoing: list[Outgoing] = []
    for shift in overdue:
        number = next_ask(asked[str(shift.id)], ctx.now)
        if number is None or not shift.user.slack_user_id:
            continue
        tz = zone(shift.user.timezone, zones.get(shift.company_id, "UTC"))  # type: ignore[attr-defined]
        outgoing.append(
            Outgoing(
                company_id=shift.company_id,  # type: ignore[attr-defined]
                recipient_id=shift.user.id,
                slack_user_id=shift.user.slack_user_id,
                kind=ReminderKind.FORGOTTEN_CLOCKOUT,
                period=f"{shift.id}/{number}",
                subject=str(shift.id),
                message=views.forgotten_clockout(shift, tz, ctx.now),
            )
        )

    over = [s for s in overdue if ctx.now - s.start_time >= rules[s.company_id].hard_limit]  # type: ignore[attr-defined]
    outgoing += await _over_limit(ctx, over, rules, zones)
    return await deliver(ctx.client, outgoing, stopping=ctx.stopping)


async def _over_limit(ctx: JobContext, over: list[Shift], rules, zones) -> list[Outgoing]:
    if not over:
        return []
    await flag_shifts((s.id for s in over), FlagReason.OPEN_PAST_HARD_LIMIT, ctx.now)
    reviewers = await reviewers_of(s.company_id for s in over)  # type: ignore[attr-defined]
    outgoing = []
    for shift in over:
        cid = shift.company_id  # type: ignore[attr-defined]
        for reviewer in reviewers.get(cid, []):
            user = reviewer.user
            if user.id == shift.user.id or not user.slack_user_id:
                continue  # nobody reviews their own shift
            tz = zone(user.timezone, zones.get(cid, "UTC"))
            outgoing.append(
                Outgoing(
                    company_id=cid,
                    recipient_id=user.id,
                    slack_user_id=user.slack_user_id,
                    kind=ReminderKind.SHIFT_OVER_LIMIT,
                    period=str(shift.id),
                    subject=str(shift.id),
                    message=views.shift_over_limit(
                        shift.user.name, shift, rules[cid].hard_limit, tz, ctx.now
                    ),
                )
            )
    return outgoing
