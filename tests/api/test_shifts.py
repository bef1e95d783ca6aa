"""Shifts over REST, as shifts-api.txt describes them, checked against what the database holds."""

import asyncio
import time
from decimal import Decimal

import pytest

from models.shifts import Shift

HOUR = 3600_000


def ago(hours: float) -> int:
    """Epoch milliseconds `hours` ago, on a whole second (stored instants are whole seconds)."""
    return (int(time.time()) - int(hours * 3600)) * 1000


async def test_create_get_list_update_close_delete(api, world):
    ana = world.ana
    start = str(ago(3))  # once: the clock may tick a second before the GET
    created = await api.call(
        "POST",
        "/shifts",
        {
            "user_id": ana.id,
            "shift_date": start,
            "start_time": start,
            "notes": "Morning shift",
            "initial_amount": 500.00,
        },
        token=ana.token,
    )
    assert created.status == 201
    assert created.body["message"] == "Shift added successfully"
    shift_id = created.body["id"]

    got = await api.call("GET", f"/shifts/{shift_id}", token=ana.token)
    assert got.status == 200
    assert got.body == {
        "id": shift_id,
        "user_id": ana.id,
        "company_id": str(world.acme.id),
        "shift_date": start,
        "start_time": start,
        "end_time": None,
        "notes": "Morning shift",
        "initial_amount": 500.0,
        "final_amount": None,
        "difference": None,
    }
    listed = await api.call("GET", "/shifts", token=ana.token)
    assert listed.status == 200 and [s["id"] for s in listed.body] == [shift_id]
    opened = await api.call("GET", "/shifts/open", token=ana.token)
    assert opened.status == 200 and opened.body["id"] == shift_id

    updated = await api.call(
        "PUT", f"/shifts/{shift_id}", {"notes": "Shift extended"}, token=ana.token
    )
    assert updated.status == 200
    assert updated.body == {"id": shift_id, "message": "Shift updated successfully"}

    closed = await api.call(
        "POST", f"/shifts/{shift_id}/close", {"final_amount": 520.00}, token=ana.token
    )
    assert closed.status == 200
    assert closed.body == {"id": shift_id, "message": "Shift closed successfully"}
    row = await Shift.get(id=shift_id)
    assert row.end_time is not None and row.notes == "Shift extended"
    assert (row.final_amount, row.difference) == (Decimal("520.00"), Decimal("20.00"))
    assert (await api.call("GET", "/shifts/open", token=ana.token)).status == 204

    deleted = await api.call("DELETE", f"/shifts/{shift_id}", token=world.sam.token)
    assert deleted.status == 204 and deleted.raw == b""
    assert (await api.call("GET", f"/shifts/{shift_id}", token=ana.token)).status == 404
    row = await Shift.get(id=shift_id)
    assert row.deleted_at is not None  # soft: the row is kept
    listed = await api.call("GET", "/shifts", token=ana.token)
    assert listed.status == 204 and listed.raw == b""


async def test_times_and_amounts_are_accepted_as_numbers_or_strings(api, world):
    start, end = ago(5), ago(4)
    reply = await api.call(
        "POST",
        "/shifts",
        {"start_time": start, "end_time": str(end), "initial_amount": "12.5", "difference": 3},
        token=world.ana.token,
    )
    assert reply.status == 201
    row = await Shift.get(id=reply.body["id"])
    assert int(row.start_time.timestamp() * 1000) == start
    assert int(row.end_time.timestamp() * 1000) == end
    assert row.shift_date == row.start_time  # shift_date defaults to the start
    assert (row.initial_amount, row.difference) == (Decimal("12.50"), Decimal("3.00"))


async def test_an_empty_body_clocks_the_caller_in_now(api, world):
    reply = await api.call("POST", "/shifts", {}, token=world.abe.token)
    assert reply.status == 201
    row = await Shift.get(id=reply.body["id"])
    assert str(row.user_id) == world.abe.id and row.end_time is None
    assert abs(row.start_time.timestamp() - time.time()) < 60


