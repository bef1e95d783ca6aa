"""The three-stage approval of a week: submit, review (approve or send back), finalize; reopen.

Each transition is one conditional UPDATE ("set HoursReviewed where it is still empty...") in a
transaction with its audit record. When two people act at once the database lets exactly one
UPDATE match; the other matches no row and is told who acted first (`AlreadyDecided`). That holds
on PostgreSQL (the second UPDATE waits for the first and re-reads the row) and on SQLite (writes
are serialized).
"""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from tortoise.transactions import in_transaction

from models import audit
from models.clock import overlapping
from models.companies import Company, company_by_id
from models.errors import DomainError, InvalidInput, NotFound
from models.permissions import (
    RULES,
    Action,
    WrongPhase,
    check_relation,
    phase_refusal,
    relations,
)
from models.sheets import WeekSheet, load_week
from models.stages import Phase, Stage
from models.timesheets import (
    REOPENED,
    SENT_BACK,
    Timesheet,
    company_week,
    timesheet_for,
)
from models.timeutil import to_instant, utcnow
from models.users import Privilege, TeamRole, User, membership_roles

MAX_REASON = 2000


class AlreadyDecided(WrongPhase):
    """Someone acted on this week first: `outcome` ("approved", "sent back", "finalized",
    "reopened") by `by` at `at`. Nothing was written."""

    def __init__(
        self, action: Action, outcome: str, by: User | None, at: datetime | None, phase: Phase
    ) -> None:
        who = by.name if by else "Someone"
        super().__init__(f"{who} already {outcome} this week.", action, phase)
        self.outcome = outcome
        self.by = by
        self.at = at


class StillClockedIn(DomainError):
    def __init__(self, since: datetime) -> None:
        super().__init__("A shift in this week is still open: clock out first.")
        self.since = since


class UnsettledConflicts(DomainError):
    def __init__(self, count: int) -> None:
        super().__init__(
            f"{count} entr{'y' if count == 1 else 'ies'} of this week "
            f"{'has' if count == 1 else 'have'} supervisor times that differ from the "
            "associate's: set admin times to settle them before finalizing."
        )
        self.count = count


class WeekNotStarted(DomainError):
    def __init__(self, first_day: date) -> None:
        super().__init__("That week hasn't started yet, so there is nothing to submit.")
        self.first_day = first_day


@dataclass(frozen=True)
class Transition:
    """What a successful transition did: the sheet after it, and the phase before."""

    timesheet: Timesheet
    previous: Phase


