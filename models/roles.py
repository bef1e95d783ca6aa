"""Assigning roles: who is an admin, a supervisor or an associate of a company.

A role sets both the user's privilege and their team role in the company: a supervisor reviews
the company's weeks, an admin finalizes them (and keeps whatever team role they had). An admin
assigns roles from the App Home; the operator assigns the first admin from the shell (`actor`
None). A company always keeps at least one admin once it has one.
"""

from enum import StrEnum

from tortoise.transactions import in_transaction

from models import audit
from models.companies import Company, company_for_slack_team
from models.errors import InvalidInput, NotAllowed
from models.timeutil import utcnow
from models.users import Membership, Privilege, TeamRole, User


class Role(StrEnum):
    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    ASSOCIATE = "associate"


def role_of(user: User, membership: Membership | None) -> Role:
    return role_for(user.privilege, membership.role if membership else None)


def role_for(privilege: Privilege, team_role: TeamRole | None) -> Role:
    """An admin is an admin in every company they belong to; otherwise their team role there."""
    if privilege == Privilege.ADMIN:
        return Role.ADMIN
    if team_role == TeamRole.SUPERVISOR:
        return Role.SUPERVISOR
    return Role.ASSOCIATE


async def set_role(target: User, company: Company, role: Role, *, actor: User | None) -> User:
    """Give `target` `role` in `company`. `actor` None is the operator at the shell."""
    if actor is not None:
        acting = await Membership.get_or_none(user_id=actor.id, company_id=company.id)
        if acting is None or actor.privilege != Privilege.ADMIN:
            raise NotAllowed(f"Only an admin of {company.name} can assign roles.", "role")
    try:
        role = Role(role)
    except ValueError:
        raise InvalidInput(
            "A role is one of: " + ", ".join(r.value for r in Role) + ".", field="role"
        ) from None
    async with in_transaction():
        target = await User.filter(id=target.id).select_for_update().get()
        membership, _ = await Membership.get_or_create(user_id=target.id, company_id=company.id)
        before = {"privilege": target.privilege, "team_role": membership.role}
        if target.privilege == Privilege.ADMIN and role != Role.ADMIN:
            others = (
                await User.filter(memberships__company_id=company.id, privilege=Privilege.ADMIN)
                .exclude(id=target.id)
                .count()
            )
            if not others:
                raise NotAllowed(
                    f"{target.name} is the only admin of {company.name}; make someone else "
                    "admin first.",
                    "role",
                )
        if role == Role.ADMIN:
            target.privilege = Privilege.ADMIN
        elif role == Role.SUPERVISOR:
            target.privilege, membership.role = Privilege.SUPERVISOR, TeamRole.SUPERVISOR
        else:
            target.privilege, membership.role = Privilege.ASSOCIATE, TeamRole.ASSOCIATE
        await target.save(update_fields=["privilege"])
        await membership.save(update_fields=["role"])
        await audit.record(
            actor_id=actor.id if actor else None,
            company_id=company.id,
            subject="user",
            subject_id=target.id,
            action="role.set",
            before=before,
            after={"privilege": target.privilege, "team_role": membership.role},
            at=utcnow(),
        )
    return target


async def slack_user(team_id: str, user_id: str, company: Company) -> User:
    """The user Slack knows as `user_id`, made (with placeholders Slack fills in on their first
    contact) when Slack has not shown them to clockbot yet."""
    user, _ = await User.get_or_create(
        slack_team_id=team_id,
        slack_user_id=user_id,
        defaults={"name": user_id, "timezone": company.timezone},
    )
    await Membership.get_or_create(user_id=user.id, company_id=company.id)
    return user


async def workspace(team_id: str | None, default_timezone: str) -> Company:
    """The company of Slack workspace `team_id` (made if new: a first admin can be named before
    anyone used the app), or, without a team id, the only workspace there is."""
    if team_id:
        return await company_for_slack_team(team_id, team_id, default_timezone)
    known = await Company.filter(slack_team_id__isnull=False).order_by("name")
    if len(known) == 1:
        return known[0]
    if not known:
        raise InvalidInput(
            "No Slack workspace is known yet: give its team ID with --team (or SLACK_TEAM_ID).",
            field="team",
        )
    names = ", ".join(f"{c.name} ({c.slack_team_id})" for c in known)
    raise InvalidInput(f"Several workspaces are known ({names}): pick one with --team.", "team")


async def staff(company: Company) -> dict[Role, list[User]]:
    """The company's admins and supervisors, for the App Home."""
    members = await Membership.filter(company_id=company.id).select_related("user")
    out: dict[Role, list[User]] = {Role.ADMIN: [], Role.SUPERVISOR: []}
    for m in members:
        role = role_of(m.user, m)
        if role in out:
            out[role].append(m.user)
    for users in out.values():
        users.sort(key=lambda u: u.name.lower())
    return out