async def test_a_second_open_shift_is_409_and_changes_nothing(api, world):
    first = await api.call("POST", "/shifts", {"start_time": ago(2)}, token=world.ana.token)
    assert first.status == 201
    second = await api.call("POST", "/shifts", {"start_time": ago(1)}, token=world.ana.token)
    assert second.status == 409
    assert second.body == {"message": "There is already an open shift"}
    assert await Shift.all().count() == 1


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (8, 6),  # inside
        (11, 9),  # across the start
        (7, None),  # an open shift starting inside
        (11, None),  # an open shift starting before
    ],
)
async def test_overlapping_shifts_are_409(api, world, start, end):
    ok = await api.call(
        "POST", "/shifts", {"start_time": ago(10), "end_time": ago(5)}, token=world.ana.token
    )
    assert ok.status == 201
    body = {"start_time": ago(start)} | ({"end_time": ago(end)} if end else {})
    clash = await api.call("POST", "/shifts", body, token=world.ana.token)
    assert clash.status == 409
    assert clash.body == {"message": "The shift overlaps another shift of this user"}
    assert await Shift.all().count() == 1


async def test_an_update_into_an_overlap_or_backwards_is_refused(api, world):
    token = world.ana.token
    early = await api.call(
        "POST", "/shifts", {"start_time": ago(10), "end_time": ago(8)}, token=token
    )
    late_start = ago(6)  # once: the clock may tick between the create and the compare
    late = await api.call(
        "POST", "/shifts", {"start_time": late_start, "end_time": ago(4)}, token=token
    )
    moved = await api.call("PUT", f"/shifts/{late.body['id']}", {"start_time": ago(9)}, token=token)
    assert moved.status == 409
    backwards = await api.call(
        "PUT", f"/shifts/{late.body['id']}", {"end_time": ago(7)}, token=token
    )
    assert backwards.status == 400 and "must be after start_time" in backwards.message
    reopened = await api.call("PUT", f"/shifts/{early.body['id']}", {"end_time": None}, token=token)
    assert reopened.status == 409  # reopening it would overlap the later one
    rows = {str(s.id): s for s in await Shift.all()}
    assert rows[late.body["id"]].start_time.timestamp() * 1000 == late_start
    assert rows[early.body["id"]].end_time is not None


async def test_end_before_start_and_future_times_are_400(api, world):
    backwards = await api.call(
        "POST", "/shifts", {"start_time": ago(2), "end_time": ago(3)}, token=world.ana.token
    )
    assert backwards.status == 400 and backwards.message == "end_time must be after start_time"
    at = ago(2)  # once: a second may tick between two calls
    empty = await api.call(
        "POST", "/shifts", {"start_time": at, "end_time": at}, token=world.ana.token
    )
    assert empty.status == 400 and empty.message == "end_time must be after start_time"
    future = await api.call("POST", "/shifts", {"start_time": ago(-2)}, token=world.ana.token)
    assert future.status == 400 and "future" in future.message
    assert await Shift.all().count() == 0


async def test_a_shift_can_not_be_closed_at_its_start(api, world):
    start = ago(2)  # once: a second may tick between two calls
    opened = await api.call("POST", "/shifts", {"start_time": start}, token=world.ana.token)
    path = f"/shifts/{opened.body['id']}/close"
    closed = await api.call("POST", path, {"end_time": start}, token=world.ana.token)
    assert closed.status == 400 and closed.message == "end_time must be after start_time"
    assert (await Shift.get(id=opened.body["id"])).end_time is None


async def test_closing_a_closed_shift_is_404(api, world):
    made = await api.call(
        "POST", "/shifts", {"start_time": ago(3), "end_time": ago(2)}, token=world.ana.token
    )
    reply = await api.call("POST", f"/shifts/{made.body['id']}/close", token=world.ana.token)
    assert reply.status == 404
    assert reply.body == {"message": "Shift not found or already closed"}


