"""Several processes firing the same job: each company's run happens once, one set of reminders."""

import asyncio
import signal

import pytest

from jobs.locks import company_locks
from models.reminders import Reminder, ReminderStatus
from tests.jobs.conftest import cli_env, overdue_team
from tests.support.processes import clockbot_command

NAMES = ["Ana", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal"]


async def test_a_company_another_runner_holds_is_skipped_then_done(slack, people, run):
    ids = await overdue_team(people, ["Ana"])
    [company_id] = {r for r in await people_company_ids()}
    async with company_locks("forgotten-clockouts", [company_id]) as mine:
        assert mine == [company_id]
        busy = await run("forgotten-clockouts")
        assert (busy.companies, busy.elsewhere, busy.delivery.sent) == (0, 1, 0)
        # Another job's lock is another key: it is not held up.
        assert (await run("pending-reviews")).companies == 1
    done = await run("forgotten-clockouts")
    assert (done.companies, done.elsewhere, done.delivery.sent) == (1, 0, 1)
    assert slack.fake.delivered_per_channel() == {ids[0]: 1}


async def people_company_ids():
    from models.companies import Company

    return await Company.all().values_list("id", flat=True)


async def test_two_scheduler_processes_on_one_postgresql_send_one_set(
    server, backend, slack, people
):
    if backend != "postgres":
        pytest.skip("several processes need PostgreSQL; on SQLite one process is assumed")
    ids = await overdue_team(people, NAMES)
    slack.fake.slow("chat.postMessage", 1.5)  # so that the two runs are likely to overlap
    procs = [
        await asyncio.create_subprocess_exec(
            *clockbot_command(),
            "scheduler",
            "--no-migrate",
            env=cli_env(server),
            stderr=asyncio.subprocess.PIPE,
        )
        for _ in range(2)
    ]
    summaries: list[str] = []

    async def read_until_run(proc) -> None:
        assert proc.stderr is not None
        async for line in proc.stderr:
            if b"forgotten-clockouts as of" in line:
                summaries.append(line.decode())
                return

    try:
        async with asyncio.timeout(60):
            await asyncio.gather(*(read_until_run(p) for p in procs))
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        codes = [await proc.wait() for proc in procs]
    assert codes == [0, 0]
    assert slack.fake.delivered_per_channel() == dict.fromkeys(ids, 1)
    assert len(slack.fake.calls_to("chat.postMessage")) == len(ids)
    assert sum(int(s.split(": ", 2)[2].split(" sent")[0]) for s in summaries) == len(ids)
    rows = await Reminder.all().values_list("status", "attempts")
    assert rows == [(ReminderStatus.SENT, 1)] * len(ids)
