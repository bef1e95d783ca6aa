"""The entries of a timesheet and the operations that correct them.

An entry is a shift (Breaktime's "Time Worked" entry): its start and end are the associate's
times. A supervisor may enter their own times for it and an admin may set the times that count
(`EntryTimes`, one row per source). Where the supervisor's times differ from the associate's and
no admin has spoken, the entry is in conflict (see `models.sheets`). PTO entries, hours on a day
rather than times, are `models.pto`.

Every operation here checks who may act (`models.permissions`), validates its input, refuses a
change to a locked week, writes in one transaction and records the change in the audit trail.
"""

from datetime import datetime
from enum import StrEnum
from uuid import UUID

from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models import audit
from models.clock import FutureTime, check_ends_after_start, clash, shift_snapshot
from models.companies import company_by_id
from models.errors import InvalidInput, NotFound, WeekLocked
from models.permissions import Action, check_relation, relations
from models.shifts import Shift, clean_note
from models.timesheets import Timesheet, check_sheets, locked_by_trigger, sheets_touching
from models.timeutil import to_instant, utcnow
from models.users import User


class TimeSource(StrEnum):
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class EntryTimes(Model):
    """A supervisor's or an admin's times for an entry. No times at all means "not worked"."""

    id = fields.IntField(primary_key=True)
    shift: fields.ForeignKeyRelation[Shift] = fields.ForeignKeyField(
        "clockbot.Shift", related_name="other_times", on_delete=fields.CASCADE
    )
    source = fields.CharEnumField(TimeSource, max_length=16)
    start_time = fields.DatetimeField(null=True)
    end_time = fields.DatetimeField(null=True)
    author = fields.ForeignKeyField(
        "clockbot.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "entry_times"
        unique_together = (("shift", "source"),)

    @property
    def worked(self) -> bool:
        return self.start_time is not None

    def snapshot(self) -> dict:
        return {
            "source": self.source.value,
            "start_time": self.start_time,
            "end_time": self.end_time,
            "author": self.author_id,
        }


def validate_span(start: datetime, end: datetime | None, now: datetime) -> None:
    """End after start, neither in the future. `field` says which input is wrong."""
    if start > now:
        error = FutureTime(start)
        error.field = "start"
        raise error
    if end is None:
        return
    check_ends_after_start(start, end)
    if end > now:
        error = FutureTime(end)
        error.field = "end"
        raise error


async def check_weeks(
    action: Action, user_id: UUID, company_id: UUID, *spans: tuple[datetime, datetime | None]
) -> list[Timesheet]:
    """Lock and check the sheets of every week the spans touch; weeks with no sheet are open."""
    touched: dict[UUID, Timesheet] = {}
    for start, end in spans:
        for sheet in await check_sheets(action, user_id, company_id, start, end):
            touched[sheet.id] = sheet
    return sorted(touched.values(), key=lambda s: s.starts_at)


async def _clash(user_id: UUID, start: datetime, end: datetime | None, but: UUID | None = None):
    """Raise `clock.clash`'s refusal, if any, on the start field of the form."""
    if error := await clash(user_id, start, end, but):
        error.field = "start"
        raise error


def _sheet_id(sheets: list[Timesheet], start: datetime) -> UUID | None:
    """The sheet of the week a span starts in, for the audit record."""
    for sheet in sheets:
        if sheet.starts_at <= start < sheet.ends_at:
            return sheet.id
    return sheets[0].id if sheets else None


async def add_shift(
    actor: User,
    company_id: UUID,
    start: datetime,
    end: datetime,
    note: str = "",
    *,
    now: datetime | None = None,
) -> Shift:
    """A shift the actor forgot to punch ("Add missed shift"): their own, in a week still open."""
    now = to_instant(now) if now else utcnow()
    start, end = to_instant(start), to_instant(end)
    company = await company_by_id(company_id)
    check_relation(Action.EDIT_HOURS, await relations(actor, actor.id, company_id), company.name)
    validate_span(start, end, now)
    note = clean_note(note)
    try:
        async with in_transaction():
            sheets = await check_weeks(Action.EDIT_HOURS, actor.id, company_id, (start, end))
            await _clash(actor.id, start, end)
            shift = await Shift.create(
                user_id=actor.id,
                company_id=company_id,
                shift_date=start,
                start_time=start,
                end_time=end,
                notes=note,
            )
            await audit.record(
                actor_id=actor.id,
                company_id=company_id,
                timesheet_id=_sheet_id(sheets, start),
                subject="shift",
                subject_id=shift.id,
                action="shift.add",
                after=shift_snapshot(shift),
                at=now,
            )
            return shift
    except IntegrityError as error:
        await _refusal_for(error, actor.id, company_id, start, end)
        raise


async def edit_shift(
    actor: User,
    shift_id: UUID,
    start: datetime,
    end: datetime | None,
    note: str | None = None,
    *,
    now: datetime | None = None,
) -> Shift:
    """Change the associate's times (and note) of an entry: the owner's, in a week still open."""
    now = to_instant(now) if now else utcnow()
    start = to_instant(start)
    end = to_instant(end) if end else None
    shift = await _live_shift(shift_id)
    company = await company_by_id(shift.company_id)
    rels = await relations(actor, shift.user_id, shift.company_id)
    check_relation(Action.EDIT_HOURS, rels, company.name)
    validate_span(start, end, now)
    try:
        async with in_transaction():
            shift = await _live_shift(shift_id, lock=True)
            before = shift_snapshot(shift)
            sheets = await check_weeks(
                Action.EDIT_HOURS,
                shift.user_id,
                shift.company_id,
                (shift.start_time, shift.end_time),
                (start, end),
            )
            await _clash(shift.user_id, start, end, but=shift.id)
            shift.start_time = shift.shift_date = start
            shift.end_time = end
            if note is not None:
                shift.notes = clean_note(note)
            await shift.save(
                update_fields=["start_time", "shift_date", "end_time", "notes", "updated_at"]
            )
            await audit.record(
                actor_id=actor.id,
                company_id=shift.company_id,
                timesheet_id=_sheet_id(sheets, start),
                subject="shift",
                subject_id=shift.id,
                action="shift.edit",
                before=before,
                after=shift_snapshot(shift),
                at=now,
            )
            return shift
    except IntegrityError as error:
        await _refusal_for(error, shift.user_id, shift.company_id, start, end, but=shift.id)
        raise


async def delete_shift(actor: User, shift_id: UUID, *, now: datetime | None = None) -> Shift:
    """Remove an entry (kept, marked deleted): the owner's, in a week still open."""
    now = to_instant(now) if now else utcnow()
    shift = await _live_shift(shift_id)
    company = await company_by_id(shift.company_id)
    rels = await relations(actor, shift.user_id, shift.company_id)
    check_relation(Action.EDIT_HOURS, rels, company.name)
    try:
        async with in_transaction():
            shift = await _live_shift(shift_id, lock=True)
            before = shift_snapshot(shift)
            sheets = await check_weeks(
                Action.EDIT_HOURS,
                shift.user_id,
                shift.company_id,
                (shift.start_time, shift.end_time),
            )
            shift.deleted_at = now
            await shift.save(update_fields=["deleted_at", "updated_at"])
            await audit.record(
                actor_id=actor.id,
                company_id=shift.company_id,
                timesheet_id=_sheet_id(sheets, shift.start_time),
                subject="shift",
                subject_id=shift.id,
                action="shift.delete",
                before=before,
                after=shift_snapshot(shift),
                at=now,
            )
            return shift
    except IntegrityError as error:
        await _refusal_for(error, shift.user_id, shift.company_id, shift.start_time, None)
        raise


async def set_times(
    actor: User,
    shift_id: UUID,
    source: TimeSource,
    start: datetime | None,
    end: datetime | None,
    *,
    now: datetime | None = None,
) -> EntryTimes:
    """A supervisor's times for an entry, or the admin's that settle it. `start` and `end` both
    None record "not worked"."""
    now = to_instant(now) if now else utcnow()
    action = Action.SUPERVISOR_TIMES if source is TimeSource.SUPERVISOR else Action.ADMIN_TIMES
    shift = await _live_shift(shift_id)
    company = await company_by_id(shift.company_id)
    check_relation(action, await relations(actor, shift.user_id, shift.company_id), company.name)
    if (start is None) != (end is None):
        raise InvalidInput(
            "Give both a start and an end, or neither for “not worked”.",
            field="end" if end is None else "start",
        )
    if start is not None and end is not None:
        start, end = to_instant(start), to_instant(end)
        validate_span(start, end, now)
    try:
        async with in_transaction():
            shift = await _live_shift(shift_id, lock=True)
            spans = [(shift.start_time, shift.end_time)]
            if start is not None:
                spans.append((start, end))
            sheets = await check_weeks(action, shift.user_id, shift.company_id, *spans)
            row = (
                await EntryTimes.filter(shift_id=shift.id, source=source)
                .select_for_update()
                .first()
            )
            before = row.snapshot() if row else None
            if row is None:
                row = await EntryTimes.create(
                    shift_id=shift.id,
                    source=source,
                    start_time=start,
                    end_time=end,
                    author_id=actor.id,
                )
            else:
                row.start_time, row.end_time, row.author_id = start, end, actor.id
                await row.save(update_fields=["start_time", "end_time", "author_id", "updated_at"])
            await audit.record(
                actor_id=actor.id,
                company_id=shift.company_id,
                timesheet_id=_sheet_id(sheets, shift.start_time),
                subject="entry_times",
                subject_id=shift.id,
                action=f"times.{source.value}",
                before=before,
                after=row.snapshot(),
                at=now,
            )
            return row
    except IntegrityError as error:
        await _refusal_for(error, shift.user_id, shift.company_id, shift.start_time, None)
        raise


async def _live_shift(shift_id: UUID, *, lock: bool = False) -> Shift:
    qs = Shift.live().filter(id=shift_id)
    if lock:
        qs = qs.select_for_update()
    shift = await qs.first()
    if shift is None:
        raise NotFound("That entry")
    return shift


async def _refusal_for(
    error: IntegrityError,
    user_id: UUID,
    company_id: UUID,
    start: datetime,
    end: datetime | None,
    but: UUID | None = None,
) -> None:
    """When a database guard refused what the checks let through (a race), raise what the check
    would have said; otherwise return and let the caller re-raise."""
    if locked_by_trigger(error):
        sheets = await sheets_touching(user_id, company_id, start, end)
        locked = [s for s in sheets if s.finalized_at]
        raise WeekLocked(locked[0].start_date if locked else start.date()) from None
    await _clash(user_id, start, end, but)
