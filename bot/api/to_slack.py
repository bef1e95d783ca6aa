"""What the REST API tells Slack: a changed App Home, a week's new status (the same DMs as when
it changes in Slack), a week's published plan (a DM to its owner), a password reset token by
DM."""

import logging
from uuid import UUID

from aiohttp import web
from slack_sdk.errors import SlackApiError

from bot.api.background import spawn
from bot.appkeys import BOLT
from bot.slack import home, notify
from models.companies import Company
from models.password_resets import RESET_LIFETIME
from models.schedules import ScheduleChange
from models.users import User

log = logging.getLogger(__name__)


def republish_home(app: web.Application, user_id: UUID) -> None:
    """After a REST change to someone's shifts, their App Home shows it (when they use Slack)."""
    if app.get(BOLT) is not None:
        spawn(app, _republish(app, user_id))


async def _republish(app: web.Application, user_id: UUID) -> None:
    user = await User.get_or_none(id=user_id)
    if user is None or not user.slack_user_id:
        return
    company = await Company.get_or_none(slack_team_id=user.slack_team_id)
    if company is not None:
        await home.publish(app[BOLT].client, user, company)


def week_changed(
    app: web.Application,
    timesheet_id: UUID,
    actor_id: UUID,
    owner_id: UUID,
    status: str = "",
    reason: str = "",
) -> None:
    """After a REST change to a week: with `status` (an event of `notify.status_changed`), the
    DMs Slack would have sent; then every request about the week is redrawn and the App Homes
    of its owner and of the actor show it, as after a change made in Slack."""
    if app.get(BOLT) is not None:
        spawn(app, _week_changed(app, timesheet_id, actor_id, owner_id, status, reason))


async def _week_changed(
    app: web.Application,
    timesheet_id: UUID,
    actor_id: UUID,
    owner_id: UUID,
    status: str,
    reason: str,
) -> None:
    client = app[BOLT].client
    if status:
        actor = await User.get(id=actor_id)
        await notify.status_changed(client, timesheet_id, status, actor, reason)
    await notify.update_decisions(client, timesheet_id)
    for user_id in dict.fromkeys([owner_id, actor_id]):
        await _republish(app, user_id)


def schedule_changed(app: web.Application, change: ScheduleChange, actor_id: UUID) -> None:
    """After a REST change to a week's plan: the owner is told, as after one made in Slack, and
    the App Homes of the owner and of the actor show it."""
    if app.get(BOLT) is not None:
        spawn(app, _schedule_changed(app, change, actor_id))


async def _schedule_changed(app: web.Application, change: ScheduleChange, actor_id: UUID) -> None:
    actor = await User.get(id=actor_id)
    await notify.schedule_changed(app[BOLT].client, change, actor)
    for user_id in dict.fromkeys([change.timesheet.user_id, actor_id]):
        await _republish(app, user_id)


def deliver_reset_token(app: web.Application, user: User, token: str) -> None:
    spawn(app, _deliver(app, user, token))


async def _deliver(app: web.Application, user: User, token: str) -> None:
    bolt = app.get(BOLT)
    minutes = int(RESET_LIFETIME.total_seconds() // 60)
    if bolt is not None and user.slack_user_id:
        text = (
            "Someone (hopefully you) asked to set your clockbot password. Your reset token, "
            f"good once for {minutes} minutes:\n`{token}`\n"
            "Send it with your new password to `POST /auth/password-reset/confirm`. "
            "If it wasn't you, ignore this message: nothing changes without the token."
        )
        try:
            await bolt.client.chat_postMessage(channel=user.slack_user_id, text=text)
            return
        except (SlackApiError, TimeoutError, OSError) as error:
            log.warning("reset token DM to %s failed (%s); logging it instead", user.id, error)
    # No Slack to carry it: the operator reads it here and passes it on by a channel they trust.
    log.warning(
        "password reset token for user %s <%s>, valid %d minutes, single use: %s",
        user.id,
        user.email,
        minutes,
        token,
    )
