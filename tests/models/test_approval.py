"""The approval of a week, straight against the domain on a real database: stages, who may act,
races, the lock after finalizing, and the audit trail of it all."""

import asyncio
from datetime import timedelta

import pytest

from models import approval, entries, notes
from models.audit import AuditEntry, trail
from models.clock import Overlap, clock_in, clock_out
from models.errors import NotAllowed, NotFound, WeekLocked
from models.permissions import WrongPhase
from models.sheets import load_week
from models.shifts import Shift
from models.stages import Phase, Stage
from models.timesheets import SENT_BACK, Timesheet
from tests.support.team import local, make_team, worked


@pytest.fixture
async def team(db):
    return await make_team()


async def submitted(team, user=None):
    user = user or team.ana
    week = team.last_week()
    await worked(user, team.company, week.days()[1], "09:00", "17:00")
    done = await approval.submit(user, team.company.id, week.first_day)
    return done.timesheet


async def test_submit_sets_hours_submitted_and_resubmitting_overwrites_it(team):
    week = team.last_week()
    await worked(team.ana, team.company, week.days()[1], "09:00", "17:00")
    first = await approval.submit(team.ana, team.company.id, week.days()[3])
    assert first.previous is Phase.OPEN
    sheet = first.timesheet
    assert sheet.start_date == week.first_day and sheet.phase is Phase.SUBMITTED
    assert sheet.status()["HoursSubmitted"]["AuthorID"] == str(team.ana.id)
    assert sheet.status()["HoursReviewed"] is None
    later = sheet.hours_submitted_at + timedelta(minutes=5)
    again = await approval.submit(team.ana, team.company.id, week.first_day, now=later)
    assert again.timesheet.id == sheet.id
    assert again.timesheet.hours_submitted_at == later
    assert await Timesheet.all().count() == 1


async def test_the_whole_flow_and_its_audit_trail(team):
    sheet = await submitted(team)
    await approval.send_back(team.sam, sheet.id, "Tuesday is missing")
    sheet = await Timesheet.get(id=sheet.id)
    assert sheet.phase is Phase.OPEN and sheet.returned_kind == SENT_BACK
    assert sheet.returned_reason == "Tuesday is missing" and sheet.hours_submitted_at is None
    await approval.submit(team.ana, team.company.id, sheet.start_date)
    await approval.approve(team.sue, sheet.id)
    await approval.finalize(team.bea, sheet.id)
    await approval.reopen(team.abe, sheet.id, "wrong rate")
    sheet = await Timesheet.get(id=sheet.id)
    assert sheet.phase is Phase.REVIEWED and sheet.returned_reason == "wrong rate"
    actions = [(r.action, r.actor_id) for r in await trail(timesheet_id=sheet.id)]
    assert [a for a, _ in actions if a.startswith("status.")] == [
        "status.HoursSubmitted",
        "status.sent_back",
        "status.HoursSubmitted",
        "status.HoursReviewed",
        "status.Finalized",
        "status.reopened",
    ]
    reopened = (await trail(timesheet_id=sheet.id))[-1]
    assert reopened.before["status"]["Finalized"]["AuthorID"] == str(team.bea.id)
    assert reopened.after["status"]["Finalized"] is None and reopened.reason == "wrong rate"


@pytest.mark.parametrize(
    ("who", "error", "words"),
    [
        ("ana", NotAllowed, "can't review your own week"),
        ("ari", NotAllowed, "Only a supervisor of Acme"),
        ("zed", NotFound, "not found"),
    ],
)
async def test_who_may_not_approve(team, who, error, words):
    sheet = await submitted(team)
    with pytest.raises(error, match=words):
        await approval.approve(getattr(team, who), sheet.id)
    assert (await Timesheet.get(id=sheet.id)).hours_reviewed_at is None


async def test_a_supervisor_never_approves_their_own_week(team):
    sheet = await submitted(team, team.sam)
    with pytest.raises(NotAllowed, match="own week"):
        await approval.approve(team.sam, sheet.id)
    await approval.approve(team.sue, sheet.id)


async def test_only_admins_finalize_and_never_their_own_week(team):
    sheet = await submitted(team)
    with pytest.raises(WrongPhase, match="hasn't been approved"):
        await approval.finalize(team.bea, sheet.id)
    await approval.approve(team.sam, sheet.id)
    with pytest.raises(NotAllowed, match="Only an admin"):
        await approval.finalize(team.sam, sheet.id)
    own = await submitted(team, team.bea)
    await approval.approve(team.sam, own.id)
    with pytest.raises(NotAllowed, match="own week"):
        await approval.finalize(team.bea, own.id)
    await approval.finalize(team.abe, own.id)


async def test_the_associate_may_not_submit_someone_elses_week_nor_edit_a_reviewed_one(team):
    sheet = await submitted(team)
    await approval.approve(team.sam, sheet.id)
    week = await load_week(team.ana, team.company, team.last_week())
    shift = week.entries[0].shift
    with pytest.raises(WrongPhase, match="already approved"):
        await entries.edit_shift(team.ana, shift.id, shift.start_time, shift.end_time, "x")
    with pytest.raises(NotAllowed, match="Only the person who worked"):
        await entries.delete_shift(team.sam, shift.id)


