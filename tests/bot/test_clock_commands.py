"""/clockin and /clockout over signed HTTP, as a user in Slack sees them."""

import asyncio
import json
import time
from datetime import timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest

from bot.slack import home
from bot.slack.client import http_session, web_client
from models import approval, shift_records
from models.companies import Company, company_for_slack_team
from models.shifts import Shift
from models.timesheets import Timesheet
from models.timeutil import utcnow
from models.users import Privilege, TeamRole, User, find_slack_member
from tests.support.team import person
from tests.support.ticks import next_second
from tests.support.zones import zone_where_it_is_about_noon

ANA = "U0ANA"


@pytest.fixture
async def ana(slack) -> str:
    """Ana, whose company keeps her time zone: "today" and "this week" agree at any hour."""
    noon = zone_where_it_is_about_noon()
    slack.fake.add_user(ANA, "Ana Lima", tz=noon)
    await company_for_slack_team(slack.fake.team_id, "acme", noon)
    return ANA


def home_text(call) -> str:
    return str(call.params["view"]["blocks"])


async def test_clockin_opens_a_shift_and_shows_the_start_in_the_users_zone(slack, ana):
    reply = await slack.command("/clockin", ana, "opening the shop")
    assert reply.status == 200
    assert "clocked in since" in reply.text
    shift = await Shift.get(user__slack_user_id=ana)
    assert shift.end_time is None and shift.notes == "opening the shop"
    local = shift.start_time.astimezone(
        __import__("zoneinfo").ZoneInfo(zone_where_it_is_about_noon())
    )
    assert f"{local.hour % 12 or 12}:{local.minute:02d}" in reply.text
    assert any(
        b.get("elements", [{}])[0].get("action_id") == "clock_out" for b in reply.body["blocks"]
    )
    [publish] = await slack.fake.wait_for("views.publish")
    assert publish.params["user_id"] == ana
    assert "Clocked in" in home_text(publish)


async def test_first_contact_creates_user_and_company_from_users_info(slack):
    slack.fake.add_user("U0BOSS", "Bea Boss", tz="Europe/Lisbon", admin=True)
    await slack.command("/clockin", "U0BOSS")
    user = await User.get(slack_user_id="U0BOSS").prefetch_related("memberships__company")
    assert (user.name, user.email, user.timezone) == (
        "Bea Boss",
        "bea@example.org",
        "Europe/Lisbon",
    )
    assert user.privilege == Privilege.ADMIN
    [membership] = user.memberships
    assert membership.company.slack_team_id == slack.fake.team_id
    assert membership.company.timezone == "America/New_York"  # CLOCKBOT_TIMEZONE's default


async def test_second_clockin_says_since_when_and_changes_nothing(slack, ana):
    await slack.command("/clockin", ana)
    reply = await slack.command("/clockin", ana)
    assert "already clocked in since" in reply.text
    assert await Shift.filter(user__slack_user_id=ana).count() == 1


async def test_clockout_reports_shift_length_and_week_total(slack, ana):
    await slack.command("/clockin", ana, "9:00am")
    reply = await slack.command("/clockout", ana, "10:30am")
    assert "Clocked out at *10:30 AM*" in reply.text
    assert "This shift: *1h 30m*" in reply.text
    assert "This week so far: *1h 30m*" in reply.text
    await slack.command("/clockin", ana, "11:00am")
    reply = await slack.command("/clockout", ana, "11:15am")
    assert "This shift: *15m*" in reply.text and "This week so far: *1h 45m*" in reply.text
    shifts = await Shift.filter(user__slack_user_id=ana).order_by("start_time")
    assert [s.seconds_worked(s.end_time) for s in shifts] == [5400, 900]


async def test_clockout_when_not_clocked_in(slack, ana):
    reply = await slack.command("/clockout", ana)
    assert "not clocked in" in reply.text
    assert await Shift.all().count() == 0


@pytest.mark.parametrize("form", ["8:45am", "08:45", "8:45 AM", "8:45am forgot to punch"])
async def test_forgotten_clockin_in_its_forms(slack, ana, form):
    reply = await slack.command("/clockin", ana, form)
    assert "since *8:45 AM*" in reply.text
    shift = await Shift.get(user__slack_user_id=ana)
    assert shift.notes == ("forgot to punch" if "forgot" in form else "")


