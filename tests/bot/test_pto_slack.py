"""PTO from Slack: the "Add PTO" modal, editing and deleting PTO from the week's menu, and a
finalized week refusing it. Over signed HTTP with the fake Slack."""

import json
from datetime import timedelta

import pytest

from models import approval
from models.audit import AuditEntry
from models.pto import Pto
from tests.support.team import make_team, worked

ANA = "U0ANA"


@pytest.fixture
async def team(slack):
    return await make_team()


def text_of(blocks) -> str:
    return json.dumps(blocks, ensure_ascii=False)


async def open_pto_modal(slack, arg: str = "last") -> tuple[dict, str]:
    reply = await slack.command("/timesheet", ANA, arg)
    url = slack.fake.response_url()
    await slack.press(reply.body["blocks"], "ts_add_pto", ANA, response_url=url)
    return await slack.fake.wait_view(), url


async def test_pto_through_the_modal_shows_in_the_week_and_its_totals(slack, team):
    week = team.last_week()
    for day in week.days()[1:6]:
        await worked(team.ana, team.company, day, "08:00", "17:00")  # 45 hours: 5 overtime
    view, url = await open_pto_modal(slack)
    assert view["callback_id"] == "ts_pto_modal" and view["title"]["text"] == "Add PTO"
    wednesday = week.days()[3]
    answer = await slack.submit(
        view, ANA, {"date": wednesday.isoformat(), "hours": "7.5", "note": "dentist"}
    )
    assert answer.status == 200 and answer.body == {}
    entry = await Pto.get(user=team.ana)
    assert (entry.day, entry.minutes, entry.note) == (wednesday, 450, "dentist")
    redrawn = text_of((await slack.fake.wait_reply(url))["blocks"])
    assert ":palm_tree: PTO 7h 30m  _dentist_" in redrawn
    body = text_of((await slack.command("/timesheet", ANA, "last")).body["blocks"])
    assert f"*{wednesday:%A %b} {wednesday.day}* — 9h 00m + 7h 30m PTO" in body
    assert "Week total: 52h 30m* (45h 00m worked + 7h 30m PTO)" in body
    assert "Overtime: *5h 00m* (over 40h)" in body  # PTO is not overtime
    [record] = await AuditEntry.filter(subject="pto", action="pto.add")
    assert record.actor_id == team.ana.id and record.after["minutes"] == 450


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"hours": "0"}, "hours", "more than 0 and at most 24"),
        ({"hours": ""}, "hours", "as a number"),
        ({"hours": "30"}, "hours", "at most 24 hours"),
        ({"date": None}, "date", "Pick the date"),
        ({"date": "0001-01-01"}, "date", "pick a day from 1970-01-04 to 9999-12-24"),
        ({"hours": "4", "again": True}, "date", "already have 8h 00m of PTO"),
    ],
)
async def test_the_modal_says_what_is_wrong_next_to_the_field(slack, team, values, field, words):
    tuesday = team.last_week().days()[2]
    values = dict(values)
    if values.pop("again", False):
        await Pto.create(user=team.ana, company=team.company, day=tuesday, minutes=480)
    view, _ = await open_pto_modal(slack)
    answer = await slack.submit(view, ANA, {"date": tuesday.isoformat(), **values})
    assert answer.body["response_action"] == "errors"
    assert list(answer.body["errors"]) == [field]
    assert words in answer.body["errors"][field]
    assert await Pto.all().count() == (1 if "already" in words else 0)


async def test_edit_and_delete_pto_from_the_menu(slack, team):
    tuesday = team.last_week().days()[2]
    entry = await Pto.create(user=team.ana, company=team.company, day=tuesday, minutes=450)
    reply = await slack.command("/timesheet", ANA, "last")
    await slack.choose(reply.body["blocks"], "ts_entry", f"ptoedit:{entry.id}", ANA)
    view = await slack.fake.wait_view()
    assert view["title"]["text"] == "Edit PTO"
    assert (await slack.submit(view, ANA, {"hours": "4"})).body == {}  # the rest as it was
    edited = await Pto.get(id=entry.id)
    assert (edited.day, edited.minutes) == (tuesday, 240)

    reply = await slack.command("/timesheet", ANA, "last")
    await slack.choose(reply.body["blocks"], "ts_entry", f"ptodelete:{entry.id}", ANA)
    confirm = await slack.fake.wait_view(2)
    assert confirm["title"]["text"] == "Delete PTO" and "PTO 4h 00m" in text_of(confirm["blocks"])
    assert (await slack.submit(confirm, ANA)).body == {}
    assert (await Pto.get(id=entry.id)).deleted_at is not None
    body = text_of((await slack.command("/timesheet", ANA, "last")).body["blocks"])
    assert "PTO" not in body.replace("Add PTO", "")


async def test_someone_else_cannot_change_my_pto(slack, team):
    entry = await Pto.create(
        user=team.ana, company=team.company, day=team.last_week().days()[2], minutes=60
    )
    reply = await slack.command("/timesheet", ANA, "last")
    url = slack.fake.response_url()
    await slack.choose(
        reply.body["blocks"], "ts_entry", f"ptoedit:{entry.id}", "U0SAM", response_url=url
    )
    answer = await slack.fake.wait_reply(url)
    assert "Only the person who worked these hours" in answer["text"]
    assert slack.fake.opened_views() == []


async def test_a_finalized_week_refuses_pto(slack, team):
    week = team.last_week()
    await worked(team.ana, team.company, week.days()[1], "09:00", "17:00")
    sheet = (await approval.submit(team.ana, team.company.id, week.first_day)).timesheet
    await approval.approve(team.sam, sheet.id)
    await approval.finalize(team.bea, sheet.id)
    reply = await slack.command("/timesheet", ANA, "last")
    assert "ts_add_pto" not in text_of(reply.body["blocks"])
    # From this week's modal, a day of the finalized week is refused under the date.
    view, _ = await open_pto_modal(slack, "")
    answer = await slack.submit(
        view, ANA, {"date": (week.first_day + timedelta(days=2)).isoformat(), "hours": "8"}
    )
    assert answer.body["response_action"] == "errors"
    assert "finalized and locked" in answer.body["errors"]["date"]
    assert await Pto.all().count() == 0
