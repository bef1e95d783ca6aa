"""Fixtures for the jobs: people and shifts in the database, a Slack client to the fake."""

from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import pytest
import pytest_asyncio
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.client import http_session
from jobs.runner import RunReport, run_job
from jobs.scheduler import job_client
from models.companies import Company
from models.shifts import Shift
from models.timeutil import to_instant, utcnow
from models.users import Membership, Privilege, TeamRole, User
from tests.support.processes import clockbot_env


class People:
    """Makes companies, members and shifts the way Slack's first contact and /clockin would."""

    def __init__(self, team_id: str) -> None:
        self.team_id = team_id

    async def company(
        self, name: str = "Acme", tz: str = "America/New_York", team: str | None = None
    ) -> Company:
        return await Company.create(
            name=name, timezone=tz, slack_team_id=team if team is not None else self.team_id
        )

    async def member(
        self,
        company: Company,
        slack_id: str | None,
        name: str,
        *,
        privilege: Privilege = Privilege.ASSOCIATE,
        role: TeamRole = TeamRole.ASSOCIATE,
        tz: str | None = None,
    ) -> User:
        user = await User.create(
            name=name,
            timezone=tz or company.timezone,
            privilege=privilege,
            slack_team_id=company.slack_team_id,
            slack_user_id=slack_id,
        )
        await Membership.create(user=user, company=company, role=role)
        return user

    async def shift(
        self, user: User, company: Company, start: datetime, end: datetime | None = None
    ) -> Shift:
        start = to_instant(start)
        return await Shift.create(
            user=user,
            company=company,
            shift_date=start,
            start_time=start,
            end_time=end and to_instant(end),
        )

    async def open_for(self, user: User, company: Company, hours: float) -> Shift:
        """A shift that started `hours` ago and is still open."""
        return await self.shift(user, company, utcnow() - timedelta(hours=hours))


async def overdue_team(people: People, names: list[str]) -> list[str]:
    """Associates of one company, each clocked in for 11 hours: each is due one reminder."""
    acme = await people.company()
    ids = []
    for name in names:
        user = await people.member(acme, f"U0{name.upper()}", f"{name} Test")
        await people.open_for(user, acme, 11)
        ids.append(user.slack_user_id)
    return ids


def cli_env(server, **extra: str) -> dict[str, str]:
    """The environment of a `clockbot` process on the test database, Slack at the fake."""
    return clockbot_env(
        DATABASE_URL=server.settings.database_url,
        SLACK_BOT_TOKEN=server.settings.slack_bot_token or "",
        SLACK_API_URL=server.settings.slack_api_url,
        **extra,
    )


@pytest.fixture
def people(slack) -> People:
    return People(slack.fake.team_id)


@pytest_asyncio.fixture
async def client(server) -> AsyncIterator[AsyncWebClient]:
    """The jobs' Slack client (retry handlers and all), pointed at the fake."""
    async with http_session(server.settings) as session:
        yield job_client(server.settings, session)


@pytest.fixture
def run(client):
    async def run(name: str, at: datetime | None = None) -> RunReport:
        return await run_job(name, client, now=at)

    return run
