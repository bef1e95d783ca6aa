"""/timesheet and correcting a week through its modals, over signed HTTP with the fake Slack."""

from datetime import date, timedelta

import pytest

from models.audit import AuditEntry
from models.shifts import Shift
from tests.support.team import local, make_team, worked

ANA = "U0ANA"


@pytest.fixture
async def team(slack):
    return await make_team()


def text_of(blocks) -> str:
    import json

    return json.dumps(blocks, ensure_ascii=False)


async def test_timesheet_shows_the_current_week(slack, team):
    today = team.this_week().days()[0]
    await worked(team.ana, team.company, today, "00:30", "02:00")
    reply = await slack.command("/timesheet", ANA)
    assert reply.status == 200
    body = text_of(reply.body["blocks"])
    assert f"Week of {today:%a %b} {today.day}" in body
    assert "Not submitted" in body and "Week total: 1h 30m" in body
    assert "12:30 AM – 2:00 AM" in body
    ids = [
        e["action_id"]
        for b in reply.body["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    ]
    assert ids == ["ts_add_shift", "ts_add_pto", "ts_submit", "ts_add_note"]


@pytest.mark.parametrize("arg", ["last", "2026-11-03"])
async def test_timesheet_shows_other_weeks(slack, team, arg):
    reply = await slack.command("/timesheet", ANA, arg)
    if arg == "last":
        first = team.last_week().first_day
    else:
        first = date(2026, 11, 1)
    assert f"Week of {first:%a %b} {first.day}" in text_of(reply.body["blocks"])


@pytest.mark.parametrize(
    ("arg", "words"),
    [
        ("help", "*/timesheet last*"),
        ("soon", "couldn't read"),
        ("2026-02-30", "not a date"),
        ("0001-01-01", "pick a day from 1970-01-04 to 9999-12-24"),
        ("9999-12-31", "pick a day from 1970-01-04 to 9999-12-24"),
    ],
)
async def test_timesheet_help_and_bad_arguments(slack, team, arg, words):
    reply = await slack.command("/timesheet", ANA, arg)
    assert words in reply.text and "/timesheet 2026-11-03" in reply.text


@pytest.mark.parametrize(
    ("arg", "sunday"), [("1970-01-04", "Sun Jan 4"), ("9999-12-24", "Sun Dec 19")]
)
async def test_timesheet_shows_the_first_and_the_last_week_there_is(slack, team, arg, sunday):
    reply = await slack.command("/timesheet", ANA, arg)
    assert f"Week of {sunday}" in text_of(reply.body["blocks"])


async def test_a_week_with_hours_over_the_threshold_shows_overtime(slack, team):
    week = team.last_week()
    for day in week.days()[1:6]:
        await worked(team.ana, team.company, day, "08:00", "17:00")
    body = text_of((await slack.command("/timesheet", ANA, "last")).body["blocks"])
    assert "Week total: 45h 00m" in body and "Overtime: *5h 00m* (over 40h)" in body


async def open_add_modal(slack, reply_blocks) -> tuple[dict, str]:
    url = slack.fake.response_url()
    await slack.press(reply_blocks, "ts_add_shift", ANA, response_url=url)
    return await slack.fake.wait_view(), url


async def test_add_a_missed_shift_through_the_modal(slack, team):
    week = team.last_week()
    reply = await slack.command("/timesheet", ANA, "last")
    view, url = await open_add_modal(slack, reply.body["blocks"])
    assert view["callback_id"] == "ts_shift_modal" and view["title"]["text"] == "Add missed shift"
    monday = week.days()[1]
    answer = await slack.submit(
        view, ANA, {"date": monday.isoformat(), "start": "09:00", "end": "17:30", "note": "forgot"}
    )
    assert answer.status == 200 and answer.body == {}
    shift = await Shift.get(user=team.ana)
    assert shift.start_time == local(monday, "09:00", team.tz)
    assert shift.end_time == local(monday, "17:30", team.tz) and shift.notes == "forgot"
    redrawn = await slack.fake.wait_reply(url)
    assert redrawn["replace_original"] is True
    assert "9:00 AM – 5:30 PM  (8h 30m)" in text_of(redrawn["blocks"])
    [record] = await AuditEntry.filter(subject="shift", action="shift.add")
    assert record.actor_id == team.ana.id and record.after["notes"] == "forgot"


async def test_a_night_shift_ends_the_next_day(slack, team):
    # Two weeks back, so that the Sunday morning it ends on is in the past whenever this runs.
    before = team.last_week().first_day - timedelta(days=7)
    view, _ = await open_add_modal(
        slack, (await slack.command("/timesheet", ANA, before.isoformat())).body["blocks"]
    )
    saturday = before + timedelta(days=6)
    answer = await slack.submit(
        view,
        ANA,
        {"date": saturday.isoformat(), "start": "22:00", "end": "06:00", "next_day": True},
    )
    assert answer.body == {}
    shift = await Shift.get(user=team.ana)
    assert shift.end_time - shift.start_time == timedelta(hours=8)
    # Counted in each week where it was worked: 2 hours in the first week, 6 in the next.
    first = text_of((await slack.command("/timesheet", ANA, before.isoformat())).body["blocks"])
    then = text_of((await slack.command("/timesheet", ANA, "last")).body["blocks"])
    assert "Week total: 2h 00m" in first and "Week total: 6h 00m" in then


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"start": "17:00", "end": "09:00"}, "end", "end must be after the start"),
        ({"start": "09:00", "end": "10:00", "future": True}, "start", "hasn't happened yet"),
        ({"start": "12:00", "end": "13:00"}, "start", "overlaps your shift"),
        ({"start": None, "end": "13:00"}, "start", "Pick the start time"),
        ({"date": "0001-01-01", "start": "09:00", "end": "10:00"}, "date", "pick a day from"),
        ({"date": "9999-12-31", "start": "22:00", "end": "23:00"}, "date", "pick a day from"),
    ],
)
async def test_the_modal_says_what_is_wrong_next_to_the_field(slack, team, values, field, words):
    week = team.last_week()
    monday = week.days()[1]
    await worked(team.ana, team.company, monday, "11:00", "12:30")
    view, _ = await open_add_modal(
        slack, (await slack.command("/timesheet", ANA, "last")).body["blocks"]
    )
    values = dict(values)  # the parameters are shared by both backends' runs
    day = monday + timedelta(days=14) if values.pop("future", False) else monday
    answer = await slack.submit(view, ANA, {"date": day.isoformat(), **values})
    assert answer.body["response_action"] == "errors"
    assert list(answer.body["errors"]) == [field]
    assert words in answer.body["errors"][field]
    assert await Shift.all().count() == 1


