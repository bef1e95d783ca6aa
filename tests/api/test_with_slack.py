"""REST and Slack are one system: a change through either shows in the other."""

from models.users import TeamRole, User
from tests.support.rest import person


async def test_a_slack_clockin_shows_in_get_shifts_open(api, slack, keys):
    slack.fake.add_user("U0TEO", "Teo Slack")
    reply = await slack.command("/clockin", "U0TEO", "opening up")
    assert "clocked in since" in reply.text
    user = await User.get(slack_user_id="U0TEO").prefetch_related("memberships__company")
    company = user.memberships[0].company
    # A supervisor of that workspace's company, with a REST login.
    boss = await person(
        "Boss",
        companies=[(company, TeamRole.SUPERVISOR)],
        keys=keys,
        slack_team_id=company.slack_team_id,
    )
    seen = await api.call("GET", "/shifts/open", token=boss.token, params={"user_id": str(user.id)})
    assert seen.status == 200
    assert seen.body["user_id"] == str(user.id) and seen.body["notes"] == "opening up"
    assert seen.body["end_time"] is None


async def test_a_shift_created_over_rest_shows_in_the_slack_app_home(api, slack, keys):
    slack.fake.add_user("U0TEO", "Teo Slack", tz="UTC")
    await slack.command("/clockin", "U0TEO", "first contact")
    await slack.command("/clockout", "U0TEO")
    user = await User.get(slack_user_id="U0TEO").prefetch_related("memberships__company")
    company = user.memberships[0].company
    boss = await person("Boss", companies=[(company, TeamRole.SUPERVISOR)], keys=keys)
    await slack.fake.wait_for("views.publish", 2)
    slack.fake.reset()

    reply = await api.call(
        "POST", "/shifts", {"user_id": str(user.id), "notes": "added by the boss"}, token=boss.token
    )
    assert reply.status == 201
    [publish] = await slack.fake.wait_for("views.publish")
    assert publish.params["user_id"] == "U0TEO"
    view = str(publish.params["view"])
    assert "Clocked in" in view and "added by the boss" in view

    closed = await api.call("POST", f"/shifts/{reply.body['id']}/close", token=boss.token)
    assert closed.status == 200
    publishes = await slack.fake.wait_for("views.publish", 2)
    assert "Clocked out" in str(publishes[-1].params["view"])


async def test_rest_changes_for_people_without_slack_call_nobody(api, world, fake_slack):
    fake_slack.reset()
    reply = await api.call("POST", "/shifts", {}, token=world.ana.token)
    assert reply.status == 201
    await api.call("GET", "/healthz")  # let any background work run
    assert fake_slack.calls_to("views.publish") == []
