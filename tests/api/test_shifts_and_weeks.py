"""REST shift changes obey the week they fall in, as Slack's corrections do, and are audited."""

from datetime import timedelta

import pytest

from models import approval, audit, shift_records
from models.shifts import Shift
from models.timeutil import utcnow, zone
from models.weeks import Week


def ms(moment) -> int:
    return int(moment.timestamp()) * 1000


@pytest.fixture
async def last_week(world):
    """A shift of Ana's in last week, and that week's sheet, still open."""
    week = Week.containing(utcnow(), zone(world.acme.timezone))
    monday = week.start - timedelta(days=6) + timedelta(hours=9)
    shift = await shift_records.create_shift(
        None, world.ana.user.id, world.acme.id, start=monday, end=monday + timedelta(hours=8)
    )
    return shift, monday


async def state(shift_id):
    return await Shift.get(id=shift_id).values("start_time", "end_time", "notes", "deleted_at")


async def test_an_approved_week_takes_no_change_to_its_hours(api, world, last_week):
    shift, monday = last_week
    transition = await approval.submit(world.ana.user, world.acme.id, monday.date())
    await approval.approve(world.sam.user, transition.timesheet.id)
    before = await state(shift.id)
    reply = await api.call(
        "PUT", f"/shifts/{shift.id}", {"notes": "late fix"}, token=world.sam.token
    )
    assert reply.status == 409 and "already approved" in reply.message
    assert await state(shift.id) == before


async def test_a_finalized_week_is_locked_for_every_change(api, world, last_week):
    shift, monday = last_week
    transition = await approval.submit(world.ana.user, world.acme.id, monday.date())
    await approval.approve(world.sam.user, transition.timesheet.id)
    await approval.finalize(world.ada.user, transition.timesheet.id)
    before = await state(shift.id)
    for method, path, body in [
        ("PUT", f"/shifts/{shift.id}", {"notes": "late fix"}),
        ("DELETE", f"/shifts/{shift.id}", None),
        (
            "POST",
            "/shifts",
            {
                "user_id": world.ana.id,
                "start_time": ms(monday + timedelta(hours=10)),
                "end_time": ms(monday + timedelta(hours=11)),
            },
        ),
    ]:
        reply = await api.call(method, path, body, token=world.ada.token)
        assert reply.status == 409, (method, path, reply.body)
        assert "finalized and locked" in reply.message
    assert await state(shift.id) == before
    assert await Shift.all().count() == 1


async def test_moving_a_shift_out_of_a_locked_week_is_refused_too(api, world, last_week):
    shift, monday = last_week
    transition = await approval.submit(world.ana.user, world.acme.id, monday.date())
    await approval.approve(world.sam.user, transition.timesheet.id)
    await approval.finalize(world.ada.user, transition.timesheet.id)
    later = utcnow() - timedelta(hours=3)
    body = {"start_time": ms(later), "end_time": ms(later + timedelta(hours=1))}
    reply = await api.call("PUT", f"/shifts/{shift.id}", body, token=world.ada.token)
    assert reply.status == 409
    assert (await Shift.get(id=shift.id)).start_time == monday


async def test_every_rest_change_is_in_the_audit_trail_with_who_made_it(api, world):
    an_hour_ago = ms(utcnow() - timedelta(hours=1))  # a shift must last to be closed
    made = await api.call("POST", "/shifts", {"start_time": an_hour_ago}, token=world.ana.token)
    shift_id = made.body["id"]
    await api.call("PUT", f"/shifts/{shift_id}", {"notes": "opening"}, token=world.sam.token)
    await api.call("POST", f"/shifts/{shift_id}/close", token=world.ana.token)
    await api.call("DELETE", f"/shifts/{shift_id}", token=world.ada.token)
    trail = await audit.trail(subject="shift", subject_id=shift_id)
    assert [(e.action, str(e.actor_id)) for e in trail] == [
        ("shift.create", world.ana.id),
        ("shift.update", world.sam.id),
        ("shift.close", world.ana.id),
        ("shift.delete", world.ada.id),
    ]
    assert trail[1].after["notes"] == "opening"
