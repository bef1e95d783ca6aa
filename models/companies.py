"""Companies: one per Slack workspace (or made over REST)."""

from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.errors import NotFound


class Company(Model):
    id = fields.UUIDField(primary_key=True)
    name = fields.CharField(max_length=200)
    slack_team_id = fields.CharField(max_length=32, null=True, unique=True)
    timezone = fields.CharField(max_length=64)
    # Hours in a week past this count as overtime (Breaktime's weekly rule; 40 hours by default).
    overtime_threshold_minutes = fields.IntField(default=40 * 60)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "companies"

    def __str__(self) -> str:
        return self.name


async def company_for_slack_team(team_id: str, name: str, timezone: str) -> Company:
    """The company that is Slack workspace `team_id`, made on first contact."""
    company, _ = await Company.get_or_create(
        slack_team_id=team_id, defaults={"name": name or team_id, "timezone": timezone}
    )
    return company


async def company_by_id(company_id: UUID) -> Company:
    """The company, or `NotFound` for one that does not exist."""
    company = await Company.get_or_none(id=company_id)
    if company is None:
        raise NotFound("That company")
    return company
