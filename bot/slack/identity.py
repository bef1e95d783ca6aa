"""Who is asking: the clockbot user and company behind a Slack user, made on first contact."""

import asyncio
import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from models.companies import Company
from models.users import (
    SlackProfile,
    User,
    fill_profile,
    find_slack_member,
    is_placeholder,
    register_slack_user,
)

log = logging.getLogger(__name__)
# First contact asks Slack for the profile before answering; the answer must leave Slack's
# 3-second window room for the rest, so past this the user is made with defaults.
PROFILE_TIMEOUT = 1.5


async def member(
    client: AsyncWebClient, team_id: str, user_id: str, team_name: str, default_timezone: str
) -> tuple[User, Company]:
    found = await find_slack_member(team_id, user_id)
    if found:
        user, company = found
        if is_placeholder(user):  # named from the shell before Slack showed them
            profile = await _profile(client, user_id)
            if profile.name != user_id:
                await fill_profile(user, profile)
        return user, company
    profile = await _profile(client, user_id)
    return await register_slack_user(team_id, team_name, user_id, profile, default_timezone)


async def member_of(
    body: dict, client: AsyncWebClient, default_timezone: str, user_id: str | None = None
) -> tuple[User, Company]:
    """`member` for whoever sent an interaction or a slash command (`body`), or for `user_id`
    (someone they picked) in the same workspace."""
    team = body.get("team") or {}
    user = body.get("user") or {}
    return await member(
        client,
        team.get("id") or user.get("team_id") or body.get("team_id"),
        user_id or user.get("id") or body["user_id"],
        team.get("domain", "") or body.get("team_domain", ""),
        default_timezone,
    )


async def _profile(client: AsyncWebClient, user_id: str) -> SlackProfile:
    try:
        response = await asyncio.wait_for(client.users_info(user=user_id), PROFILE_TIMEOUT)
    except (SlackApiError, TimeoutError, OSError) as error:
        log.warning("users.info for %s failed (%s); using defaults", user_id, error)
        return SlackProfile(name=user_id, email=None, timezone=None, is_admin=False)
    info = response["user"]
    profile = info.get("profile") or {}
    return SlackProfile(
        name=profile.get("real_name") or info.get("real_name") or info.get("name") or user_id,
        email=profile.get("email"),
        timezone=info.get("tz"),
        is_admin=bool(info.get("is_admin") or info.get("is_owner")),
    )
