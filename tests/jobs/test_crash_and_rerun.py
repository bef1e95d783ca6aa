"""A `run-job` killed halfway, then run again: still exactly one reminder each."""

import asyncio

from models.reminders import Reminder, ReminderStatus
from tests.jobs.conftest import cli_env, overdue_team
from tests.support.processes import clockbot_command

NAMES = ["Ana", "Bo", "Cy", "Di", "Ed", "Flo"]


async def run_job_process(server, *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        *clockbot_command(),
        "run-job",
        *args,
        env=cli_env(server, SLACK_API_TIMEOUT="60"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def until(condition, timeout: float = 30.0) -> None:
    async with asyncio.timeout(timeout):
        while not await condition():  # noqa: ASYNC110 (polls the database: no event to wait on)
            await asyncio.sleep(0.05)


async def test_killed_after_three_sends_then_rerun_sends_the_other_three(server, slack, people):
    ids = await overdue_team(people, NAMES)
    # Slack takes the first three; the others' requests hang, so the run is caught mid-send.
    for slack_id in ids[3:]:
        slack.fake.fail("chat.postMessage", "hang", only={"channel": slack_id})
    proc = await run_job_process(server, "forgotten-clockouts")

    async def three_sent_three_in_flight() -> bool:
        hung = [c for c in slack.fake.calls_to("chat.postMessage") if c.status is None]
        sent = await Reminder.filter(status=ReminderStatus.SENT).count()
        return sent == 3 and len(hung) == 3

    await until(three_sent_three_in_flight)
    proc.kill()  # SIGKILL: no clean-up, no chance to record anything more
    await proc.wait()
    claimed = await Reminder.filter(status=ReminderStatus.CLAIMED).values_list(
        "recipient__slack_user_id", flat=True
    )
    assert sorted(claimed) == sorted(ids[3:])

    slack.fake.faults.clear()
    again = await run_job_process(server, "forgotten-clockouts")
    out, err = await again.communicate()
    assert again.returncode == 0, err.decode()
    assert "3 sent, 0 failed" in out.decode()
    assert slack.fake.delivered_per_channel() == dict.fromkeys(ids, 1)
    rows = await Reminder.all().values_list("recipient__slack_user_id", "status", "attempts")
    assert sorted(rows) == sorted((i, ReminderStatus.SENT, 2 if i in ids[3:] else 1) for i in ids)


async def test_run_job_as_if_at_a_time_and_its_refusals(server, slack, people):
    await overdue_team(people, ["Ana"])
    proc = await run_job_process(server, "forgotten-clockouts", "--at", "2020-01-01T10:00:00Z")
    out, _ = await proc.communicate()
    # Five years earlier, nobody had been clocked in for 10 hours yet.
    assert proc.returncode == 0
    assert "forgotten-clockouts as of 2020-01-01T10:00:00+00:00: 0 sent" in out.decode()

    proc = await run_job_process(server, "forgotten-clockouts", "--at", "tomorrow")
    _, err = await proc.communicate()
    assert proc.returncode == 2 and "is not an ISO-8601 time" in err.decode()
    assert "Traceback" not in err.decode()
