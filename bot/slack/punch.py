"""One punch (in or out), shared by the slash commands and the buttons."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.slack import views
from bot.slack.punch_args import PunchArgs
from models import clock
from models.companies import Company
from models.shifts import Shift
from models.timeutil import utcnow, wall_time_today, zone
from models.users import User
from models.weeks import Week, seconds_in_week


class Direction(StrEnum):
    IN = "in"
    OUT = "out"


@dataclass(frozen=True)
class Punched:
    """The reply for the user, and the week's shifts when the reply had to read them.

    `week_shifts` are the user's shifts in the company week containing `now`, read after the
    punch: the App Home that follows draws from them instead of reading them again.
    """

    reply: dict
    now: datetime
    week_shifts: list[Shift] | None = None


async def punch(
    direction: Direction,
    user: User,
    company: Company,
    args: PunchArgs,
    now: datetime | None = None,
) -> Punched:
    """Clock `user` in or out; the reply is a refusal when nothing changed."""
    now = now or utcnow()
    tz = zone(user.timezone, company.timezone)
    at = wall_time_today(args.wall_time, tz, now) if args.wall_time else None
    try:
        if direction is Direction.IN:
            shift = await clock.clock_in(user, company.id, at=at, note=args.note, now=now)
            return Punched(views.clocked_in(shift, tz, now), now)
        shift = await clock.clock_out(user, at=at, note=args.note, now=now)
    except clock.ClockError as error:
        return Punched(views.refusal(error, tz, now), now)
    week = Week.containing(now, zone(company.timezone))
    shifts = await clock.week_shifts(user, week)
    reply = views.clocked_out(shift, seconds_in_week(shifts, week, now), tz, now)
    return Punched(reply, now, shifts)