async def test_close_at_a_given_time_and_not_before_the_start(api, world):
    made = await api.call("POST", "/shifts", {"start_time": ago(3)}, token=world.ana.token)
    path = f"/shifts/{made.body['id']}/close"
    early = await api.call("POST", path, {"end_time": ago(4)}, token=world.ana.token)
    assert early.status == 400
    assert (await Shift.get(id=made.body["id"])).end_time is None
    ok = await api.call("POST", path, {"end_time": ago(1)}, token=world.ana.token)
    assert ok.status == 200
    row = await Shift.get(id=made.body["id"])
    assert row.end_time.timestamp() * 1000 == ago(1)


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        ("not json", "application/json", "not valid JSON"),
        ("[1, 2]", "application/json", "must be a JSON object"),
        ('{"start_time": 1}', "text/plain", "Content-Type: application/json"),
        ('{"start": 1}', "application/json", "Unknown field: start"),
        ('{"start_time": "yesterday"}', "application/json", "start_time must be epoch"),
        ('{"start_time": true}', "application/json", "start_time must be epoch"),
        ('{"start_time": -5}', "application/json", "out of range"),
        ('{"start_time": 1e300}', "application/json", "start_time"),
        ('{"initial_amount": "lots"}', "application/json", "initial_amount must be a number"),
        ('{"initial_amount": 1e12}', "application/json", "out of range"),
        ('{"notes": 7}', "application/json", "notes must be a string"),
        ('{"user_id": "ana"}', "application/json", "user_id must be a UUID"),
    ],
)
async def test_malformed_bodies_are_400_with_a_clear_message(
    api, world, body, content_type, message
):
    reply = await api.call(
        "POST",
        "/shifts",
        data=body,
        headers={"Content-Type": content_type},
        token=world.ana.token,
    )
    assert reply.status == 400
    assert message in reply.message
    assert await Shift.all().count() == 0


async def test_update_needs_a_field(api, world):
    made = await api.call("POST", "/shifts", {"start_time": ago(3)}, token=world.ana.token)
    reply = await api.call("PUT", f"/shifts/{made.body['id']}", {}, token=world.ana.token)
    assert reply.status == 400


async def test_pages_with_limit_and_cursor_cover_every_shift_once(api, world):
    token = world.ana.token
    for hour in range(12, 0, -1):
        reply = await api.call(
            "POST", "/shifts", {"start_time": ago(hour), "end_time": ago(hour - 0.5)}, token=token
        )
        assert reply.status == 201
    everything = await api.call("GET", "/shifts", token=token)
    assert len(everything.body) == 12
    assert "X-Next-Cursor" not in everything.headers
    starts = [int(s["start_time"]) for s in everything.body]
    assert starts == sorted(starts, reverse=True)  # newest first

    seen, cursor = [], None
    while True:
        params = {"limit": "5"} | ({"cursor": cursor} if cursor else {})
        page = await api.call("GET", "/shifts", token=token, params=params)
        assert page.status == 200 and len(page.body) <= 5
        seen += [s["id"] for s in page.body]
        cursor = page.headers.get("X-Next-Cursor")
        if not cursor:
            break
    assert seen == [s["id"] for s in everything.body]


@pytest.mark.parametrize("params", [{"limit": "0"}, {"limit": "x"}, {"cursor": "%%%"}])
async def test_bad_limit_or_cursor_is_400(api, world, params):
    reply = await api.call("GET", "/shifts", token=world.ana.token, params=params)
    assert reply.status == 400


async def test_without_a_token_every_shift_route_is_401_with_the_spec_body(api, world):
    some_id = "0e5805f1-ff25-4c9d-823b-cacc81eb31db"
    for method, path in [
        ("GET", "/shifts"),
        ("GET", "/shifts/open"),
        ("POST", "/shifts"),
        ("GET", f"/shifts/{some_id}"),
        ("PUT", f"/shifts/{some_id}"),
        ("POST", f"/shifts/{some_id}/close"),
        ("DELETE", f"/shifts/{some_id}"),
    ]:
        reply = await api.call(method, path)
        assert (reply.status, reply.body) == (401, {"message": "Unauthorized API access"})


async def test_the_access_token_cookie_authenticates_like_the_header(api, world):
    reply = await api.call("GET", "/shifts/open", cookies={"accessToken": world.ana.token})
    assert reply.status == 204


async def test_simultaneous_creates_of_an_open_shift_one_wins(api, world):
    replies = await asyncio.gather(
        *(
            api.call("POST", "/shifts", {"start_time": ago(1)}, token=world.ana.token)
            for _ in range(20)
        )
    )
    assert sorted(r.status for r in replies) == [201] + [409] * 19
    assert await Shift.all().count() == 1
