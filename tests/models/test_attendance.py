"""Attendance against the domain on a real database: a plan against the clock gives exactly the
reports it should, once, on the right entry; explanations; the summary and who may see it."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

import pytest

from models import attendance
from models.access import actor_for
from models.attendance import assess, judge_due
from models.errors import NotAllowed, NotFound
from models.notes import Note, NoteType, ReportReason, add_note, explain_report
from models.pto import Pto
from models.schedules import ScheduleEntry, set_schedule
from models.timeutil import utcnow
from tests.support.team import local, make_team, worked

GRACE = timedelta(minutes=10)
LATE, EARLY, NO_SHOW = (
    ReportReason.LATE_ARRIVAL,
    ReportReason.EARLY_DEPARTURE,
    ReportReason.NO_SHOW,
)


@pytest.fixture
async def team(db):
    return await make_team()


@dataclass(frozen=True)
class Punch:
    """What `assess` reads of a shift."""

    id: UUID
    start_time: datetime
    end_time: datetime | None


def after(week):
    """An hour after `week` ended: every plan of it is due."""
    return week.end + timedelta(hours=1)


def span(day, start, end, tz):
    return local(day, start, tz), local(day, end, tz)


@pytest.mark.parametrize(
    ("punches", "found"),
    [
        ([("09:05", "17:00")], []),  # within the grace
        ([("09:11", "17:00")], [LATE]),
        ([("08:30", "16:49")], [EARLY]),
        ([("09:30", "12:00"), ("12:30", "16:00")], [LATE, EARLY]),  # first in, last out
        ([("09:00", None)], []),  # still clocked in: not early
        ([], [NO_SHOW]),
        ([("06:00", "08:30")], [NO_SHOW]),  # worked, but not during the plan
        ([("17:00", "18:00")], [NO_SHOW]),  # clocked in after the planned end
    ],
)
def test_assess_a_plan_against_the_clock(punches, found):
    tz, day = ZoneInfo("America/Chicago"), date(2026, 11, 24)
    start, end = span(day, "09:00", "17:00", tz)
    shifts = [
        Punch(uuid4(), local(day, a, tz), local(day, b, tz) if b else None) for a, b in punches
    ]
    assert [f.reason for f in assess(start, end, shifts, GRACE, tz)] == found


async def test_due_plans_are_judged_once_with_reports_on_the_right_entries(team):
    week = team.last_week()
    mon, tue, wed = week.days()[1:4]
    tz = team.tz
    plans = [span(d, "09:00", "17:00", tz) for d in (mon, tue, wed)]
    await set_schedule(team.sam, team.ana.id, team.company.id, week.first_day, plans)
    late = await worked(team.ana, team.company, mon, "09:25", "17:00")
    early = await worked(team.ana, team.company, tue, "09:00", "15:00")
    # Wednesday: nobody came.

    flagged = await judge_due({team.company.id: GRACE}, after(week))
    assert sorted(e.day for e in flagged) == [mon, tue, wed]
    reports = await Note.filter(type=NoteType.REPORT).order_by("created_at")
    by_reason = {n.reason: n for n in reports}
    assert set(by_reason) == {LATE, EARLY, NO_SHOW}
    assert by_reason[LATE].shift_id == late.id and "9:25 AM" in by_reason[LATE].content
    assert "25 min after" in by_reason[LATE].content
    assert by_reason[EARLY].shift_id == early.id and "2h 00m before" in by_reason[EARLY].content
    no_show = by_reason[NO_SHOW]
    assert no_show.shift_id is None and no_show.author_id is None
    assert no_show.schedule_entry_id == (await ScheduleEntry.get(day=wed)).id

    assert await judge_due({team.company.id: GRACE}, after(week)) == []
    assert await Note.filter(type=NoteType.REPORT).count() == 3


async def test_a_plan_is_judged_only_after_its_end_and_the_grace(team):
    now = utcnow()
    start = now - timedelta(hours=8)
    end = now - timedelta(minutes=5)
    today = start.astimezone(team.tz).date()
    await set_schedule(team.sam, team.ana.id, team.company.id, today, [(start, end)])
    assert await judge_due({team.company.id: GRACE}, now) == []
    assert await judge_due({team.company.id: timedelta(0)}, now) != []
    assert await Note.filter(reason=NO_SHOW).count() == 1


async def test_a_report_filed_by_hand_is_not_filed_twice(team):
    week = team.last_week()
    mon = week.days()[1]
    await set_schedule(
        team.sam, team.ana.id, team.company.id, mon, [span(mon, "09:00", "17:00", team.tz)]
    )
    shift = await worked(team.ana, team.company, mon, "10:00", "17:00")
    await add_note(team.sam, "late again", shift_id=shift.id, report=LATE)
    await judge_due({team.company.id: GRACE}, after(week))
    assert await Note.filter(reason=LATE).count() == 1


async def test_the_owner_explains_a_report_and_nobody_else_does(team):
    week = team.last_week()
    mon = week.days()[1]
    await set_schedule(
        team.sam, team.ana.id, team.company.id, mon, [span(mon, "09:00", "17:00", team.tz)]
    )
    await judge_due({team.company.id: GRACE}, after(week))
    [report] = await Note.filter(reason=NO_SHOW)
    with pytest.raises(NotAllowed):
        await explain_report(team.sam, report.id, "she called in sick")
    with pytest.raises(NotFound):
        await explain_report(team.zed, report.id, "?")
    note = await explain_report(team.ana, report.id, "I was sick and called Sam.")
    assert (note.type, note.explains_id, note.schedule_entry_id) == (
        NoteType.COMMENT,
        report.id,
        report.schedule_entry_id,
    )


async def test_the_summary_counts_per_associate_and_for_the_company(team):
    week = team.last_week()
    mon, tue = week.days()[1:3]
    tz = team.tz
    for person in (team.ana, team.ari):
        await set_schedule(
            team.sam,
            person.id,
            team.company.id,
            mon,
            [span(mon, "09:00", "17:00", tz), span(tue, "09:00", "17:00", tz)],
        )
    await worked(team.ana, team.company, mon, "09:30", "17:00")  # late
    await worked(team.ana, team.company, tue, "09:00", "17:00")
    await worked(team.ari, team.company, mon, "09:00", "17:00")  # Tuesday: no show
    await judge_due({team.company.id: GRACE}, after(week))

    result = await attendance.summary(await actor_for(team.sam), team.company.id)
    rows = {
        user.name: (t.planned, t.worked, t.late, t.early, t.absent) for user, t in result.people
    }
    assert rows == {"Ana Lima": (2, 2, 1, 0, 0), "Ari Gold": (2, 1, 0, 0, 1)}
    total = result.total
    assert (total.planned, total.worked, total.late, total.early, total.absent) == (4, 3, 1, 0, 1)
    assert result.last_day - result.first_day == timedelta(days=27)

    with pytest.raises(NotAllowed):
        await attendance.summary(await actor_for(team.ana), team.company.id)
    with pytest.raises(NotFound):
        await attendance.summary(await actor_for(team.zed), team.company.id)


async def test_pto_on_the_day_excuses_the_plan_but_is_not_worked_time(team):
    week = team.last_week()
    mon, tue = week.days()[1:3]
    plans = [span(d, "09:00", "17:00", team.tz) for d in (mon, tue)]
    await set_schedule(team.sam, team.ana.id, team.company.id, mon, plans)
    await Pto.create(user=team.ana, company=team.company, day=mon, minutes=8 * 60)
    await Pto.create(user=team.ana, company=team.company, day=tue, minutes=4 * 60)
    await worked(team.ana, team.company, tue, "13:00", "17:00")  # PTO in the morning
    await judge_due({team.company.id: GRACE}, after(week))
    assert await Note.filter(type=NoteType.REPORT).count() == 0  # not absent, not late
    summary = await attendance.summary(await actor_for(team.sam), team.company.id)
    [(_, tally)] = summary.people
    assert (tally.planned, tally.worked, tally.absent) == (2, 1, 0)
