"""The App Home's timesheet parts: the week summary and its buttons, the weeks waiting for a
supervisor or an admin, and assigning roles. Over signed HTTP with the fake Slack."""

import json

import pytest

from models.stages import Phase
from models.timesheets import Timesheet
from models.users import Membership, Privilege, TeamRole, User
from tests.support.team import make_team, worked

ANA, SAM, BEA = "U0ANA", "U0SAM", "U0BEA"


def text_of(blocks) -> str:
    return json.dumps(blocks, ensure_ascii=False)


@pytest.fixture
async def team(slack):
    team = await make_team()
    today = team.this_week().days()[0]
    await worked(team.ana, team.company, today, "00:10", "01:40")
    return team


async def open_home(slack, user: str, count: int = 1) -> dict:
    await slack.event({"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"})
    publishes = await slack.fake.wait_for("views.publish", count)
    return [p for p in publishes if p.params["user_id"] == user][-1].params["view"]


async def test_home_shows_the_week_summary_and_submits_it(slack, team):
    home = await open_home(slack, ANA)
    text = text_of(home["blocks"])
    assert "Clocked out" in text  # the clock part is still there
    assert "Not submitted" in text and "Week total: 1h 30m" in text
    assert "12:10 AM – 1:40 AM" in text
    await slack.press(home["blocks"], "ts_submit", ANA, container="view")
    await slack.fake.wait_dms(SAM)
    sheet = await Timesheet.get(user=team.ana)
    assert sheet.phase is Phase.SUBMITTED
    await slack.fake.wait_until(
        lambda: any(
            "was submitted" in text_of(c.params["view"]["blocks"])
            for c in slack.fake.calls_to("views.publish")
            if c.params["user_id"] == ANA
        )
    )


async def test_a_supervisor_reviews_from_the_waiting_list(slack, team):
    home = await open_home(slack, ANA)
    await slack.press(home["blocks"], "ts_submit", ANA, container="view")
    await slack.fake.wait_dms(SAM)
    slack.fake.reset()
    home = await open_home(slack, SAM)
    assert "Waiting for you" in text_of(home["blocks"])
    assert "*Ana Lima* — week of" in text_of(home["blocks"])
    await slack.press(home["blocks"], "ts_details", SAM, container="view")
    modal = await slack.fake.wait_view()
    assert "Ana Lima — Week of" in text_of(modal["blocks"])
    await slack.press(modal["blocks"], "ts_approve", SAM, view=modal)
    await slack.fake.wait_until(lambda: slack.fake.calls_to("views.update"))
    update = slack.fake.calls_to("views.update")[-1]
    assert update.params["view_id"] == modal["id"]
    assert "approved by <@U0SAM>" in text_of(update.params["view"]["blocks"])
    assert (await Timesheet.get(user=team.ana)).phase is Phase.REVIEWED


async def test_an_admin_assigns_roles_from_the_home(slack, team):
    slack.fake.add_user("U0NEW", "Nia New", tz="Europe/Lisbon")
    home = await open_home(slack, BEA)
    text = text_of(home["blocks"])
    assert "Team roles" in text and "<@U0SAM>" in text and "<@U0BEA>" in text
    await slack.press(home["blocks"], "role_open", BEA, container="view")
    modal = await slack.fake.wait_view()
    assert modal["callback_id"] == "role_modal"
    answer = await slack.submit(modal, BEA, {"user": "U0NEW", "role": "supervisor"})
    assert answer.body == {}
    nia = await User.get(slack_user_id="U0NEW")
    assert nia.name == "Nia New" and nia.timezone == "Europe/Lisbon"
    assert (await Membership.get(user=nia)).role == TeamRole.SUPERVISOR
    answer = await slack.submit(modal, BEA, {"user": "U0SAM", "role": "admin"})
    assert answer.body == {}
    assert (await User.get(id=team.sam.id)).privilege == Privilege.ADMIN


async def test_only_admins_assign_roles(slack, team):
    home = await open_home(slack, BEA)
    await slack.press(home["blocks"], "role_open", SAM, container="view")
    await slack.fake.wait_until(
        lambda: any(
            "Only an admin can assign roles" in text_of(c.params["view"]["blocks"])
            for c in slack.fake.calls_to("views.publish")
        )
    )
    assert slack.fake.opened_views() == []
    assert "Team roles" not in text_of((await open_home(slack, SAM, 3))["blocks"])
