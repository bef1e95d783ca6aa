"""The recipients of a run come from a fixed number of queries, however many users there are.

Queries are counted from Tortoise's own statement log (jobs/querylog.py): nothing is wrapped.
Each reminder sent costs exactly two writes, its ledger claim and its mark; the reads do not
depend on the number of users.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from jobs.querylog import count_queries
from models import approval
from models.schedules import set_schedule
from models.users import Privilege, TeamRole, User

NY = ZoneInfo("America/New_York")


async def staff(people, name: str, associates: int, team: str):
    company = await people.company(name, team=team)
    await people.member(company, f"U0{team}SUP", f"{name} Supervisor", role=TeamRole.SUPERVISOR)
    users = [
        await people.member(company, f"U0{team}{i}", f"{name} Associate {i}")
        for i in range(associates)
    ]
    return company, users


async def test_forgotten_clockouts_reads_stay_the_same_from_3_to_30_users(slack, people, run):
    counts = []
    for name, size in (("Small", 3), ("Large", 30)):
        company, users = await staff(people, name, size, name[:2].upper())
        for i, user in enumerate(users):
            await people.open_for(user, company, 17 if i == 0 else 11)  # one past the limit
        with count_queries() as counted:
            report = await run("forgotten-clockouts")
        # Each associate, plus the supervisor told about the shift past the limit.
        assert report.delivery.sent == size + 1
        counts.append(dict(counted))
    small, large = counts
    assert small["SELECT"] == large["SELECT"] <= 8
    assert (small["INSERT"], small["UPDATE"]) == (3 + 1 + 1, 3 + 1)  # + the flag
    assert (large["INSERT"], large["UPDATE"]) == (30 + 1 + 1, 30 + 1)


async def test_unsubmitted_weeks_reads_stay_the_same_from_3_to_30_users(slack, people, run):
    counts = []
    for name, size in (("Small", 3), ("Large", 30)):
        company, users = await staff(people, name, size, name[:2].upper())
        for user in users:
            await people.shift(
                user,
                company,
                datetime(2026, 11, 9, 9, tzinfo=NY),
                datetime(2026, 11, 9, 17, tzinfo=NY),
            )
        with count_queries() as counted:
            # Wednesday: the escalation to the supervisor goes too.
            report = await run("unsubmitted-weeks", at=datetime(2026, 11, 18, 10, tzinfo=NY))
        assert report.delivery.sent == size + 1
        counts.append(dict(counted))
    small, large = counts
    assert small["SELECT"] == large["SELECT"] <= 8
    assert (small["INSERT"], small["UPDATE"]) == (3 + 1, 3 + 1)
    assert (large["INSERT"], large["UPDATE"]) == (30 + 1, 30 + 1)


async def test_attendance_reads_stay_the_same_from_3_to_30_users(slack, people, run):
    counts = []
    for name, size in (("Small", 3), ("Large", 30)):
        company, users = await staff(people, name, size, name[:2].upper())
        supervisor = await User.get(slack_user_id=f"U0{name[:2].upper()}SUP")
        monday = date(2026, 11, 9)
        for user in users:
            start = datetime(2026, 11, 9, 9, tzinfo=NY)
            await set_schedule(
                supervisor, user.id, company.id, monday, [(start, start + timedelta(hours=8))]
            )
            await people.shift(
                user, company, start + timedelta(minutes=30), start + timedelta(hours=8)
            )
        with count_queries() as counted:
            report = await run("attendance", at=datetime(2026, 11, 9, 18, tzinfo=NY))
        assert report.delivery.sent == size  # each late arrival, to the supervisor
        counts.append(dict(counted))
    small, large = counts
    # Each plan judged takes a lock on its week's sheet; every other read is shared.
    assert small["SELECT"] - 3 == large["SELECT"] - 30 <= 14
    # Per plan: its report and the report's audit record, the DM's ledger claim; the plan's
    # claim and the ledger mark.
    assert (small["INSERT"], small["UPDATE"]) == (3 * 3, 3 * 2)
    assert (large["INSERT"], large["UPDATE"]) == (30 * 3, 30 * 2)


async def test_pending_reviews_reads_stay_the_same_from_3_to_30_users(slack, people, run):
    counts = []
    week = datetime(2026, 11, 8, tzinfo=NY).date()
    for name, size in (("Small", 3), ("Large", 30)):
        company, users = await staff(people, name, size, name[:2].upper())
        admin = await people.member(
            company, f"U0{name[:2].upper()}ADM", f"{name} Admin", privilege=Privilege.ADMIN
        )
        for i, user in enumerate(users):
            await people.shift(
                user,
                company,
                datetime(2026, 11, 9, 9, tzinfo=NY),
                datetime(2026, 11, 9, 17, tzinfo=NY),
            )
            # Submitted 30 hours before the digest; the first one approved too, for the admin.
            done = await approval.submit(
                user, company.id, week, now=datetime(2026, 11, 15, 3, tzinfo=NY)
            )
            if i == 0:
                await approval.approve(
                    admin, done.timesheet.id, now=datetime(2026, 11, 15, 3, tzinfo=NY)
                )
        with count_queries() as counted:
            report = await run("pending-reviews", at=datetime(2026, 11, 16, 9, tzinfo=NY))
        # One digest to the supervisor (the submitted weeks), one to the admin (the reviewed one).
        assert report.delivery.sent == 2
        counts.append(dict(counted))
    small, large = counts
    assert small["SELECT"] == large["SELECT"] <= 8
    assert (small["INSERT"], small["UPDATE"]) == (large["INSERT"], large["UPDATE"]) == (2, 2)
