"""Shifts as records, the way the shifts API handles them: create, update, close, delete.

The rules are the ones punches and timesheet corrections obey, from where they live: one open
shift per user and no overlap (`models.clock`), hours change only while their week is open or
submitted and never once it is finalized (`models.entries.check_weeks`), every change in the
audit trail. Who may ask is the caller's business (`models.access`); `actor_id` is who did it.
The database constraints and the week-lock triggers catch the races the checks cannot see; a
lost race is reported as the check would have reported it.
"""

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TypeVar
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from models import audit
from models.clock import FutureTime, check_ends_after_start, clash, shift_snapshot
from models.entries import check_weeks
from models.errors import DomainError, NotFound, WeekLocked
from models.permissions import Action
from models.shifts import Shift, clean_note
from models.timesheets import Timesheet, locked_by_trigger, sheets_touching
from models.timeutil import to_instant, utcnow

T = TypeVar("T")
# A client's clock may run a little ahead of ours; a write it stamps "now" is not in the future.
CLIENT_CLOCK_SKEW = timedelta(minutes=1)
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


class ShiftNotOpen(DomainError):
    """Closing a shift that already ended."""

    def __init__(self, shift: Shift) -> None:
        super().__init__("That shift is already closed.")
        self.shift = shift


def _now(now: datetime | None) -> datetime:
    return to_instant(now) if now else utcnow()


def _validate(shift: Shift, now: datetime) -> None:
    """The rules one shift obeys on its own: in the past, and ending after it starts."""
    if shift.start_time > now:
        raise FutureTime(shift.start_time)
    if shift.end_time is not None:
        if shift.end_time > now:
            raise FutureTime(shift.end_time)
        check_ends_after_start(shift.start_time, shift.end_time, shift)


async def _check_free(shift: Shift) -> None:
    """The rules between a user's shifts: one open at most, none sharing an instant."""
    if error := await clash(shift.user_id, shift.start_time, shift.end_time, but=shift.id):
        raise error


def _sheet_id(sheets: list[Timesheet], start: datetime) -> UUID | None:
    return next((s.id for s in sheets if s.starts_at <= start < s.ends_at), None)


Span = tuple[UUID, datetime, datetime | None]  # whose time, from, to (None: still open)


async def _write(
    shift: Shift,
    spans: list[Span],
    write: Callable[[list[Timesheet]], Awaitable[T]],
    *,
    check_free: bool = True,
) -> T:
    """In one transaction: the weeks of `spans` must take changes to hours, `shift` must break
    no rule between shifts, then `write`. When a database guard refuses instead (a race), raise
    what the check would have raised."""
    try:
        async with in_transaction():
            sheets: list[Timesheet] = []
            for user_id, start, end in spans:
                sheets += await check_weeks(
                    Action.EDIT_HOURS, user_id, shift.company_id, (start, end)
                )
            if check_free:
                await _check_free(shift)
            return await write(sheets)
    except IntegrityError as error:
        if locked_by_trigger(error):
            for user_id, start, end in spans:
                touched = await sheets_touching(user_id, shift.company_id, start, end)
                locked = [s for s in touched if s.finalized_at]
                if locked:
                    raise WeekLocked(locked[0].start_date) from None
            raise WeekLocked(spans[0][1].date()) from None
        if check_free:
            await _check_free(shift)
        raise


async def _audit(actor_id: UUID, shift: Shift, action: str, before, sheets, now) -> None:
    await audit.record(
        actor_id=actor_id,
        company_id=shift.company_id,
        timesheet_id=_sheet_id(sheets, shift.start_time),
        subject="shift",
        subject_id=shift.id,
        action=action,
        before=before,
        after=shift_snapshot(shift),
        at=now,
    )


def _difference(
    initial: Decimal, final: Decimal | None, difference: Decimal | None
) -> Decimal | None:
    """What the drawer gained over the shift, when the caller did not say."""
    if difference is not None or final is None:
        return difference
    return Decimal(final) - Decimal(initial)


