"""Unsubmitted weeks: nag associates whose last week has hours and is not submitted.

At the company's reminder time after a week ends (Monday 10:00 local by default) each associate
with hours in that week, not submitted, gets one DM with the week's summary and a Submit button.
Some days later (escalate_after_days) each supervisor gets one DM listing who is still missing.
What counts as submitted comes from models.week_status: THE SEAM WITH ISSUE 3.

Reads per run, however many users: companies and rules (2), the shifts of the weeks concerned
with their users (1), the weeks' stages (1, once issue 3 fills it in), the reviewers (1), and the
ledger rows of the run's keys (1).
"""

from collections import defaultdict
from uuid import UUID

from tortoise.expressions import Q

from bot.slack import reminder_views as views
from jobs.companies import company_rules
from jobs.context import JobContext
from jobs.delivery import DeliveryReport, Outgoing, deliver
from models.reminder_times import latest_week_due
from models.reminders import ReminderKind
from models.reviewers import reviewers_of, supervisors
from models.shifts import Shift
from models.week_status import Stage, WeekRef, stages
from models.weeks import Week, seconds_by_day, seconds_in_week


def period(week: Week, company_id: UUID) -> str:
    return f"{week.first_day.isoformat()}/{company_id}"


async def run(ctx: JobContext, company_ids: list[UUID]) -> DeliveryReport:
    companies = await company_rules(company_ids)
    if not companies:
        return DeliveryReport()
    remind = {c.id: latest_week_due(ctx.now, c.tz, c.rules) for c in companies.values()}
    escalate = {
        c.id: latest_week_due(ctx.now, c.tz, c.rules, after=c.rules.escalate_after)
        for c in companies.values()
    }
    weeks = [*remind.values(), *escalate.values()]
    shifts = (
        await Shift.live()
        .filter(
            Q(end_time__isnull=True) | Q(end_time__gt=min(w.start for w in weeks)),
            company_id__in=list(companies),
            start_time__lt=max(w.end for w in weeks),
        )
        .select_related("user")
    )

    worked: dict[WeekRef, list[Shift]] = defaultdict(list)
    users = {}
    for shift in shifts:
        cid = shift.company_id  # type: ignore[attr-defined]
        users[shift.user.id] = shift.user
        for week in {remind[cid], escalate[cid]}:
            if shift.start_time < week.end and (shift.end_time or ctx.now) > week.start:
                worked[WeekRef(shift.user.id, cid, week.first_day)].append(shift)
    week_of = {(cid, w.first_day): w for cid in companies for w in (remind[cid], escalate[cid])}
    worked_refs = [
        ref
        for ref, its in worked.items()
        if seconds_in_week(its, week_of[ref.company_id, ref.first_day], ctx.now) > 0
    ]
    stage = await stages(worked_refs)
    missing = [ref for ref in worked_refs if stage[ref] == Stage.NOT_SUBMITTED]

    outgoing: list[Outgoing] = []
    late: dict[UUID, list[str]] = defaultdict(list)
    for ref in sorted(missing, key=lambda r: users[r.user_id].name):
        user = users[ref.user_id]
        week = week_of[ref.company_id, ref.first_day]
        if ref.first_day == escalate[ref.company_id].first_day:
            late[ref.company_id].append(user.name)
        if ref.first_day != remind[ref.company_id].first_day or not user.slack_user_id:
            continue
        key = period(week, ref.company_id)
        outgoing.append(
            Outgoing(
                company_id=ref.company_id,
                recipient_id=user.id,
                slack_user_id=user.slack_user_id,
                kind=ReminderKind.UNSUBMITTED_WEEK,
                period=key,
                subject=key,
                message=views.unsubmitted_week(
                    week, seconds_by_day(worked[ref], week, ctx.now), str(ref.company_id)
                ),
            )
        )

    reviewers = await reviewers_of(late)
    for cid, names in late.items():
        key = period(escalate[cid], cid)
        for supervisor in supervisors(reviewers.get(cid, [])):
            if supervisor.slack_user_id:
                outgoing.append(
                    Outgoing(
                        company_id=cid,
                        recipient_id=supervisor.id,
                        slack_user_id=supervisor.slack_user_id,
                        kind=ReminderKind.UNSUBMITTED_ESCALATION,
                        period=key,
                        subject=key,
                        message=views.unsubmitted_escalation(escalate[cid].first_day, names),
                    )
                )
    return await deliver(ctx.client, outgoing, stopping=ctx.stopping)
