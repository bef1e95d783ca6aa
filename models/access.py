"""Who may see and do what to records: roles map to permissions as data, scoped by company.

This is the permission model of the shifts API (`shifts_read`, ...); what may happen to a week
(submit, review, finalize) is `models.permissions`. A user's role in a company is
`models.roles.role_for` (an admin is an admin in every company they belong to, otherwise their
team role there). What the role may *see* follows from the scope:
  - associate: their own records in that company;
  - supervisor and admin: every record of that company.
What it may *do* is the permission set below. A record outside what someone may see does not
exist for them (the interfaces answer "not found", never its content); a record they may see but
not act on is "permission required".
"""

from dataclasses import dataclass, field
from enum import StrEnum
from uuid import UUID

from models import sessions
from models.roles import Role, role_for
from models.users import Membership, Privilege, TeamRole, User


class Permission(StrEnum):
    SHIFTS_READ = "shifts_read"
    SHIFTS_CREATE = "shifts_create"
    SHIFTS_UPDATE = "shifts_update"
    SHIFTS_DELETE = "shifts_delete"
    COMPANIES_READ = "companies_read"
    COMPANIES_MANAGE = "companies_manage"
    USERS_READ = "users_read"
    PAYROLL_EXPORT = "payroll_export"  # admins only: every hour of everyone in the company
    # Seeing the weeks one's scope covers; what may be done to a week (submit, review,
    # finalize...) depends on the week too and is `models.permissions`.
    TIMESHEETS_READ = "timesheets_read"
    # Everyone's attendance in the company (planned, worked, late, early, absent).
    ATTENDANCE_READ = "attendance_read"
    # Planning the company's schedules; which weeks is `models.permissions` (Action.SCHEDULE).
    SCHEDULES_PLAN = "schedules_plan"


_ASSOCIATE = frozenset(
    {
        Permission.SHIFTS_READ,
        Permission.SHIFTS_CREATE,
        Permission.SHIFTS_UPDATE,
        Permission.COMPANIES_READ,
        Permission.USERS_READ,
        Permission.TIMESHEETS_READ,
    }
)
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    # An associate corrects their own hours but leaves deleting to someone who answers for them.
    Role.ASSOCIATE: _ASSOCIATE,
    Role.SUPERVISOR: _ASSOCIATE
    | {Permission.SHIFTS_DELETE, Permission.ATTENDANCE_READ, Permission.SCHEDULES_PLAN},
    # "An admin role has every permission."
    Role.ADMIN: frozenset(Permission),
}


class NotPermitted(Exception):
    """The user may see the record but their role lacks the permission."""

    def __init__(self, permission: Permission) -> None:
        super().__init__(f"permission required: {permission}")
        self.permission = permission


@dataclass(frozen=True)
class Actor:
    """A signed-in user: who, their privilege, and their role in each of their companies."""

    id: UUID
    privilege: Privilege
    roles: dict[UUID, Role] = field(default_factory=dict)

    def permissions(self) -> frozenset[Permission]:
        """Everything the user may do somewhere (their own privilege counts with no company)."""
        granted = set(ROLE_PERMISSIONS[role_for(self.privilege, None)])
        for role in self.roles.values():
            granted |= ROLE_PERMISSIONS[role]
        return frozenset(granted)

    def require(self, permission: Permission) -> None:
        """The route-level check: no role of this user carries `permission`."""
        if permission not in self.permissions():
            raise NotPermitted(permission)

    def sees(self, owner_id: UUID, company_id: UUID) -> bool:
        role = self.roles.get(company_id)
        if role is None:
            return False
        return role != Role.ASSOCIATE or owner_id == self.id

    def permissions_in(self, company_id: UUID) -> frozenset[Permission]:
        role = self.roles.get(company_id)
        return ROLE_PERMISSIONS[role] if role else frozenset()

    def may(self, permission: Permission, owner_id: UUID, company_id: UUID) -> bool:
        return self.sees(owner_id, company_id) and permission in self.permissions_in(company_id)

    def wide_companies(self) -> list[UUID]:
        """Companies where this user sees everyone's records."""
        return [c for c, role in self.roles.items() if role != Role.ASSOCIATE]

    def own_companies(self) -> list[UUID]:
        """Companies where this user sees only their own records."""
        return [c for c, role in self.roles.items() if role == Role.ASSOCIATE]

    async def sees_user(self, user_id: UUID) -> bool:
        """Themselves, or a member of a company where they see everyone."""
        if user_id == self.id:
            return True
        wide = self.wide_companies()
        return bool(wide) and await Membership.exists(user_id=user_id, company_id__in=wide)


def _actor(user_id: UUID, privilege: Privilege, memberships: list[tuple[UUID, TeamRole]]) -> Actor:
    roles = {company: role_for(privilege, TeamRole(role)) for company, role in memberships}
    return Actor(user_id, privilege, roles)


def actor_with(user: User, roles: dict[UUID, TeamRole]) -> Actor:
    """The actor of `user` from their team roles already read (`users.membership_roles`)."""
    return _actor(user.id, user.privilege, list(roles.items()))


async def actor_for(user: User) -> Actor:
    memberships = await Membership.filter(user_id=user.id).values_list("company_id", "role")
    return _actor(user.id, user.privilege, memberships)


async def actor_for_session(family_id: UUID) -> Actor | None:
    """The actor of a sign-in that was not revoked (what every API request starts with)."""
    found = await sessions.signed_in(family_id)
    return _actor(*found) if found else None
