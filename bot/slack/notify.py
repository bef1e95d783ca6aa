"""DMs about weeks: asking supervisors to review and admins to finalize, updating those requests
in place once someone decided, and telling the owner what happened to their week.

Every request is remembered (`models.messages`) so that each decision redraws all of them: a
second supervisor sees "Approved by @sam at 10:02" instead of buttons. Review requests are
forgotten once their round is decided; a new submission after a send-back sends new ones.
Slack failures are logged and never undo the decision, which is already recorded.
"""

import asyncio
import logging
from uuid import UUID

from slack_sdk.web.async_client import AsyncWebClient

from bot.slack import kit
from bot.slack.schedule_views import schedule_notice
from bot.slack.surfaces import SLACK_FAILURES
from bot.slack.week_views import decision_message, owner_notice
from models.companies import Company
from models.messages import DecisionMessage, MessageKind, remember, sent_for
from models.permissions import finalizers, reviewers
from models.schedules import ScheduleChange
from models.sheets import WeekSheet, load_week
from models.stages import Phase
from models.timesheets import Timesheet, company_week
from models.timeutil import zone
from models.users import User

log = logging.getLogger(__name__)
SUBMITTED = "submitted"


async def dm(client: AsyncWebClient, user: User, message: dict) -> tuple[str, str] | None:
    """Post `message` in the app's DM with `user`; where it landed, or None if Slack failed."""
    if not user.slack_user_id:
        return None
    try:
        opened = await client.conversations_open(users=user.slack_user_id)
        posted = await client.chat_postMessage(channel=opened["channel"]["id"], **message)
    except SLACK_FAILURES as error:
        log.warning("DM to %s failed: %s", user.slack_user_id, error)
        return None
    return posted["channel"], posted["ts"]


async def sheet_of(timesheet_id: UUID) -> WeekSheet:
    sheet = await Timesheet.get(id=timesheet_id).select_related("user", "company")
    week = company_week(sheet.company, sheet.start_date)
    return await load_week(sheet.user, sheet.company, week)


def _tz(user: User, company: Company):
    return zone(user.timezone, company.timezone)


async def request_reviews(client: AsyncWebClient, timesheet_id: UUID) -> None:
    """After a submission: a DM with Approve / Send back to each supervisor (or, without any,
    each admin). Submitting again before a decision keeps the requests already sent (the
    caller redraws them with `update_decisions`)."""
    if not await sent_for(timesheet_id, MessageKind.REVIEW):
        await _request(client, timesheet_id, MessageKind.REVIEW)


async def request_finalize(client: AsyncWebClient, timesheet_id: UUID) -> None:
    """After an approval: a DM "ready to finalize" with a Finalize button to each admin (once:
    after a reopening, the same messages offer Finalize again)."""
    if not await sent_for(timesheet_id, MessageKind.FINALIZE):
        await _request(client, timesheet_id, MessageKind.FINALIZE)


async def _request(client: AsyncWebClient, timesheet_id: UUID, kind: MessageKind) -> None:
    sheet = await sheet_of(timesheet_id)
    pick = reviewers if kind is MessageKind.REVIEW else finalizers
    people = await pick(sheet.owner.id, sheet.company.id)

    async def one(person: User) -> None:
        where = await dm(client, person, decision_message(sheet, kind, _tz(person, sheet.company)))
        if where:
            await remember(timesheet_id, kind, person.id, *where)

    await asyncio.gather(*(one(p) for p in people))


async def update_decisions(client: AsyncWebClient, timesheet_id: UUID) -> None:
    """Redraw every request about this week for the week as it is now."""
    rows = await sent_for(timesheet_id)
    if not rows:
        return
    sheet = await sheet_of(timesheet_id)
    await asyncio.gather(*(redraw_request(client, sheet, row) for row in rows))
    if sheet.phase is not Phase.SUBMITTED:  # that review round is over
        await DecisionMessage.filter(
            id__in=[r.id for r in rows if r.kind is MessageKind.REVIEW]
        ).delete()


async def redraw_request(client: AsyncWebClient, sheet: WeekSheet, row: DecisionMessage) -> None:
    await redraw_message(client, sheet, row.kind, row.channel, row.ts, row.recipient)


async def redraw_message(
    client: AsyncWebClient, sheet: WeekSheet, kind: MessageKind, channel: str, ts: str, reader
) -> None:
    message = decision_message(sheet, kind, _tz(reader, sheet.company))
    try:
        await client.chat_update(channel=channel, ts=ts, **message)
    except SLACK_FAILURES as error:
        log.warning("chat.update of %s/%s failed: %s", channel, ts, error)


async def status_changed(
    client: AsyncWebClient, timesheet_id: UUID, event: str, actor: User, reason: str = ""
) -> None:
    """Whom Slack tells when a week's status changed, from Slack or the REST API alike: a
    submission asks its reviewers; an approval asks the admins to finalize; every decision
    ("approved", "sent_back", "finalized", "reopened") is told to the owner."""
    if event == SUBMITTED:
        await request_reviews(client, timesheet_id)
        return
    if event == "approved":
        await request_finalize(client, timesheet_id)
    await tell_owner(client, timesheet_id, event, actor, reason)


async def tell_owner(
    client: AsyncWebClient, timesheet_id: UUID, event: str, actor: User, reason: str = ""
) -> None:
    sheet = await sheet_of(timesheet_id)
    await dm(client, sheet.owner, owner_notice(sheet, event, actor, reason))


# --- schedules -------------------------------------------------------------------------------


async def schedule_changed(client: AsyncWebClient, change: ScheduleChange, actor: User) -> None:
    """Tell the associate their week's schedule was published, or what it is now it changed.
    Publishing the same plan again tells nobody."""
    if not (change.first or change.changed):
        return
    sheet = change.timesheet
    owner = await User.get(id=sheet.user_id)
    company = await Company.get(id=sheet.company_id)
    plan = [e.span for e in change.planned]
    message = schedule_notice(
        sheet.start_date, plan, _tz(owner, company), by=kit.mention(actor), first=change.first
    )
    await dm(client, owner, message)
