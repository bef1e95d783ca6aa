"""The payroll export from Slack: an admin's App Home button, the modal, and the CSV files
uploaded in a DM through files_upload_v2 (the fake records each step and keeps the bytes)."""

import csv
import io
import json
from datetime import timedelta

import pytest

from models import approval
from models.pto import Pto
from tests.support.team import make_team, worked

ANA, BEA = "U0ANA", "U0BEA"


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def text_of(blocks) -> str:
    return json.dumps(blocks, ensure_ascii=False)


@pytest.fixture
async def team(slack):
    """Last week: Ana worked 9 hours on Monday and 46 minutes on Tuesday, took 8 hours of PTO
    on Wednesday and her week is finalized; Ari worked Monday and did not submit."""
    team = await make_team()
    week = team.last_week()
    await worked(team.ana, team.company, week.days()[1], "08:00", "17:00")
    await worked(team.ana, team.company, week.days()[2], "08:07", "08:53", "inventory")
    await Pto.create(user=team.ana, company=team.company, day=week.days()[3], minutes=480)
    await worked(team.ari, team.company, week.days()[1], "09:00", "12:00")
    sheet = (await approval.submit(team.ana, team.company.id, week.first_day)).timesheet
    await approval.approve(team.sam, sheet.id)
    await approval.finalize(team.bea, sheet.id)
    return team


async def open_home(slack, user: str) -> dict:
    await slack.event({"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"})
    await slack.fake.wait_until(
        lambda: any(c.params["user_id"] == user for c in slack.fake.calls_to("views.publish"))
    )
    publishes = slack.fake.calls_to("views.publish")
    return [p for p in publishes if p.params["user_id"] == user][-1].params["view"]


async def test_an_admin_gets_the_files_in_a_dm(slack, team):
    home = await open_home(slack, BEA)
    assert "Export payroll" in text_of(home["blocks"])
    await slack.press(home["blocks"], "payroll_open", BEA, container="view")
    view = await slack.fake.wait_view()
    assert view["callback_id"] == "payroll_modal"
    week = team.last_week()
    assert view["blocks"][0]["element"]["initial_option"]["value"] == week.first_day.isoformat()
    answer = await slack.submit(view, BEA, {"rounding": "15"})
    assert answer.status == 200 and answer.body == {}

    summary, detail = await slack.fake.wait_uploads(slack.fake.dm_channel(BEA), 2)
    # Each step of files_upload_v2 reached the fake: two URLs, two uploads, one completion.
    assert len(slack.fake.calls_to("files.getUploadURLExternal")) == 2
    assert [c.status for c in slack.fake.calls_to("upload")] == [200, 200]
    [complete] = slack.fake.calls_to("files.completeUploadExternal")
    assert complete.params["channel_id"] == "DU0BEA"
    assert summary.filename == f"payroll-acme-{week.first_day}-to-{week.days()[6]}.csv"
    assert detail.filename.startswith("payroll-detail-acme-")
    assert "Payroll for Acme" in summary.initial_comment
    assert "rounded to the nearest 15 minutes" in summary.initial_comment
    assert "1 week in it is not finalized" in summary.initial_comment

    rows = {r["name"]: r for r in read(summary.text)}
    ana, ari = rows["Ana Lima"], rows["Ari Gold"]
    # 8:00-17:00 and 8:07-8:53 rounded to 8:00-9:00: 10 hours worked, 8 of PTO.
    assert (ana["regular_hours"], ana["overtime_hours"], ana["pto_hours"]) == (
        "10.00",
        "0.00",
        "8.00",
    )
    assert ana["total_hours"] == "18.00" and ana["status"] == "Finalized"
    assert ari["total_hours"] == "3.00" and ari["status"] == "NOT FINALIZED (not submitted)"
    lines = read(detail.text)
    assert [(r["name"], r["type"], r["hours"]) for r in lines] == [
        ("Ana Lima", "Time Worked", "9.00"),
        ("Ana Lima", "Time Worked", "1.00"),
        ("Ana Lima", "PTO", "8.00"),
        ("Ari Gold", "Time Worked", "3.00"),
    ]
    tuesday = lines[1]
    assert tuesday["associate_start"][11:19] == "08:07:00"  # the punch as recorded
    assert tuesday["counted_start"][11:19] == "08:00:00" and tuesday["note"] == "inventory"


async def test_a_range_of_weeks_without_rounding(slack, team):
    week = team.last_week()
    before = week.first_day - timedelta(days=7)
    home = await open_home(slack, BEA)
    await slack.press(home["blocks"], "payroll_open", BEA, container="view")
    view = await slack.fake.wait_view()
    answer = await slack.submit(
        view, BEA, {"week": before.isoformat(), "through": week.first_day.isoformat()}
    )
    assert answer.body == {}
    summary, _detail = await slack.fake.wait_uploads(slack.fake.dm_channel(BEA), 2)
    assert summary.filename.endswith(f"-{before}-to-{week.days()[6]}.csv")
    rows = read(summary.text)
    assert {r["week_start"] for r in rows} == {
        week.first_day.isoformat()
    }  # nothing the week before
    assert {r["name"]: r["total_hours"] for r in rows} == {"Ana Lima": "17.77", "Ari Gold": "3.00"}


async def test_the_modal_refuses_a_range_that_ends_before_it_starts(slack, team):
    home = await open_home(slack, BEA)
    await slack.press(home["blocks"], "payroll_open", BEA, container="view")
    view = await slack.fake.wait_view()
    options = view["blocks"][0]["element"]["options"]
    answer = await slack.submit(
        view, BEA, {"week": options[0]["value"], "through": options[3]["value"]}
    )
    assert answer.body["response_action"] == "errors"
    assert "to must not be before from" in answer.body["errors"]["through"]
    assert slack.fake.calls_to("files.getUploadURLExternal") == []


async def test_an_associate_has_no_button_and_is_refused_anyway(slack, team):
    home = await open_home(slack, ANA)
    assert "payroll_open" not in text_of(home["blocks"])
    admin_home = await open_home(slack, BEA)
    await slack.press(admin_home["blocks"], "payroll_open", ANA, container="view")
    await slack.fake.wait_until(
        lambda: any(
            "Only an admin of Acme can export payroll" in text_of(c.params["view"]["blocks"])
            for c in slack.fake.calls_to("views.publish")
            if c.params["user_id"] == ANA
        )
    )
    assert slack.fake.opened_views() == []


async def test_a_refused_upload_is_told_in_the_dm(slack, team):
    slack.fake.fail("files.completeUploadExternal", "not_in_channel")
    home = await open_home(slack, BEA)
    await slack.press(home["blocks"], "payroll_open", BEA, container="view")
    view = await slack.fake.wait_view()
    assert (await slack.submit(view, BEA)).body == {}
    [message] = await slack.fake.wait_dms(BEA)
    assert "could not be sent" in message.text
    assert slack.fake.uploads(slack.fake.dm_channel(BEA)) == []
