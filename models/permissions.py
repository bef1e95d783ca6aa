"""Who may do what to a week: the rules as data, and the one function that applies them.

A person stands in some relations to a week (its owner; a supervisor of its company; an admin of
its company) and the week is in a phase. `RULES` says, for each action, which relations may do it
and in which phases. The owner's own week only ever gives the relation OWNER, so a supervisor or
an admin never reviews, finalizes or settles their own hours.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID

from models.errors import NotAllowed, NotFound, WeekLocked
from models.stages import Phase
from models.users import Membership, Privilege, TeamRole, User


class Action(StrEnum):
    VIEW = "view"
    EDIT_HOURS = "edit_hours"  # the associate's own times: add, edit, delete entries
    SUBMIT = "submit"
    REVIEW = "review"  # approve or send back
    SUPERVISOR_TIMES = "supervisor_times"
    ADMIN_TIMES = "admin_times"  # settles conflicts
    FINALIZE = "finalize"
    REOPEN = "reopen"
    COMMENT = "comment"
    REPORT = "report"
    SCHEDULE = "schedule"  # plan the week's shifts (models.schedules)


class Relation(StrEnum):
    OWNER = "owner"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    MEMBER = "member"  # of the week's company, and nothing more: refused politely, not "not found"


@dataclass(frozen=True)
class Rule:
    relations: frozenset[Relation]
    phases: frozenset[Phase]
    refusal: str  # to someone without the relation; "{company}" is filled in
    own_refusal: str = ""  # to the owner, when the owner may not act on their own week


OWN, SUP, ADM = Relation.OWNER, Relation.SUPERVISOR, Relation.ADMIN
_UNLOCKED = frozenset({Phase.OPEN, Phase.SUBMITTED, Phase.REVIEWED})
_EDITABLE = frozenset({Phase.OPEN, Phase.SUBMITTED})

RULES: dict[Action, Rule] = {
    Action.VIEW: Rule(frozenset({OWN, SUP, ADM}), frozenset(Phase), "That week was not found."),
    Action.EDIT_HOURS: Rule(
        frozenset({OWN}), _EDITABLE, "Only the person who worked these hours can change them."
    ),
    Action.SUBMIT: Rule(frozenset({OWN}), _EDITABLE, "Only its owner can submit a week."),
    Action.REVIEW: Rule(
        frozenset({SUP, ADM}),
        frozenset({Phase.SUBMITTED}),
        "Only a supervisor of {company} can review this week.",
        "You can't review your own week; a supervisor does.",
    ),
    Action.SUPERVISOR_TIMES: Rule(
        frozenset({SUP}),
        _UNLOCKED,
        "Only a supervisor of {company} can enter supervisor times.",
        "You can't enter supervisor times on your own week.",
    ),
    Action.ADMIN_TIMES: Rule(
        frozenset({ADM}),
        _UNLOCKED,
        "Only an admin of {company} can set admin times.",
        "You can't set admin times on your own week.",
    ),
    Action.FINALIZE: Rule(
        frozenset({ADM}),
        frozenset({Phase.REVIEWED}),
        "Only an admin of {company} can finalize a week.",
        "You can't finalize your own week; another admin does.",
    ),
    Action.REOPEN: Rule(
        frozenset({ADM}),
        frozenset({Phase.FINALIZED}),
        "Only an admin of {company} can reopen a week.",
        "You can't reopen your own week; another admin does.",
    ),
    Action.COMMENT: Rule(
        frozenset({OWN, SUP, ADM}),
        _UNLOCKED,
        "Only the owner of this week, their supervisors and admins can comment on it.",
    ),
    Action.REPORT: Rule(
        frozenset({SUP, ADM}),
        _UNLOCKED,
        "Only a supervisor or an admin of {company} can file a report.",
        "You can't file a report on your own week.",
    ),
    Action.SCHEDULE: Rule(
        frozenset({SUP, ADM}),
        _UNLOCKED,
        "Only a supervisor or an admin of {company} can plan schedules.",
        "You can't plan your own schedule; a supervisor does.",
    ),
}

# Why a rule's phase refuses, for the phases where that needs more than "locked".
_PHASE_REFUSALS: dict[tuple[Action, Phase], str] = {
    (Action.EDIT_HOURS, Phase.REVIEWED): (
        "This week was already approved, so its hours can't change now. "
        "Ask an admin if something is wrong."
    ),
    (Action.SUBMIT, Phase.REVIEWED): "This week was already approved.",
    (Action.REVIEW, Phase.OPEN): "This week hasn't been submitted.",
    (Action.REVIEW, Phase.REVIEWED): "This week was already approved.",
    (Action.FINALIZE, Phase.OPEN): "This week hasn't been submitted and approved yet.",
    (Action.FINALIZE, Phase.SUBMITTED): "This week hasn't been approved by a supervisor yet.",
    (Action.REOPEN, Phase.OPEN): "This week isn't finalized.",
    (Action.REOPEN, Phase.SUBMITTED): "This week isn't finalized.",
    (Action.REOPEN, Phase.REVIEWED): "This week isn't finalized.",
}


class WrongPhase(NotAllowed):
    """The actor may do this in general, but not while the week is in this phase."""

    def __init__(self, message: str, action: str, phase: Phase) -> None:
        super().__init__(message, action)
        self.phase = phase


async def relations(actor: User, owner_id: UUID, company_id: UUID) -> frozenset[Relation]:
    """How `actor` stands to the week of `owner_id` in `company_id`; empty for a stranger."""
    membership = await Membership.get_or_none(user_id=actor.id, company_id=company_id)
    return relations_given(actor, owner_id, membership.role if membership else None)


def relations_given(actor: User, owner_id: UUID, role: TeamRole | None) -> frozenset[Relation]:
    """`relations`, for a caller that has read the actor's role in the week's company (None: not
    a member), e.g. with `models.users.membership_roles`."""
    if role is None:
        return frozenset()
    if actor.id == owner_id:
        return frozenset({Relation.OWNER})
    found = set()
    if role == TeamRole.SUPERVISOR:
        found.add(Relation.SUPERVISOR)
    if actor.privilege == Privilege.ADMIN:
        found.add(Relation.ADMIN)
    return frozenset(found or {Relation.MEMBER})


def allowed(action: Action, rels: frozenset[Relation], phase: Phase) -> bool:
    rule = RULES[action]
    return bool(rule.relations & rels) and phase in rule.phases


def allowed_actions(rels: frozenset[Relation], phase: Phase) -> frozenset[Action]:
    """Everything `rels` may do in `phase`: what a view offers."""
    return frozenset(a for a in Action if allowed(a, rels, phase))


def check_relation(
    action: Action, rels: frozenset[Relation], company_name: str = "this company"
) -> None:
    """Refuse someone who may never do `action` to this week; a stranger learns nothing about
    it (it is "not found")."""
    rule = RULES[action]
    if not rels or (action is Action.VIEW and not rule.relations & rels):
        raise NotFound("That week")
    if not rule.relations & rels:
        if Relation.OWNER in rels and rule.own_refusal:
            raise NotAllowed(rule.own_refusal, action)
        raise NotAllowed(rule.refusal.format(company=company_name), action)


def check_phase(action: Action, phase: Phase, week_start: date | None = None) -> None:
    """Refuse `action` in a phase where it can't happen; a change to a finalized week is
    `WeekLocked`."""
    if phase not in RULES[action].phases:
        raise phase_refusal(action, phase, week_start)


def phase_refusal(
    action: Action, phase: Phase, week_start: date | None = None
) -> WrongPhase | WeekLocked:
    if phase is Phase.FINALIZED and week_start is not None:
        return WeekLocked(week_start)
    message = _PHASE_REFUSALS.get((action, phase), "That can't be done at this stage.")
    return WrongPhase(message, action, phase)


def check(
    action: Action,
    rels: frozenset[Relation],
    phase: Phase,
    *,
    week_start: date | None = None,
    company_name: str = "this company",
) -> None:
    """Raise why `action` is refused, or return: the relation first, then the phase."""
    check_relation(action, rels, company_name)
    check_phase(action, phase, week_start)


async def reviewers(owner_id: UUID, company_id: UUID) -> list[User]:
    """Who is asked to review a week: the company's supervisors, or its admins when it has none."""
    supervisors = await User.filter(
        memberships__company_id=company_id, memberships__role=TeamRole.SUPERVISOR
    ).exclude(id=owner_id)
    return supervisors or await finalizers(owner_id, company_id)


async def finalizers(owner_id: UUID, company_id: UUID) -> list[User]:
    """Who is asked to finalize a week: the company's admins, never the owner."""
    return await User.filter(memberships__company_id=company_id, privilege=Privilege.ADMIN).exclude(
        id=owner_id
    )
