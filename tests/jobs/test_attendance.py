"""The attendance job: late, early and missing clock-ins against the plan give exactly the
expected reports and DMs, once; the DM's button opens the week; the associate explains."""

import json
from datetime import timedelta

from bot.slack import reminder_views as views
from bot.slack import week_views as wv
from models.attendance import judge_due
from models.notes import Note, NoteType, ReportReason
from models.reminders import Reminder, ReminderKind
from models.schedules import set_schedule
from tests.support.schedules import days, open_for
from tests.support.team import local, make_team, worked


def text_of(blocks) -> str:
    return json.dumps(blocks, ensure_ascii=False)


async def plan_last_week(team):
    week = team.last_week()
    mon, tue = week.days()[1:3]
    tz = team.tz
    day = [(local(d, "09:00", tz), local(d, "17:00", tz)) for d in (mon, tue)]
    for person in (team.ana, team.ari):
        await set_schedule(team.sam, person.id, team.company.id, mon, day)
    await worked(team.ana, team.company, mon, "09:20", "17:00")  # late
    await worked(team.ana, team.company, tue, "09:00", "16:00")  # early
    await worked(team.ari, team.company, mon, "08:55", "17:05")  # on time; Tuesday: no show
    return week


async def test_reports_and_dms_for_exactly_the_incidents_once(slack, run):
    team = await make_team()
    week = await plan_last_week(team)
    after = week.end + timedelta(hours=1)

    report = await run("attendance", at=after)
    reasons = sorted((n.reason, n.author_id) for n in await Note.filter(type=NoteType.REPORT))
    assert reasons == [
        (ReportReason.EARLY_DEPARTURE, None),
        (ReportReason.LATE_ARRIVAL, None),
        (ReportReason.NO_SHOW, None),
    ]
    # Three planned shifts found something, each told to both supervisors; not to the admins
    # (the company has supervisors), nor to the associates.
    assert report.delivery.sent == 6
    assert slack.fake.delivered_per_channel() == {"U0SAM": 3, "U0SUE": 3}
    texts = [c.params["text"] for c in slack.fake.delivered() if c.params["channel"] == "U0SAM"]
    assert sum("Ana Lima" in t for t in texts) == 2 and sum("Ari Gold" in t for t in texts) == 1
    assert any("Late Arrival" in t and "9:20 AM" in t for t in texts)
    assert any("No Show" in t and "No clock-in" in t for t in texts)

    again = await run("attendance", at=after + timedelta(minutes=5))
    assert again.delivery.sent == 0
    assert await Note.filter(type=NoteType.REPORT).count() == 3
    assert await Reminder.filter(kind=ReminderKind.ATTENDANCE).count() == 6


async def test_a_run_that_filed_but_did_not_send_is_made_good_next_run(slack, run):
    team = await make_team()
    week = await plan_last_week(team)
    await judge_due({team.company.id: timedelta(minutes=10)}, week.end)  # filed, nothing sent
    assert slack.fake.delivered() == []
    report = await run("attendance", at=week.end + timedelta(hours=1))
    assert report.delivery.sent == 6


async def test_the_dm_opens_the_week_and_the_associate_explains(slack, run):
    team = await make_team()
    week = await plan_last_week(team)
    await run("attendance", at=week.end + timedelta(hours=1))
    [no_show] = [
        c
        for c in slack.fake.delivered()
        if c.params["channel"] == "U0SAM" and "Ari" in c.params["text"]
    ]
    await slack.press(no_show.params["blocks"], views.OPEN_WEEK, "U0SAM")
    [opened] = await slack.fake.wait_for("views.open")
    shown = text_of(opened.params["view"]["blocks"])
    assert "Ari Gold" in shown and "No Show" in shown and "clockbot" in shown

    reply = await slack.command("/timesheet", "U0ARI", "last")
    blocks = reply.body["blocks"]
    [report] = await Note.filter(reason=ReportReason.NO_SHOW)
    url = slack.fake.response_url()
    await slack.choose(blocks, wv.EXPLAIN, f"explain:{report.id}", "U0ARI", response_url=url)
    modal = await slack.fake.wait_view(2)
    assert modal["title"]["text"] == "Explain report" and "No clock-in" in text_of(modal["blocks"])
    answer = await slack.submit(modal, "U0ARI", {"content": "Bus strike; I called Sam at 8."})
    assert answer.body == {}
    [explained] = await Note.filter(explains_id=report.id)
    assert explained.author_id == team.ari.id and explained.schedule_entry_id is not None
    body = text_of((await slack.command("/timesheet", "U0ARI", "last")).body["blocks"])
    assert "*Explanation*" in body and "Bus strike" in body
    assert wv.EXPLAIN not in body  # nothing left to explain


async def test_planned_through_the_modal_and_punched_in_slack_end_to_end(slack, run):
    """Sam plans Ana's last week in the Schedule modal; Ana records her days with "Add missed
    shift": late on Monday, early on Tuesday, absent on Wednesday. The job finds exactly that."""
    team = await make_team()
    week = team.last_week()
    view = await open_for(slack, "U0SAM", "U0ANA", arg="last")
    plan = days(mon=("09:00", "17:00"), tue=("09:00", "17:00"), wed=("09:00", "17:00"))
    assert (await slack.submit(view, "U0SAM", plan)).body == {}
    [published] = await slack.fake.wait_dms("U0ANA")
    assert "was published by <@U0SAM>" in published.text

    for opened, (day, start, end) in enumerate(((1, "09:25", "17:00"), (2, "09:00", "15:30"))):
        reply = await slack.command("/timesheet", "U0ANA", "last")
        await slack.press(reply.body["blocks"], wv.ADD_SHIFT, "U0ANA")
        modal = await slack.fake.wait_view(2 + opened)  # after the Schedule modal
        values = {"date": week.days()[day].isoformat(), "start": start, "end": end}
        assert (await slack.submit(modal, "U0ANA", values)).body == {}

    report = await run("attendance", at=week.end + timedelta(hours=1))
    assert report.delivery.sent == 6  # three planned shifts, each to Sam and to Sue
    texts = [c.params["text"] for c in slack.fake.delivered() if c.params["channel"] == "U0SAM"]
    assert len(texts) == 3
    assert any("Late Arrival" in t and "25 min after" in t for t in texts)
    assert any("Early Departure" in t and "1h 30m before" in t for t in texts)
    assert any("No Show" in t for t in texts)
    reasons = sorted(n.reason for n in await Note.filter(type=NoteType.REPORT))
    assert reasons == sorted(
        [ReportReason.LATE_ARRIVAL, ReportReason.EARLY_DEPARTURE, ReportReason.NO_SHOW]
    )
