"""The database itself refuses what the domain checks: a second open shift, an overlap."""

from datetime import UTC, datetime, timedelta

import pytest
from tortoise.exceptions import IntegrityError

from models.shifts import Shift
from models.users import SlackProfile, register_slack_user

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
async def member(db):
    profile = SlackProfile(name="Ana", email=None, timezone="UTC", is_admin=False)
    return await register_slack_user("T1", "acme", "U1", profile, "UTC")


async def add(member, start, end=None, **extra):
    user, company = member
    return await Shift.create(
        user=user, company=company, shift_date=start, start_time=start, end_time=end, **extra
    )


async def test_a_second_open_shift_is_refused_by_the_database(member):
    await add(member, T0)
    with pytest.raises(IntegrityError):
        await add(member, T0 + timedelta(days=3))
    assert await Shift.all().count() == 1


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (T0 + timedelta(hours=1), T0 + timedelta(hours=2)),  # inside
        (T0 - timedelta(hours=1), T0 + timedelta(minutes=1)),  # across the start
        (T0 + timedelta(hours=7), None),  # an open shift starting inside
        (T0 - timedelta(hours=1), None),  # an open shift starting before
    ],
)
async def test_overlapping_shifts_are_refused_by_the_database(member, start, end):
    await add(member, T0, T0 + timedelta(hours=8))
    with pytest.raises(IntegrityError):
        await add(member, start, end)
    assert await Shift.all().count() == 1


async def test_touching_deleted_and_other_peoples_shifts_do_not_overlap(member):
    await add(member, T0, T0 + timedelta(hours=8))
    await add(member, T0 + timedelta(hours=8), T0 + timedelta(hours=9))  # back to back
    await add(member, T0 + timedelta(hours=1), T0 + timedelta(hours=2), deleted_at=T0)
    profile = SlackProfile(name="Bo", email=None, timezone="UTC", is_admin=False)
    other = await register_slack_user("T1", "acme", "U2", profile, "UTC")
    await add(other, T0, T0 + timedelta(hours=8))
    assert await Shift.all().count() == 4


async def test_an_update_into_an_overlap_or_backwards_is_refused(member):
    await add(member, T0, T0 + timedelta(hours=1))
    later = await add(member, T0 + timedelta(hours=2), T0 + timedelta(hours=3))
    later.start_time = T0 + timedelta(minutes=30)
    with pytest.raises(IntegrityError):
        await later.save()
    later = await Shift.get(id=later.id)
    later.end_time = later.start_time - timedelta(minutes=1)
    with pytest.raises(IntegrityError):
        await later.save()
    assert (await Shift.get(id=later.id)).end_time == T0 + timedelta(hours=3)
