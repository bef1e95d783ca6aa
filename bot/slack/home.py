"""The App Home tab: built from the database, published after every change."""

import logging

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack import views
from bot.slack.weeks import own_week
from models.approval import waiting_for
from models.companies import Company
from models.roles import staff
from models.timeutil import utcnow, zone
from models.users import User
from models.weeks import Week

log = logging.getLogger(__name__)


async def home_data(user: User, company: Company, notice: str = "") -> views.HomeData:
    now = utcnow()
    week = Week.containing(now, zone(company.timezone))
    sheet, viewer = await own_week(user, company, now.astimezone(week.tz).date())
    return views.HomeData(
        name=user.name,
        tz=zone(user.timezone, company.timezone),
        now=now,
        week=week,
        shifts=[entry.shift for entry in sheet.entries],
        notice=notice,
        sheet=sheet,
        viewer=viewer,
        waiting=await waiting_for(user),
        staff=await staff(company) if user.is_admin else None,
        payroll=user.is_admin,
    )


async def publish(client: AsyncWebClient, user: User, company: Company, notice: str = "") -> None:
    """Republish the user's App Home; a Slack failure is logged, never raised to the caller."""
    view = views.home(await home_data(user, company, notice))
    try:
        await client.views_publish(user_id=user.slack_user_id, view=view)
    except (SlackApiError, TimeoutError, OSError) as error:
        log.warning("views.publish for %s failed: %s", user.slack_user_id, error)
