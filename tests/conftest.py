"""Shared fixtures: a real database per backend, the real server over HTTP, a fake Slack."""

from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web
from tortoise import Tortoise, connections
from tortoise.backends.base.executor import EXECUTOR_CACHE

from bot.config import Settings
from bot.server import build_app
from models.audit import TABLE as AUDIT_TABLE
from tests.support.databases import backends, fresh_database
from tests.support.fakeslack import FakeSlack
from tests.support.slack_requests import SlackSender

SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
JWT_SECRET = "test-jwt-secret-long-enough-for-any-hmac-0123456789abcdefghijklmnopqrstuv"


@dataclass
class Running:
    url: str
    settings: Settings
    backend: str


@pytest.fixture(scope="session", params=backends())
def backend(request) -> str:
    return request.param


@pytest_asyncio.fixture(scope="session")
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.stop()


@pytest_asyncio.fixture(scope="session")
async def server(backend, fake_slack, tmp_path_factory) -> AsyncIterator[Running]:
    """The real app, migrated on start, listening on a loopback port, Slack pointed at the fake."""
    async with fresh_database(backend, tmp_path_factory.mktemp(backend)) as db_url:
        settings = Settings(
            database_url=db_url,
            slack_bot_token="xoxb-test-token",
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=fake_slack.url + "api/",
            slack_api_timeout=2,
            jwt_secret=JWT_SECRET,
        )
        # Tests run the jobs themselves, at the times they choose.
        app = build_app(settings, scheduler=False)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        yield Running(f"http://127.0.0.1:{port}", settings, backend)
        await runner.cleanup()
    # Tortoise caches SQL per connection name, not per dialect; the next backend needs its own.
    EXECUTOR_CACHE.clear()


@pytest_asyncio.fixture
async def db(server) -> AsyncIterator[Running]:
    """The running server over an emptied database."""
    conn = connections.get("default")
    models = [m for m in Tortoise.apps["clockbot"].values() if m._meta.db_table != "aerich"]
    tables = [m._meta.db_table for m in reversed(models)]  # the ones that refer to others first
    # Finalized timesheets lock their shifts, so they go first (their notes go with them); the
    # audit trail refuses deletes while its company exists, so it goes last.
    tables.sort(key=lambda table: (table == AUDIT_TABLE) - (table == "timesheets"))
    for table in tables:
        await conn.execute_script(f'DELETE FROM "{table}"')
    yield server


@pytest_asyncio.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest_asyncio.fixture
async def slack(db, fake_slack, http) -> AsyncIterator[SlackSender]:
    """Signs and sends Slack requests to the running app; the fake starts each test empty."""
    fake_slack.reset()
    yield SlackSender(db.url, SIGNING_SECRET, http, fake_slack)
    await fake_slack.settle()
    # Whatever the test was about, nothing the app sent may break Slack's Block Kit limits.
    assert fake_slack.violations == []
