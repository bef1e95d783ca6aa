"""Paid time off: Breaktime's "PTO" entries, a number of hours on a day.

A payroll clerk thinks of PTO as "8 hours on Tuesday", not as a stretch of the clock, so an entry
is a local date of the company and a whole number of minutes, at most one live entry per person,
company and day (`pto_one_per_day`, so a day never holds more than 24 hours of it).

PTO lives in its own table rather than in `shifts`: it is not worked time, so the rules between
worked shifts (one open shift, no overlap, attendance, overtime) never see it, and every reader of
`shifts` (punches, the shifts API, reminders) stays right without a filter. It counts in a week's
totals (`models.sheets.WeekSheet.pto_seconds`) but not as worked time, so never as overtime.

The rules of other entries hold: only the owner records their PTO, while the week is open or
submitted; a finalized week refuses it here and in the database (the `pto` migration's
triggers); every change is in the audit trail; a deleted entry is kept, marked.
"""

from datetime import date, datetime, timedelta
from uuid import UUID

from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from models import audit
from models.companies import Company, company_by_id
from models.errors import DomainError, InvalidInput, NotFound, WeekLocked
from models.permissions import Action, check_phase, check_relation, relations
from models.shifts import clean_note
from models.timesheets import Timesheet, locked_by_trigger
from models.timeutil import to_instant, utcnow, zone
from models.users import User
from models.weeks import check_day, sunday_of

MAX_MINUTES = 24 * 60
# PTO is often booked ahead of time, but not for a year that has no week sheet yet.
MAX_DAYS_AHEAD = 366


class Pto(Model):
    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "clockbot.User", related_name="pto", on_delete=fields.CASCADE
    )
    company: fields.ForeignKeyRelation[Company] = fields.ForeignKeyField(
        "clockbot.Company", related_name="pto", on_delete=fields.CASCADE
    )
    day = fields.DateField()  # in the company's time zone; its week is the one of sunday_of(day)
    minutes = fields.IntField()
    note = fields.TextField(default="")
    deleted_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "pto_entries"
        indexes = (("user_id", "day"),)

    @classmethod
    def live(cls) -> QuerySet["Pto"]:
        return cls.filter(deleted_at__isnull=True)

    @property
    def seconds(self) -> int:
        return self.minutes * 60

    def snapshot(self) -> dict:
        """What the audit trail keeps of an entry."""
        return {
            "user": self.user_id,
            "day": self.day,
            "minutes": self.minutes,
            "note": self.note,
            "deleted_at": self.deleted_at,
        }


class PtoTaken(DomainError):
    """The day already has a PTO entry: change that one instead."""

    field = "date"

    def __init__(self, day: date, minutes: int) -> None:
        super().__init__(
            f"You already have {hours_text(minutes)} of PTO on {day:%a %b} {day.day}; "
            "edit that entry instead."
        )
        self.day = day


def hours_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours}h {rest:02d}m"


def minutes_from_hours(hours: float | str) -> int:
    """Hours as typed ("8", "7.5") to whole minutes; refuses what is not 0 < hours <= 24."""
    try:
        value = float(hours)
    except (TypeError, ValueError):
        raise InvalidInput("Give the hours as a number, like 8 or 7.5.", field="hours") from None
    if not value == value or value <= 0 or value > 24:  # NaN fails the first test
        raise InvalidInput("PTO is more than 0 and at most 24 hours a day.", field="hours")
    return max(1, round(value * 60))


def _validate(day: date, minutes: int, today: date) -> None:
    check_day(day)
    if not 0 < minutes <= MAX_MINUTES:
        raise InvalidInput("PTO is more than 0 and at most 24 hours a day.", field="hours")
    if day > today + timedelta(days=MAX_DAYS_AHEAD):
        raise InvalidInput("PTO can be recorded at most a year ahead.", field="date")


async def _check_week(user_id: UUID, company_id: UUID, day: date) -> Timesheet | None:
    """Lock the sheet of the week holding `day` (if there is one) and refuse a change to hours it
    does not take now. Call inside the transaction of the change."""
    sheet = (
        await Timesheet.filter(user_id=user_id, company_id=company_id, start_date=sunday_of(day))
        .select_for_update()
        .first()
    )
    if sheet is not None:
        check_phase(Action.EDIT_HOURS, sheet.phase, sheet.start_date)
    return sheet


