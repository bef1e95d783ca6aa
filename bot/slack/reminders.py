"""The buttons of the forgotten clock-out reminder, and its "I left at…" modal."""

import logging
import uuid

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.slack import home, identity
from bot.slack import reminder_views as views
from bot.slack.views import PUNCH_REFUSALS
from models.companies import Company
from models.forgotten import NotYourShift, ShiftAlreadyClosed, close_forgotten_shift
from models.reminder_settings import rules_for
from models.reminders import Reminder, ReminderKind, remind_again
from models.shifts import Shift
from models.timeutil import utcnow, zone
from models.users import User

log = logging.getLogger(__name__)


def register(app: AsyncApp, settings: Settings) -> None:
    async def who(body: dict, client: AsyncWebClient) -> tuple[User, Company]:
        team = body.get("team") or {}
        return await identity.member(
            client,
            team.get("id") or body["user"]["team_id"],
            body["user"]["id"],
            team.get("domain", ""),
            settings.default_timezone,
        )

    @app.action(views.CLOCK_OUT_NOW)
    async def clock_out_now(
        ack: AsyncAck, body: dict, respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        await ack()
        user, company = await who(body, client)
        tz, now = zone(user.timezone, company.timezone), utcnow()
        try:
            shift = await close_forgotten_shift(user, _shift_id(body), now=now)
        except PUNCH_REFUSALS as error:
            await respond(replace_original=True, **views.forgotten_refused(error, tz, now))
            return
        await respond(replace_original=True, **views.forgotten_closed(shift, tz, now))
        await home.publish(client, user, company)

    @app.action(views.LEFT_AT)
    async def left_at(
        ack: AsyncAck, body: dict, respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        await ack()
        user, company = await who(body, client)
        tz, now = zone(user.timezone, company.timezone), utcnow()
        shift = await _own_shift(user, _shift_id(body))
        if shift is None or shift.end_time is not None:
            error = NotYourShift() if shift is None else _closed(shift)
            await respond(replace_original=True, **views.forgotten_refused(error, tz, now))
            return
        await client.views_open(
            trigger_id=body["trigger_id"], view=views.left_at_modal(shift, tz, now)
        )

    @app.action(views.STILL_WORKING)
    async def still_working(
        ack: AsyncAck, body: dict, respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        await ack()
        user, company = await who(body, client)
        tz, now = zone(user.timezone, company.timezone), utcnow()
        shift = await _own_shift(user, _shift_id(body))
        if shift is None or shift.end_time is not None:
            error = NotYourShift() if shift is None else _closed(shift)
            await respond(replace_original=True, **views.forgotten_refused(error, tz, now))
            return
        rules = (await rules_for([shift.company_id]))[shift.company_id]  # type: ignore[attr-defined]
        until = now + rules.snooze
        await remind_again(ReminderKind.FORGOTTEN_CLOCKOUT, str(shift.id), user.id, until)
        await respond(replace_original=True, **views.forgotten_snoozed(until, tz, now))

    @app.view(views.LEFT_AT_MODAL)
    async def left_at_submitted(
        ack: AsyncAck, body: dict, view: dict, client: AsyncWebClient
    ) -> None:
        user, company = await who(body, client)
        tz, now = zone(user.timezone, company.timezone), utcnow()
        at = views.left_at_selected(view)
        if at is None:
            await ack(response_action="errors", errors={views.LEFT_AT_BLOCK: "Pick a time."})
            return
        try:
            shift = await close_forgotten_shift(
                user, _uuid(views.left_at_shift_id(view)), at=at, now=now
            )
        except PUNCH_REFUSALS as error:
            await ack(
                response_action="errors",
                errors={views.LEFT_AT_BLOCK: views.refusal_text(error, tz, now)},
            )
            return
        await ack()  # closes the modal
        await _update_reminder(client, user, shift, views.forgotten_closed(shift, tz, now))
        await home.publish(client, user, company)


def _shift_id(body: dict) -> uuid.UUID | None:
    return _uuid(body["actions"][0].get("value", ""))


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


async def _own_shift(user: User, shift_id: uuid.UUID | None) -> Shift | None:
    if shift_id is None:
        return None
    return await Shift.live().filter(id=shift_id, user_id=user.id).first()


def _closed(shift: Shift) -> ShiftAlreadyClosed:
    return ShiftAlreadyClosed(shift)


async def _update_reminder(client: AsyncWebClient, user: User, shift: Shift, reply: dict) -> None:
    """Replace the reminder's buttons with what happened (the modal has no response_url)."""
    sent = (
        await Reminder.filter(
            kind=ReminderKind.FORGOTTEN_CLOCKOUT,
            subject=str(shift.id),
            recipient_id=user.id,
            channel__isnull=False,
        )
        .order_by("-id")
        .first()
    )
    if sent is None:
        return
    try:
        await client.chat_update(channel=sent.channel, ts=sent.ts, **reply)
    except Exception as error:  # the clock-out is recorded; the old message merely stays
        log.warning("could not update reminder %s: %s", sent.id, error)
