"""Time zones chosen so that tests about "8:45am today" do not depend on when they run."""

from datetime import UTC, datetime


def zone_where_it_is_about_noon() -> str:
    """A fixed-offset zone whose local time is between 11:30 and 12:30 right now."""
    now = datetime.now(UTC)
    offset = 12 - now.hour - (1 if now.minute >= 30 else 0)
    # Etc/GMT-5 is UTC+5: the sign is the POSIX one, reversed.
    return "Etc/GMT" + (f"-{offset}" if offset > 0 else f"+{-offset}" if offset < 0 else "")
