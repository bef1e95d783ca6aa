"""Who hears about other people's time: the supervisors and admins of a company.

TODO(issue 3): the timesheet approval defines who may review and finalize; when it lands, make
this module answer with that same rule (or import it) so that reminders and permissions agree.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from tortoise.expressions import Q

from models.users import Membership, Privilege, TeamRole, User


@dataclass(frozen=True)
class Reviewer:
    user: User
    supervisor: bool  # reviews associates' weeks
    admin: bool  # finalizes them


async def reviewers_of(company_ids: Iterable[UUID]) -> dict[UUID, list[Reviewer]]:
    """Supervisors and admins of each company, from one query."""
    ids = set(company_ids)
    found: dict[UUID, list[Reviewer]] = defaultdict(list)
    if not ids:
        return found
    memberships = await Membership.filter(
        Q(role=TeamRole.SUPERVISOR)
        | Q(user__privilege__in=[Privilege.SUPERVISOR, Privilege.ADMIN]),
        company_id__in=ids,
    ).select_related("user")
    for m in memberships:
        found[m.company_id].append(  # type: ignore[attr-defined]
            Reviewer(
                m.user,
                supervisor=m.role == TeamRole.SUPERVISOR
                or m.user.privilege == Privilege.SUPERVISOR,
                admin=m.user.privilege == Privilege.ADMIN,
            )
        )
    return found


def supervisors(reviewers: list[Reviewer], *, excluding: UUID | None = None) -> list[User]:
    """Those who review associates' weeks; the admins when the company has no supervisor."""
    chosen = [r.user for r in reviewers if r.supervisor] or [r.user for r in reviewers if r.admin]
    return [u for u in chosen if u.id != excluding]


def admins(reviewers: list[Reviewer], *, excluding: UUID | None = None) -> list[User]:
    return [r.user for r in reviewers if r.admin and r.user.id != excluding]
