"""Recording work: the shift operations Slack and REST both call, and the errors they raise.

Clocking in and out (Slack) and creating, editing, closing and deleting shifts (REST) all end in
the same checks, `_validate` and `_check_free`, run inside a transaction; the database
constraints (`shift_one_open_per_user`, `shift_no_overlap`, `shift_end_not_before_start`) catch the
race the checks cannot see: when two requests pass the check at once, the loser's write fails and
is reported as the check would have reported it.
"""

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TypeVar
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from models.shifts import Shift
from models.timeutil import to_instant, utcnow
from models.users import User
from models.weeks import Week, seconds_in_week

T = TypeVar("T")
# A client's clock may run a little ahead of ours; a REST write stamped "now" by it is not future.
CLIENT_CLOCK_SKEW = timedelta(minutes=1)
# What REST may change on a shift (besides closing and deleting it).
EDITABLE = frozenset(
    {
        "user_id",
        "shift_date",
        "start_time",
        "end_time",
        "notes",
        "initial_amount",
        "final_amount",
        "difference",
    }
)


class ClockError(Exception):
    """A punch or a shift edit that was refused; nothing was written."""


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
    def __init__(self, shift: Shift, at: datetime) -> None:
        super().__init__("end is before start")
        self.shift = shift
        self.at = at


class Overlap(ClockError):
    def __init__(self, other: Shift) -> None:
        super().__init__("overlaps another shift")
        self.other = other


class ShiftNotFound(ClockError):
    """No live shift has that id (never made, or deleted)."""

    def __init__(self) -> None:
        super().__init__("shift not found")


class ShiftNotOpen(ClockError):
    """Closing a shift that already ended."""

    def __init__(self, shift: Shift) -> None:
        super().__init__("shift is already closed")
        self.shift = shift


async def open_shift(user: User) -> Shift | None:
    return await Shift.live().filter(user_id=user.id, end_time__isnull=True).first()


def _overlapping(user_id: UUID, start: datetime, end: datetime | None):
    """Live shifts of the user sharing an instant with [start, end); `end=None` is open-ended."""
    qs = Shift.live().filter(Q(end_time__isnull=True) | Q(end_time__gt=start), user_id=user_id)
    if end is not None:
        qs = qs.filter(start_time__lt=end)
    return qs.order_by("start_time")


def _join_notes(old: str, new: str) -> str:
    return "\n".join(part for part in (old, new.strip()) if part)


def _validate(shift: Shift, now: datetime) -> None:
    """The rules one shift obeys on its own: in the past, and not ending before it starts."""
    if shift.start_time > now:
        raise FutureTime(shift.start_time)
    if shift.end_time is not None:
        if shift.end_time > now:
            raise FutureTime(shift.end_time)
        if shift.end_time < shift.start_time:
            raise EndsBeforeStart(shift, shift.end_time)


async def _check_free(shift: Shift) -> None:
    """The rules between a user's shifts: one open at most, none sharing an instant."""
    if shift.end_time is None:
        current = (
            await Shift.live()
            .filter(user_id=shift.user_id, end_time__isnull=True)
            .exclude(id=shift.id)
            .first()
        )
        if current:
            raise AlreadyClockedIn(current)
    others = _overlapping(shift.user_id, shift.start_time, shift.end_time).exclude(id=shift.id)
    clash = await others.first()
    if clash:
        raise Overlap(clash)


async def _checked_write(shift: Shift, write: Callable[[], Awaitable[T]]) -> T:
    """Run `write` if `shift` breaks no rule between shifts; a lost race is reported the same."""
    try:
        async with in_transaction():
            await _check_free(shift)
            return await write()
    except IntegrityError:
        # Another request won the race between our check and our write.
        await _check_free(shift)
        raise


def _now(now: datetime | None, skew: timedelta) -> datetime:
    return (to_instant(now) if now else utcnow()) + skew


async def create_shift(
    user_id: UUID,
    company_id: UUID,
    *,
    start: datetime,
    end: datetime | None = None,
    shift_date: datetime | None = None,
    notes: str = "",
    initial_amount: Decimal = Decimal(0),
    final_amount: Decimal | None = None,
    difference: Decimal | None = None,
    now: datetime | None = None,
    skew: timedelta = timedelta(0),
) -> Shift:
    """Record a shift (open when `end` is None) for a user of the company."""
    start = to_instant(start)
    shift = Shift(
        user_id=user_id,
        company_id=company_id,
        shift_date=to_instant(shift_date) if shift_date else start,
        start_time=start,
        end_time=to_instant(end) if end else None,
        notes=notes.strip(),
        initial_amount=initial_amount,
        final_amount=final_amount,
        difference=_difference(initial_amount, final_amount, difference),
    )
    _validate(shift, _now(now, skew))

    async def write() -> Shift:
        await shift.save(force_create=True)
        return shift

    return await _checked_write(shift, write)


