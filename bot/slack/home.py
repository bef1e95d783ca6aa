"""The App Home tab: built from the database, published after every change.

Publishes for one user are serialised and coalesced: while one is waiting or being built and
sent, further requests for that user collapse into one more publish, built from the database
after the last change. Two publishes racing could otherwise land in the wrong order and leave an
old state on screen, and under load most intermediate states would be overwritten before anyone
saw them.

At most `BUILDS_AT_ONCE` App Homes are built at a time in a process. A build takes about six
queries, more than the punch it follows, so under a burst the replies people are waiting for go
first; the App Homes catch up after it, each drawn once from the latest state.
"""

import asyncio
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


# Measured on SQLite (bench/README.md): 2, 4 and 8 at a time keep about the same punch rate,
# 16 loses a tenth. On PostgreSQL a build's statements take one of the pool's connections at a
# time (Tortoise's default `maxsize` is 5), so two builds leave at least three to the punches.
BUILDS_AT_ONCE = 2

# (user, company) -> the latest request not yet being built, or None while one is.
_pending: dict[tuple[UUID, UUID], tuple | None] = {}
_builds: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None


def _build_slot() -> asyncio.Semaphore:
    """The process's build slots (one set per event loop: a semaphore serves only its own)."""
    global _builds
    loop = asyncio.get_running_loop()
    if _builds is None or _builds[0] is not loop:
        _builds = (loop, asyncio.Semaphore(BUILDS_AT_ONCE))
    return _builds[1]


async def publish(client: AsyncWebClient, user: User, company: Company, notice: str = "") -> None:
    """Republish the user's App Home; a Slack failure is logged, never raised to the caller.
    When a publish for the same user is already waiting or under way, this one is left to it,
    and the latest request wins (see the module), keeping the waiting one's notice if it has none
    of its own."""
    key = (user.id, company.id)
    underway = key in _pending
    waiting = _pending.get(key)
    if not notice and waiting:
        notice = waiting[3]  # a later change keeps the notice still waiting to be shown
    _pending[key] = (client, user, company, notice)
    if underway:
        return
    try:
        while _pending[key] is not None:
            async with _build_slot():
                request, _pending[key] = _pending[key], None
                await _publish_now(*request)
    finally:
        del _pending[key]


async def _publish_now(client: AsyncWebClient, user: User, company: Company, notice: str) -> None:
    view = views.home(await home_data(user, company, notice))
    try:
        await client.views_publish(user_id=user.slack_user_id, view=view)
    except (SlackApiError, TimeoutError, OSError) as error:
        log.warning("views.publish for %s failed: %s", user.slack_user_id, error)
