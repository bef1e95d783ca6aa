"""Per-company reminder settings: defaults, changes, and refusals that change nothing."""

import pytest

from models.reminder_settings import (
    DEFAULT_RULES,
    InvalidReminderSettings,
    ReminderSettings,
    change_rules,
    rules_for,
)


async def test_defaults_until_changed_then_the_change(db, people):
    acme = await people.company()
    other = await people.company("Other", team="T0OTHER")
    assert (await rules_for([acme.id]))[acme.id] == DEFAULT_RULES
    assert DEFAULT_RULES.forgotten_after_minutes == 600 and DEFAULT_RULES.hard_limit_minutes == 960
    assert (DEFAULT_RULES.unsubmitted_weekday, DEFAULT_RULES.unsubmitted_hour) == (0, 10)
    await change_rules(acme.id, snooze_minutes=30)
    rules = await rules_for([acme.id, other.id])
    assert rules[acme.id].snooze_minutes == 30 and rules[other.id] == DEFAULT_RULES


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"unsubmitted_hour": 24}, "unsubmitted_hour must be a whole number from 0 to 23"),
        ({"snooze_minutes": 0}, "snooze_minutes"),
        ({"hard_limit_minutes": 600}, "hard_limit_minutes must be longer"),
        ({"bedtime": 9}, "unknown setting(s): bedtime"),
    ],
)
async def test_out_of_range_is_refused_and_nothing_is_saved(db, people, changes, message):
    acme = await people.company()
    with pytest.raises(
        InvalidReminderSettings, match=message.replace("(", r"\(").replace(")", r"\)")
    ):
        await change_rules(acme.id, **changes)
    assert await ReminderSettings.all().count() == 0
