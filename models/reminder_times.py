"""When a reminder falls due, in the company's wall-clock time (so DST moves nothing).

The scheduler fires at these times (cron triggers in the company's zone); the jobs use these
functions to decide what is due at "now", so a late or repeated fire does the same thing.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from models.reminder_settings import ReminderRules
from models.timeutil import to_instant
from models.weeks import Week


def unsubmitted_reminder_at(week: Week, rules: ReminderRules) -> datetime:
    """The instant the reminder for `week` is due: the configured weekday/time after it ends."""
    last_sunday = week.first_day + timedelta(days=7)  # the day the week ends, at its midnight
    days_after = (rules.unsubmitted_weekday - 6) % 7  # Monday: 1 day after that Sunday
    day = last_sunday + timedelta(days=days_after)
    wall = time(rules.unsubmitted_hour, rules.unsubmitted_minute)
    return to_instant(datetime.combine(day, wall, tzinfo=week.tz))


def latest_week_due(
    now: datetime, tz: ZoneInfo, rules: ReminderRules, after: timedelta = timedelta(0)
) -> Week:
    """The latest week whose reminder time, plus `after`, has come by `now`."""
    week = Week.containing(now, tz)
    while unsubmitted_reminder_at(week, rules) + after > now:
        week = Week(week.first_day - timedelta(days=7), tz)
    return week


def latest_digest_day(now: datetime, tz: ZoneInfo, rules: ReminderRules) -> date:
    """The local date of the latest daily review digest due by `now`."""
    today = now.astimezone(tz).date()
    wall = time(rules.review_digest_hour, rules.review_digest_minute)
    if to_instant(datetime.combine(today, wall, tzinfo=tz)) <= now:
        return today
    return today - timedelta(days=1)