async def clock_in(
    user: User,
    company_id: UUID,
    *,
    at: datetime | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Shift:
    """Open a shift for `user` starting `at` (default: now)."""
    now = _now(now, timedelta(0))
    return await create_shift(user.id, company_id, start=at or now, notes=note, now=now)


async def live_shift(shift_id: UUID) -> Shift:
    shift = await Shift.live().get_or_none(id=shift_id)
    if shift is None:
        raise ShiftNotFound()
    return shift


async def update_shift(
    shift_id: UUID, changes: dict, *, now: datetime | None = None, skew: timedelta = timedelta(0)
) -> Shift:
    """Change the fields named in `changes` (keys from EDITABLE); the rules hold afterwards.

    Setting `end_time` to None reopens the shift, which is refused while another one is open.
    """
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    shift = await live_shift(shift_id)
    for name, value in changes.items():
        if isinstance(value, datetime):
            value = to_instant(value)
        elif name == "notes":
            value = (value or "").strip()
        setattr(shift, name, value)
    if "final_amount" in changes and "difference" not in changes:
        shift.difference = _difference(shift.initial_amount, shift.final_amount, None)
    _validate(shift, _now(now, skew))

    async def write() -> Shift:
        # Only if nobody deleted it meanwhile; the constraints guard the rest.
        updated = (
            await Shift.live()
            .filter(id=shift.id)
            .update(
                **{name: getattr(shift, name) for name in (*changes, "difference")},
                updated_at=utcnow(),
            )
        )
        if not updated:
            raise ShiftNotFound()
        return shift

    return await _checked_write(shift, write)


async def close_shift(
    shift_id: UUID,
    *,
    at: datetime | None = None,
    final_amount: Decimal | None = None,
    difference: Decimal | None = None,
    note: str = "",
    now: datetime | None = None,
    skew: timedelta = timedelta(0),
) -> Shift:
    """End the open shift `shift_id` at `at` (default: now), with the cash counted at close."""
    now = _now(now, timedelta(0))
    async with in_transaction():
        shift = await Shift.live().filter(id=shift_id).select_for_update().first()
        if shift is None:
            raise ShiftNotFound()
        return await _close(shift, at or now, now + skew, note, final_amount, difference)


async def clock_out(
    user: User, *, at: datetime | None = None, note: str = "", now: datetime | None = None
) -> Shift:
    """Close the open shift of `user` at `at` (default: now)."""
    now = _now(now, timedelta(0))
    async with in_transaction():
        shift = (
            await Shift.live()
            .filter(user_id=user.id, end_time__isnull=True)
            .select_for_update()
            .first()
        )
        if shift is None:
            raise NotClockedIn()
        return await _close(shift, at or now, now, note, None, None)


async def _close(
    shift: Shift,
    end: datetime,
    now: datetime,
    note: str,
    final_amount: Decimal | None,
    difference: Decimal | None,
) -> Shift:
    """Inside the caller's transaction, `shift` locked: closing cannot make an overlap."""
    if shift.end_time is not None:
        raise ShiftNotOpen(shift)
    end = to_instant(end)
    if end > now:
        raise FutureTime(end)
    if end < shift.start_time:
        raise EndsBeforeStart(shift, end)
    shift.end_time = end
    shift.notes = _join_notes(shift.notes, note)
    fields = ["end_time", "notes", "updated_at"]
    if final_amount is not None or difference is not None:
        shift.final_amount = final_amount if final_amount is not None else shift.final_amount
        shift.difference = _difference(shift.initial_amount, shift.final_amount, difference)
        fields += ["final_amount", "difference"]
    await shift.save(update_fields=fields)
    return shift


def _difference(
    initial: Decimal, final: Decimal | None, difference: Decimal | None
) -> Decimal | None:
    """What the drawer gained over the shift, when the caller did not say."""
    if difference is not None or final is None:
        return difference
    return Decimal(final) - Decimal(initial)


async def delete_shift(shift_id: UUID, *, now: datetime | None = None) -> Shift:
    """Soft delete: the row stays, marked, and takes part in no rule and no total."""
    shift = await live_shift(shift_id)
    shift.deleted_at = _now(now, timedelta(0))
    if not await Shift.live().filter(id=shift_id).update(deleted_at=shift.deleted_at):
        raise ShiftNotFound()
    return shift


async def week_shifts(user: User, week: Week) -> list[Shift]:
    """Live shifts of `user` that share an instant with `week`, oldest first."""
    return await _overlapping(user.id, week.start, week.end)


async def seconds_this_week(user: User, week: Week, now: datetime | None = None) -> int:
    now = to_instant(now) if now else utcnow()
    return seconds_in_week(await week_shifts(user, week), week, now)
