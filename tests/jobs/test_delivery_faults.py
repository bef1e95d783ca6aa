"""Slack misbehaving: every recipient still ends with exactly one reminder."""

from models.reminders import Reminder, ReminderStatus
from tests.jobs.conftest import overdue_team

NAMES = ["Ana", "Bo", "Cy", "Di", "Ed", "Flo"]


async def test_429_500_and_a_hang_are_retried_and_each_recipient_gets_one(slack, people, run):
    ids = await overdue_team(people, NAMES)
    slack.fake.fail("chat.postMessage", "429", retry_after=1, only={"channel": ids[0]})
    slack.fake.fail("chat.postMessage", "500", only={"channel": ids[1]})
    slack.fake.fail("chat.postMessage", "hang", only={"channel": ids[2]})
    slack.fake.fail("chat.postMessage", "429", times=2, retry_after=1, only={"channel": ids[3]})

    report = await run("forgotten-clockouts")
    assert (report.delivery.sent, report.delivery.failed) == (6, 0)
    assert slack.fake.delivered_per_channel() == dict.fromkeys(ids, 1)
    attempts = {c.params["channel"]: 0 for c in slack.fake.calls_to("chat.postMessage")}
    for call in slack.fake.calls_to("chat.postMessage"):
        attempts[call.params["channel"]] += 1
    assert attempts == {ids[0]: 2, ids[1]: 2, ids[2]: 2, ids[3]: 3, ids[4]: 1, ids[5]: 1}
    statuses = await Reminder.all().values_list("status", "attempts")
    assert sorted(statuses) == [(ReminderStatus.SENT, 1)] * 6  # one run, one claim each


async def test_a_recipient_slack_keeps_refusing_waits_for_the_next_run(slack, people, run):
    ids = await overdue_team(people, NAMES)
    # The first 500 and its two retries (bot/slack/client.py): then the run gives up on Bo.
    slack.fake.fail("chat.postMessage", "500", times=3, only={"channel": ids[1]})

    first = await run("forgotten-clockouts")
    assert (first.delivery.sent, first.delivery.failed) == (5, 1)
    assert slack.fake.delivered_per_channel() == {i: 1 for i in ids if i != ids[1]}
    bo = await Reminder.get(recipient__slack_user_id=ids[1])
    assert (bo.status, bo.attempts) == (ReminderStatus.FAILED, 1)
    assert "500" in bo.last_error or "internal error" in bo.last_error

    second = await run("forgotten-clockouts")
    assert (second.delivery.sent, second.delivery.failed) == (1, 0)
    assert slack.fake.delivered_per_channel() == dict.fromkeys(ids, 1)
    await bo.refresh_from_db()
    assert (bo.status, bo.attempts) == (ReminderStatus.SENT, 2)


async def test_slack_refusing_for_good_is_given_up_after_the_last_attempt(slack, people, run):
    from models.reminders import MAX_ATTEMPTS

    acme = await people.company()
    gone = await people.member(acme, "U0GONE", "Gone User")
    await people.open_for(gone, acme, 11)
    slack.fake.fail("chat.postMessage", "account_inactive", times=99)
    for _ in range(MAX_ATTEMPTS):
        assert (await run("forgotten-clockouts")).delivery.failed == 1
    row = await Reminder.get()
    assert (row.status, row.attempts) == (ReminderStatus.GAVE_UP, MAX_ATTEMPTS)
    calls = len(slack.fake.calls_to("chat.postMessage"))
    assert (await run("forgotten-clockouts")).delivery.failed == 0
    assert len(slack.fake.calls_to("chat.postMessage")) == calls
