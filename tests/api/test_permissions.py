"""Who sees and does what: roles as data, records scoped by company, other companies invisible."""

import json
import time
from datetime import UTC, datetime

import pytest

from models import shift_records
from models.access import ROLE_PERMISSIONS, Permission
from models.companies import Company
from models.roles import Role
from models.shifts import Shift
from models.users import Membership, User

FORBIDDEN = {"message": "Permission required"}


def ago(hours: float) -> datetime:
    return datetime.fromtimestamp(int(time.time()) - int(hours * 3600), UTC)


@pytest.fixture
async def shifts(world):
    """A closed and an open shift for Ana, Abe (Acme) and Bob (Bolt)."""
    made = {}
    for who in ("ana", "abe", "bob"):
        person = getattr(world, who)
        company = person.companies[0].id
        made[who, "closed"] = await shift_records.create_shift(
            None, person.user.id, company, start=ago(9), end=ago(8), notes=f"{who} secret note"
        )
        made[who, "open"] = await shift_records.create_shift(
            None, person.user.id, company, start=ago(2), notes=f"{who} open note"
        )
    return made


async def snapshot() -> str:
    rows = {
        "shifts": await Shift.all().order_by("id").values(),
        "memberships": await Membership.all().order_by("id").values(),
        "users": await User.all().order_by("id").values(),
        "companies": await Company.all().order_by("id").values(),
    }
    return json.dumps(rows, default=str, sort_keys=True)


def test_roles_map_to_permissions_as_data():
    assert ROLE_PERMISSIONS[Role.ADMIN] == frozenset(Permission)
    assert ROLE_PERMISSIONS[Role.ASSOCIATE] < ROLE_PERMISSIONS[Role.SUPERVISOR]
    assert Permission.SHIFTS_DELETE not in ROLE_PERMISSIONS[Role.ASSOCIATE]
    assert Permission.COMPANIES_MANAGE not in ROLE_PERMISSIONS[Role.SUPERVISOR]


async def ids(api, token, **params) -> set[str]:
    reply = await api.call("GET", "/shifts", token=token, params=params or None)
    return {s["id"] for s in reply.body} if reply.status == 200 else set()


async def test_an_associate_sees_only_their_own_shifts(api, world, shifts):
    mine = {str(shifts["ana", "closed"].id), str(shifts["ana", "open"].id)}
    assert await ids(api, world.ana.token) == mine
    abe_shift = shifts["abe", "closed"].id
    reply = await api.call("GET", f"/shifts/{abe_shift}", token=world.ana.token)
    assert (reply.status, reply.body) == (404, {"message": "Shift not found"})
    reply = await api.call(
        "GET", "/shifts/open", token=world.ana.token, params={"user_id": world.abe.id}
    )
    assert reply.status == 404


@pytest.mark.parametrize("who", ["ada", "sam"])
async def test_supervisors_and_admins_see_their_company(api, world, shifts, who):
    acme = {str(s.id) for (owner, _), s in shifts.items() if owner in ("ana", "abe")}
    token = getattr(world, who).token
    assert await ids(api, token) == acme
    assert await ids(api, token, user_id=world.abe.id) == {
        str(shifts["abe", kind].id) for kind in ("closed", "open")
    }
    reply = await api.call("GET", "/shifts/open", token=token, params={"user_id": world.abe.id})
    assert reply.status == 200 and reply.body["id"] == str(shifts["abe", "open"].id)


async def test_an_associate_may_not_delete_even_their_own_shift(api, world, shifts):
    own = shifts["ana", "closed"].id
    reply = await api.call("DELETE", f"/shifts/{own}", token=world.ana.token)
    assert (reply.status, reply.body) == (403, FORBIDDEN)
    assert (await Shift.get(id=own)).deleted_at is None


async def test_a_supervisor_edits_and_closes_for_their_team(api, world, shifts):
    abe_open = shifts["abe", "open"].id
    reply = await api.call(
        "PUT", f"/shifts/{abe_open}", {"notes": "checked"}, token=world.sam.token
    )
    assert reply.status == 200
    reply = await api.call("POST", f"/shifts/{abe_open}/close", token=world.sam.token)
    assert reply.status == 200
    row = await Shift.get(id=abe_open)
    assert row.notes == "checked" and row.end_time is not None


async def test_a_supervisor_creates_for_a_team_member_but_an_associate_cannot(api, world, shifts):
    body = {"user_id": world.abe.id, "start_time": int(ago(30).timestamp() * 1000)}
    reply = await api.call(
        "POST",
        "/shifts",
        body | {"end_time": int(ago(29).timestamp() * 1000)},
        token=world.sam.token,
    )
    assert reply.status == 201
    reply = await api.call("POST", "/shifts", body, token=world.ana.token)
    assert reply.status == 404  # a coworker is not someone an associate can see


