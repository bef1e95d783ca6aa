"""What the database itself refuses, whatever code talks to it: changes to a finalized week's
shifts and times, and edits of the audit trail."""

import pytest
from tortoise import connections
from tortoise.exceptions import IntegrityError, OperationalError

from models import approval, entries
from models.audit import AuditEntry
from models.shifts import Shift
from models.timeutil import utcnow
from tests.support.team import make_team, worked

REFUSED = (IntegrityError, OperationalError)


@pytest.fixture
async def locked(db):
    team = await make_team()
    week = team.last_week()
    shift = await worked(team.ana, team.company, week.days()[1], "22:00", "06:00")
    sheet = (await approval.submit(team.ana, team.company.id, week.first_day)).timesheet
    await entries.set_times(team.sam, shift.id, entries.TimeSource.SUPERVISOR, None, None)
    await entries.set_times(
        team.bea, shift.id, entries.TimeSource.ADMIN, shift.start_time, shift.end_time
    )
    await approval.approve(team.sam, sheet.id)
    await approval.finalize(team.bea, sheet.id)
    return team, shift


async def sql(query: str, *values) -> None:
    await connections.get("default").execute_query(query, list(values))


def param(n: int) -> str:
    return f"${n}" if connections.get("default").capabilities.dialect == "postgres" else "?"


async def test_raw_update_of_a_locked_shift_is_refused(locked):
    _team, shift = locked
    with pytest.raises(REFUSED, match="week_locked"):
        await sql(
            f'UPDATE "shifts" SET "notes" = {param(1)} WHERE "id" = {param(2)}', "x", str(shift.id)
        )
    with pytest.raises(REFUSED, match="week_locked"):
        await sql(f'DELETE FROM "shifts" WHERE "id" = {param(1)}', str(shift.id))
    with pytest.raises(REFUSED, match="week_locked"):
        await Shift.filter(id=shift.id).update(deleted_at=utcnow())
    assert (await Shift.get(id=shift.id)).notes == "" and (
        await Shift.get(id=shift.id)
    ).deleted_at is None


async def test_raw_insert_into_a_locked_week_is_refused(locked):
    team, shift = locked
    with pytest.raises(REFUSED, match="week_locked"):
        await Shift.create(
            user=team.ana,
            company=team.company,
            shift_date=shift.start_time,
            start_time=shift.end_time,  # right after the locked shift, still in the week
            end_time=None,
        )


async def test_raw_change_of_a_locked_entrys_times_is_refused(locked):
    _team, shift = locked
    with pytest.raises(REFUSED, match="week_locked"):
        await entries.EntryTimes.filter(shift_id=shift.id).update(start_time=None, end_time=None)
    with pytest.raises(REFUSED, match="week_locked"):
        await entries.EntryTimes.filter(shift_id=shift.id).delete()


async def test_the_audit_trail_cannot_be_edited_or_deleted(locked):
    count = await AuditEntry.all().count()
    assert count == 5  # submit, two times, approve, finalize
    with pytest.raises(REFUSED, match="append-only"):
        await AuditEntry.all().update(reason="nothing happened")
    with pytest.raises(REFUSED, match="append-only"):
        await AuditEntry.all().delete()
    with pytest.raises(REFUSED, match="append-only"):
        await sql('DELETE FROM "audit_log"')
    assert await AuditEntry.filter(reason="nothing happened").count() == 0
    assert await AuditEntry.all().count() == count