async def _day_free(user_id: UUID, company_id: UUID, day: date, but: UUID | None = None) -> None:
    qs = Pto.live().filter(user_id=user_id, company_id=company_id, day=day)
    if but is not None:
        qs = qs.exclude(id=but)
    taken = await qs.first()
    if taken is not None:
        raise PtoTaken(day, taken.minutes)


async def _refusal_for(
    error: IntegrityError, user_id: UUID, company_id: UUID, day: date, but: UUID | None = None
) -> None:
    """A database guard refused what the checks let through (a race): raise what the check
    would have said, or return and let the caller re-raise."""
    if locked_by_trigger(error):
        raise WeekLocked(sunday_of(day)) from None
    await _day_free(user_id, company_id, day, but)


async def _live(pto_id: UUID, *, lock: bool = False) -> Pto:
    qs = Pto.live().filter(id=pto_id)
    if lock:
        qs = qs.select_for_update()
    found = await qs.first()
    if found is None:
        raise NotFound("That PTO entry")
    return found


async def add_pto(
    actor: User,
    company_id: UUID,
    day: date,
    minutes: int,
    note: str = "",
    *,
    now: datetime | None = None,
) -> Pto:
    """Record the actor's own PTO on `day`, in a week still open."""
    now = to_instant(now) if now else utcnow()
    company = await company_by_id(company_id)
    check_relation(Action.EDIT_HOURS, await relations(actor, actor.id, company_id), company.name)
    _validate(day, minutes, now.astimezone(zone(company.timezone)).date())
    note = clean_note(note)
    try:
        async with in_transaction():
            sheet = await _check_week(actor.id, company_id, day)
            await _day_free(actor.id, company_id, day)
            entry = await Pto.create(
                user_id=actor.id, company_id=company_id, day=day, minutes=minutes, note=note
            )
            await _record(actor, entry, "pto.add", None, sheet, now)
            return entry
    except IntegrityError as error:
        await _refusal_for(error, actor.id, company_id, day)
        raise


async def edit_pto(
    actor: User,
    pto_id: UUID,
    day: date,
    minutes: int,
    note: str | None = None,
    *,
    now: datetime | None = None,
) -> Pto:
    """Change the day, hours (and note) of the owner's PTO entry; both weeks must be open."""
    now = to_instant(now) if now else utcnow()
    entry = await _live(pto_id)
    company = await company_by_id(entry.company_id)
    rels = await relations(actor, entry.user_id, entry.company_id)
    check_relation(Action.EDIT_HOURS, rels, company.name)
    _validate(day, minutes, now.astimezone(zone(company.timezone)).date())
    try:
        async with in_transaction():
            entry = await _live(pto_id, lock=True)
            before = entry.snapshot()
            await _check_week(entry.user_id, entry.company_id, entry.day)
            sheet = await _check_week(entry.user_id, entry.company_id, day)
            await _day_free(entry.user_id, entry.company_id, day, but=entry.id)
            entry.day, entry.minutes = day, minutes
            if note is not None:
                entry.note = clean_note(note)
            await entry.save(update_fields=["day", "minutes", "note", "updated_at"])
            await _record(actor, entry, "pto.edit", before, sheet, now)
            return entry
    except IntegrityError as error:
        await _refusal_for(error, entry.user_id, entry.company_id, day, but=entry.id)
        raise


async def delete_pto(actor: User, pto_id: UUID, *, now: datetime | None = None) -> Pto:
    """Remove the owner's PTO entry (kept, marked deleted), in a week still open."""
    now = to_instant(now) if now else utcnow()
    entry = await _live(pto_id)
    company = await company_by_id(entry.company_id)
    rels = await relations(actor, entry.user_id, entry.company_id)
    check_relation(Action.EDIT_HOURS, rels, company.name)
    try:
        async with in_transaction():
            entry = await _live(pto_id, lock=True)
            before = entry.snapshot()
            sheet = await _check_week(entry.user_id, entry.company_id, entry.day)
            entry.deleted_at = now
            await entry.save(update_fields=["deleted_at", "updated_at"])
            await _record(actor, entry, "pto.delete", before, sheet, now)
            return entry
    except IntegrityError as error:
        await _refusal_for(error, entry.user_id, entry.company_id, entry.day)
        raise


async def _record(
    actor: User, entry: Pto, action: str, before: dict | None, sheet: Timesheet | None, now
) -> None:
    await audit.record(
        actor_id=actor.id,
        company_id=entry.company_id,
        timesheet_id=sheet.id if sheet else None,
        subject="pto",
        subject_id=entry.id,
        action=action,
        before=before,
        after=entry.snapshot(),
        at=now,
    )
