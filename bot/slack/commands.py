"""Slash commands: /clockin, /clockout and /timesheet."""

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.slack import home, identity, views
from bot.slack import week_views as wv
from bot.slack.punch import Direction, punch
from bot.slack.punch_args import PunchArgError, parse_punch_args
from bot.slack.week_args import TIMESHEET_FORMS, WeekArgError, parse_week_arg
from bot.slack.weeks import own_week
from models.timeutil import utcnow, zone

log = logging.getLogger(__name__)
SORRY = (
    "Something went wrong on our side and I couldn't finish that. "
    "Your App Home shows what is recorded; please try again in a minute."
)


def register(app: AsyncApp, settings: Settings) -> None:
    async def punch_command(direction: Direction, ack: AsyncAck, command: dict, client) -> None:
        try:
            args = parse_punch_args(command.get("text", ""))
        except PunchArgError as error:
            await ack(**views.help_message(str(error)))
            return
        if args.help:
            await ack(**views.help_message())
            return
        try:
            user, company = await identity.member(
                client,
                command["team_id"],
                command["user_id"],
                command.get("team_domain", ""),
                settings.default_timezone,
            )
            reply = await punch(direction, user, company, args)
        except Exception:
            log.exception("/clock%s failed", direction)
            await ack(text=SORRY)
            return
        await ack(**reply)
        await home.publish(client, user, company)

    @app.command("/clockin")
    async def clockin(ack: AsyncAck, command: dict, client: AsyncWebClient) -> None:
        await punch_command(Direction.IN, ack, command, client)

    @app.command("/clockout")
    async def clockout(ack: AsyncAck, command: dict, client: AsyncWebClient) -> None:
        await punch_command(Direction.OUT, ack, command, client)

    @app.command("/timesheet")
    async def timesheet(ack: AsyncAck, command: dict, client: AsyncWebClient) -> None:
        try:
            user, company = await identity.member(
                client,
                command["team_id"],
                command["user_id"],
                command.get("team_domain", ""),
                settings.default_timezone,
            )
            today = utcnow().astimezone(zone(user.timezone, company.timezone)).date()
            try:
                day = parse_week_arg(command.get("text", ""), today)
            except WeekArgError as error:
                await ack(**views.message(f"{error}\n\nHere is how it works:\n{TIMESHEET_FORMS}"))
                return
            if day is None:
                await ack(**views.message(f"Your weekly timesheet:\n{TIMESHEET_FORMS}"))
                return
            sheet, viewer = await own_week(user, company, day)
        except Exception:
            log.exception("/timesheet failed")
            await ack(text=SORRY)
            return
        await ack(**wv.week_message(sheet, viewer))
