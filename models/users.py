"""Users, their privilege, and their membership (team role) in companies."""

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from tortoise import connections, fields
from tortoise.models import Model

from models.companies import Company, company_for_slack_team
from models.timeutil import is_zone


class Privilege(StrEnum):
    ASSOCIATE = "associate"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class TeamRole(StrEnum):
    ASSOCIATE = "associate"
    SUPERVISOR = "supervisor"


class User(Model):
    id = fields.UUIDField(primary_key=True)
    name = fields.CharField(max_length=200)
    email = fields.CharField(max_length=254, null=True)
    timezone = fields.CharField(max_length=64)
    privilege = fields.CharEnumField(Privilege, max_length=16, default=Privilege.ASSOCIATE)
    slack_team_id = fields.CharField(max_length=32, null=True)
    slack_user_id = fields.CharField(max_length=32, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "users"
        unique_together = (("slack_team_id", "slack_user_id"),)

    def __str__(self) -> str:
        return self.name

    @property
    def is_admin(self) -> bool:
        return self.privilege == Privilege.ADMIN


class Membership(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "clockbot.User", related_name="memberships", on_delete=fields.CASCADE
    )
    company = fields.ForeignKeyField(
        "clockbot.Company", related_name="memberships", on_delete=fields.CASCADE
    )
    role = fields.CharEnumField(TeamRole, max_length=16, default=TeamRole.ASSOCIATE)

    class Meta:
        table = "memberships"
        unique_together = (("user", "company"),)


@dataclass(frozen=True)
class SlackProfile:
    """What Slack's `users.info` tells about a person."""

    name: str
    email: str | None
    timezone: str | None
    is_admin: bool


def _columns(model: type[Model], alias: str) -> str:
    return ", ".join(
        f'{alias}."{column}" AS "{alias}.{column}"'
        for column in model._meta.fields_db_projection.values()
    )


# Every Slack request starts here, so it is one hand-written statement: the same join through
# the ORM's query builder cost about as much CPU as the rest of a /clockin.
_FIND_SLACK_MEMBER = (
    f"SELECT {_columns(User, 'u')}, {_columns(Company, 'c')} FROM users u"
    " JOIN memberships m ON m.user_id = u.id JOIN companies c ON c.id = m.company_id"
    " WHERE u.slack_team_id = {0} AND u.slack_user_id = {1} AND c.slack_team_id = {0} LIMIT 1"
)


async def find_slack_member(team_id: str, user_id: str) -> tuple[User, Company] | None:
    """The user and the company that Slack knows as `user_id` in workspace `team_id`."""
    db = connections.get("default")
    marks = ("$1", "$2") if db.capabilities.dialect == "postgres" else ("?", "?")
    values = [team_id, user_id] if marks[0] == "$1" else [team_id, user_id, team_id]
    rows = await db.execute_query_dict(_FIND_SLACK_MEMBER.format(*marks), values)
    if not rows:
        return None
    row = rows[0]
    # Built as the ORM builds what it reads, so that they save and compare like any other.
    return (
        User._init_from_db(**{k[2:]: v for k, v in row.items() if k.startswith("u.")}),
        Company._init_from_db(**{k[2:]: v for k, v in row.items() if k.startswith("c.")}),
    )


async def membership_roles(user_id: UUID) -> dict[UUID, TeamRole]:
    """{company id: the user's role there} for every company they belong to, in one read."""
    rows = await Membership.filter(user_id=user_id).values_list("company_id", "role")
    return {company_id: TeamRole(role) for company_id, role in rows}


def is_placeholder(user: User) -> bool:
    """Made before Slack showed them (`clockbot role`), so their profile is still to be read."""
    return user.name == user.slack_user_id


async def fill_profile(user: User, profile: SlackProfile) -> User:
    """Fill in a placeholder user from their Slack profile; their privilege stays as assigned."""
    user.name = profile.name or user.name
    user.email = profile.email or user.email
    if profile.timezone and is_zone(profile.timezone):
        user.timezone = profile.timezone
    await user.save(update_fields=["name", "email", "timezone"])
    return user


async def register_slack_user(
    team_id: str, team_name: str, user_id: str, profile: SlackProfile, default_timezone: str
) -> tuple[User, Company]:
    """Create the user (and their company, on the workspace's first contact).

    Idempotent and safe to race: each step is a get-or-create backed by a unique constraint.
    """
    company = await company_for_slack_team(team_id, team_name, default_timezone)
    user, _ = await User.get_or_create(
        slack_team_id=team_id,
        slack_user_id=user_id,
        defaults={
            "name": profile.name or user_id,
            "email": profile.email,
            "timezone": profile.timezone
            if profile.timezone and is_zone(profile.timezone)
            else company.timezone,
            "privilege": Privilege.ADMIN if profile.is_admin else Privilege.ASSOCIATE,
        },
    )
    await Membership.get_or_create(user=user, company=company)
    return user, company


async def rosters(company_ids: list[UUID]) -> dict[UUID, dict[TeamRole, list[UUID]]]:
    """{company id: {TeamRole: [user ids]}} for the given companies, members in joining order."""
    out: dict[UUID, dict[TeamRole, list[UUID]]] = {
        c: {role: [] for role in TeamRole} for c in company_ids
    }
    rows = (
        await Membership.filter(company_id__in=company_ids)
        .order_by("id")
        .values_list("company_id", "user_id", "role")
    )
    for company_id, user_id, role in rows:
        out[company_id][TeamRole(role)].append(user_id)
    return out
