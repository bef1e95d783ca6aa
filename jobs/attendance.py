"""Attendance: judge the planned shifts that are over, and tell the supervisors what was found.

Each run judges every plan that is due (`models.attendance.judge_due`: reports filed once, in
the transaction that claims the plan), then sends each supervisor of the company (the admins
when it has none; never the associate themselves) one DM per planned shift that found
something: a late arrival, an early departure, a no-show. The DMs go through the ledger
(period: the planned shift), and are rebuilt from what was recorded on every run, so a run that
died between filing and sending is made good by the next one.

Reads per run, however many users: rules (2), due plans (1), zones (1), shifts (1), sheets (1),
flagged plans with their associates (1), their reports (1), reviewers (1), the ledger rows of
the run's keys (1). Writes: per plan judged, its claim and its reports; the ledger's per DM.
"""

from uuid import UUID

from bot.slack import reminder_views as views
from jobs.companies import company_rules
from jobs.context import JobContext
from jobs.delivery import DeliveryReport, Outgoing, deliver
from models.attendance import judge_due, recently_flagged, reports_on
from models.reminders import ReminderKind
from models.reviewers import reviewers_of, supervisors
from models.weeks import sunday_of


async def run(ctx: JobContext, company_ids: list[UUID]) -> DeliveryReport:
    companies = await company_rules(company_ids)
    await judge_due({cid: c.rules.late_grace for cid, c in companies.items()}, ctx.now)
    flagged = await recently_flagged(list(companies), ctx.now)
    if not flagged:
        return DeliveryReport()
    reports = await reports_on(flagged)
    reviewers = await reviewers_of({e.company_id for e in flagged})  # type: ignore[attr-defined]
    outgoing = []
    for entry in flagged:
        cid = entry.company_id  # type: ignore[attr-defined]
        day = entry.day
        lines = [f"*{n.reason}* ({day:%a %b} {day.day}): {n.content}" for n in reports[entry.id]]
        if not lines:
            continue  # its reports were withdrawn, or the week was locked before they were filed
        value = views.week_value(entry.user.id, cid, sunday_of(day))
        message = views.attendance_report(entry.user.name, lines, value)
        for reader in supervisors(reviewers.get(cid, []), excluding=entry.user.id):
            if reader.slack_user_id:
                outgoing.append(
                    Outgoing(
                        company_id=cid,
                        recipient_id=reader.id,
                        slack_user_id=reader.slack_user_id,
                        kind=ReminderKind.ATTENDANCE,
                        period=str(entry.id),
                        subject=str(entry.id),
                        message=message,
                    )
                )
    return await deliver(ctx.client, outgoing, stopping=ctx.stopping)
