"""The reminders' Block Kit, built from data alone, within Slack's limits."""

import json
from datetime import UTC, date, datetime, timedelta
from uuid import uuid4
from zoneinfo import ZoneInfo

from bot.slack import reminder_views as views
from bot.slack.views import MAX_TEXT
from models.shifts import Shift
from models.weeks import Week

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 25, 23, 0, tzinfo=UTC)  # Wednesday 6 PM in New York


def texts(message: dict) -> list[str]:
    return [b["text"]["text"] for b in message["blocks"] if b.get("type") == "section"]


def buttons(message: dict) -> dict[str, dict]:
    return {
        e["action_id"]: e
        for b in message["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    }


def test_forgotten_clockout_offers_the_three_answers_about_that_shift():
    shift = Shift(id=uuid4(), start_time=NOW - timedelta(hours=10, minutes=5))
    message = views.forgotten_clockout(shift, NY, NOW)
    assert "since *7:55 AM* — *10h 05m* so far" in message["text"]
    found = buttons(message)
    assert set(found) == {views.CLOCK_OUT_NOW, views.LEFT_AT, views.STILL_WORKING}
    assert {b["value"] for b in found.values()} == {str(shift.id)}


def test_left_at_modal_carries_the_shift_and_reads_the_picked_time():
    shift = Shift(id=uuid4(), start_time=NOW - timedelta(hours=12))
    modal = views.left_at_modal(shift, NY, NOW)
    assert modal["callback_id"] == views.LEFT_AT_MODAL
    assert views.left_at_shift_id(modal) == str(shift.id)
    [picker] = [b["element"] for b in modal["blocks"] if b["type"] == "input"]
    assert picker["type"] == "datetimepicker" and picker["initial_date_time"] == NOW.timestamp()
    state = {
        "state": {
            "values": {
                views.LEFT_AT_BLOCK: {
                    views.LEFT_AT_INPUT: {"selected_date_time": int(NOW.timestamp()) - 60}
                }
            }
        }
    }
    assert views.left_at_selected(state) == NOW - timedelta(minutes=1)
    assert views.left_at_selected({"state": {"values": {}}}) is None


def test_unsubmitted_week_lists_days_with_hours_and_a_submit_button():
    week = Week(date(2026, 11, 15), NY)
    per_day = dict.fromkeys(week.days(), 0) | {date(2026, 11, 16): 8 * 3600}
    message = views.unsubmitted_week(week, per_day, "c1")
    assert "Total: *8h 00m*" in message["text"]
    assert "Mon Nov 16: 8h 00m" in texts(message)[1] and "Tue" not in texts(message)[1]
    value = json.loads(buttons(message)[views.SUBMIT_WEEK]["value"])
    assert value == {"week": "2026-11-15", "company": "c1"}


def test_escalation_of_a_thousand_names_fits_one_section():
    names = [f"Associate Number {i}" for i in range(1000)]
    message = views.unsubmitted_escalation(date(2026, 11, 15), names)
    [text] = texts(message)
    assert len(text) <= MAX_TEXT and "(1000)" in text and "more" in text


def test_a_long_digest_stays_within_slacks_block_limit():
    items = [
        views.DigestItem(f"Person {i}", date(2026, 11, 15), NOW - timedelta(hours=i), f"v{i}")
        for i in range(40)
    ]
    for finalize in (False, True):
        message = views.pending_digest(items, finalize, NY, NOW)
        assert len(message["blocks"]) <= views.MAX_BLOCKS
        assert "40 week(s) waiting" in message["text"] and "25 more" in texts(message)[-1]
        expected = {views.FINALIZE_WEEK} if finalize else {views.APPROVE_WEEK, views.SEND_BACK_WEEK}
        assert set(buttons(message)) == expected


def test_over_limit_says_the_shift_stays_open():
    shift = Shift(id=uuid4(), start_time=NOW - timedelta(hours=17))
    message = views.shift_over_limit("Ana Lima", shift, timedelta(hours=16), NY, NOW)
    assert "*Ana Lima*" in message["text"] and "17h 00m" in message["text"]
    assert "past the 16-hour limit" in message["text"] and "never ends it" in message["text"]
