"""Reading the text after /timesheet: which week to show."""

import re
from datetime import date, timedelta

from models.weeks import DayOutOfRange, check_day

HELP_WORDS = {"help", "-h", "--help", "?"}
TIMESHEET_FORMS = (
    "*/timesheet* — this week\n"
    "*/timesheet last* — last week (*next* for next week)\n"
    "*/timesheet 2026-11-03* — the week (Sunday to Saturday) that contains that day"
)


class WeekArgError(ValueError):
    """The text could not be read; the message says what was wrong."""


def parse_week_arg(text: str, today: date) -> date | None:
    """A day of the wanted week, or None for help."""
    text = (text or "").strip().lower()
    if text in HELP_WORDS:
        return None
    if text in ("", "this", "this week", "current", "now"):
        return today
    if text in ("last", "last week", "previous", "prev"):
        return today - timedelta(days=7)
    if text in ("next", "next week"):
        return today + timedelta(days=7)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return check_day(date.fromisoformat(text))
        except DayOutOfRange as error:
            raise WeekArgError(str(error)) from None
        except ValueError:
            raise WeekArgError(f"“{text}” is not a date in the calendar.") from None
    raise WeekArgError(f"I couldn't read “{text}” as a week.")
