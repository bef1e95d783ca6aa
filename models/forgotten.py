"""Forgotten clock-outs: finding shifts left open too long, and closing one from a reminder."""

from datetime import datetime
from uuid import UUID

from tortoise.transactions import in_transaction

from models import clock
from models.shifts import Shift
from models.users import User


class NotYourShift(clock.ClockError):
    def __init__(self) -> None:
        super().__init__("not your shift")


class ShiftAlreadyClosed(clock.ClockError):
    def __init__(self, shift: Shift) -> None:
        super().__init__("shift already closed")
        self.shift = shift


async def open_shifts_started_before(company_ids: list[UUID], before: datetime) -> list[Shift]:
    """Open shifts of these companies that started before `before`, with their users: one query."""
    if not company_ids:
        return []
    # Read by the open-shift index (one a person at most) and picked by company here: named in
    # SQL, the company lets SQLite, which keeps no statistics, read all of its history instead.
    wanted = set(company_ids)
    return [
        s
        for s in await Shift.live()
        .filter(end_time__isnull=True, start_time__lte=before)
        .select_related("user")
        .order_by("start_time")
        if s.company_id in wanted  # type: ignore[attr-defined]
    ]


async def close_forgotten_shift(
    user: User, shift_id: UUID | None, *, at: datetime | None = None, now: datetime | None = None
) -> Shift:
    """Close the shift a reminder was about, at `at` (default now), by the rules of a clock-out.

    The reminder names one shift; if it was closed meanwhile (and perhaps a new one opened),
    nothing is closed and ShiftAlreadyClosed says when it ended.
    """
    if shift_id is None:
        raise NotYourShift()
    async with in_transaction():
        shift = await Shift.live().filter(id=shift_id).select_for_update().first()
        if shift is None or shift.user_id != user.id:  # type: ignore[attr-defined]
            raise NotYourShift()
        if shift.end_time is not None:
            raise ShiftAlreadyClosed(shift)
        # The one open shift of `user` is this one, locked above, so clock_out closes it.
        return await clock.clock_out(user, at=at, now=now)
