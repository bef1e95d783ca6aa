"""The shift operations REST uses keep the rules the punches keep, on both databases."""

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from jobs.querylog import count_queries
from models import clock, entries, shift_records
from models.errors import NotFound
from models.shift_records import ShiftNotOpen
from models.shifts import Shift
from models.users import SlackProfile, register_slack_user
from models.weeks import Week

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
H = timedelta(hours=1)
ME = None  # the actor in the audit trail: these tests are about the rules, not who


@pytest.fixture
async def member(db):
    profile = SlackProfile(name="Ana", email=None, timezone="UTC", is_admin=False)
    user, company = await register_slack_user("T1", "acme", "U1", profile, "UTC")
    return user, company


async def make(member, start, end=None, **extra):
    user, company = member
    return await shift_records.create_shift(
        user.id, user.id, company.id, start=start, end=end, now=NOW, **extra
    )


async def test_create_refuses_what_clock_in_refuses(member):
    await make(member, NOW - 8 * H, NOW - 4 * H)
    with pytest.raises(clock.Overlap):
        await make(member, NOW - 5 * H, NOW - 3 * H)
    with pytest.raises(clock.EndsBeforeStart):
        await make(member, NOW - 2 * H, NOW - 3 * H)
    with pytest.raises(clock.EndsBeforeStart):
        await make(member, NOW - 2 * H, NOW - 2 * H)
    with pytest.raises(clock.FutureTime):
        await make(member, NOW + H)
    await make(member, NOW - 2 * H)
    with pytest.raises(clock.AlreadyClockedIn):
        await make(member, NOW - H)
    assert await Shift.all().count() == 2


def test_one_rule_for_an_end_that_does_not_come_after_its_start():
    """Punches, REST records and timesheet corrections all refuse a shift with no length."""
    for end in (NOW - H, NOW - 2 * H):
        with pytest.raises(clock.EndsBeforeStart) as refused:
            entries.validate_span(NOW - H, end, NOW)
        assert refused.value.field == "end" and str(refused.value).startswith("The end must be")
    entries.validate_span(NOW - H, NOW - H + timedelta(seconds=1), NOW)


async def test_a_little_client_clock_skew_is_forgiven(member):
    user, company = member
    ahead = NOW + timedelta(seconds=20)
    with pytest.raises(clock.FutureTime):
        await shift_records.create_shift(user.id, user.id, company.id, start=ahead, now=NOW)
    shift = await shift_records.create_shift(
        user.id, user.id, company.id, start=ahead, now=NOW, skew=shift_records.CLIENT_CLOCK_SKEW
    )
    assert shift.start_time == ahead


async def test_update_keeps_the_rules_and_writes_nothing_when_refused(member):
    early = await make(member, NOW - 10 * H, NOW - 8 * H)
    late = await make(member, NOW - 6 * H, NOW - 4 * H)
    with pytest.raises(clock.Overlap):
        await shift_records.update_shift(ME, late.id, {"start_time": NOW - 9 * H}, now=NOW)
    with pytest.raises(clock.EndsBeforeStart):
        await shift_records.update_shift(ME, late.id, {"end_time": NOW - 7 * H}, now=NOW)
    with pytest.raises(clock.Overlap):  # reopening the early one runs it into the late one
        await shift_records.update_shift(ME, early.id, {"end_time": None}, now=NOW)
    with pytest.raises(ValueError):
        await shift_records.update_shift(ME, late.id, {"deleted_at": NOW}, now=NOW)
    rows = {s.id: (s.start_time, s.end_time) for s in await Shift.all()}
    assert rows == {
        early.id: (NOW - 10 * H, NOW - 8 * H),
        late.id: (NOW - 6 * H, NOW - 4 * H),
    }
    await shift_records.update_shift(
        ME, late.id, {"end_time": None, "notes": "  back on  "}, now=NOW
    )
    reopened = await Shift.get(id=late.id)
    assert reopened.end_time is None and reopened.notes == "back on"


async def test_close_counts_the_drawer_and_only_once(member):
    shift = await make(member, NOW - 3 * H, initial_amount=Decimal("500.00"))
    closed = await shift_records.close_shift(ME, shift.id, final_amount=Decimal("520.00"), now=NOW)
    assert (closed.end_time, closed.difference) == (NOW, Decimal("20.00"))
    with pytest.raises(ShiftNotOpen):
        await shift_records.close_shift(ME, shift.id, now=NOW)
    row = await Shift.get(id=shift.id)
    assert (row.final_amount, row.difference) == (Decimal("520.00"), Decimal("20.00"))


