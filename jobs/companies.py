"""The companies a run covers, with their zones and reminder rules: two queries."""

from dataclasses import dataclass
from uuid import UUID
from zoneinfo import ZoneInfo

from models.companies import Company
from models.reminder_settings import ReminderRules, rules_for
from models.timeutil import zone


@dataclass(frozen=True)
class CompanyRules:
    id: UUID
    tz: ZoneInfo
    rules: ReminderRules


async def company_rules(company_ids: list[UUID]) -> dict[UUID, CompanyRules]:
    zones = dict(await Company.filter(id__in=company_ids).values_list("id", "timezone"))
    rules = await rules_for(list(zones))
    return {cid: CompanyRules(cid, zone(tz), rules[cid]) for cid, tz in zones.items()}
