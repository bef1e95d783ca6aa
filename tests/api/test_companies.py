"""Companies (CompanySchema) and a user's companies (UserCompaniesSchema) over REST."""

import pytest

from models import audit
from models.users import Membership, Privilege, TeamRole, User


async def test_a_member_lists_and_reads_their_company_with_its_roster(api, world):
    listed = await api.call("GET", "/companies", token=world.ana.token)
    assert listed.status == 200
    [acme] = listed.body
    assert acme == {
        "CompanyID": str(world.acme.id),
        "CompanyName": "Acme",
        "AssociateIDs": [world.ana.id, world.abe.id],
        "SupervisorIDs": [world.ada.id, world.sam.id],
    }
    one = await api.call("GET", f"/companies/{world.acme.id}", token=world.ana.token)
    assert one.status == 200 and one.body == acme


async def test_a_users_companies_for_themselves_and_as_seen_by_their_supervisor(api, world):
    mine = await api.call("GET", "/users/me/companies", token=world.ana.token)
    assert mine.body == {
        "UserID": world.ana.id,
        "AssociateCompanyIDs": [str(world.acme.id)],
        "SupervisorCompanyIDs": [],
    }
    seen = await api.call("GET", f"/users/{world.ana.id}/companies", token=world.sam.token)
    assert seen.status == 200 and seen.body == mine.body


async def test_only_shared_companies_are_listed(api, world):
    """Ana also works at Bolt: Acme's supervisor learns nothing about that."""
    await Membership.create(user_id=world.ana.user.id, company_id=world.bolt.id)
    mine = await api.call("GET", "/users/me/companies", token=world.ana.token)
    assert set(mine.body["AssociateCompanyIDs"]) == {str(world.acme.id), str(world.bolt.id)}
    seen = await api.call("GET", f"/users/{world.ana.id}/companies", token=world.sam.token)
    assert seen.body["AssociateCompanyIDs"] == [str(world.acme.id)]


async def test_an_associate_cannot_look_up_a_coworker(api, world):
    reply = await api.call("GET", f"/users/{world.abe.id}/companies", token=world.ana.token)
    assert reply.status == 404


@pytest.mark.parametrize("path", ["/users/nope/companies", "/companies/nope"])
async def test_a_malformed_id_is_404(api, world, path):
    assert (await api.call("GET", path, token=world.ada.token)).status == 404


async def test_an_admin_adds_a_member_and_changes_their_role(api, world):
    path = f"/companies/{world.acme.id}/members"
    added = await api.call(
        "POST", path, {"email": "BOB@example.org", "role": "Associate"}, token=world.ada.token
    )
    assert added.status == 200 and world.bob.id in added.body["AssociateIDs"]
    promoted = await api.call(
        "POST", path, {"email": "bob@example.org", "role": "Supervisor"}, token=world.ada.token
    )
    assert world.bob.id in promoted.body["SupervisorIDs"]
    assert world.bob.id not in promoted.body["AssociateIDs"]
    membership = await Membership.get(user_id=world.bob.user.id, company_id=world.acme.id)
    assert membership.role == TeamRole.SUPERVISOR
    trail = await audit.trail(subject="user", subject_id=world.bob.id)
    assert [entry.action for entry in trail] == ["role.set", "role.set"]


async def test_the_last_admin_cannot_be_demoted(api, world):
    path = f"/companies/{world.acme.id}/members"
    reply = await api.call(
        "POST", path, {"email": world.ada.email, "role": "Associate"}, token=world.ada.token
    )
    assert reply.status == 409 and "only admin" in reply.message
    assert (await User.get(id=world.ada.id)).privilege == Privilege.ADMIN


@pytest.mark.parametrize("who", ["sam", "ana"])
async def test_only_admins_manage_the_roster(api, world, who):
    path = f"/companies/{world.acme.id}/members"
    token = getattr(world, who).token
    reply = await api.call(
        "POST", path, {"email": "bob@example.org", "role": "Associate"}, token=token
    )
    assert (reply.status, reply.body) == (403, {"message": "Permission required"})
    assert await Membership.filter(company_id=world.acme.id).count() == 4


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"email": "nobody@example.org", "role": "Associate"}, 404),
        ({"email": "bob@example.org", "role": "Owner"}, 400),
        ({"email": "bob", "role": "Associate"}, 400),
        ({"email": "bob@example.org"}, 400),
    ],
)
async def test_adding_a_member_needs_an_account_and_a_team_role(api, world, body, status):
    path = f"/companies/{world.acme.id}/members"
    reply = await api.call("POST", path, body, token=world.ada.token)
    assert reply.status == status
    assert await Membership.filter(company_id=world.acme.id).count() == 4
