"""PTO entries against the domain on a real database: who records them, what they count for, the
lock of a finalized week (in the code and in the database) and the audit trail."""

from datetime import timedelta

import pytest
from tortoise import connections
from tortoise.exceptions import IntegrityError, OperationalError

from models import approval, pto
from models.audit import AuditEntry
from models.clock import clock_in
from models.errors import InvalidInput, NotAllowed, NotFound, WeekLocked
from models.pto import Pto, PtoTaken
from models.sheets import breaktime_document, load_week
from models.shifts import Shift
from models.timeutil import utcnow
from tests.support.team import make_team, worked

REFUSED = (IntegrityError, OperationalError)


@pytest.fixture
async def team(db):
    return await make_team()


async def finalized(team, user=None):
    """`user`'s last week, with a shift, submitted, approved and finalized."""
    user = user or team.ana
    week = team.last_week()
    await worked(user, team.company, week.days()[1], "09:00", "17:00")
    sheet = (await approval.submit(user, team.company.id, week.first_day)).timesheet
    await approval.approve(team.sam, sheet.id)
    await approval.finalize(team.bea, sheet.id)
    return sheet


async def test_pto_counts_in_the_total_but_not_as_worked_time_or_overtime(team):
    week = team.last_week()
    for day in week.days()[1:6]:
        await worked(team.ana, team.company, day, "08:00", "16:00")  # 40 hours
    await pto.add_pto(team.ana, team.company.id, week.days()[3], 4 * 60, "dentist")
    sheet = await load_week(team.ana, team.company, week)
    assert sheet.worked_seconds == 40 * 3600 and sheet.pto_seconds == 4 * 3600
    assert sheet.total_seconds == 44 * 3600
    assert sheet.overtime_seconds == 0 and sheet.regular_seconds == 40 * 3600
    assert sheet.pto_per_day[week.days()[3]] == 4 * 3600
    assert sum(sheet.seconds_per_day.values()) == sheet.worked_seconds


async def test_pto_never_meets_the_rules_between_worked_shifts(team):
    """A whole day of shifts, an open shift: PTO on that day is still fine, and neither the
    open-shift nor the overlap rule sees it."""
    week = team.last_week()
    monday = week.days()[1]
    await worked(team.ana, team.company, monday, "00:00", "23:59")
    await pto.add_pto(team.ana, team.company.id, monday, 8 * 60)
    await clock_in(team.ana, team.company.id)
    await pto.add_pto(team.ana, team.company.id, utcnow().astimezone(team.tz).date(), 60)
    assert await Shift.live().filter(user_id=team.ana.id).count() == 2


async def test_add_edit_delete_are_audited_and_a_deleted_entry_is_kept(team):
    day = team.last_week().days()[2]
    entry = await pto.add_pto(team.ana, team.company.id, day, 8 * 60, "vacation")
    await pto.edit_pto(team.ana, entry.id, day + timedelta(days=1), 6 * 60)
    await pto.delete_pto(team.ana, entry.id)
    kept = await Pto.get(id=entry.id)
    assert kept.deleted_at is not None and kept.minutes == 360 and kept.note == "vacation"
    records = await AuditEntry.filter(subject="pto", subject_id=str(entry.id)).order_by("id")
    assert [r.action for r in records] == ["pto.add", "pto.edit", "pto.delete"]
    assert records[1].before["minutes"] == 480 and records[1].after["minutes"] == 360
    assert all(r.actor_id == team.ana.id for r in records)
    assert (await load_week(team.ana, team.company, team.last_week())).pto == []


async def test_one_entry_a_day_and_sensible_hours(team):
    day = team.last_week().days()[2]
    await pto.add_pto(team.ana, team.company.id, day, 4 * 60)
    with pytest.raises(PtoTaken, match="already have 4h 00m of PTO"):
        await pto.add_pto(team.ana, team.company.id, day, 4 * 60)
    for minutes in (0, -60, 24 * 60 + 1):
        with pytest.raises(InvalidInput):
            await pto.add_pto(team.ana, team.company.id, day + timedelta(days=1), minutes)
    with pytest.raises(InvalidInput, match="a year ahead"):
        await pto.add_pto(team.ana, team.company.id, day + timedelta(days=800), 60)
    for typed in ("", "abc", "0", "25", "nan", "-1"):
        with pytest.raises(InvalidInput):
            pto.minutes_from_hours(typed)
    assert pto.minutes_from_hours("7.5") == 450 and pto.minutes_from_hours("24") == 1440
    assert await Pto.all().count() == 1