@pytest.mark.parametrize(
    ("clockin", "clockout", "expected"),
    [
        ("11:59pm", None, "hasn't happened yet"),
        ("9:00am", "11:58pm", "hasn't happened yet"),
        ("10:00am", "9:00am", "can't end at"),
        ("9:00am", "9:00am", "end the moment it starts"),  # a shift with no length: a mistake
        ("25:00", None, "is not a time of day"),
        ("8:7", None, "couldn't read"),
        ("13:00pm", None, "1 to 12"),
        ("--fast", None, "don't know the option"),
    ],
)
async def test_impossible_times_are_refused_and_change_nothing(
    slack, ana, clockin, clockout, expected
):
    first = await slack.command("/clockin", ana, clockin)
    reply = await slack.command("/clockout", ana, clockout) if clockout else first
    assert expected in reply.text
    shifts = await Shift.filter(user__slack_user_id=ana)
    assert all(s.end_time is None for s in shifts)  # a refused clock-out closed nothing
    if not clockout:
        assert shifts == []


async def test_a_punch_may_not_overlap_another_shift(slack, ana):
    await slack.command("/clockin", ana, "9:00am")
    await slack.command("/clockout", ana, "10:00am")
    reply = await slack.command("/clockin", ana, "9:30am")
    assert "overlap your shift from 9:00 AM to 10:00 AM" in reply.text
    assert await Shift.filter(user__slack_user_id=ana).count() == 1


async def _submit_this_week(slack, ana: str) -> tuple[User, User, Timesheet]:
    """Ana (made on first contact) submits this week; Sam, a supervisor, is there to approve."""
    await slack.command("/timesheet", ana)
    user = await User.get(slack_user_id=ana)
    company = await Company.get(slack_team_id=slack.fake.team_id)
    sam = await person(company, "U0SAM", "Sam Stone", Privilege.SUPERVISOR, TeamRole.SUPERVISOR)
    today = utcnow().astimezone(ZoneInfo(user.timezone)).date()
    transition = await approval.submit(user, company.id, today)
    return user, sam, transition.timesheet


async def test_an_approved_week_takes_no_clockin(slack, ana):
    user, sam, sheet = await _submit_this_week(slack, ana)
    await approval.approve(sam, sheet.id)
    for text in ("", "8:00am"):
        reply = await slack.command("/clockin", ana, text)
        assert "already approved" in reply.text and "Nothing was recorded" in reply.text
    company = await Company.get(id=sheet.company_id)
    await approval.finalize(await person(company, "U0BEA", "Bea Boss", Privilege.ADMIN), sheet.id)
    reply = await slack.command("/clockin", ana)
    assert "finalized and locked" in reply.text and "Nothing was recorded" in reply.text
    assert await Shift.filter(user=user).count() == 0


async def test_an_approved_week_takes_no_clockout(slack, ana):
    user, sam, sheet = await _submit_this_week(slack, ana)
    # A supervisor may record an open shift in a submitted week; then the week is approved.
    shift = await shift_records.create_shift(
        sam.id, user.id, sheet.company_id, start=utcnow() - timedelta(hours=2)
    )
    await approval.approve(sam, sheet.id)
    reply = await slack.command("/clockout", ana)
    assert "already approved" in reply.text and "Nothing was recorded" in reply.text
    assert (await Shift.get(id=shift.id)).end_time is None


async def test_a_note_over_the_cap_is_refused_and_nothing_is_recorded(slack, ana):
    reply = await slack.command("/clockin", ana, "x" * 7800)
    assert "at most 2000 characters" in reply.text and "Nothing was recorded" in reply.text
    assert await Shift.all().count() == 0
    assert "clocked in since" in (await slack.command("/clockin", ana, "8:00am " + "n" * 2000)).text
    # A clock-out note is added to the shift's note: together they may not pass the cap either.
    reply = await slack.command("/clockout", ana, "more")
    assert "at most 2000 characters" in reply.text and "Nothing was recorded" in reply.text
    shift = await Shift.get(user__slack_user_id=ana)
    assert shift.end_time is None and shift.notes == "n" * 2000
    assert "Clocked out" in (await slack.command("/clockout", ana)).text


@pytest.mark.parametrize("command", ["/clockin", "/clockout"])
async def test_help_explains_the_forms(slack, ana, command):
    reply = await slack.command(command, ana, "help")
    assert "/clockin 8:45am" in reply.text and "/clockout 5:30pm" in reply.text
    assert await User.filter(slack_user_id=ana).count() == 0


