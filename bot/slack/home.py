"""The App Home tab: built from the database, published after every change."""

import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack import views
from models.clock import week_shifts
from models.companies import Company
from models.timeutil import utcnow, zone
from models.users import User
from models.weeks import Week

log = logging.getLogger(__name__)


async def home_data(user: User, company: Company, notice: str = "") -> views.HomeData:
    now = utcnow()
    week = Week.containing(now, zone(company.timezone))
    return views.HomeData(
        name=user.name,
        tz=zone(user.timezone, company.timezone),
        now=now,
        week=week,
        shifts=await week_shifts(user, week),
        notice=notice,
    )


async def publish(client: AsyncWebClient, user: User, company: Company, notice: str = "") -> None:
    """Republish the user's App Home; a Slack failure is logged, never raised to the caller."""
    view = views.home(await home_data(user, company, notice))
    try:
        await client.views_publish(user_id=user.slack_user_id, view=view)
    except (SlackApiError, TimeoutError, OSError) as error:
        log.warning("views.publish for %s failed: %s", user.slack_user_id, error)