async def test_an_associate_cannot_move_their_shift_onto_someone_else(api, world, shifts):
    own = shifts["ana", "closed"].id
    reply = await api.call(
        "PUT", f"/shifts/{own}", {"user_id": world.abe.id}, token=world.ana.token
    )
    assert reply.status == 404
    assert str((await Shift.get(id=own)).user_id) == world.ana.id


def foreign_routes(world, shifts, own_shift) -> list[tuple[str, str, dict | None, dict | None]]:
    """Every route, given the ids of another company (Bolt): (method, path, body, query)."""
    bob, bolt = world.bob.id, str(world.bolt.id)
    closed, opened = shifts["bob", "closed"].id, shifts["bob", "open"].id
    return [
        ("GET", f"/shifts/{closed}", None, None),
        ("PUT", f"/shifts/{closed}", {"notes": "mine now"}, None),
        ("PUT", f"/shifts/{opened}", {"end_time": None}, None),
        ("POST", f"/shifts/{opened}/close", {"final_amount": 1}, None),
        ("DELETE", f"/shifts/{closed}", None, None),
        ("GET", "/shifts/open", None, {"user_id": bob}),
        ("POST", "/shifts", {"user_id": bob}, None),
        ("POST", "/shifts", {"company_id": bolt}, None),
        ("PUT", f"/shifts/{own_shift}", {"user_id": bob}, None),
        ("GET", f"/companies/{bolt}", None, None),
        (
            "POST",
            f"/companies/{bolt}/members",
            {"email": "ana@example.org", "role": "Associate"},
            None,
        ),
        ("GET", f"/users/{bob}/companies", None, None),
    ]


@pytest.mark.parametrize("who", ["ada", "sam", "ana"])
async def test_another_companys_ids_are_404_on_every_route_and_change_nothing(
    api, world, shifts, who
):
    actor = getattr(world, who)
    own_shift = shifts["ana", "closed"].id if who == "ana" else shifts["abe", "closed"].id
    secrets = [world.bob.id, str(world.bolt.id), "bob secret note", "bob open note", "Bolt"]
    before = await snapshot()
    for method, path, body, query in foreign_routes(world, shifts, own_shift):
        reply = await api.call(method, path, body, token=actor.token, params=query)
        assert reply.status == 404, (who, method, path, reply.status, reply.body)
        assert set(reply.body) == {"message"}
        assert not any(s in reply.raw.decode() for s in secrets), (method, path, reply.body)
    assert await snapshot() == before
    # And the lists hold nothing of theirs.
    everything = await api.call("GET", "/shifts", token=actor.token)
    assert not any(s in everything.raw.decode() for s in secrets)
    assert await ids(api, actor.token, user_id=world.bob.id) == set()
    companies = await api.call("GET", "/companies", token=actor.token)
    assert [c["CompanyName"] for c in companies.body] == ["Acme"]


async def test_bolts_admin_does_see_bobs_shift_so_the_404s_above_are_about_scope(
    api, world, shifts
):
    reply = await api.call("GET", f"/shifts/{shifts['bob', 'closed'].id}", token=world.bea.token)
    assert reply.status == 200 and reply.body["notes"] == "bob secret note"


async def test_a_user_in_no_company_sees_nothing_and_is_told_why_they_cannot_clock_in(api, world):
    signup = {
        "username": "lou",
        "email": "lou@example.org",
        "password": "long enough!",
        "firstName": "Lou",
        "lastName": "Alone",
    }
    reply = await api.call("POST", "/auth/signup", signup)
    token = reply.body["accessToken"]
    assert (await api.call("GET", "/shifts", token=token)).status == 204
    assert (await api.call("GET", "/companies", token=token)).body == []
    create = await api.call("POST", "/shifts", {}, token=token)
    assert create.status == 400 and "no company" in create.message
    assert await Shift.all().count() == 0


async def test_a_member_of_two_companies_must_say_which(api, world):
    await Membership.create(user_id=world.ana.user.id, company_id=world.bolt.id)
    reply = await api.call("POST", "/shifts", {}, token=world.ana.token)
    assert reply.status == 400 and "company_id" in reply.message
    reply = await api.call(
        "POST", "/shifts", {"company_id": str(world.bolt.id)}, token=world.ana.token
    )
    assert reply.status == 201
    assert (await Shift.get(id=reply.body["id"])).company_id == world.bolt.id
