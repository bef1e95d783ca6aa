"""When reminders go out and what counts as late: per company, with sensible defaults.

A company has no `ReminderSettings` row until someone changes a setting; `rules_for` answers with
the defaults then. Local times are wall-clock times in the company's time zone.
"""

from dataclasses import dataclass, fields, replace
from datetime import timedelta
from uuid import UUID

from tortoise import fields as f
from tortoise.models import Model

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = date.weekday()


@dataclass(frozen=True)
class ReminderRules:
    """One company's reminder settings, in the units the jobs use."""

    # Unsubmitted weeks: the reminder goes out this weekday/time after the week ends.
    unsubmitted_weekday: int = 0  # Monday
    unsubmitted_hour: int = 10
    unsubmitted_minute: int = 0
    # Days after that reminder when a week still unsubmitted is raised with the supervisors.
    escalate_after_days: int = 2
    # Pending reviews: a daily digest at this local time lists weeks waiting longer than this.
    review_digest_hour: int = 9
    review_digest_minute: int = 0
    pending_review_hours: int = 24
    # Forgotten clock-outs.
    forgotten_after_minutes: int = 10 * 60
    hard_limit_minutes: int = 16 * 60
    snooze_minutes: int = 2 * 60
    # Attendance: how late a clock-in (or how early a clock-out) may be before it is reported.
    late_grace_minutes: int = 10

    @property
    def forgotten_after(self) -> timedelta:
        return timedelta(minutes=self.forgotten_after_minutes)

    @property
    def hard_limit(self) -> timedelta:
        return timedelta(minutes=self.hard_limit_minutes)

    @property
    def snooze(self) -> timedelta:
        return timedelta(minutes=self.snooze_minutes)

    @property
    def late_grace(self) -> timedelta:
        return timedelta(minutes=self.late_grace_minutes)

    @property
    def pending_review_after(self) -> timedelta:
        return timedelta(hours=self.pending_review_hours)

    @property
    def escalate_after(self) -> timedelta:
        return timedelta(days=self.escalate_after_days)


DEFAULT_RULES = ReminderRules()
RULE_NAMES = tuple(field.name for field in fields(ReminderRules))

# (lowest, highest) accepted for each setting; the jobs rely on these (e.g. snooze > 0).
_LIMITS = {
    "unsubmitted_weekday": (0, 6),
    "unsubmitted_hour": (0, 23),
    "unsubmitted_minute": (0, 59),
    "escalate_after_days": (1, 28),
    "review_digest_hour": (0, 23),
    "review_digest_minute": (0, 59),
    "pending_review_hours": (1, 24 * 28),
    "forgotten_after_minutes": (30, 48 * 60),
    "hard_limit_minutes": (60, 72 * 60),
    "snooze_minutes": (5, 24 * 60),
    "late_grace_minutes": (0, 4 * 60),
}


class InvalidReminderSettings(ValueError):
    """A setting out of range; the message names it and says what is accepted."""


class ReminderSettings(Model):
    company = f.OneToOneField(
        "clockbot.Company", related_name="reminder_settings", on_delete=f.CASCADE
    )
    unsubmitted_weekday = f.SmallIntField(default=DEFAULT_RULES.unsubmitted_weekday)
    unsubmitted_hour = f.SmallIntField(default=DEFAULT_RULES.unsubmitted_hour)
    unsubmitted_minute = f.SmallIntField(default=DEFAULT_RULES.unsubmitted_minute)
    escalate_after_days = f.SmallIntField(default=DEFAULT_RULES.escalate_after_days)
    review_digest_hour = f.SmallIntField(default=DEFAULT_RULES.review_digest_hour)
    review_digest_minute = f.SmallIntField(default=DEFAULT_RULES.review_digest_minute)
    pending_review_hours = f.IntField(default=DEFAULT_RULES.pending_review_hours)
    forgotten_after_minutes = f.IntField(default=DEFAULT_RULES.forgotten_after_minutes)
    hard_limit_minutes = f.IntField(default=DEFAULT_RULES.hard_limit_minutes)
    snooze_minutes = f.IntField(default=DEFAULT_RULES.snooze_minutes)
    late_grace_minutes = f.IntField(default=DEFAULT_RULES.late_grace_minutes)
    updated_at = f.DatetimeField(auto_now=True)

    class Meta:
        table = "reminder_settings"

    def rules(self) -> ReminderRules:
        return ReminderRules(**{name: getattr(self, name) for name in RULE_NAMES})


def validate(rules: ReminderRules) -> ReminderRules:
    for name, (low, high) in _LIMITS.items():
        value = getattr(rules, name)
        if not isinstance(value, int) or not low <= value <= high:
            raise InvalidReminderSettings(f"{name} must be a whole number from {low} to {high}")
    if rules.hard_limit_minutes <= rules.forgotten_after_minutes:
        raise InvalidReminderSettings(
            "hard_limit_minutes must be longer than forgotten_after_minutes"
        )
    return rules


async def rules_for(company_ids: list[UUID]) -> dict[UUID, ReminderRules]:
    """Every company's rules, defaults filled in, from one query."""
    rows = await ReminderSettings.filter(company_id__in=company_ids)
    found = {row.company_id: row.rules() for row in rows}  # type: ignore[attr-defined]
    return {cid: found.get(cid, DEFAULT_RULES) for cid in company_ids}


async def change_rules(company_id: UUID, **changes: int) -> ReminderRules:
    """Change some of a company's settings; nothing is saved when one is out of range."""
    unknown = set(changes) - set(RULE_NAMES)
    if unknown:
        raise InvalidReminderSettings(f"unknown setting(s): {', '.join(sorted(unknown))}")
    current = (await rules_for([company_id]))[company_id]
    rules = validate(replace(current, **changes))
    await ReminderSettings.update_or_create(
        company_id=company_id, defaults={name: getattr(rules, name) for name in RULE_NAMES}
    )
    return rules
