"""Clocking in and out: the operations Slack and REST both call, and the errors they raise.

Each operation runs in a transaction and relies on the database constraints
(`shift_one_open_per_user`, `shift_no_overlap`), which no race gets past: `clock_in` inserts
straight away and, when a constraint refuses, reads why (`clash`) to tell the user, so the common
punch costs no read; `clock_out` reads the open shift it closes, locked (with the rest of the
week's shifts when the reply shows the week's total).
A punch obeys the week like any change to hours: refused once the week is approved (`WrongPhase`)
or finalized (`WeekLocked`). Every punch is in the audit trail.
"""

from datetime import datetime
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from models import audit
from models.errors import DomainError, InvalidInput, WeekLocked
from models.permissions import Action
from models.shifts import MAX_NOTE, Shift, clean_note
from models.timesheets import check_sheets, locked_by_trigger, sheets_touching
from models.timeutil import to_instant, utcnow
from models.users import User
from models.weeks import Week, seconds_in_week


class ClockError(DomainError):
    """A punch that was refused; nothing was written."""


class AlreadyClockedIn(ClockError):
    def __init__(self, shift: Shift) -> None:
        super().__init__("already clocked in")
        self.shift = shift


class NotClockedIn(ClockError):
    def __init__(self) -> None:
        super().__init__("not clocked in")


class FutureTime(ClockError):
    def __init__(self, at: datetime) -> None:
        super().__init__("time is in the future")
        self.at = at


class EndsBeforeStart(ClockError):
    """An end at or before its start; `shift` is the shift being closed, when there is one."""

    field = "end"

    def __init__(self, start: datetime, at: datetime, shift: Shift | None = None) -> None:
        super().__init__("The end must be after the start.")
        self.start = start
        self.at = at
        self.shift = shift


def check_ends_after_start(start: datetime, end: datetime, shift: Shift | None = None) -> None:
    """The one rule for a span's order, for punches, records and corrections alike: the end comes
    after the start (a shift with no length is a mistake)."""
    if end <= start:
        raise EndsBeforeStart(start, end, shift)


class Overlap(ClockError):
    def __init__(self, other: Shift) -> None:
        super().__init__("overlaps another shift")
        self.other = other


async def open_shift(user: User) -> Shift | None:
    return await Shift.live().filter(user_id=user.id, end_time__isnull=True).first()


def overlapping(user_id: UUID, start: datetime, end: datetime | None):
    """Live shifts of `user_id` sharing an instant with [start, end); `end=None` is open-ended."""
    return _sharing(Shift.live().filter(user_id=user_id), start, end)


def overlapping_any(user_ids: list[UUID], start: datetime, end: datetime | None):
    """The same for several users in one query."""
    return _sharing(Shift.live().filter(user_id__in=user_ids), start, end)


async def overlapping_in(
    user_ids: list[UUID], company_ids: list[UUID], start: datetime, end: datetime | None
) -> list[Shift]:
    """`overlapping_any` in these companies, which are picked here rather than in SQL: SQLite
    keeps no statistics, so given the users and the companies it may read the shifts by the
    company index (all of the company's history) rather than by each user's."""
    wanted = set(company_ids)
    return [s for s in await overlapping_any(user_ids, start, end) if s.company_id in wanted]


def shares_instant(shift: Shift, start: datetime, end: datetime) -> bool:
    """In Python, what `overlapping` asks the database: for picking from what was read."""
    return shift.start_time < end and (shift.end_time is None or shift.end_time > start)


def _sharing(qs, start: datetime, end: datetime | None):
    qs = qs.filter(Q(end_time__isnull=True) | Q(end_time__gt=start))
    if end is not None:
        qs = qs.filter(start_time__lt=end)
    return qs.order_by("start_time")


def _join_notes(old: str, new: str) -> str:
    return "\n".join(part for part in (old, new.strip()) if part)


async def clash(
    user_id: UUID, start: datetime, end: datetime | None = None, but: UUID | None = None
) -> ClockError | None:
    """The one rule between a user's shifts, for punches, records and corrections alike: why a
    span [start, end) (`end=None`: still open) can't stand beside `user_id`'s other live shifts
    (the shift `but` aside), or None. Two open shifts are `AlreadyClockedIn`; any other shared
    instant is an `Overlap`. One query."""
    qs = overlapping(user_id, start, end)  # an open shift runs on, so it is among them
    if but is not None:
        qs = qs.exclude(id=but)
    clashes = await qs
    current = next((s for s in clashes if s.end_time is None), None)
    if current and end is None:
        return AlreadyClockedIn(current)
    return Overlap(clashes[0]) if clashes else None


