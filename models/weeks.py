"""What a week is, and how many seconds of work fall in it.

A week runs from Sunday 00:00 to the next Sunday 00:00 in the company's time zone. Durations are
differences of instants, so a DST week has 167 or 169 hours and a shift counts what was worked.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Protocol
from zoneinfo import ZoneInfo

from models.errors import InvalidInput
from models.timeutil import local_midnight

# The days anyone may ask about: a week's Sunday and the Sunday after it are dates (Python's
# calendar ends in 9999), and its instants come after 1970 (epoch times, as REST carries them).
FIRST_DAY, LAST_DAY = date(1970, 1, 4), date(9999, 12, 24)


class Timed(Protocol):
    """A shift, or any stretch of time; `end_time` None runs until now."""

    @property
    def start_time(self) -> datetime: ...

    @property
    def end_time(self) -> datetime | None: ...


class DayOutOfRange(InvalidInput):
    def __init__(self, day: date, field: str = "date") -> None:
        super().__init__(
            f"{day.isoformat()} is out of range: pick a day from {FIRST_DAY} to {LAST_DAY}.", field
        )
        self.day = day


def check_day(day: date, field: str = "date") -> date:
    """`day` if it is within FIRST_DAY..LAST_DAY; any date a person typed goes through here."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise DayOutOfRange(day, field)
    return day


def sunday_of(day: date) -> date:
    return day - timedelta(days=(day.weekday() + 1) % 7)


@dataclass(frozen=True)
class Week:
    """One week in one zone; `start` and `end` are UTC instants."""

    first_day: date
    tz: ZoneInfo

    @classmethod
    def containing(cls, moment: datetime, tz: ZoneInfo) -> "Week":
        return cls(sunday_of(moment.astimezone(tz).date()), tz)

    # Cached: a view asks for them once per shift and day (a frozen dataclass allows this).
    @cached_property
    def start(self) -> datetime:
        return local_midnight(self.first_day, self.tz)

    @cached_property
    def end(self) -> datetime:
        return local_midnight(self.first_day + timedelta(days=7), self.tz)

    def days(self) -> list[date]:
        return [self.first_day + timedelta(days=i) for i in range(7)]

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        """UTC instants of `day`'s local midnight and the next one (23 or 25 hours on DST days)."""
        return local_midnight(day, self.tz), local_midnight(day + timedelta(days=1), self.tz)


def seconds_within(shift: Timed, start: datetime, end: datetime, now: datetime) -> int:
    """Seconds of `shift` that fall in [start, end); an open shift runs until `now`."""
    lo = max(shift.start_time, start)
    hi = min(shift.end_time or now, end)
    return max(0, int((hi - lo).total_seconds()))


def seconds_in_week(shifts: Iterable[Timed], week: Week, now: datetime) -> int:
    start, end = week.start, week.end
    return sum(seconds_within(s, start, end, now) for s in shifts)


def seconds_by_day(shifts: Iterable[Timed], week: Week, now: datetime) -> dict[date, int]:
    """Seconds worked on each day of `week`; a shift across midnight counts on both days."""
    shifts = list(shifts)
    totals = {}
    for day in week.days():
        lo, hi = week.day_bounds(day)
        totals[day] = sum(seconds_within(s, lo, hi, now) for s in shifts)
    return totals
