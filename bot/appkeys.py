"""What the aiohttp app carries for its handlers: settings, and the Bolt app when Slack is on."""

from aiohttp import web
from slack_bolt.async_app import AsyncApp

from bot.config import Settings

SETTINGS = web.AppKey("settings", Settings)
BOLT = web.AppKey("bolt", AsyncApp)
