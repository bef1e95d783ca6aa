"""REST fixtures: an HTTP client of the running app, and a world of people to call it as."""

from collections.abc import AsyncIterator

import aiohttp
import pytest_asyncio

from bot.api.tokens import TokenKeys
from tests.support.rest import Api, World, build_world


@pytest_asyncio.fixture
async def api(db) -> AsyncIterator[Api]:
    # No cookie jar: a test sends cookies only when it means to.
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
        yield Api(db.url, session)


@pytest_asyncio.fixture
async def keys(db) -> TokenKeys:
    settings = db.settings
    assert settings.jwt_secret
    return TokenKeys(settings.jwt_secret, settings.access_token_ttl, settings.refresh_token_ttl)


@pytest_asyncio.fixture
async def world(db, keys) -> World:
    return await build_world(keys)
