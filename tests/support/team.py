"""A company with one person in each role, made straight in the database, and handy times.

Slack ids match the fake Slack's team, so the same people can press buttons over HTTP.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from models.companies import Company
from models.shifts import Shift
from models.timeutil import to_instant, utcnow
from models.users import Membership, Privilege, TeamRole, User
from models.weeks import Week

TEAM_ID = "T0001"  # FakeSlack.team_id
TZ = "America/New_York"


@dataclass
class Team:
    company: Company
    ana: User  # associate
    ari: User  # another associate
    sam: User  # supervisor
    sue: User  # another supervisor
    bea: User  # admin
    abe: User  # another admin
    zed: User  # associate of another company
    other: Company

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.company.timezone)

    def last_week(self, now: datetime | None = None) -> Week:
        now = now or utcnow()
        return Week.containing(now - timedelta(days=7), self.tz)

    def this_week(self, now: datetime | None = None) -> Week:
        return Week.containing(now or utcnow(), self.tz)


async def person(
    company: Company,
    slack_id: str,
    name: str,
    privilege: Privilege = Privilege.ASSOCIATE,
    role: TeamRole = TeamRole.ASSOCIATE,
    tz: str = TZ,
) -> User:
    user = await User.create(
        name=name,
        email=f"{name.split()[0].lower()}@example.org",
        timezone=tz,
        privilege=privilege,
        slack_team_id=company.slack_team_id,
        slack_user_id=slack_id,
    )
    await Membership.create(user=user, company=company, role=role)
    return user


async def make_team(tz: str = TZ) -> Team:
    company = await Company.create(name="Acme", slack_team_id=TEAM_ID, timezone=tz)
    other = await Company.create(name="Other Co", slack_team_id="T0OTHER", timezone=tz)
    sup, adm = Privilege.SUPERVISOR, Privilege.ADMIN
    return Team(
        company=company,
        ana=await person(company, "U0ANA", "Ana Lima"),
        ari=await person(company, "U0ARI", "Ari Gold"),
        sam=await person(company, "U0SAM", "Sam Stone", sup, TeamRole.SUPERVISOR),
        sue=await person(company, "U0SUE", "Sue Park", sup, TeamRole.SUPERVISOR),
        bea=await person(company, "U0BEA", "Bea Boss", adm),
        abe=await person(company, "U0ABE", "Abe Chief", adm),
        zed=await person(other, "U0ZED", "Zed Out"),
        other=other,
    )


def local(day: date, hhmm: str, tz: ZoneInfo | str) -> datetime:
    tz = ZoneInfo(tz) if isinstance(tz, str) else tz
    hour, minute = map(int, hhmm.split(":"))
    return to_instant(datetime.combine(day, time(hour, minute), tzinfo=tz))


async def worked(
    user: User, company: Company, day: date, start: str, end: str | None, note: str = ""
) -> Shift:
    """A shift straight in the database (as a punch would have made it)."""
    tz = ZoneInfo(company.timezone)
    begin = local(day, start, tz)
    finish = local(day, end, tz) if end else None
    if finish is not None and finish <= begin:
        finish += timedelta(days=1)
    return await Shift.create(
        user=user,
        company=company,
        shift_date=begin,
        start_time=begin,
        end_time=finish,
        notes=note,
    )
