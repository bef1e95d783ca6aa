"""Schedules from Slack: a supervisor plans a week through the Schedule modal, the associate is
told and sees it, copying last week, refusals. Over signed HTTP with the fake Slack."""

import json
from datetime import timedelta

import pytest

from bot.slack import schedule_views as sv
from models import approval
from models.schedules import ScheduleEntry, set_schedule
from models.stages import Stage
from models.timesheets import Timesheet
from tests.support.schedules import days, latest_update, open_for
from tests.support.team import local, make_team, worked

ANA, SAM = "U0ANA", "U0SAM"


@pytest.fixture
async def team(slack):
    return await make_team()


def text_of(blocks) -> str:
    return json.dumps(blocks, ensure_ascii=False)


async def test_a_supervisor_plans_a_week_and_the_associate_is_told(slack, team):
    week = team.this_week()
    view = await open_for(slack, SAM, ANA)
    assert text_of(view["blocks"]).count('"timepicker"') == 14
    values = days(mon=("09:00", "17:00"), tue=("09:00", "17:00"), wed=("22:00", "06:00"))
    answer = await slack.submit(view, SAM, values)
    assert answer.status == 200 and answer.body == {}

    plans = await ScheduleEntry.live().filter(user=team.ana).order_by("start_time")
    tz = team.tz
    assert [(p.start_time, p.end_time) for p in plans] == [
        (local(week.days()[1], "09:00", tz), local(week.days()[1], "17:00", tz)),
        (local(week.days()[2], "09:00", tz), local(week.days()[2], "17:00", tz)),
        (local(week.days()[3], "22:00", tz), local(week.days()[4], "06:00", tz)),
    ]
    sheet = await Timesheet.get(user=team.ana, start_date=week.first_day)
    assert sheet.stamp(Stage.SCHEDULE_SUBMITTED).by == team.sam.id

    [dm] = await slack.fake.wait_dms(ANA)
    assert "was published by <@U0SAM>" in dm.text
    assert "9:00 AM – 5:00 PM" in dm.text and "10:00 PM – 6:00 AM (+1d)" in dm.text
    body = text_of((await slack.command("/timesheet", ANA)).body["blocks"])
    assert "planned 9:00 AM – 5:00 PM" in body
    own = (await slack.command("/schedule", ANA)).body["text"]
    assert "Your schedule, week of" in own and "10:00 PM – 6:00 AM (+1d)" in own

    # Opened again, the modal shows the plan; a change is told, saving it unchanged is not.
    await slack.fake.settle()
    view = await open_for(slack, SAM, ANA, updates=2)
    assert '"initial_time": "22:00"' in text_of(view["blocks"])
    assert (await slack.submit(view, SAM, {})).body == {}
    await slack.fake.settle()
    assert len(slack.fake.dms(ANA)) == 1
    view = await open_for(slack, SAM, ANA, updates=3)
    assert (await slack.submit(view, SAM, days(tue=("10:00", "17:00")))).body == {}
    dms = await slack.fake.wait_dms(ANA, 2)
    assert "was changed by <@U0SAM>" in dms[1].text and "10:00 AM – 5:00 PM" in dms[1].text


async def test_copy_last_week_fills_the_days_to_publish(slack, team):
    last = team.last_week()
    tz = team.tz
    monday = last.days()[1]
    await set_schedule(
        team.sue,
        team.ana.id,
        team.company.id,
        monday,
        [(local(monday, "07:30", tz), local(monday, "15:30", tz))],
    )
    view = await open_for(slack, SAM, ANA)
    await slack.press(view["blocks"], sv.COPY, SAM, view=view)
    copied = await latest_update(slack, 2)
    assert "Last week's plan is filled in" in text_of(copied["blocks"])
    assert (await slack.submit(copied, SAM)).body == {}
    this_monday = team.this_week().days()[1]
    [plan] = await ScheduleEntry.live().filter(user=team.ana, day=this_monday)
    assert plan.start_time == local(this_monday, "07:30", tz)


async def test_the_modal_says_what_is_wrong_and_changes_nothing(slack, team):
    view = await open_for(slack, SAM, ANA)
    answer = await slack.submit(view, SAM, days(mon=("09:00", None)))
    assert answer.body["response_action"] == "errors"
    assert answer.body["errors"] == {"d1_end": "Give both a start and an end, or neither."}
    answer = await slack.submit(view, SAM, days(mon=("09:00", "17:00"), sun=("20:00", "10:00")))
    assert "overlap" in answer.body["errors"][sv.PERSON_BLOCK]
    assert await ScheduleEntry.all().count() == 0
    assert slack.fake.dms(ANA) == []


async def test_a_finalized_week_refuses_its_plan(slack, team):
    last = team.last_week()
    await worked(team.ana, team.company, last.days()[1], "09:00", "17:00")
    sheet = (await approval.submit(team.ana, team.company.id, last.first_day)).timesheet
    await approval.approve(team.sam, sheet.id)
    await approval.finalize(team.bea, sheet.id)
    view = await open_for(slack, SAM, ANA, arg="last")
    answer = await slack.submit(view, SAM, days(mon=("09:00", "17:00")))
    assert "finalized and locked" in answer.body["errors"][sv.PERSON_BLOCK]
    assert await ScheduleEntry.all().count() == 0


async def test_associates_see_their_schedule_and_cannot_plan(slack, team):
    reply = await slack.command("/schedule", ANA, "next")
    assert "Nothing is planned for you that week" in reply.body["text"]
    assert slack.fake.calls_to("views.open") == []
    reply = await slack.command("/schedule", ANA, "someday")
    assert "couldn't read" in reply.body["text"]
    # The App Home offers associates no planning, and the button refuses them anyway.
    await slack.event({"type": "app_home_opened", "user": ANA, "tab": "home"})
    [home] = await slack.fake.wait_for("views.publish")
    assert sv.OPEN not in text_of(home.params["view"])
    blocks = [
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "action_id": sv.OPEN,
                    "text": {"type": "plain_text", "text": "Plan"},
                    "value": "open",
                }
            ],
        }
    ]
    await slack.press(blocks, sv.OPEN, ANA, container="view")
    published = await slack.fake.wait_for("views.publish", 2)
    assert "Only supervisors and admins plan schedules" in text_of(published[-1].params["view"])
    assert slack.fake.calls_to("views.open") == []


async def test_supervisors_plan_from_the_app_home_and_see_attendance(slack, team):
    await slack.event({"type": "app_home_opened", "user": SAM, "tab": "home"})
    [home] = await slack.fake.wait_for("views.publish")
    blocks = home.params["view"]["blocks"]
    assert "Attendance" in text_of(blocks) and "0 planned" in text_of(blocks)
    await slack.press(blocks, sv.OPEN, SAM, container="view")
    [opened] = await slack.fake.wait_for("views.open")
    assert opened.params["view"]["callback_id"] == sv.SCHEDULE_MODAL
    week = team.this_week()
    assert week.first_day.isoformat() in opened.params["view"]["private_metadata"]
    # The week can be changed in the modal.
    view = {**opened.params["view"], "id": "VSCHED"}
    await slack.press(view["blocks"], sv.NEXT_WEEK, SAM, view=view)
    later = await latest_update(slack, 1)
    assert (week.first_day + timedelta(days=7)).isoformat() in later["private_metadata"]
