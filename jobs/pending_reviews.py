"""Pending reviews: a daily digest to each supervisor (and admin) of the weeks waiting on them.

Weeks submitted longer ago than the company's pending_review_hours go to its supervisors (not to
the week's own author), with Approve / Send back; weeks reviewed but not finalized as long go to
its admins, with Finalize. One DM per reader per day, at the company's digest time.
Which weeks wait, and since when, comes from models.week_status.waiting (the timesheets' stages);
a week sent back or already decided waits no more, and a company with nothing waiting gets no DM.

Reads per run, however many users: companies and rules (2), waiting weeks (2), reviewers (1), the
ledger rows of the run's keys (1).
"""

from collections import defaultdict
from uuid import UUID

from bot.slack import reminder_views as views
from jobs.companies import company_rules
from jobs.context import JobContext
from jobs.delivery import DeliveryReport, Outgoing, deliver
from models.reminder_times import latest_digest_day
from models.reminders import ReminderKind
from models.reviewers import admins, reviewers_of, supervisors
from models.timeutil import zone
from models.week_status import Stage, WaitingWeek, waiting

STAGES = {
    Stage.SUBMITTED: (ReminderKind.PENDING_REVIEW, supervisors),
    Stage.REVIEWED: (ReminderKind.PENDING_FINALIZE, admins),
}


async def run(ctx: JobContext, company_ids: list[UUID]) -> DeliveryReport:
    companies = await company_rules(company_ids)
    if not companies:
        return DeliveryReport()
    longest_wait = min(c.rules.pending_review_after for c in companies.values())
    found: dict[Stage, list[WaitingWeek]] = {}
    for stage in STAGES:
        weeks = await waiting(list(companies), stage, ctx.now - longest_wait)
        found[stage] = [
            w
            for w in weeks
            if ctx.now - w.since >= companies[w.week.company_id].rules.pending_review_after
        ]
    reviewers = await reviewers_of({w.week.company_id for ws in found.values() for w in ws})

    outgoing: list[Outgoing] = []
    for stage, (kind, readers_of) in STAGES.items():
        by_reader: dict[tuple[UUID, UUID], list[WaitingWeek]] = defaultdict(list)
        people = {}
        for item in found[stage]:
            cid = item.week.company_id
            for reader in readers_of(reviewers.get(cid, []), excluding=item.week.user_id):
                people[reader.id] = reader
                by_reader[cid, reader.id].append(item)
        for (cid, reader_id), items in by_reader.items():
            reader = people[reader_id]
            if not reader.slack_user_id:
                continue
            company = companies[cid]
            day = latest_digest_day(ctx.now, company.tz, company.rules)
            key = f"{day.isoformat()}/{cid}"
            digest = [
                views.DigestItem(
                    item.user_name,
                    item.week.first_day,
                    item.since,
                    views.week_value(item.week.user_id, cid, item.week.first_day),
                )
                for item in sorted(items, key=lambda i: i.since)
            ]
            tz = zone(reader.timezone, str(company.tz))
            outgoing.append(
                Outgoing(
                    company_id=cid,
                    recipient_id=reader.id,
                    slack_user_id=reader.slack_user_id,
                    kind=kind,
                    period=key,
                    subject=key,
                    message=views.pending_digest(digest, stage == Stage.REVIEWED, tz, ctx.now),
                )
            )
    return await deliver(ctx.client, outgoing, stopping=ctx.stopping)
