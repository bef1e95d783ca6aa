"""One punch (in or out), shared by the slash commands and the buttons."""

from datetime import datetime
from enum import StrEnum

from bot.slack import views
from bot.slack.punch_args import PunchArgs
from models import clock
from models.companies import Company
from models.timeutil import utcnow, wall_time_today, zone
from models.users import User
from models.weeks import Week


class Direction(StrEnum):
    IN = "in"
    OUT = "out"


async def punch(
    direction: Direction,
    user: User,
    company: Company,
    args: PunchArgs,
    now: datetime | None = None,
) -> dict:
    """Clock `user` in or out; returns the reply for them (a refusal when nothing changed)."""
    now = now or utcnow()
    tz = zone(user.timezone, company.timezone)
    at = wall_time_today(args.wall_time, tz, now) if args.wall_time else None
    try:
        if direction is Direction.IN:
            shift = await clock.clock_in(user, company.id, at=at, note=args.note, now=now)
            return views.clocked_in(shift, tz, now)
        week = Week.containing(now, zone(company.timezone))
        shift, worked = await clock.clock_out_in_week(user, week, at=at, note=args.note, now=now)
    except views.PUNCH_REFUSALS as error:
        return views.refusal(error, tz, now)
    return views.clocked_out(shift, worked, tz, now)
