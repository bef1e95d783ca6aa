"""The Slack side: a Bolt app with every listener registered."""

import logging

import aiohttp
from slack_bolt.async_app import AsyncApp

from bot.config import Settings
from bot.slack import (
    actions,
    commands,
    events,
    payroll,
    reminders,
    roles,
    schedules,
    week_actions,
)
from bot.slack.client import web_client

log = logging.getLogger(__name__)


def build_bolt_app(settings: Settings, session: aiohttp.ClientSession) -> AsyncApp:
    app = AsyncApp(
        client=web_client(settings, session),
        # Socket Mode connections are authenticated by the app token, not signed.
        signing_secret=settings.slack_signing_secret or "",
        request_verification_enabled=settings.slack_mode == "http",
        process_before_response=False,
        logger=logging.getLogger("bot.slack.bolt"),
    )
    commands.register(app, settings)
    actions.register(app, settings)
    events.register(app, settings)
    week_actions.register(app, settings)
    roles.register(app, settings)
    payroll.register(app, settings)
    reminders.register(app, settings)
    schedules.register(app, settings)
    return app
