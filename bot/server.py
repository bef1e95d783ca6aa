"""The one aiohttp app: Slack at /slack/events, /healthz, and the REST API (`bot.api`)."""

import asyncio
import logging
from collections.abc import AsyncIterator

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from tortoise import connections

from bot import api
from bot.appkeys import BOLT, SETTINGS
from bot.config import Settings
from bot.slack import build_bolt_app, payloads
from bot.slack.client import http_session
from jobs.scheduler import scheduler_context
from models.db import close_db, migrate, open_db

log = logging.getLogger(__name__)


def new_event_loop() -> asyncio.AbstractEventLoop:
    """The loop `serve` runs on: uvloop where it is installed (Tortoise's `accel` extra brings
    it everywhere but Windows), which takes about an eighth off the CPU of each request; else
    asyncio's own."""
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


def build_app(
    settings: Settings, *, migrate_on_start: bool = True, scheduler: bool = True
) -> web.Application:
    app = web.Application()
    app[SETTINGS] = settings
    app.cleanup_ctx.append(_database(settings, migrate_on_start))
    if settings.slack_mode:
        app.cleanup_ctx.append(_slack(settings))
    if scheduler:  # after the database: cleanup runs in reverse, so it stops before the DB closes
        app.cleanup_ctx.append(scheduler_context(settings))
    app.router.add_get("/healthz", healthz)
    app.router.add_post("/slack/events", slack_events)
    api.setup(app, settings)
    return app


def _database(settings: Settings, migrate_on_start: bool):
    async def ctx(app: web.Application) -> AsyncIterator[None]:
        if migrate_on_start:
            applied = await migrate(settings.database_url)
            if applied:
                log.info("applied migrations: %s", ", ".join(applied))
        else:
            await open_db(settings.database_url)
        yield
        await close_db()

    return ctx


def _slack(settings: Settings):
    async def ctx(app: web.Application) -> AsyncIterator[None]:
        async with http_session(settings) as session:
            bolt = build_bolt_app(settings, session)
            app[BOLT] = bolt
            socket = None
            if settings.slack_mode == "socket":
                socket = AsyncSocketModeHandler(bolt, settings.slack_app_token)
                await socket.connect_async()
            yield
            if socket:
                await socket.close_async()

    return ctx


async def healthz(request: web.Request) -> web.Response:
    settings = request.app[SETTINGS]
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception as error:  # the point of a health check is to report any failure
        log.warning("health check: database unreachable: %s", error)
        return web.json_response({"status": "error", "database": "unreachable"}, status=503)
    return web.json_response(
        {"status": "ok", "database": "ok", "slack": settings.slack_mode or "off"}
    )


async def slack_events(request: web.Request) -> web.Response:
    bolt = request.app.get(BOLT)
    if bolt is None or request.app[SETTINGS].slack_mode != "http":
        return web.json_response(
            {"error": "Slack over HTTP is off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET."},
            status=503,
        )
    # Bolt parses (and routes by indexing into the body) before a listener runs; a body it
    # would choke on is refused here, signed or not: Slack never sends one.
    try:
        bolt_request = await to_bolt_request(request)
        problem = payloads.problem(bolt_request.body)  # the body Bolt parsed: parsed once
    except (ValueError, TypeError, AttributeError, KeyError, IndexError) as error:
        problem = f"unreadable ({type(error).__name__})"
    if problem:
        log.info("refused a malformed request to /slack/events: %s", problem)
        return web.json_response({"error": f"malformed request body: {problem}"}, status=400)
    return await to_aiohttp_response(await bolt.async_dispatch(bolt_request))