async def test_clock_out_button_in_the_reply_closes_the_shift(slack, ana):
    reply = await slack.command("/clockin", ana, "8:00am")
    url = slack.fake.response_url()
    pressed = await slack.press(reply.body["blocks"], "clock_out", ana, response_url=url)
    assert pressed.status == 200
    answer = await slack.fake.wait_reply(url)
    assert answer["replace_original"] is True and "Clocked out" in answer["text"]
    assert (await Shift.get(user__slack_user_id=ana)).end_time is not None


async def test_app_home_shows_state_week_and_buttons_that_punch(slack, ana):
    await slack.command("/clockin", ana, "8:00am")
    await slack.command("/clockout", ana, "9:15am")
    await slack.fake.wait_for("views.publish", 2)
    slack.fake.reset()

    await slack.event({"type": "app_home_opened", "user": ana, "channel": "D1", "tab": "home"})
    [publish] = await slack.fake.wait_for("views.publish")
    view = publish.params["view"]
    assert view["type"] == "home"
    assert "Clocked out" in str(view) and "8:00 AM – 9:15 AM" in str(view)
    assert "Week total: 1h 15m" in str(view)

    await slack.press(view["blocks"], "clock_in", ana, container="view")
    publishes = await slack.fake.wait_for("views.publish", 2)
    after = publishes[-1].params["view"]
    assert "Clocked in" in str(after) and "You're clocked in since" in str(after)
    assert await Shift.filter(user__slack_user_id=ana, end_time__isnull=True).count() == 1

    await next_second()
    await slack.press(after["blocks"], "clock_out", ana, container="view")
    publishes = await slack.fake.wait_for("views.publish", 3)
    assert "Clocked out at" in str(publishes[-1].params["view"])
    assert await Shift.filter(user__slack_user_id=ana, end_time__isnull=True).count() == 0


async def test_reply_does_not_wait_for_a_slow_slack(slack, ana):
    """views.publish hangs, then fails with 500: the reply is sent anyway, the home gets there."""
    await slack.command("/clockin", ana, "8:00am")  # first contact out of the way
    await slack.fake.wait_for("views.publish")
    slack.fake.reset()
    slack.fake.fail("views.publish", "hang")
    slack.fake.fail("views.publish", "500")
    reply = await slack.command("/clockout", ana)
    assert "Clocked out" in reply.text
    calls = await slack.fake.wait_for("views.publish", 3, timeout=15)
    assert len(calls) == 3  # hung (timed out), 500, then published


async def test_app_home_publishes_coalesce_and_end_on_the_last_state(slack, ana):
    """Punches while a publish is on its way make one more publish, read after the last one;
    an older state can never land after a newer one."""
    await slack.command("/clockin", ana, "7:00am")  # first contact out of the way
    await slack.fake.wait_for("views.publish")
    slack.fake.reset()
    slack.fake.slow("views.publish", 1.0)
    for command, at in [("/clockout", "7:30am"), ("/clockin", "8:00am"), ("/clockout", "8:30am")]:
        reply = await slack.command(command, ana, at)
        assert "You're clocked in since" in reply.text or "Clocked out" in reply.text
    await slack.fake.settle(quiet=1.5, timeout=10)
    first, last = slack.fake.calls_to("views.publish")  # not one per punch
    assert "8:00 AM – 8:30 AM" not in home_text(first)
    assert "Clocked out" in home_text(last) and "8:00 AM – 8:30 AM" in home_text(last)


async def test_a_burst_builds_few_app_homes_at_a_time_and_each_lands_current(slack, ana):
    """Replies never wait for App Homes, at most `BUILDS_AT_ONCE` are built at a time, and each
    user's App Home, once the burst is over, shows their last punch."""
    users = [f"U0BURST{n}" for n in range(5)]
    for user in users:
        slack.fake.add_user(user, f"Burst {user[-1]}")
        await slack.command("/clockin", user)  # first contact out of the way
    await slack.fake.settle()
    slack.fake.reset()
    slack.fake.slow("views.publish", 1.5)
    replies = await asyncio.gather(*(slack.command("/clockout", user) for user in users))
    assert all("Clocked out" in reply.text for reply in replies)
    first = await slack.fake.wait_for("views.publish")
    await asyncio.sleep(0.75)  # the first builds are still waiting for Slack's answer
    assert len(slack.fake.calls_to("views.publish")) == home.BUILDS_AT_ONCE
    assert first[0].status is None
    await slack.fake.settle(quiet=2, timeout=30)
    calls = slack.fake.calls_to("views.publish")
    assert sorted(call.params["user_id"] for call in calls) == users  # one each
    assert all("Clocked out" in home_text(call) for call in calls)


