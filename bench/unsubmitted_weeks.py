"""Benchmark: the unsubmitted-weeks job for 10,000 associates in 100 companies, rate-limited.

    python -m bench.unsubmitted_weeks [--companies 100] [--associates 10000] [--rate 50]
                                      [--burst 10] [--database-url postgres://...]

A fake Slack (tests/support/fakeslack.py, in this process) enforces a token-bucket rate limit on
chat.postMessage and answers 429 with Retry-After beyond it, as Slack does. The job runs as of
the Monday 10:00 after a week in which every associate worked five 8-hour days, so each is due
exactly one reminder (nobody has submitted the week).

Prints the database statements the run issued (by verb), the wall time, and the wall time divided
by the fastest time the rate limit allows ((reminders - burst) / rate).
Without --database-url it uses a new SQLite file; with one, a new database on that server.
"""

import argparse
import asyncio
import os
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.slack.client import http_session
from jobs.querylog import count_queries
from jobs.runner import run_job
from jobs.scheduler import job_client
from models.companies import Company
from models.db import close_db, migrate
from models.reminders import Reminder, ReminderStatus
from models.shifts import Shift
from models.timeutil import to_instant
from models.users import Membership, User
from tests.support.databases import PG_ENV, fresh_database
from tests.support.fakeslack import FakeSlack

NY = ZoneInfo("America/New_York")
WEEK = datetime(2026, 11, 8, tzinfo=NY)  # a Sunday
RUN_AT = datetime(2026, 11, 16, 10, tzinfo=NY)  # the Monday 10:00 after it


async def seed(companies: int, associates: int) -> None:
    per_company = associates // companies
    for c in range(companies):
        company = await Company.create(
            name=f"Company {c}", timezone="America/New_York", slack_team_id=f"TB{c:04d}"
        )
        users = [
            User(
                name=f"Associate {c}-{i}",
                timezone="America/New_York",
                slack_team_id=company.slack_team_id,
                slack_user_id=f"UB{c:04d}{i:05d}",
            )
            for i in range(per_company)
        ]
        await User.bulk_create(users, batch_size=500)
        await Membership.bulk_create(
            [Membership(user_id=u.id, company_id=company.id) for u in users], batch_size=500
        )
        shifts = []
        for user in users:
            for day in range(1, 6):
                start = to_instant(WEEK + timedelta(days=day, hours=9))
                shifts.append(
                    Shift(
                        user_id=user.id,
                        company_id=company.id,
                        shift_date=start,
                        start_time=start,
                        end_time=start + timedelta(hours=8),
                    )
                )
        await Shift.bulk_create(shifts, batch_size=500)


async def bench(args: argparse.Namespace, db_url: str) -> None:
    fake = FakeSlack()
    await fake.start()
    limit = fake.rate_limit("chat.postMessage", args.rate, args.burst)
    try:
        await migrate(db_url)
        started = time.monotonic()
        await seed(args.companies, args.associates)
        print(
            f"seeded {args.associates} associates in {args.companies} companies "
            f"({time.monotonic() - started:.1f}s)"
        )
        settings = Settings(
            database_url=db_url,
            slack_bot_token="xoxb-bench",
            slack_api_url=fake.url + "api/",
            slack_api_timeout=10,
        )
        async with http_session(settings) as session:
            client = job_client(settings, session)
            with count_queries() as queries:
                started = time.monotonic()
                report = await run_job("unsubmitted-weeks", client, now=RUN_AT)
                wall = time.monotonic() - started
        sent = await Reminder.filter(status=ReminderStatus.SENT).count()
        delivered = len(fake.delivered())
    finally:
        await close_db()
        await fake.stop()

    fastest = max(0, report.delivery.sent - args.burst) / args.rate
    print(report.summary())
    print(
        f"ledger rows sent: {sent}; messages Slack accepted: {delivered}; "
        f"429s answered: {limit.refused}"
    )
    print("database statements: " + ", ".join(f"{k} {v}" for k, v in sorted(queries.items())))
    reads = queries.get("SELECT", 0)
    print(f"  of which reads (finding the recipients and the ledger): {reads}")
    print(
        f"wall time: {wall:.1f}s; fastest the rate limit allows "
        f"({args.rate:g}/s, burst {args.burst}): {fastest:.1f}s; "
        f"ratio: {wall / fastest if fastest else float('nan'):.2f}"
    )


async def main(args: argparse.Namespace) -> None:
    if args.database_url:
        os.environ[PG_ENV] = args.database_url  # where fresh_database makes its database
        async with fresh_database("postgres", Path(".")) as db_url:
            await bench(args, db_url)
        return
    with tempfile.TemporaryDirectory() as tmp:
        await bench(args, f"sqlite://{tmp}/bench.sqlite3")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--companies", type=int, default=100)
    parser.add_argument("--associates", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=50.0, help="chat.postMessage per second")
    parser.add_argument("--burst", type=int, default=10)
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/test): the bench "
        "makes and drops its own database there",
    )
    asyncio.run(main(parser.parse_args()))
