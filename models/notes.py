"""Notes on a week or on one of its entries: comments, and reports that need an admin.

A note is never changed in place: editing one marks it Deleted and adds its replacement (which
points back to it), deleting one marks it Deleted. A report names its reason (Late Arrival, Early
Departure, No Show) and an entry has at most one active report per reason, which a partial unique
index backs (migration `notes_one_active_report`).
"""

from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models import audit
from models.companies import company_by_id
from models.errors import InvalidInput, NotAllowed, NotFound
from models.permissions import Action, Relation, check_phase, check_relation, relations
from models.shifts import Shift
from models.timesheets import Timesheet, company_week, timesheet_for
from models.timeutil import to_instant, utcnow, zone
from models.users import User

MAX_CONTENT = 2000


class NoteType(StrEnum):
    COMMENT = "Comment"
    REPORT = "Report"


class NoteState(StrEnum):
    ACTIVE = "Active"
    DELETED = "Deleted"


class ReportReason(StrEnum):
    LATE_ARRIVAL = "Late Arrival"
    EARLY_DEPARTURE = "Early Departure"
    NO_SHOW = "No Show"


class Note(Model):
    id = fields.UUIDField(primary_key=True)
    timesheet: fields.ForeignKeyRelation[Timesheet] = fields.ForeignKeyField(
        "clockbot.Timesheet", related_name="notes", on_delete=fields.CASCADE
    )
    shift = fields.ForeignKeyField(  # the entry (EntryID); None: a note on the whole week
        "clockbot.Shift", related_name="entry_notes", null=True, on_delete=fields.CASCADE
    )
    # A planned shift nobody worked (a No Show) has its report on the plan instead.
    schedule_entry = fields.ForeignKeyField(
        "clockbot.ScheduleEntry", related_name="notes", null=True, on_delete=fields.CASCADE
    )
    type = fields.CharEnumField(NoteType, max_length=16)
    reason = fields.CharEnumField(ReportReason, max_length=32, null=True)
    author = fields.ForeignKeyField(
        "clockbot.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField()  # the spec's DateTime
    content = fields.TextField()
    state = fields.CharEnumField(NoteState, max_length=16, default=NoteState.ACTIVE)
    # The note this one replaced when it was edited (a plain id: aerich can't make self-references).
    replaces_id = fields.UUIDField(null=True)
    # The report this comment explains (the associate's side of it).
    explains_id = fields.UUIDField(null=True)

    class Meta:
        table = "notes"
        # A week's notes, an entry's (every App Home and week view), a planned shift's.
        indexes = (("timesheet_id", "state"), ("shift_id", "state"), ("schedule_entry_id", "state"))

    def snapshot(self) -> dict:
        return {
            "type": self.type.value,
            "reason": self.reason.value if self.reason else None,
            "shift": self.shift_id,
            "author": self.author_id,
            "content": self.content,
            "state": self.state.value,
            "replaces": self.replaces_id,
            "schedule_entry": self.schedule_entry_id,
            "explains": self.explains_id,
        }


class DuplicateReport(InvalidInput):
    def __init__(self, reason: ReportReason) -> None:
        super().__init__(f"This entry already has a “{reason}” report.", field="reason")
        self.reason = reason


def _content(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidInput("Write something in the note.", field="content")
    if len(text) > MAX_CONTENT:
        raise InvalidInput(f"A note can be at most {MAX_CONTENT} characters.", field="content")
    return text


async def add_note(
    actor: User,
    content: str,
    *,
    shift_id: UUID | None = None,
    owner_id: UUID | None = None,
    company_id: UUID | None = None,
    week_day: date | None = None,
    report: ReportReason | None = None,
    now: datetime | None = None,
) -> Note:
    """A comment (or, with `report`, a report) on an entry (`shift_id`) or on the week of
    `owner_id` in `company_id` that contains `week_day`."""
    now = to_instant(now) if now else utcnow()
    if shift_id is not None:
        shift = await Shift.live().get_or_none(id=shift_id)
        if shift is None:
            raise NotFound("That entry")
        owner_id, company_id = shift.user_id, shift.company_id
    elif report is not None:
        raise InvalidInput("A report is about one entry: pick the entry.", field="entry")
    if owner_id is None or company_id is None:
        raise InvalidInput("Say which week the note is about.", field="entry")
    company = await company_by_id(company_id)
    if shift_id is not None:
        week_day = shift.start_time.astimezone(zone(company.timezone)).date()
    if week_day is None:
        raise InvalidInput("Say which week the note is about.", field="entry")
    action = Action.REPORT if report else Action.COMMENT
    check_relation(action, await relations(actor, owner_id, company_id), company.name)
    text = _content(content)
    week = company_week(company, week_day)
    sheet = await timesheet_for(owner_id, company_id, week)
    try:
        async with in_transaction():
            sheet = await Timesheet.filter(id=sheet.id).select_for_update().get()
            check_phase(action, sheet.phase, sheet.start_date)
            if (
                report
                and await Note.filter(
                    shift_id=shift_id, reason=report, state=NoteState.ACTIVE
                ).exists()
            ):
                raise DuplicateReport(report)
            return await insert(
                actor.id,
                sheet,
                now,
                shift_id=shift_id,
                type=NoteType.REPORT if report else NoteType.COMMENT,
                reason=report,
                content=text,
            )
    except IntegrityError:
        if report:  # two reports for the same reason at once: the index let one through
            raise DuplicateReport(report) from None
        raise


async def insert(actor_id: UUID | None, sheet: Timesheet, now: datetime, **values) -> Note:
    """Add a note to `sheet` and its audit record; call inside the transaction that checked
    the week. `actor_id` None is clockbot itself (attendance reports)."""
    note = await Note.create(timesheet_id=sheet.id, author_id=actor_id, created_at=now, **values)
    await audit.record(
        actor_id=actor_id,
        company_id=sheet.company_id,
        timesheet_id=sheet.id,
        subject="note",
        subject_id=note.id,
        action="note.add",
        after=note.snapshot(),
        at=now,
    )
    return note


async def explain_report(
    actor: User, report_id: UUID, content: str, *, now: datetime | None = None
) -> Note:
    """The associate's side of a report about their week: a comment on the same entry that
    points at the report. Only the week's owner explains, while the week is not locked."""
    now = to_instant(now) if now else utcnow()
    report = await Note.get_or_none(id=report_id, type=NoteType.REPORT, state=NoteState.ACTIVE)
    if report is None:
        raise NotFound("That report")
    sheet = await Timesheet.get(id=report.timesheet_id)
    rels = await relations(actor, sheet.user_id, sheet.company_id)
    if not rels:
        raise NotFound("That report")
    if Relation.OWNER not in rels:
        raise NotAllowed("Only the person a report is about can explain it.", "explain")
    text = _content(content)
    async with in_transaction():
        sheet = await Timesheet.filter(id=sheet.id).select_for_update().get()
        check_phase(Action.COMMENT, sheet.phase, sheet.start_date)
        return await insert(
            actor.id,
            sheet,
            now,
            shift_id=report.shift_id,
            schedule_entry_id=report.schedule_entry_id,
            type=NoteType.COMMENT,
            content=text,
            explains_id=report.id,
        )


async def edit_note(
    actor: User, note_id: UUID, content: str, *, now: datetime | None = None
) -> Note:
    """Replace the author's active note: the old one is marked Deleted and kept."""
    now = to_instant(now) if now else utcnow()
    note, sheet = await _own_note(actor, note_id)
    text = _content(content)
    async with in_transaction():
        sheet = await Timesheet.filter(id=sheet.id).select_for_update().get()
        check_phase(Action.COMMENT, sheet.phase, sheet.start_date)
        # Conditional on still being active: two edits at once make one replacement.
        if not await Note.filter(id=note.id, state=NoteState.ACTIVE).update(
            state=NoteState.DELETED
        ):
            raise NotFound("That note")
        new = await Note.create(
            timesheet_id=note.timesheet_id,
            shift_id=note.shift_id,
            type=note.type,
            reason=note.reason,
            author_id=actor.id,
            created_at=now,
            content=text,
            replaces_id=note.id,
            schedule_entry_id=note.schedule_entry_id,
            explains_id=note.explains_id,
        )
        await audit.record(
            actor_id=actor.id,
            company_id=sheet.company_id,
            timesheet_id=sheet.id,
            subject="note",
            subject_id=note.id,
            action="note.edit",
            before=note.snapshot(),
            after=new.snapshot(),
            at=now,
        )
        return new


async def delete_note(actor: User, note_id: UUID, *, now: datetime | None = None) -> Note:
    """Mark a note Deleted (its author, or an admin of the company); it is kept."""
    now = to_instant(now) if now else utcnow()
    note, sheet = await _own_note(actor, note_id, admin_may=True)
    async with in_transaction():
        sheet = await Timesheet.filter(id=sheet.id).select_for_update().get()
        check_phase(Action.COMMENT, sheet.phase, sheet.start_date)
        if not await Note.filter(id=note.id, state=NoteState.ACTIVE).update(
            state=NoteState.DELETED
        ):
            raise NotFound("That note")
        before = note.snapshot()
        note.state = NoteState.DELETED
        await audit.record(
            actor_id=actor.id,
            company_id=sheet.company_id,
            timesheet_id=sheet.id,
            subject="note",
            subject_id=note.id,
            action="note.delete",
            before=before,
            after=note.snapshot(),
            at=now,
        )
        return note


async def _own_note(
    actor: User, note_id: UUID, *, admin_may: bool = False
) -> tuple[Note, Timesheet]:
    note = await Note.get_or_none(id=note_id, state=NoteState.ACTIVE)
    if note is None:
        raise NotFound("That note")
    sheet = await Timesheet.get(id=note.timesheet_id)
    rels = await relations(actor, sheet.user_id, sheet.company_id)
    if not rels:
        raise NotFound("That note")
    if note.author_id != actor.id and not (admin_may and Relation.ADMIN in rels):
        raise NotAllowed("Only its author can change a note.", "note")
    return note, sheet


async def notes_of(sheet_ids: list[UUID], *, active_only: bool = True) -> list[Note]:
    qs = Note.filter(timesheet_id__in=sheet_ids)
    if active_only:
        qs = qs.filter(state=NoteState.ACTIVE)
    return await qs.order_by("created_at")
