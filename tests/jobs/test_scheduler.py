"""The scheduler: local-time cron triggers across DST, missed fires, isolation, the processes."""

import asyncio
import logging
import signal
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from jobs.companies import CompanyRules
from jobs.scheduler import JobScheduler, company_triggers, missed_fire
from models.reminder_settings import DEFAULT_RULES, change_rules
from models.reminder_times import latest_week_due
from models.reminders import Reminder
from models.timeutil import utcnow
from tests.jobs.conftest import cli_env, overdue_team
from tests.support.processes import clockbot_command, free_port

NY = ZoneInfo("America/New_York")


def fires(trigger, start: datetime, count: int) -> list[datetime]:
    out, previous = [], None
    for _ in range(count):
        previous = trigger.get_next_fire_time(previous, previous or start)
        out.append(previous.astimezone(UTC))
    return out


def test_cron_triggers_keep_local_time_across_the_dst_change():
    triggers = company_triggers(CompanyRules(None, NY, DEFAULT_RULES))  # type: ignore[arg-type]
    start = datetime(2026, 10, 25, tzinfo=UTC)
    # Monday 10:00 reminders and Wednesday 10:00 escalations; New York leaves DST on Nov 1.
    assert fires(triggers["unsubmitted-weeks"], start, 4) == [
        datetime(2026, 10, 26, 14, tzinfo=UTC),
        datetime(2026, 10, 28, 14, tzinfo=UTC),
        datetime(2026, 11, 2, 15, tzinfo=UTC),
        datetime(2026, 11, 4, 15, tzinfo=UTC),
    ]
    daily = fires(triggers["pending-reviews"], datetime(2026, 10, 31, tzinfo=UTC), 3)
    assert [f.astimezone(NY).hour for f in daily] == [9, 9, 9]
    assert [f.hour for f in daily] == [13, 14, 14]


def test_a_fire_missed_within_the_grace_time_is_found_and_an_older_one_is_not():
    trigger = company_triggers(CompanyRules(None, NY, DEFAULT_RULES))["unsubmitted-weeks"]  # type: ignore[arg-type]
    monday_ten = datetime(2026, 11, 16, 10, tzinfo=NY)
    grace = timedelta(hours=1)
    assert missed_fire(trigger, monday_ten + timedelta(minutes=30), grace) == monday_ten
    assert missed_fire(trigger, monday_ten + timedelta(minutes=61), grace) is None
    assert missed_fire(trigger, monday_ten - timedelta(minutes=1), grace) is None


async def set_reminder_time(company, moment: datetime) -> None:
    local = moment.astimezone(ZoneInfo(company.timezone))
    await change_rules(
        company.id,
        unsubmitted_weekday=local.weekday(),
        unsubmitted_hour=local.hour,
        unsubmitted_minute=local.minute,
    )


async def test_on_start_a_fire_missed_while_down_runs_within_grace(slack, people, client):
    now = utcnow()
    recent = await people.company("Recent", tz="America/New_York")
    old = await people.company("Old", tz="Asia/Tokyo", team="T0OLD")
    await set_reminder_time(recent, now - timedelta(minutes=5))  # missed 5 minutes ago
    await set_reminder_time(old, now - timedelta(hours=2))  # missed beyond the hour of grace
    for company, slack_id in ((recent, "U0ANA"), (old, "U0BO")):
        user = await people.member(company, slack_id, slack_id)
        rules = await change_rules(company.id)
        week = latest_week_due(now, ZoneInfo(company.timezone), rules)
        await people.shift(
            user, company, week.start + timedelta(days=1), week.start + timedelta(days=1, hours=8)
        )

    scheduler = JobScheduler(client)
    await scheduler.start()
    try:
        [dm] = await slack.fake.wait_for("chat.postMessage")
        assert dm.params["channel"] == "U0ANA" and "not submitted yet" in dm.params["text"]
        later = scheduler.scheduler.get_job(f"unsubmitted-weeks@{old.id}").next_run_time
        assert later > now  # its next fire, not a replay of the one missed
    finally:
        await scheduler.stop()
    assert [c.params["channel"] for c in slack.fake.delivered()] == ["U0ANA"]