async def clock_in(
    user: User,
    company_id: UUID,
    *,
    at: datetime | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Shift:
    """Open a shift for `user` starting `at` (default: now)."""
    now = to_instant(now) if now else utcnow()
    start = to_instant(at) if at else now
    if start > now:
        raise FutureTime(start)
    note = clean_note(note)
    try:
        async with in_transaction():
            # No read first: the constraints refuse a clash, and the refusal is explained below.
            shift = await Shift.create(
                user_id=user.id,
                company_id=company_id,
                shift_date=start,
                start_time=start,
                notes=note,
            )
            sheets = await check_sheets(Action.EDIT_HOURS, user.id, company_id, start, None)
            await _record(user, shift, "shift.clock_in", None, sheets, now)
            return shift
    except IntegrityError as error:
        # Rolled back. A clash is told first (also when the lock trigger fired before the
        # constraint), as a check before the insert would have.
        if refusal := await clash(user.id, start):
            raise refusal from None
        if locked_by_trigger(error):
            raise await _locked(user, company_id, start) from None
        raise


async def clock_out(
    user: User, *, at: datetime | None = None, note: str = "", now: datetime | None = None
) -> Shift:
    """Close the open shift of `user` at `at` (default: now)."""
    shift, _ = await _clock_out(user, at, note, now, None)
    return shift


async def clock_out_in_week(
    user: User,
    week: Week,
    *,
    at: datetime | None = None,
    note: str = "",
    now: datetime | None = None,
) -> tuple[Shift, int]:
    """`clock_out`, and the seconds `user` has worked in `week` (the one containing now) with
    this shift closed: the open shift is read with the week's, in the same query."""
    now = to_instant(now) if now else utcnow()
    shift, shifts = await _clock_out(user, at, note, now, week)
    return shift, seconds_in_week(shifts, week, now)


async def _clock_out(
    user: User, at: datetime | None, note: str, now: datetime | None, week: Week | None
) -> tuple[Shift, list[Shift]]:
    """The open shift closed, and the shifts read with it (those of `week`, when given)."""
    now = to_instant(now) if now else utcnow()
    end = to_instant(at) if at else now
    if end > now:
        raise FutureTime(end)
    note = clean_note(note)
    async with in_transaction():
        if week is None:
            read = Shift.live().filter(user_id=user.id, end_time__isnull=True)
        else:  # the open shift began before now, so it is among them
            read = overlapping(user.id, week.start, week.end)
        shifts = await read.select_for_update()
        shift = next((s for s in shifts if s.end_time is None), None)
        if shift is None:
            raise NotClockedIn()
        # A typed time must come after the start. A live punch records what the clock reads,
        # even in the second the shift began: refusing it would leave a mistaken clock-in open.
        if at is not None or end < shift.start_time:
            check_ends_after_start(shift.start_time, end, shift)
        sheets = await check_sheets(
            Action.EDIT_HOURS, user.id, shift.company_id, shift.start_time, end
        )
        before = shift_snapshot(shift)
        shift.end_time = end
        shift.notes = _join_notes(shift.notes, note)
        if len(shift.notes) > MAX_NOTE:
            raise InvalidInput(
                f"A note can be at most {MAX_NOTE} characters; with the note this shift already "
                f"has, it would be {len(shift.notes)}. Clock out with a shorter note, or none.",
                field="note",
            )
        await shift.save(update_fields=["end_time", "notes", "updated_at"])
        await _record(user, shift, "shift.clock_out", before, sheets, now)
        return shift, shifts


def shift_snapshot(shift: Shift) -> dict:
    """What the audit trail keeps of a shift."""
    return {
        "user": shift.user_id,
        "start_time": shift.start_time,
        "end_time": shift.end_time,
        "notes": shift.notes,
        "deleted_at": shift.deleted_at,
    }


async def _record(user: User, shift: Shift, action: str, before, sheets, now: datetime) -> None:
    sheet = next((s for s in sheets if s.starts_at <= shift.start_time < s.ends_at), None)
    await audit.record(
        actor_id=user.id,
        company_id=shift.company_id,
        timesheet_id=sheet.id if sheet else None,
        subject="shift",
        subject_id=shift.id,
        action=action,
        before=before,
        after=shift_snapshot(shift),
        at=now,
    )


async def _locked(user: User, company_id: UUID, start: datetime) -> WeekLocked:
    sheets = [s for s in await sheets_touching(user.id, company_id, start, None) if s.finalized_at]
    return WeekLocked(sheets[0].start_date if sheets else start.date())