async def test_edit_and_delete_an_entry_from_its_menu(slack, team):
    week = team.last_week()
    monday = week.days()[1]
    shift = await worked(team.ana, team.company, monday, "09:00", "17:00")
    reply = await slack.command("/timesheet", ANA, "last")
    await slack.choose(reply.body["blocks"], "ts_entry", f"edit:{shift.id}", ANA)
    view = await slack.fake.wait_view()
    assert view["title"]["text"] == "Edit shift"
    answer = await slack.submit(view, ANA, {"end": "16:00"})  # the rest as it was
    assert answer.body == {}
    edited = await Shift.get(id=shift.id)
    assert edited.end_time == local(monday, "16:00", team.tz)
    assert edited.start_time == shift.start_time

    reply = await slack.command("/timesheet", ANA, "last")
    await slack.choose(reply.body["blocks"], "ts_entry", f"delete:{shift.id}", ANA)
    confirm = await slack.fake.wait_view(2)
    assert confirm["callback_id"] == "ts_delete_modal" and confirm["submit"]["text"] == "Delete"
    assert "9:00 AM – 4:00 PM" in text_of(confirm["blocks"])
    assert (await slack.submit(confirm, ANA)).body == {}
    assert (await Shift.get(id=shift.id)).deleted_at is not None
    assert "No shifts this week" in text_of(
        (await slack.command("/timesheet", ANA, "last")).body["blocks"]
    )
    actions = [r.action for r in await AuditEntry.filter(subject_id=str(shift.id)).order_by("id")]
    assert actions == ["shift.edit", "shift.delete"]


async def test_someone_else_cannot_edit_my_entry(slack, team):
    shift = await worked(team.ana, team.company, team.last_week().days()[1], "09:00", "17:00")
    reply = await slack.command("/timesheet", ANA, "last")
    url = slack.fake.response_url()
    await slack.choose(
        reply.body["blocks"], "ts_entry", f"edit:{shift.id}", "U0SAM", response_url=url
    )
    answer = await slack.fake.wait_reply(url)
    assert "Only the person who worked these hours" in answer["text"]
    await slack.choose(
        reply.body["blocks"], "ts_entry", f"delete:{shift.id}", "U0ARI", response_url=url
    )
    answer = await slack.fake.wait_reply(url, 2)
    assert "was not found" in answer["text"]  # another associate doesn't even see it
    assert slack.fake.opened_views() == []


async def test_deleting_from_a_stale_confirm_says_why_it_cannot(slack, team):
    from models import approval

    week = team.last_week()
    shift = await worked(team.ana, team.company, week.days()[1], "09:00", "17:00")
    reply = await slack.command("/timesheet", ANA, "last")
    await slack.choose(reply.body["blocks"], "ts_entry", f"delete:{shift.id}", ANA)
    confirm = await slack.fake.wait_view()
    sheet = (await approval.submit(team.ana, team.company.id, week.first_day)).timesheet
    await approval.approve(team.sam, sheet.id)
    answer = await slack.submit(confirm, ANA)
    assert answer.body["response_action"] == "update"
    assert "already approved" in text_of(answer.body["view"]["blocks"])
    assert (await Shift.get(id=shift.id)).deleted_at is None