async def test_only_the_owner_records_their_pto(team):
    day = team.last_week().days()[2]
    entry = await pto.add_pto(team.ana, team.company.id, day, 60)
    with pytest.raises(NotAllowed):
        await pto.edit_pto(team.sam, entry.id, day, 120)
    with pytest.raises(NotAllowed):
        await pto.delete_pto(team.bea, entry.id)
    with pytest.raises(NotFound):  # another company's member learns nothing
        await pto.delete_pto(team.zed, entry.id)
    with pytest.raises(NotFound):
        await pto.add_pto(team.zed, team.company.id, day, 60)
    assert (await Pto.get(id=entry.id)).minutes == 60


async def test_a_finalized_week_refuses_pto(team):
    await finalized(team)
    week = team.last_week()
    with pytest.raises(WeekLocked):
        await pto.add_pto(team.ana, team.company.id, week.days()[4], 8 * 60)
    # Nor can an entry of an open week move into it.
    later = await pto.add_pto(team.ana, team.company.id, team.this_week().days()[0], 60)
    with pytest.raises(WeekLocked):
        await pto.edit_pto(team.ana, later.id, week.days()[4], 60)
    assert await Pto.live().count() == 1


async def sql(query: str, *values) -> None:
    await connections.get("default").execute_query(query, list(values))


def param(n: int) -> str:
    return f"${n}" if connections.get("default").capabilities.dialect == "postgres" else "?"


async def test_the_database_refuses_pto_changes_in_a_finalized_week(team):
    week = team.last_week()
    entry = await pto.add_pto(team.ana, team.company.id, week.days()[5], 120)
    await finalized(team)
    with pytest.raises(REFUSED, match="week_locked"):
        await Pto.create(user=team.ana, company=team.company, day=week.days()[6], minutes=60)
    with pytest.raises(REFUSED, match="week_locked"):
        await Pto.filter(id=entry.id).update(minutes=600)
    with pytest.raises(REFUSED, match="week_locked"):
        await sql(f'DELETE FROM "pto_entries" WHERE "id" = {param(1)}', str(entry.id))
    with pytest.raises(REFUSED, match="week_locked"):  # moved out of the locked week
        await Pto.filter(id=entry.id).update(day=week.days()[6] + timedelta(days=7))
    assert (await Pto.get(id=entry.id)).minutes == 120
    # The week before and the week after are not locked.
    await Pto.create(
        user=team.ana, company=team.company, day=week.first_day - timedelta(1), minutes=1
    )
    await Pto.create(
        user=team.ana, company=team.company, day=week.days()[6] + timedelta(1), minutes=1
    )


async def test_the_database_keeps_one_live_entry_a_day(team):
    day = team.last_week().days()[2]
    first = await Pto.create(user=team.ana, company=team.company, day=day, minutes=60)
    with pytest.raises(IntegrityError):
        await Pto.create(user=team.ana, company=team.company, day=day, minutes=60)
    await Pto.filter(id=first.id).update(deleted_at=utcnow())
    await Pto.create(user=team.ana, company=team.company, day=day, minutes=60)  # a deleted one
    # The same day is free for someone else, or in another company.
    await Pto.create(user=team.ari, company=team.company, day=day, minutes=60)


async def test_the_breaktime_shape_lists_pto_as_pto(team):
    week = team.last_week()
    shift = await worked(team.ana, team.company, week.days()[1], "09:00", "17:00")
    entry = await pto.add_pto(team.ana, team.company.id, week.days()[2], 450)
    doc = breaktime_document(await load_week(team.ana, team.company, week))
    worked_entry, pto_entry = doc["HoursData"]
    assert worked_entry["Type"] == "Time Worked" and worked_entry["EntryID"] == str(shift.id)
    assert pto_entry["Type"] == "PTO" and pto_entry["EntryID"] == str(entry.id)
    midnight = int(week.day_bounds(week.days()[2])[0].timestamp())
    assert pto_entry["Date"] == midnight
    assert pto_entry["AssociateTimes"] == {
        "StartDateTime": midnight,
        "EndDateTime": midnight + 450 * 60,
        "AuthorUUID": str(team.ana.id),
    }
    assert pto_entry["Hours"] == 7.5 and pto_entry["AdminTimes"] is None