def _reason(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidInput("Please give a reason.", field="reason")
    if len(text) > MAX_REASON:
        raise InvalidInput(f"A reason can be at most {MAX_REASON} characters.", field="reason")
    return text


async def submit(
    actor: User, company_id: UUID, week_day: date, *, now: datetime | None = None
) -> Transition:
    """The owner submits the week containing `week_day` (HoursSubmitted). Submitting again
    before a review, or after a send-back, overwrites the stage with the new time."""
    now = to_instant(now) if now else utcnow()
    company = await company_by_id(company_id)
    check_relation(Action.SUBMIT, await relations(actor, actor.id, company_id), company.name)
    week = company_week(company, week_day)
    if week.start > now:
        raise WeekNotStarted(week.first_day)
    sheet = await timesheet_for(actor.id, company_id, week)

    async def still_open(sheet: Timesheet) -> None:
        shift = (
            await overlapping(actor.id, week.start, week.end)
            .filter(company_id=company_id, end_time__isnull=True)
            .first()
        )
        if shift:
            raise StillClockedIn(shift.start_time)

    return await _transition(
        actor,
        sheet.id,
        Action.SUBMIT,
        Stage.HOURS_SUBMITTED,
        where={"hours_reviewed_at__isnull": True, "finalized_at__isnull": True},
        values={
            "hours_submitted_at": now,
            "hours_submitted_by_id": actor.id,
            **_no_return(),
        },
        now=now,
        also=still_open,
    )


async def approve(actor: User, timesheet_id: UUID, *, now: datetime | None = None) -> Transition:
    """A supervisor (or admin) approves a submitted week (HoursReviewed)."""
    now = to_instant(now) if now else utcnow()
    return await _transition(
        actor,
        timesheet_id,
        Action.REVIEW,
        Stage.HOURS_REVIEWED,
        where=_SUBMITTED,
        values={"hours_reviewed_at": now, "hours_reviewed_by_id": actor.id},
        now=now,
    )


async def send_back(
    actor: User, timesheet_id: UUID, reason: str, *, now: datetime | None = None
) -> Transition:
    """A supervisor (or admin) returns a submitted week to its owner, saying why; the week is
    editable again and HoursSubmitted is cleared until the owner submits again."""
    now = to_instant(now) if now else utcnow()
    reason = _reason(reason)
    return await _transition(
        actor,
        timesheet_id,
        Action.REVIEW,
        None,
        where=_SUBMITTED,
        values={
            "hours_submitted_at": None,
            "hours_submitted_by_id": None,
            "returned_kind": SENT_BACK,
            "returned_at": now,
            "returned_by_id": actor.id,
            "returned_reason": reason,
        },
        now=now,
        reason=reason,
        label="status.sent_back",
    )


async def finalize(actor: User, timesheet_id: UUID, *, now: datetime | None = None) -> Transition:
    """An admin finalizes a reviewed week (Finalized): it is locked from then on. Refused while
    a shift in it is open or a conflict is unsettled."""
    now = to_instant(now) if now else utcnow()

    async def settled(sheet: Timesheet) -> None:
        week = await _sheet_week(sheet, now)
        if week.open_entry:
            raise StillClockedIn(week.open_entry.shift.start_time)
        if week.conflicts:
            raise UnsettledConflicts(len(week.conflicts))

    return await _transition(
        actor,
        timesheet_id,
        Action.FINALIZE,
        Stage.FINALIZED,
        where={"hours_reviewed_at__isnull": False, "finalized_at__isnull": True},
        values={"finalized_at": now, "finalized_by_id": actor.id},
        now=now,
        also=settled,
    )


async def reopen(
    actor: User, timesheet_id: UUID, reason: str, *, now: datetime | None = None
) -> Transition:
    """An admin unlocks a finalized week, saying why. It goes back to reviewed: admins can settle
    times again, and it must be finalized again."""
    now = to_instant(now) if now else utcnow()
    reason = _reason(reason)
    return await _transition(
        actor,
        timesheet_id,
        Action.REOPEN,
        None,
        where={"finalized_at__isnull": False},
        values={
            "finalized_at": None,
            "finalized_by_id": None,
            "returned_kind": REOPENED,
            "returned_at": now,
            "returned_by_id": actor.id,
            "returned_reason": reason,
        },
        now=now,
        reason=reason,
        label="status.reopened",
    )


_SUBMITTED = {
    "hours_submitted_at__isnull": False,
    "hours_reviewed_at__isnull": True,
    "finalized_at__isnull": True,
}


def _no_return() -> dict:
    return {
        "returned_kind": None,
        "returned_at": None,
        "returned_by_id": None,
        "returned_reason": "",
    }


async def _transition(
    actor: User,
    timesheet_id: UUID,
    action: Action,
    stage: Stage | None,
    *,
    where: dict,
    values: dict,
    now: datetime,
    reason: str = "",
    label: str = "",
    also=None,
) -> Transition:
    sheet = await Timesheet.get_or_none(id=timesheet_id).select_related("company")
    if sheet is None:
        raise NotFound("That week")
    rels = await relations(actor, sheet.user_id, sheet.company_id)
    check_relation(action, rels, sheet.company.name)
    if sheet.phase not in RULES[action].phases:
        raise await _refusal(sheet, action)
    async with in_transaction():
        before = sheet.snapshot()
        if not await Timesheet.filter(id=sheet.id, **where).update(**values, updated_at=now):
            # Someone else's transition got there first (or the week moved on).
            raise await _refusal(await Timesheet.get(id=sheet.id), action)
        after = await Timesheet.get(id=sheet.id)
        if also is not None:
            await also(after)
        await audit.record(
            actor_id=actor.id,
            company_id=sheet.company_id,
            timesheet_id=sheet.id,
            subject="timesheet",
            subject_id=sheet.id,
            action=label or f"status.{stage}",
            before=before,
            after=after.snapshot(),
            reason=reason,
            at=now,
        )
    return Transition(after, sheet.phase)


async def _refusal(sheet: Timesheet, action: Action) -> DomainError:
    """Why `action` can't happen to `sheet` now, naming who decided it when someone did."""
    phase = sheet.phase

    async def decided(outcome: str, by_id: UUID | None, at: datetime | None) -> AlreadyDecided:
        by = await User.get_or_none(id=by_id) if by_id else None
        return AlreadyDecided(action, outcome, by, at, phase)

    if action is Action.REVIEW:
        if phase in (Phase.REVIEWED, Phase.FINALIZED):
            return await decided("approved", sheet.hours_reviewed_by_id, sheet.hours_reviewed_at)
        if sheet.returned_kind == SENT_BACK:
            return await decided("sent back", sheet.returned_by_id, sheet.returned_at)
    if action is Action.FINALIZE and phase is Phase.FINALIZED:
        return await decided("finalized", sheet.finalized_by_id, sheet.finalized_at)
    if action is Action.REOPEN and sheet.returned_kind == REOPENED:
        return await decided("reopened", sheet.returned_by_id, sheet.returned_at)
    return phase_refusal(action, phase, sheet.start_date if action is Action.SUBMIT else None)


async def _sheet_week(sheet: Timesheet, now: datetime) -> WeekSheet:
    owner = await User.get(id=sheet.user_id)
    company = await Company.get(id=sheet.company_id)
    return await load_week(owner, company, company_week(company, sheet.start_date), now)


@dataclass(frozen=True)
class Waiting:
    timesheet: Timesheet  # with `user` and `company` loaded
    action: Action  # REVIEW or FINALIZE


async def waiting_for(
    actor: User, limit: int = 20, roles: dict[UUID, TeamRole] | None = None
) -> list[Waiting]:
    """Weeks waiting on `actor`: submitted ones in companies they supervise, reviewed ones in
    companies they administer; oldest first. `roles`: the actor's `membership_roles`, if read."""
    if roles is None:
        roles = await membership_roles(actor.id)
    supervised = [c for c, role in roles.items() if role == TeamRole.SUPERVISOR]
    administered = list(roles) if actor.privilege == Privilege.ADMIN else []
    found: list[Waiting] = []
    if supervised:
        sheets = (
            await Timesheet.filter(company_id__in=supervised, **_SUBMITTED)
            .exclude(user_id=actor.id)
            .select_related("user", "company")
            .order_by("start_date", "hours_submitted_at")
            .limit(limit)
        )
        found += [Waiting(s, Action.REVIEW) for s in sheets]
    if administered:
        sheets = (
            await Timesheet.filter(
                company_id__in=administered,
                hours_reviewed_at__isnull=False,
                finalized_at__isnull=True,
            )
            .exclude(user_id=actor.id)
            .select_related("user", "company")
            .order_by("start_date", "hours_reviewed_at")
            .limit(limit)
        )
        found += [Waiting(s, Action.FINALIZE) for s in sheets]
    return found[:limit]