async def test_a_notice_waiting_for_its_app_home_survives_a_later_change(slack, ana, db):
    """A notice (a refusal shown on the Home tab) that is coalesced with a later publish without
    one is still shown."""
    await slack.command("/clockin", ana)
    user, company = await find_slack_member(slack.fake.team_id, ana)
    await slack.fake.settle()
    slack.fake.reset()
    slack.fake.slow("views.publish", 1.0)
    async with http_session(db.settings) as session:
        client = web_client(db.settings, session)
        first = asyncio.create_task(home.publish(client, user, company))
        await slack.fake.wait_for("views.publish")  # on its way: the next two wait behind it
        await home.publish(client, user, company, notice="Only an admin can assign roles.")
        await home.publish(client, user, company)
        await first
    first_call, last_call = slack.fake.calls_to("views.publish")  # the two waiting made one
    assert "Only an admin" not in home_text(first_call)
    assert "Only an admin can assign roles." in home_text(last_call)


async def test_rate_limited_users_info_is_retried_after_retry_after(slack):
    slack.fake.add_user("U0RATE", "Rui Rate", tz="Asia/Tokyo")
    slack.fake.fail("users.info", "429", retry_after=0)
    reply = await slack.command("/clockin", "U0RATE")
    assert "clocked in since" in reply.text
    assert len(slack.fake.calls_to("users.info")) == 2
    assert (await User.get(slack_user_id="U0RATE")).timezone == "Asia/Tokyo"


@pytest.mark.parametrize(
    "headers",
    [
        "wrong secret",
        "stale timestamp",
        "no signature",
    ],
)
async def test_forged_or_stale_requests_are_refused_and_touch_nothing(slack, ana, headers):
    from urllib.parse import urlencode

    body = urlencode(
        {
            "team_id": slack.fake.team_id,
            "user_id": ana,
            "command": "/clockin",
            "text": "",
            "response_url": slack.fake.response_url(),
        }
    )
    if headers == "wrong secret":
        signed = slack.sign(body, secret="not-the-secret")
    elif headers == "stale timestamp":
        signed = slack.sign(body, timestamp=int(time.time()) - 6 * 60)
    else:
        signed = {"X-Slack-Request-Timestamp": str(int(time.time()))}
    reply = await slack.post(body, "application/x-www-form-urlencoded", signed)
    assert reply.status == 401
    await asyncio.sleep(0.2)  # give a wrongly started listener the chance to show itself
    assert await User.all().count() == 0 and await Shift.all().count() == 0
    assert slack.fake.calls == []


@pytest.mark.parametrize(
    "payload",
    [
        "{not-json",
        {"type": "block_actions", "actions": []},
        {"type": "block_actions", "actions": [{}]},
        {"type": "view_submission", "view": {"callback_id": "ts_shift_modal"}},
        {"type": "view_submission", "view": {}},
        {"type": "view_closed"},
        {"type": "block_actions"},
        {"type": "shortcut"},
        {"type": "message_action"},
        {"type": "block_suggestion"},
        {"type": "block_actions", "actions": [{"action_id": "clock_in"}], "team": "T0001"},
        {"type": "block_actions", "actions": "clock_in"},
        {"type": "event_callback", "event": []},
        {"type": "event_callback", "authorizations": "all"},
        [],
        "null",
        "1",
    ],
)
async def test_malformed_signed_body_is_refused(slack, ana, payload, caplog):
    """Signed, but not what Slack sends: refused (or acknowledged) quietly, with no traceback."""
    if not isinstance(payload, str):
        if isinstance(payload, dict):
            payload = {
                "team": {"id": slack.fake.team_id},
                "user": {"id": ana, "team_id": slack.fake.team_id},
                **payload,
            }
        payload = json.dumps(payload)
    reply = await slack.post(urlencode({"payload": payload}), "application/x-www-form-urlencoded")
    assert reply.status in (200, 400, 404), reply
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    assert await Shift.all().count() == 0
