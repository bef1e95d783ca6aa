"""Each job reads the tables that grow with history only through indexes, on both databases:
every statement of a run, EXPLAINed as sent (see tests/support/plans.py). The runs are those of
test_query_counts, with a few people."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from models import approval
from models.schedules import set_schedule
from models.users import Privilege, TeamRole
from tests.support.plans import history_read_whole, statements

NY = ZoneInfo("America/New_York")
MONDAY = datetime(2026, 11, 9, 9, tzinfo=NY)


async def staff(people, associates: int = 3):
    company = await people.company()
    supervisor = await people.member(company, "U0SUP", "Sue Supervisor", role=TeamRole.SUPERVISOR)
    admin = await people.member(company, "U0ADM", "Al Admin", privilege=Privilege.ADMIN)
    users = [await people.member(company, f"U0A{i}", f"Associate {i}") for i in range(associates)]
    return company, supervisor, admin, users


async def test_forgotten_clockouts(slack, people, run):
    company, _, _, users = await staff(people)
    for i, user in enumerate(users):
        await people.open_for(user, company, 17 if i == 0 else 11)  # one past the limit
    with statements() as sent:
        report = await run("forgotten-clockouts")
    assert report.delivery.sent == len(users) + 2  # and the supervisor and the admin told
    assert await history_read_whole(sent) == {}


async def test_unsubmitted_weeks(slack, people, run):
    company, _, _, users = await staff(people)
    for user in users:
        await people.shift(user, company, MONDAY, MONDAY + timedelta(hours=8))
    with statements() as sent:
        # Wednesday: the escalation to the supervisor goes too.
        report = await run("unsubmitted-weeks", at=datetime(2026, 11, 18, 10, tzinfo=NY))
    assert report.delivery.sent == len(users) + 1
    assert await history_read_whole(sent) == {}


async def test_attendance(slack, people, run):
    company, supervisor, _, users = await staff(people)
    for user in users:
        plan = [(MONDAY, MONDAY + timedelta(hours=8))]
        await set_schedule(supervisor, user.id, company.id, date(2026, 11, 9), plan)
        await people.shift(
            user, company, MONDAY + timedelta(minutes=30), MONDAY + timedelta(hours=8)
        )
    with statements() as sent:
        report = await run("attendance", at=datetime(2026, 11, 9, 18, tzinfo=NY))
    assert report.delivery.sent == len(users)  # each late arrival, to the supervisor
    assert await history_read_whole(sent) == {}


async def test_pending_reviews(slack, people, run):
    company, _, admin, users = await staff(people)
    submitted = datetime(2026, 11, 15, 3, tzinfo=NY)
    for i, user in enumerate(users):
        await people.shift(user, company, MONDAY, MONDAY + timedelta(hours=8))
        done = await approval.submit(user, company.id, MONDAY.date(), now=submitted)
        if i == 0:
            await approval.approve(admin, done.timesheet.id, now=submitted)
    with statements() as sent:
        report = await run("pending-reviews", at=datetime(2026, 11, 16, 9, tzinfo=NY))
    assert report.delivery.sent == 2  # the supervisor's digest and the admin's
    assert await history_read_whole(sent) == {}
