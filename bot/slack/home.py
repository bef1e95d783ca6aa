"""The App Home tab: built from the database, published after every change.

Publishes for one user are serialised and coalesced: while one is being built and sent, further
requests for that user collapse into one more publish, built from the database after the last
change. Two publishes racing could otherwise land in the wrong order and leave an old state on
screen, and under load most intermediate states would be overwritten before anyone saw them.
"""

import logging
from uuid import UUID

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack import views
from bot.slack.weeks import own_week
from models import attendance
from models.access import Permission, actor_with
from models.approval import waiting_for
from models.companies import Company
from models.roles import staff
from models.timeutil import utcnow, zone
from models.users import User, membership_roles
from models.weeks import Week

log = logging.getLogger(__name__)


async def home_data(user: User, company: Company, notice: str = "") -> views.HomeData:
    now = utcnow()
    week = Week.containing(now, zone(company.timezone))
    roles = await membership_roles(user.id)  # one read for the week's check and `waiting`
    sheet, viewer = await own_week(user, company, now.astimezone(week.tz).date(), roles)
    overseen = None
    actor = actor_with(user, roles)  # from the roles just read: no query
    if Permission.ATTENDANCE_READ in actor.permissions_in(company.id):
        overseen = await attendance.summary(actor, company.id, now=now)
    return views.HomeData(
        name=user.name,
        tz=zone(user.timezone, company.timezone),
        now=now,
        week=week,
        shifts=[entry.shift for entry in sheet.entries],
        notice=notice,
        sheet=sheet,
        viewer=viewer,
        waiting=await waiting_for(user, roles=roles),
        staff=await staff(company) if user.is_admin else None,
        payroll=user.is_admin,
        attendance=overseen,
    )


# (user, company) -> the request that arrived while a publish for them was running, or None.
_running: dict[tuple[UUID, UUID], tuple | None] = {}


async def publish(client: AsyncWebClient, user: User, company: Company, notice: str = "") -> None:
    """Republish the user's App Home; a Slack failure is logged, never raised to the caller.
    When a publish for the same user is under way, this one is left to it (see the module)."""
    key = (user.id, company.id)
    if key in _running:
        _running[key] = (client, user, company, notice)  # the latest request wins
        return
    _running[key] = None
    request: tuple | None = (client, user, company, notice)
    try:
        while request is not None:
            await _publish_now(*request)
            request, _running[key] = _running[key], None
    finally:
        del _running[key]


async def _publish_now(client: AsyncWebClient, user: User, company: Company, notice: str) -> None:
    view = views.home(await home_data(user, company, notice))
    try:
        await client.views_publish(user_id=user.slack_user_id, view=view)
    except (SlackApiError, TimeoutError, OSError) as error:
        log.warning("views.publish for %s failed: %s", user.slack_user_id, error)