async def test_many_companies_due_at_once_are_gathered_into_one_run(slack, people, client, caplog):
    # More companies than the database pool has connections: one run per fire would hold one
    # lock connection each and leave none for their queries.
    caplog.set_level(logging.INFO, logger="jobs.scheduler")
    now = utcnow()
    ids = []
    for i in range(12):
        company = await people.company(f"Company {i}", team=f"T0C{i}")
        await set_reminder_time(company, now - timedelta(minutes=5))
        user = await people.member(company, f"U0C{i}", f"Associate {i}")
        week = latest_week_due(now, ZoneInfo(company.timezone), await change_rules(company.id))
        start = week.start + timedelta(days=2)
        await people.shift(user, company, start, start + timedelta(hours=8))
        ids.append(user.slack_user_id)

    scheduler = JobScheduler(client)
    await scheduler.start()
    try:
        await slack.fake.wait_for("chat.postMessage", 12, timeout=20)
    finally:
        await scheduler.stop()
    assert slack.fake.delivered_per_channel() == dict.fromkeys(ids, 1)
    runs = [r for r in caplog.messages if r.startswith("unsubmitted-weeks as of")]
    assert sum(int(r.split(": ", 1)[1].split(" sent")[0]) for r in runs) == 12
    assert len(runs) < 12


async def test_a_failing_job_is_logged_and_the_others_still_run(slack, people, client, caplog):
    caplog.set_level(logging.INFO, logger="jobs.scheduler")
    scheduler = JobScheduler(client)
    await scheduler.start()
    try:
        scheduler.scheduler.add_job(scheduler._fire, args=["no-such-job", None], id="broken")
        await until(lambda: "job no-such-job failed" in caplog.text)
        ids = await overdue_team(people, ["Ana"])
        scheduler.scheduler.modify_job("forgotten-clockouts", next_run_time=datetime.now(UTC))
        [dm] = await slack.fake.wait_for("chat.postMessage")
        assert dm.params["channel"] == ids[0]
    finally:
        await scheduler.stop()
    assert "job no-such-job failed; the scheduler goes on" in caplog.text


async def until(condition, timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():  # noqa: ASYNC110 (polls a log: no event to wait on)
            await asyncio.sleep(0.05)


async def test_serve_runs_the_scheduler_unless_told_not_to(server, slack, people):
    ids = await overdue_team(people, ["Ana"])
    port = free_port()
    serve = await asyncio.create_subprocess_exec(
        *clockbot_command(),
        "serve",
        "--no-migrate",
        env=cli_env(server, PORT=str(port), SLACK_SIGNING_SECRET="secret"),
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        [dm] = await slack.fake.wait_for("chat.postMessage", timeout=30)
        assert dm.params["channel"] == ids[0]
        assert await healthz(port) == 200
    finally:
        serve.send_signal(signal.SIGINT)
        _, err = await serve.communicate()
    assert "scheduler started" in err.decode()

    port = free_port()
    quiet = await asyncio.create_subprocess_exec(
        *clockbot_command(),
        "serve",
        "--no-migrate",
        "--no-scheduler",
        env=cli_env(server, PORT=str(port), SLACK_SIGNING_SECRET="secret"),
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        assert await healthz(port) == 200
    finally:
        quiet.send_signal(signal.SIGINT)
        _, err = await quiet.communicate()
    said = err.decode()
    assert "Scheduler off (--no-scheduler)" in said and "scheduler started" not in said


async def test_clockbot_scheduler_alone_sends_and_stops_cleanly(server, slack, people):
    ids = await overdue_team(people, ["Ana", "Bo"])
    proc = await asyncio.create_subprocess_exec(
        *clockbot_command(),
        "scheduler",
        "--no-migrate",
        env=cli_env(server),
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await slack.fake.wait_for("chat.postMessage", 2, timeout=30)
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = await proc.communicate()
    assert proc.returncode == 0, err.decode()
    assert "forgotten-clockouts as of" in err.decode() and "2 sent" in err.decode()
    assert slack.fake.delivered_per_channel() == dict.fromkeys(ids, 1)
    assert await Reminder.filter(status="sent").count() == 2


async def healthz(port: int) -> int:
    async with aiohttp.ClientSession() as session:
        for _ in range(300):
            try:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                    return response.status
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.1)
    pytest.fail("no answer on /healthz")
