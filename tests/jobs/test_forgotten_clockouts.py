"""Forgotten clock-outs: who is asked, and what the reminder's buttons and modal do."""

from datetime import timedelta

from bot.slack import reminder_views as views
from models.reminder_settings import change_rules
from models.reminders import Reminder, ReminderKind, ReminderStatus
from models.shift_flags import FlagReason, ShiftFlag
from models.shifts import Shift
from models.timeutil import utcnow
from models.users import Privilege, TeamRole


def dm_to(fake, slack_id: str):
    [call] = [c for c in fake.delivered() if c.params["channel"] == slack_id]
    return call


async def test_only_shifts_open_past_the_threshold_are_asked_once(slack, people, run):
    acme = await people.company()
    strict = await people.company("Night shift", team="T0NIGHT")
    await change_rules(strict.id, forgotten_after_minutes=12 * 60)
    ana = await people.member(acme, "U0ANA", "Ana Lima")
    bo = await people.member(acme, "U0BO", "Bo Reyes")
    cy = await people.member(acme, "U0CY", "Cy Park")
    di = await people.member(strict, "U0DI", "Di Moss")
    await people.open_for(ana, acme, 10.5)  # past 10 h
    await people.open_for(bo, acme, 9)  # not yet
    now = utcnow()
    await people.shift(cy, acme, now - timedelta(hours=13), now - timedelta(hours=1))  # closed
    await people.open_for(di, strict, 11)  # her company waits 12 h

    report = await run("forgotten-clockouts")
    assert report.delivery.sent == 1
    assert slack.fake.delivered_per_channel() == {"U0ANA": 1}
    text = dm_to(slack.fake, "U0ANA").params["text"]
    assert "You've been clocked in since" in text and "10h 30m" in text

    again = await run("forgotten-clockouts")
    assert again.delivery.sent == 0
    assert slack.fake.delivered_per_channel() == {"U0ANA": 1}
    [row] = await Reminder.all()
    assert (row.kind, row.status, row.attempts) == (
        ReminderKind.FORGOTTEN_CLOCKOUT,
        ReminderStatus.SENT,
        1,
    )
    assert row.channel == "U0ANA" and row.ts


async def test_clock_out_now_closes_the_reminded_shift(slack, people, run):
    acme = await people.company()
    ana = await people.member(acme, "U0ANA", "Ana Lima")
    await people.open_for(ana, acme, 11)
    await run("forgotten-clockouts")
    dm = dm_to(slack.fake, "U0ANA")

    url = slack.fake.response_url()
    reply = await slack.press(dm.params["blocks"], views.CLOCK_OUT_NOW, "U0ANA", response_url=url)
    assert reply.status == 200
    answer = await slack.fake.wait_reply(url)
    assert answer["replace_original"] is True
    assert "Clocked out at" in answer["text"] and "This shift: *11h 00m*" in answer["text"]
    [shift] = await Shift.all()
    assert shift.end_time is not None
    assert abs((utcnow() - shift.end_time).total_seconds()) < 60

    # Pressed again (or on an older reminder): the shift is closed, nothing else changes.
    await people.open_for(ana, acme, 0)  # a new shift, opened after
    url = slack.fake.response_url()
    await slack.press(dm.params["blocks"], views.CLOCK_OUT_NOW, "U0ANA", response_url=url)
    answer = await slack.fake.wait_reply(url)
    assert "already ended" in answer["text"]
    assert await Shift.filter(end_time__isnull=True).count() == 1  # the new shift stays open


async def test_i_left_at_records_the_real_end_time(slack, people, run):
    acme = await people.company()
    ana = await people.member(acme, "U0ANA", "Ana Lima")
    shift = await people.open_for(ana, acme, 12)
    await run("forgotten-clockouts")
    dm = dm_to(slack.fake, "U0ANA")

    await slack.press(dm.params["blocks"], views.LEFT_AT, "U0ANA")
    [opened] = await slack.fake.wait_for("views.open")
    modal = opened.params["view"]
    assert modal["callback_id"] == views.LEFT_AT_MODAL and opened.params["trigger_id"] == "1.2.3"

    left = shift.start_time + timedelta(hours=8, minutes=15)
    reply = await slack.submit_view(modal, "U0ANA", _picked(left))
    assert reply.status == 200 and not reply.body  # accepted: the modal closes
    await shift.refresh_from_db()
    assert shift.end_time == left
    # The reminder itself is updated in place: no buttons left to press.
    [update] = await slack.fake.wait_for("chat.update")
    [sent] = await Reminder.all()
    assert (update.params["channel"], update.params["ts"]) == (sent.channel, sent.ts)
    assert "Clocked out at" in update.params["text"] and "8h 15m" in update.params["text"]


