"""Buttons: Clock in / Clock out, in messages and in the App Home."""

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.slack import home, identity, views
from bot.slack.punch import Direction, punch
from bot.slack.punch_args import PunchArgs


def register(app: AsyncApp, settings: Settings) -> None:
    async def press(
        direction: Direction, ack: AsyncAck, body: dict, respond: AsyncRespond, client
    ) -> None:
        await ack()
        team = body.get("team") or {}
        user, company = await identity.member(
            client,
            team.get("id") or body["user"]["team_id"],
            body["user"]["id"],
            team.get("domain", ""),
            settings.default_timezone,
        )
        reply = await punch(direction, user, company, PunchArgs())
        if (body.get("container") or {}).get("type") == "message":
            await respond(replace_original=True, **reply)
            await home.publish(client, user, company)
        else:
            await home.publish(client, user, company, notice=reply["text"])

    @app.action(views.CLOCK_IN)
    async def clock_in(
        ack: AsyncAck, body: dict, respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        await press(Direction.IN, ack, body, respond, client)

    @app.action(views.CLOCK_OUT)
    async def clock_out(
        ack: AsyncAck, body: dict, respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        await press(Direction.OUT, ack, body, respond, client)
