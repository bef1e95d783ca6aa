"""Reading weeks: who sees which timesheets, and the Breaktime shape of a week."""

import pytest

from models import approval, entries, notes
from models.errors import NotFound
from models.notes import ReportReason
from models.sheets import breaktime_document, visible_sheet, visible_timesheets, visible_week
from models.stages import Stage
from tests.support.team import make_team, worked


@pytest.fixture
async def team(db):
    team = await make_team()
    week = team.last_week()
    team.shift = await worked(team.ana, team.company, week.days()[1], "09:00", "17:00")
    team.sheet = (await approval.submit(team.ana, team.company.id, week.first_day)).timesheet
    await worked(team.ari, team.company, week.days()[1], "09:00", "17:00")
    team.ari_sheet = (await approval.submit(team.ari, team.company.id, week.first_day)).timesheet
    await worked(team.zed, team.other, week.days()[1], "09:00", "10:00")
    team.zed_sheet = (await approval.submit(team.zed, team.other.id, week.first_day)).timesheet
    return team


async def test_who_sees_which_timesheets(team):
    ids = lambda sheets: {s.id for s in sheets}  # noqa: E731
    assert ids(await visible_timesheets(team.ana)) == {team.sheet.id}
    assert ids(await visible_timesheets(team.sam)) == {team.sheet.id, team.ari_sheet.id}
    assert ids(await visible_timesheets(team.bea)) == {team.sheet.id, team.ari_sheet.id}
    assert ids(await visible_timesheets(team.zed)) == {team.zed_sheet.id}
    assert ids(await visible_timesheets(team.sam, user_id=team.ari.id)) == {team.ari_sheet.id}
    assert ids(await visible_timesheets(team.sam, user_id=team.zed.id)) == set()
    day = team.last_week().days()[4]
    assert ids(await visible_timesheets(team.bea, week_day=day)) == {
        team.sheet.id,
        team.ari_sheet.id,
    }
    assert await visible_timesheets(team.bea, week_day=team.this_week().days()[0]) == []


async def test_another_companys_week_is_not_found(team):
    with pytest.raises(NotFound):
        await visible_sheet(team.zed, team.sheet.id)
    with pytest.raises(NotFound):
        await visible_week(team.sam, team.zed.id, team.other.id, team.last_week().first_day)
    with pytest.raises(NotFound):  # nor another associate's, in the same company
        await visible_sheet(team.ari, team.sheet.id)


async def test_the_breaktime_shape_of_a_week(team):
    await entries.set_times(team.sam, team.shift.id, entries.TimeSource.SUPERVISOR, None, None)
    await notes.add_note(
        team.sam, "25 min late", shift_id=team.shift.id, report=ReportReason.LATE_ARRIVAL
    )
    await notes.add_note(
        team.ana,
        "covered for Ari",
        owner_id=team.ana.id,
        company_id=team.company.id,
        week_day=team.last_week().first_day,
    )
    sheet, _ = await visible_sheet(team.bea, team.sheet.id)
    doc = breaktime_document(sheet)
    assert doc["TimesheetID"] == str(team.sheet.id) and doc["UserID"] == str(team.ana.id)
    assert doc["StartDate"] == int(team.last_week().start.timestamp())
    assert set(doc["Status"]) == {s.value for s in Stage}
    assert doc["Status"]["HoursSubmitted"]["AuthorID"] == str(team.ana.id)
    [entry] = doc["HoursData"]
    assert entry["Type"] == "Time Worked" and entry["EntryID"] == str(team.shift.id)
    assert entry["AssociateTimes"]["StartDateTime"] == int(team.shift.start_time.timestamp())
    assert entry["SupervisorTimes"] == {
        "StartDateTime": None,
        "EndDateTime": None,
        "AuthorUUID": str(team.sam.id),
    }
    assert entry["AdminTimes"] is None
    [report] = entry["Note"]
    assert (report["Type"], report["Reason"], report["State"]) == (
        "Report",
        "Late Arrival",
        "Active",
    )
    [comment] = doc["WeekNotes"]
    assert comment["Content"] == "covered for Ari" and comment["EntryID"] is None
    assert doc["ScheduleData"] == []