async def test_delete_is_soft_and_frees_the_time(member):
    shift = await make(member, NOW - 3 * H, NOW - H)
    await shift_records.delete_shift(ME, shift.id, now=NOW)
    assert (await Shift.get(id=shift.id)).deleted_at == NOW
    with pytest.raises(NotFound):
        await shift_records.delete_shift(ME, shift.id, now=NOW)
    with pytest.raises(NotFound):
        await shift_records.update_shift(ME, shift.id, {"notes": "x"}, now=NOW)
    await make(member, NOW - 2 * H, NOW - H)  # where the deleted one was
    assert await Shift.live().count() == 1


async def test_simultaneous_edits_into_one_gap_cannot_both_win(member):
    """Two shifts moved into the same free hour at once: the database lets one through."""
    a = await make(member, NOW - 10 * H, NOW - 9 * H)
    b = await make(member, NOW - 8 * H, NOW - 7 * H)
    gap = {"start_time": NOW - 5 * H, "end_time": NOW - 4 * H}
    results = await asyncio.gather(
        shift_records.update_shift(ME, a.id, gap, now=NOW),
        shift_records.update_shift(ME, b.id, gap, now=NOW),
        return_exceptions=True,
    )
    assert sum(isinstance(r, Shift) for r in results) == 1
    assert sum(isinstance(r, clock.Overlap) for r in results) == 1
    assert await Shift.filter(start_time=NOW - 5 * H).count() == 1


async def test_a_live_clock_out_may_close_a_shift_in_the_second_it_began(member):
    user, company = member
    now = datetime(2026, 11, 18, 15, tzinfo=UTC)
    await clock.clock_in(user, company.id, now=now)
    # A typed time at the start is a mistake; the live punch is what the clock read.
    with pytest.raises(clock.EndsBeforeStart):
        await clock.clock_out(user, at=now, now=now)
    shift = await clock.clock_out(user, now=now)
    assert shift.end_time == shift.start_time == now
    assert await Shift.filter(end_time__isnull=True).count() == 0


async def test_a_punch_sends_few_statements_and_reads_the_week_total_with_the_clock_out(member):
    """What a punch sends, pinned: the reply's week total is read with the shift it closes."""
    user, company = member
    week = Week.containing(NOW, UTC)  # Sunday 2026-11-15 to Sunday 2026-11-22
    await make(member, week.start - 2 * H, week.start + H)  # one hour of it in this week
    await make(member, NOW - 8 * H, NOW - 6 * H)
    await make(member, week.start - 5 * H, week.start - 3 * H)  # last week's: not counted
    with count_queries() as counted:
        await clock.clock_in(user, company.id, at=NOW - 2 * H, now=NOW - H)
    assert dict(counted) == {"INSERT": 2, "SELECT": 1}  # the shift, its audit record; the lock
    with count_queries() as counted:
        shift, worked = await clock.clock_out_in_week(user, week, now=NOW)
    assert dict(counted) == {"SELECT": 2, "UPDATE": 1, "INSERT": 1}
    assert shift.end_time == NOW
    assert worked == (1 + 2 + 2) * 3600


async def test_punches_records_and_entries_answer_a_clash_alike(member):
    """One rule between a user's shifts (`clock.clash`): a second open shift is "already clocked
    in" whichever way it is written, and any other shared instant an overlap."""
    user, company = member
    closed = await make(member, NOW - 8 * H, NOW - 6 * H)
    open_ = await make(member, NOW - H)
    writes = {
        "punch": lambda start: clock.clock_in(user, company.id, at=start, now=NOW),
        "record": lambda start: make(member, start),
        "entry": lambda start: entries.edit_shift(user, closed.id, start, None, now=NOW),
    }
    for name, write in writes.items():
        with pytest.raises(clock.AlreadyClockedIn) as refused:
            await write(NOW - H / 2)  # opens a second shift after the open one began
        assert refused.value.shift.id == open_.id, name
    with pytest.raises(clock.Overlap) as refused:
        await make(member, NOW - 7 * H, NOW - 5 * H)
    assert refused.value.other.id == closed.id
    with pytest.raises(clock.Overlap) as refused:
        await entries.edit_shift(user, closed.id, NOW - 3 * H, NOW - H / 2, now=NOW)
    assert (refused.value.other.id, refused.value.field) == (open_.id, "start")
    assert await Shift.filter(end_time__isnull=True).count() == 1
