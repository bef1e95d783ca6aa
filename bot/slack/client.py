"""The Slack Web API client: one shared HTTP session, slack-sdk's own retry handlers."""

import aiohttp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings

# Bounded, so that a Slack outage delays a background call by seconds, not forever.
RATE_LIMIT_RETRIES = 3
SERVER_ERROR_RETRIES = 2
CONNECTION_RETRIES = 2


def retry_handlers(rate_limit_retries: int = RATE_LIMIT_RETRIES) -> list:
    return [
        AsyncRateLimitErrorRetryHandler(max_retry_count=rate_limit_retries),
        AsyncServerErrorRetryHandler(max_retry_count=SERVER_ERROR_RETRIES),
        AsyncConnectionErrorRetryHandler(
            max_retry_count=CONNECTION_RETRIES,
            error_types=[
                aiohttp.ServerConnectionError,
                aiohttp.ClientOSError,
                TimeoutError,
            ],
        ),
    ]


def http_session(settings: Settings) -> aiohttp.ClientSession:
    """Shared by every Web API call; its timeout is the one that counts (slack-sdk uses ours)."""
    return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=settings.slack_api_timeout))


def web_client(
    settings: Settings,
    session: aiohttp.ClientSession,
    *,
    rate_limit_retries: int = RATE_LIMIT_RETRIES,
) -> AsyncWebClient:
    return AsyncWebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=int(settings.slack_api_timeout),
        session=session,
        retry_handlers=retry_handlers(rate_limit_retries),
    )
