"""A week as one Slack user may see it: loading it, and what that user may do to it."""

from datetime import date
from uuid import UUID

from bot.slack.week_views import Viewer, WeekKey
from models import sheets
from models.companies import Company
from models.errors import NotFound
from models.permissions import Relation, allowed_actions
from models.sheets import WeekSheet, visible_week
from models.shifts import Shift
from models.timesheets import company_week
from models.timeutil import zone
from models.users import TeamRole, User, membership_roles


def viewer_for(actor: User, sheet: WeekSheet, rels: frozenset[Relation]) -> Viewer:
    return Viewer(
        user_id=actor.id,
        tz=zone(actor.timezone, sheet.company.timezone),
        allowed=allowed_actions(rels, sheet.phase),
        relations=rels,
    )


async def own_week(
    actor: User, company: Company, day: date, roles: dict[UUID, TeamRole] | None = None
) -> tuple[WeekSheet, Viewer]:
    """The actor's own week of `company` that contains `day`; `roles`: the actor's
    `membership_roles`, when the caller has them."""
    if roles is None:
        roles = await membership_roles(actor.id)
    sheet, rels = await sheets.own_week(actor, company, day, roles)
    return sheet, viewer_for(actor, sheet, rels)


async def week_for(actor: User, key: WeekKey) -> tuple[WeekSheet, Viewer]:
    """The week `key` names, if the actor may see it (else `NotFound`)."""
    sheet, rels = await visible_week(actor, key.owner_id, key.company_id, key.first_day)
    return sheet, viewer_for(actor, sheet, rels)


async def week_of_shift(actor: User, shift_id: UUID) -> tuple[WeekSheet, Viewer, Shift]:
    """The week an entry is shown in (the week it starts in), as the actor may see it."""
    shift = await Shift.live().get_or_none(id=shift_id).select_related("company")
    if shift is None:
        raise NotFound("That entry")
    day = shift.start_time.astimezone(zone(shift.company.timezone)).date()
    key = WeekKey(shift.user_id, shift.company_id, company_week(shift.company, day).first_day)
    sheet, viewer = await week_for(actor, key)
    return sheet, viewer, shift