async def test_i_left_at_refuses_impossible_times_next_to_the_field(slack, people, run):
    acme = await people.company()
    ana = await people.member(acme, "U0ANA", "Ana Lima")
    shift = await people.open_for(ana, acme, 12)
    await run("forgotten-clockouts")
    await slack.press(dm_to(slack.fake, "U0ANA").params["blocks"], views.LEFT_AT, "U0ANA")
    [opened] = await slack.fake.wait_for("views.open")
    modal = opened.params["view"]

    for picked, reason in [
        (utcnow() + timedelta(hours=1), "hasn't happened yet"),
        (shift.start_time - timedelta(minutes=5), "Pick a time after that"),
    ]:
        reply = await slack.submit_view(modal, "U0ANA", _picked(picked))
        assert reply.status == 200
        assert reply.body["response_action"] == "errors"
        assert reason in reply.body["errors"][views.LEFT_AT_BLOCK]
    reply = await slack.submit_view(modal, "U0ANA", {})
    assert reply.body["errors"][views.LEFT_AT_BLOCK] == "Pick a time."
    await shift.refresh_from_db()
    assert shift.end_time is None
    assert slack.fake.calls_to("chat.update") == []


async def test_still_working_asks_again_after_the_snooze(slack, people, run):
    acme = await people.company()
    await change_rules(acme.id, snooze_minutes=90)
    ana = await people.member(acme, "U0ANA", "Ana Lima")
    shift = await people.open_for(ana, acme, 10.2)
    await run("forgotten-clockouts")
    url = slack.fake.response_url()
    await slack.press(
        dm_to(slack.fake, "U0ANA").params["blocks"],
        views.STILL_WORKING,
        "U0ANA",
        response_url=url,
    )
    answer = await slack.fake.wait_reply(url)
    assert answer["replace_original"] is True and "check again around" in answer["text"]

    assert (await run("forgotten-clockouts")).delivery.sent == 0  # not before the snooze ends
    later = utcnow() + timedelta(minutes=91)
    assert (await run("forgotten-clockouts", at=later)).delivery.sent == 1
    assert (await run("forgotten-clockouts", at=later)).delivery.sent == 0
    periods = await Reminder.filter(kind=ReminderKind.FORGOTTEN_CLOCKOUT).values_list(
        "period", flat=True
    )
    assert sorted(periods) == [f"{shift.id}/0", f"{shift.id}/1"]
    assert slack.fake.delivered_per_channel() == {"U0ANA": 2}


async def test_past_the_hard_limit_the_shift_is_flagged_for_supervisors_not_closed(
    slack, people, run
):
    acme = await people.company()
    ana = await people.member(acme, "U0ANA", "Ana Lima")
    await people.member(acme, "U0SUE", "Sue Visor", role=TeamRole.SUPERVISOR)
    await people.member(acme, "U0ADA", "Ada Min", privilege=Privilege.ADMIN)
    await people.member(acme, "U0BO", "Bo Reyes")
    other = await people.company("Elsewhere", team="T0ELSE")
    await people.member(other, "U0OTH", "Oth Boss", privilege=Privilege.ADMIN)
    shift = await people.open_for(ana, acme, 16.5)

    report = await run("forgotten-clockouts")
    assert report.delivery.by_kind == {
        ReminderKind.FORGOTTEN_CLOCKOUT: 1,
        ReminderKind.SHIFT_OVER_LIMIT: 2,
    }
    assert slack.fake.delivered_per_channel() == {"U0ANA": 1, "U0SUE": 1, "U0ADA": 1}
    for boss in ("U0SUE", "U0ADA"):
        text = dm_to(slack.fake, boss).params["text"]
        assert "Ana Lima" in text and "past the 16-hour limit" in text and "flagged" in text
    [flag] = await ShiftFlag.all()
    assert flag.shift_id == shift.id and flag.reason == FlagReason.OPEN_PAST_HARD_LIMIT
    await shift.refresh_from_db()
    assert shift.end_time is None  # never closed at an invented time

    await run("forgotten-clockouts")
    assert len(slack.fake.delivered()) == 3
    assert await ShiftFlag.all().count() == 1


def _picked(moment) -> dict:
    return {
        views.LEFT_AT_BLOCK: {
            views.LEFT_AT_INPUT: {
                "type": "datetimepicker",
                "selected_date_time": int(moment.timestamp()),
            }
        }
    }
