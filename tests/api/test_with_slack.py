"""REST and Slack are one system: a change through either shows in the other."""

import json
import time

from models.users import TeamRole, User
from tests.support.rest import person, signed_in
from tests.support.team import make_team, worked
from tests.support.zones import zone_where_it_is_about_noon


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
    slack.fake.add_user("U0TEO", "Teo Slack", tz=zone_where_it_is_about_noon())
    await slack.command("/clockin", "U0TEO", "8:00am first contact")
    await slack.command("/clockout", "U0TEO", "9:00am")
    user = await User.get(slack_user_id="U0TEO").prefetch_related("memberships__company")
    company = user.memberships[0].company
    boss = await person("Boss", companies=[(company, TeamRole.SUPERVISOR)], keys=keys)
    await slack.fake.wait_for("views.publish", 2)
    slack.fake.reset()

    half_an_hour_ago = (int(time.time()) - 1800) * 1000  # a shift must last to be closed
    reply = await api.call(
        "POST",
        "/shifts",
        {"user_id": str(user.id), "notes": "added by the boss", "start_time": half_an_hour_ago},
        token=boss.token,
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


def buttons(message) -> list[str]:
    return [
        element["action_id"]
        for block in message.blocks
        for element in block.get("elements", [])
        if element.get("type") == "button"
    ]


async def test_a_week_submitted_over_rest_is_reviewed_in_slack_and_finalized_over_rest(
    api, slack, keys
):
    team = await make_team()
    week = team.last_week()
    await worked(team.ana, team.company, week.days()[1], "09:00", "17:00")
    ana, bea = await signed_in(team.ana, keys), await signed_in(team.bea, keys)
    opened = await api.call(
        "POST", "/timesheets", {"week": week.first_day.isoformat()}, token=ana.token
    )
    path = f"/timesheets/{opened.body['TimesheetID']}"

    submitted = await api.call("POST", f"{path}/status", {"action": "submit"}, token=ana.token)
    assert submitted.status == 200
    # The same DM as after Slack's Submit button, to each supervisor.
    for supervisor in ("U0SAM", "U0SUE"):
        [dm] = await slack.fake.wait_dms(supervisor)
        assert dm.text.startswith("Ana Lima submitted their week of")
        assert buttons(dm) == ["ts_approve", "ts_send_back", "ts_details"]

    [dm] = slack.fake.dms("U0SAM")
    await slack.press(dm.blocks, "ts_approve", "U0SAM", message=dm)
    await slack.fake.wait_dms("U0BEA")
    status = (await api.call("GET", path, token=ana.token)).body["Status"]
    assert status["HoursReviewed"]["AuthorID"] == str(team.sam.id)

    finalized = await api.call("POST", f"{path}/status", {"action": "finalize"}, token=bea.token)
    assert finalized.status == 200
    # The owner is told, and the other admin's request shows who finalized instead of a button.
    await slack.fake.wait_until(
        lambda: any("finalized by <@U0BEA>" in m.text for m in slack.fake.dms("U0ANA"))
    )
    await slack.fake.wait_until(
        lambda: all(
            "Finalized by <@U0BEA>" in json.dumps(m.blocks) for m in slack.fake.dms("U0ABE")
        )
    )
    assert "ts_finalize" not in buttons(slack.fake.dms("U0ABE")[0])
