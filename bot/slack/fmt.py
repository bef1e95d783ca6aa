"""How times and durations read in messages: in the reader's own time zone."""

from datetime import datetime
from zoneinfo import ZoneInfo


def clock(moment: datetime, tz: ZoneInfo) -> str:
    """'9:02 AM'."""
    local = moment.astimezone(tz)
    return f"{local.hour % 12 or 12}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"


def when(moment: datetime, tz: ZoneInfo, now: datetime) -> str:
    """'9:02 AM' today, 'Fri Nov 20, 9:02 PM' on another day."""
    local = moment.astimezone(tz)
    if local.date() == now.astimezone(tz).date():
        return clock(moment, tz)
    return f"{local:%a %b} {local.day}, {clock(moment, tz)}"


def day(moment: datetime, tz: ZoneInfo) -> str:
    """'Sun Nov 22'."""
    local = moment.astimezone(tz)
    return f"{local:%a %b} {local.day}"


def duration(seconds: int) -> str:
    """'7h 05m', '45m'."""
    minutes = max(0, seconds) // 60
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"