async def create_shift(
    actor_id: UUID,
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
    """Record a shift (open when `end` is None) for a member of the company."""
    now = _now(now)
    start = to_instant(start)
    shift = Shift(
        user_id=user_id,
        company_id=company_id,
        shift_date=to_instant(shift_date) if shift_date else start,
        start_time=start,
        end_time=to_instant(end) if end else None,
        notes=clean_note(notes),
        initial_amount=initial_amount,
        final_amount=final_amount,
        difference=_difference(initial_amount, final_amount, difference),
    )
    _validate(shift, now + skew)

    async def write(sheets: list[Timesheet]) -> Shift:
        await shift.save(force_create=True)
        await _audit(actor_id, shift, "shift.create", None, sheets, now)
        return shift

    return await _write(shift, [(shift.user_id, shift.start_time, shift.end_time)], write)


async def _locked_shift(shift_id: UUID) -> Shift:
    shift = await Shift.live().filter(id=shift_id).select_for_update().first()
    if shift is None:
        raise NotFound("That shift")
    return shift


async def update_shift(
    actor_id: UUID,
    shift_id: UUID,
    changes: dict,
    *,
    now: datetime | None = None,
    skew: timedelta = timedelta(0),
) -> Shift:
    """Change the fields named in `changes` (keys from EDITABLE); the rules hold afterwards.
    `end_time` None reopens the shift, refused while another one is open."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
    now = _now(now)
    shift = await Shift.live().get_or_none(id=shift_id)
    if shift is None:
        raise NotFound("That shift")
    old_span = (shift.user_id, shift.start_time, shift.end_time)
    before = shift_snapshot(shift)
    for name, value in changes.items():
        if isinstance(value, datetime):
            value = to_instant(value)
        elif name == "notes":
            value = clean_note(value)
        setattr(shift, name, value)
    if "final_amount" in changes and "difference" not in changes:
        shift.difference = _difference(shift.initial_amount, shift.final_amount, None)
    _validate(shift, now + skew)
    fields = [*changes, "difference", "updated_at"]

    async def write(sheets: list[Timesheet]) -> Shift:
        await _locked_shift(shift.id)  # still there, and ours until the transaction ends
        await shift.save(update_fields=list(dict.fromkeys(fields)))
        await _audit(actor_id, shift, "shift.update", before, sheets, now)
        return shift

    return await _write(shift, [old_span, (shift.user_id, shift.start_time, shift.end_time)], write)


async def close_shift(
    actor_id: UUID,
    shift_id: UUID,
    *,
    at: datetime | None = None,
    final_amount: Decimal | None = None,
    difference: Decimal | None = None,
    now: datetime | None = None,
    skew: timedelta = timedelta(0),
) -> Shift:
    """End the open shift `shift_id` at `at` (default: now), with the cash counted at close."""
    now = _now(now)
    end = to_instant(at) if at else now
    shift = await Shift.live().get_or_none(id=shift_id)
    if shift is None:
        raise NotFound("That shift")
    if shift.end_time is not None:
        raise ShiftNotOpen(shift)
    if end > now + skew:
        raise FutureTime(end)
    check_ends_after_start(shift.start_time, end, shift)

    async def write(sheets: list[Timesheet]) -> Shift:
        locked = await _locked_shift(shift.id)
        if locked.end_time is not None:  # someone closed it since we looked
            raise ShiftNotOpen(locked)
        before = shift_snapshot(locked)
        locked.end_time = end
        if final_amount is not None:
            locked.final_amount = final_amount
        if final_amount is not None or difference is not None:
            locked.difference = _difference(locked.initial_amount, locked.final_amount, difference)
        await locked.save(update_fields=["end_time", "final_amount", "difference", "updated_at"])
        await _audit(actor_id, locked, "shift.close", before, sheets, now)
        return locked

    # Closing an open shift can't make an overlap: it already ran to infinity.
    return await _write(shift, [(shift.user_id, shift.start_time, end)], write, check_free=False)


async def delete_shift(actor_id: UUID, shift_id: UUID, *, now: datetime | None = None) -> Shift:
    """Soft delete: the row stays, marked, and takes part in no rule and no total."""
    now = _now(now)
    shift = await Shift.live().get_or_none(id=shift_id)
    if shift is None:
        raise NotFound("That shift")

    async def write(sheets: list[Timesheet]) -> Shift:
        locked = await _locked_shift(shift.id)
        before = shift_snapshot(locked)
        locked.deleted_at = now
        await locked.save(update_fields=["deleted_at", "updated_at"])
        await _audit(actor_id, locked, "shift.delete", before, sheets, now)
        return locked

    span = (shift.user_id, shift.start_time, shift.end_time)
    return await _write(shift, [span], write, check_free=False)