async def test_two_supervisors_approving_at_once_make_one_stage(team):
    sheet = await submitted(team)
    results = await asyncio.gather(
        approval.approve(team.sam, sheet.id),
        approval.approve(team.sue, sheet.id),
        return_exceptions=True,
    )
    won = [r for r in results if isinstance(r, approval.Transition)]
    lost = [r for r in results if isinstance(r, approval.AlreadyDecided)]
    assert len(won) == 1 and len(lost) == 1, results
    sheet = await Timesheet.get(id=sheet.id)
    assert lost[0].by.id == sheet.hours_reviewed_by_id
    assert lost[0].outcome == "approved" and "already approved" in str(lost[0])
    reviews = await AuditEntry.filter(timesheet_id=sheet.id, action="status.HoursReviewed")
    assert len(reviews) == 1 and reviews[0].actor_id == sheet.hours_reviewed_by_id


async def test_approve_and_send_back_at_once_one_wins(team):
    sheet = await submitted(team)
    results = await asyncio.gather(
        approval.send_back(team.sam, sheet.id, "no"),
        approval.approve(team.sue, sheet.id),
        return_exceptions=True,
    )
    assert sum(isinstance(r, approval.Transition) for r in results) == 1
    assert sum(isinstance(r, approval.AlreadyDecided) for r in results) == 1


async def test_a_finalized_week_is_locked_for_every_way_of_changing_it(team):
    week = team.last_week()
    shift = await worked(team.ana, team.company, week.days()[2], "09:00", "17:00")
    sheet = (await approval.submit(team.ana, team.company.id, week.first_day)).timesheet
    await approval.approve(team.sam, sheet.id)
    await approval.finalize(team.bea, sheet.id)
    tz = team.tz
    with pytest.raises(WeekLocked):
        await entries.set_times(
            team.bea, shift.id, entries.TimeSource.ADMIN, shift.start_time, shift.end_time
        )
    with pytest.raises(WeekLocked):
        await clock_in(team.ana, team.company.id, at=local(week.days()[4], "09:00", tz))
    with pytest.raises(WeekLocked):
        await entries.add_shift(
            team.ana,
            team.company.id,
            local(week.days()[5], "09:00", tz),
            local(week.days()[5], "10:00", tz),
        )
    with pytest.raises(WeekLocked):
        await notes.add_note(team.sam, "late", shift_id=shift.id)
    with pytest.raises(WeekLocked):
        await entries.delete_shift(team.ana, shift.id)
    before = await AuditEntry.all().count()
    assert (await Timesheet.get(id=sheet.id)).phase is Phase.FINALIZED
    assert await AuditEntry.all().count() == before


async def test_a_punch_into_a_finalized_current_week_is_refused(team):
    now = team.this_week().start + timedelta(days=2, hours=12)
    shift = await clock_in(team.ana, team.company.id, now=now - timedelta(hours=3))
    await clock_out(team.ana, now=now - timedelta(hours=1))
    sheet = (await approval.submit(team.ana, team.company.id, now.date(), now=now)).timesheet
    await approval.approve(team.sam, sheet.id, now=now)
    await approval.finalize(team.bea, sheet.id, now=now)
    with pytest.raises(WeekLocked):
        await clock_in(team.ana, team.company.id, now=now + timedelta(minutes=5))
    assert shift.id
    # Both refusals apply: the clash is told (as before the lock), and nothing was written.
    before = (await Shift.all().count(), await AuditEntry.all().count())
    with pytest.raises(Overlap):
        await clock_in(
            team.ana, team.company.id, at=now - timedelta(hours=2), now=now + timedelta(minutes=5)
        )
    assert (await Shift.all().count(), await AuditEntry.all().count()) == before


async def test_submit_refused_while_clocked_in_and_finalize_while_in_conflict(team):
    week = team.last_week()
    day = week.days()[1]
    open_shift = await worked(team.ana, team.company, day, "09:00", None)
    with pytest.raises(approval.StillClockedIn):
        await approval.submit(team.ana, team.company.id, week.first_day)
    assert await Timesheet.filter(hours_submitted_at__isnull=False).count() == 0
    open_shift.end_time = local(day, "17:00", team.tz)
    await open_shift.save()
    sheet = (await approval.submit(team.ana, team.company.id, week.first_day)).timesheet
    await entries.set_times(
        team.sam,
        open_shift.id,
        entries.TimeSource.SUPERVISOR,
        local(day, "09:30", team.tz),
        local(day, "17:00", team.tz),
    )
    await approval.approve(team.sue, sheet.id)
    with pytest.raises(approval.UnsettledConflicts, match="1 entry"):
        await approval.finalize(team.bea, sheet.id)
    assert (await Timesheet.get(id=sheet.id)).finalized_at is None
    await entries.set_times(
        team.bea,
        open_shift.id,
        entries.TimeSource.ADMIN,
        local(day, "09:30", team.tz),
        local(day, "17:00", team.tz),
    )
    await approval.finalize(team.bea, sheet.id)
    shown = await load_week(team.ana, team.company, week)
    assert shown.total_seconds == 7 * 3600 + 1800 and shown.conflicts == []


async def test_future_weeks_cannot_be_submitted(team):
    with pytest.raises(approval.WeekNotStarted):
        await approval.submit(team.ana, team.company.id, team.this_week().days()[0] + timedelta(8))


async def test_waiting_for_lists_the_weeks_each_person_must_act_on(team):
    sheet = await submitted(team)
    assert [w.timesheet.id for w in await approval.waiting_for(team.sam)] == [sheet.id]
    assert await approval.waiting_for(team.bea) == []
    assert await approval.waiting_for(team.ana) == []
    await approval.approve(team.sam, sheet.id)
    assert await approval.waiting_for(team.sam) == []
    [waiting] = await approval.waiting_for(team.bea)
    assert waiting.timesheet.user.name == "Ana Lima"


async def test_status_object_has_the_four_stages(team):
    sheet = await submitted(team)
    assert set(sheet.status()) == {s.value for s in Stage}
