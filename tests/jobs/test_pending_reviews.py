"""Pending reviews: weeks waiting too long reach their reviewers in one digest a day."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.slack import reminder_views as views
from models import approval
from models.timesheets import Timesheet
from models.users import Privilege, TeamRole

NY = ZoneInfo("America/New_York")


def ny(*args: int) -> datetime:
    return datetime(*args, tzinfo=NY)


async def test_with_no_timesheets_nothing_waits_and_nothing_is_sent(slack, people, run):
    acme = await people.company()
    await people.member(acme, "U0SUE", "Sue Visor", role=TeamRole.SUPERVISOR)
    await people.member(acme, "U0ADA", "Ada Min", privilege=Privilege.ADMIN)
    report = await run("pending-reviews")
    assert report.companies == 1 and report.delivery.sent == 0
    assert slack.fake.delivered() == []


async def test_weeks_waiting_too_long_reach_their_reviewers_and_the_buttons_work(
    slack, people, run
):
    acme = await people.company(tz="America/New_York")
    ana = await people.member(acme, "U0ANA", "Ana Lima")
    bo = await people.member(acme, "U0BO", "Bo Reyes")
    await people.member(acme, "U0SUE", "Sue Visor", role=TeamRole.SUPERVISOR)
    await people.member(acme, "U0ADA", "Ada Min", privilege=Privilege.ADMIN)
    for who in (ana, bo):
        await people.shift(who, acme, ny(2026, 11, 9, 9), ny(2026, 11, 9, 17))
    week = date(2026, 11, 8)
    await approval.submit(ana, acme.id, week, now=ny(2026, 11, 15, 3))  # 30 h before the digest
    await approval.submit(bo, acme.id, week, now=ny(2026, 11, 16, 7))  # 2 h before

    await run("pending-reviews", at=ny(2026, 11, 16, 9, 0))
    to_sue = [c for c in slack.fake.delivered() if c.params["channel"] == "U0SUE"]
    assert len(to_sue) == 1 and "Ana Lima" in str(to_sue[0].params["blocks"])
    assert "Bo Reyes" not in str(to_sue[0].params["blocks"])
    assert (await run("pending-reviews", at=ny(2026, 11, 16, 9, 30))).delivery.sent == 0

    await slack.press(to_sue[0].params["blocks"], views.APPROVE_WEEK, "U0SUE")
    [ready] = await slack.fake.wait_dms("U0ADA")  # the admin is asked to finalize
    assert "Ana Lima" in ready.text
    sheet = await Timesheet.get(user=ana, start_date=week)
    assert sheet.hours_reviewed_at is not None
