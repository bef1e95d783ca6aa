"""Instants, zones and wall-clock times: the one place that turns one into another."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def utcnow() -> datetime:
    return to_instant(datetime.now(UTC))


def to_instant(moment: datetime) -> datetime:
    """A stored instant: aware, in UTC, to the whole second (punches are by the second)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: an instant needs a time zone")
    return moment.astimezone(UTC).replace(microsecond=0)


def zone(name: str | None, fallback: str = "UTC") -> ZoneInfo:
    """The named zone, or the fallback when the name is empty or unknown."""
    for candidate in (name, fallback, "UTC"):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def local_midnight(day: date, tz: ZoneInfo) -> datetime:
    """The first instant of `day` in `tz`, in UTC."""
    return to_instant(datetime.combine(day, time(0), tzinfo=tz))


def wall_time_today(wall: time, tz: ZoneInfo, now: datetime) -> datetime:
    """The instant that reads `wall` on today's date in `tz`, in UTC."""
    today = now.astimezone(tz).date()
    return to_instant(datetime.combine(today, wall, tzinfo=tz))


def days(n: int) -> timedelta:
    return timedelta(days=n)
