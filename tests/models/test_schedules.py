"""Schedules against the domain on a real database: who plans, what a plan may hold, publishing
(ScheduleSubmitted), copying last week, the lock of a finalized week and the audit trail."""

from datetime import date, timedelta

import pytest
from tortoise import connections
from tortoise.exceptions import IntegrityError, OperationalError

from models import approval
from models.audit import AuditEntry
from models.errors import InvalidInput, NotAllowed, NotFound, WeekLocked
from models.schedules import ScheduleEntry, last_weeks_plan, set_schedule
from models.sheets import breaktime_document, load_week
from models.stages import Stage
from models.timesheets import Timesheet, company_week
from tests.support.team import local, make_team, worked


@pytest.fixture
async def team(db):
    return await make_team()


def plan(week, *days_and_hours, tz):
    """[(day index, "09:00", "17:00"), ...] as instants of `week`."""
    out = []
    for index, start, end in days_and_hours:
        day = week.days()[index]
        begin, finish = local(day, start, tz), local(day, end, tz)
        out.append((begin, finish if finish > begin else finish + timedelta(days=1)))
    return out


async def test_a_supervisor_plans_and_publishes_a_week(team):
    week = team.this_week()
    spans = plan(week, (1, "09:00", "17:00"), (2, "22:00", "06:00"), tz=team.tz)
    change = await set_schedule(team.sam, team.ana.id, team.company.id, week.first_day, spans)
    assert change.first and change.changed and len(change.added) == 2
    assert [(e.start_time, e.end_time) for e in change.planned] == spans
    assert [e.day for e in change.planned] == [week.days()[1], week.days()[2]]
    stamp = change.timesheet.stamp(Stage.SCHEDULE_SUBMITTED)
    assert stamp is not None and stamp.by == team.sam.id

    sheet = await load_week(team.ana, team.company, week)
    doc = breaktime_document(sheet)
    assert [(d["StartDateTime"], d["EndDateTime"]) for d in doc["ScheduleData"]] == [
        (int(s.timestamp()), int(e.timestamp())) for s, e in spans
    ]
    assert {d["AuthorUUID"] for d in doc["ScheduleData"]} == {str(team.sam.id)}
    assert doc["Status"]["ScheduleSubmitted"]["AuthorID"] == str(team.sam.id)

    # Saving the same plan again changes nothing in it; a changed plan says what moved.
    again = await set_schedule(team.sam, team.ana.id, team.company.id, week.first_day, spans)
    assert not again.first and not again.changed
    assert [e.id for e in again.planned] == [e.id for e in change.planned]
    moved = [spans[0], (spans[1][0] + timedelta(hours=1), spans[1][1])]
    change = await set_schedule(team.sam, team.ana.id, team.company.id, week.first_day, moved)
    assert change.changed and len(change.added) == 1 and len(change.removed) == 1
    assert await ScheduleEntry.live().filter(user=team.ana).count() == 2
    assert await ScheduleEntry.filter(user=team.ana, deleted_at__isnull=False).count() == 1
    records = await AuditEntry.filter(subject="schedule").order_by("id")
    assert len(records) == 3 and records[-1].actor_id == team.sam.id
    assert len(records[-1].before["planned"]) == 2 and len(records[-1].after["planned"]) == 2


@pytest.mark.parametrize(
    ("actor", "owner", "error", "words"),
    [
        ("ana", "ari", NotAllowed, "Only a supervisor or an admin of Acme"),
        ("sam", "sam", NotAllowed, "can't plan your own schedule"),
        ("zed", "ana", NotFound, "not found"),
        ("sam", "zed", NotFound, "not found"),
        ("sam", "zed in Acme", NotFound, "That person was not found"),
    ],
)
async def test_who_may_not_plan(team, actor, owner, error, words):
    week = team.this_week()
    company = team.other if owner == "zed" else team.company
    owner = owner.split()[0]
    spans = plan(week, (1, "09:00", "17:00"), tz=team.tz)
    with pytest.raises(error, match=words):
        await set_schedule(
            getattr(team, actor), getattr(team, owner).id, company.id, week.first_day, spans
        )
    assert await ScheduleEntry.all().count() == 0
    assert await Timesheet.filter(schedule_submitted_at__isnull=False).count() == 0


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("zero length", "end after it starts"),
        ("overlap", "overlap"),
        ("next week", "within the week"),
        ("too long", "at most 24 hours"),
    ],
)
async def test_impossible_plans_are_refused_and_change_nothing(team, case, words):
    week = team.this_week()
    start = local(week.days()[1], "09:00", team.tz)
    hours = timedelta(hours=1)
    spans = {
        "zero length": [(start, start)],
        "overlap": [(start, start + 8 * hours), (start + 7 * hours, start + 9 * hours)],
        "next week": [(week.end + hours, week.end + 2 * hours)],
        "too long": [(start, start + 25 * hours)],
    }[case]
    with pytest.raises(InvalidInput, match=words):
        await set_schedule(team.sam, team.ana.id, team.company.id, week.first_day, spans)
    assert await ScheduleEntry.all().count() == 0


async def test_copying_last_week_keeps_the_wall_clock_across_dst(team):
    # 2026-11-01 is the end of DST in New York: the week of Oct 25 is EDT, the next one EST.
    before = date(2026, 10, 25)
    week = company_week(team.company, before)
    spans = plan(week, (1, "09:00", "17:00"), (5, "07:30", "12:00"), tz=team.tz)
    await set_schedule(team.sue, team.ana.id, team.company.id, before, spans)
    copied = await last_weeks_plan(team.ana.id, team.company, date(2026, 11, 1))
    assert [(s.astimezone(team.tz).strftime("%a %H:%M"), (e - s)) for s, e in copied] == [
        ("Mon 09:00", timedelta(hours=8)),
        ("Fri 07:30", timedelta(hours=4, minutes=30)),
    ]
    assert copied[0][0] - spans[0][0] == timedelta(days=7, hours=1)  # one more hour: EST


async def test_a_finalized_week_refuses_its_plan_here_and_in_the_database(team):
    week = team.last_week()
    spans = plan(week, (1, "09:00", "17:00"), tz=team.tz)
    await set_schedule(team.sam, team.ana.id, team.company.id, week.first_day, spans)
    await worked(team.ana, team.company, week.days()[1], "09:00", "17:00")
    sheet = (await approval.submit(team.ana, team.company.id, week.first_day)).timesheet
    await approval.approve(team.sam, sheet.id)
    await approval.finalize(team.bea, sheet.id)

    with pytest.raises(WeekLocked):
        await set_schedule(team.sam, team.ana.id, team.company.id, week.first_day, [])
    [entry] = await ScheduleEntry.live().all()
    conn = connections.get("default")
    for sql in (
        f"UPDATE schedule_entries SET deleted_at = start_time WHERE id = '{entry.id}'",
        f"DELETE FROM schedule_entries WHERE id = '{entry.id}'",
    ):
        with pytest.raises((IntegrityError, OperationalError), match="week_locked"):
            await conn.execute_query(sql)
    assert await ScheduleEntry.live().count() == 1
    # Judging attendance is not a change to the plan: it still goes through.
    assert await ScheduleEntry.filter(id=entry.id).update(findings="No Show") == 1
