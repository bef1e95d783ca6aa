"""A week's timesheet as people see it: entries with their three sources of times, the hours
that count per day and in the week, overtime, conflicts, notes and reports.

The arithmetic is pure (`WeekSheet` computes from what was loaded); `load_week` does the reading.
Hours count the times that stand for each entry: the admin's when an admin set them, otherwise
the associate's. Per-day hours are cut at the company's local midnights, so they add up to the
week's hours, and a shift across a midnight or the week's end counts where it was worked.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from uuid import UUID

from models.clock import overlapping
from models.companies import Company
from models.entries import EntryTimes, TimeSource
from models.notes import Note, NoteState, NoteType
from models.stages import Phase, Stage
from models.timesheets import Timesheet, find_timesheet, phase_of
from models.timeutil import to_instant, utcnow
from models.users import User
from models.weeks import Week, seconds_by_day, seconds_in_week

DEFAULT_OVERTIME_MINUTES = 40 * 60


@dataclass(frozen=True)
class Span:
    """A stretch of time; `end_time` None runs until now (a shift still open)."""

    start_time: datetime
    end_time: datetime | None

    def seconds(self, now: datetime) -> int:
        return max(0, int(((self.end_time or now) - self.start_time).total_seconds()))


@dataclass
class Entry:
    """One shift and what the supervisor and the admin said about it."""

    shift: "object"  # models.shifts.Shift (anything with id, start_time, end_time, notes)
    supervisor: EntryTimes | None = None
    admin: EntryTimes | None = None
    notes: list[Note] = field(default_factory=list)

    @property
    def associate(self) -> Span:
        return Span(self.shift.start_time, self.shift.end_time)

    @property
    def counted(self) -> Span | None:
        """The times that count: the admin's if set (None: "not worked"), else the associate's."""
        if self.admin is not None:
            return _span(self.admin)
        return self.associate

    @property
    def disputed(self) -> bool:
        """The supervisor entered times (or "not worked") that differ from the associate's."""
        return self.supervisor is not None and _span(self.supervisor) != self.associate

    @property
    def conflict(self) -> bool:
        """Disputed and not yet settled by an admin."""
        return self.disputed and self.admin is None

    @property
    def reports(self) -> list[Note]:
        return [n for n in self.notes if n.type == NoteType.REPORT]


def _span(times: EntryTimes) -> Span | None:
    return Span(times.start_time, times.end_time) if times.start_time is not None else None


@dataclass
class WeekSheet:
    owner: User
    company: Company
    week: Week
    timesheet: Timesheet | None
    entries: list[Entry]
    week_notes: list[Note]
    people: dict[UUID, User]
    now: datetime

    @property
    def phase(self) -> Phase:
        return phase_of(self.timesheet)

    @property
    def counted_spans(self) -> list[Span]:
        return [s for s in (e.counted for e in self.entries) if s is not None]

    @property
    def seconds_per_day(self) -> dict[date, int]:
        return seconds_by_day(self.counted_spans, self.week, self.now)

    @property
    def total_seconds(self) -> int:
        return seconds_in_week(self.counted_spans, self.week, self.now)

    @property
    def overtime_threshold_seconds(self) -> int:
        minutes = getattr(self.company, "overtime_threshold_minutes", None)
        return (DEFAULT_OVERTIME_MINUTES if minutes is None else minutes) * 60

    @property
    def overtime_seconds(self) -> int:
        return max(0, self.total_seconds - self.overtime_threshold_seconds)

    @property
    def conflicts(self) -> list[Entry]:
        return [e for e in self.entries if e.conflict]

    @property
    def reports(self) -> list[Note]:
        return [n for e in self.entries for n in e.reports]

    @property
    def open_entry(self) -> Entry | None:
        return next((e for e in self.entries if e.shift.end_time is None), None)

    def entries_by_day(self) -> dict[date, list[Entry]]:
        """Each entry under the day it starts (the week's first day for one begun before)."""
        days: dict[date, list[Entry]] = {day: [] for day in self.week.days()}
        for entry in self.entries:
            day = max(entry.shift.start_time.astimezone(self.week.tz).date(), self.week.first_day)
            days.setdefault(day, []).append(entry)
        return days

    def stamp(self, stage: Stage) -> tuple[datetime, User | None] | None:
        if self.timesheet is None:
            return None
        stamp = self.timesheet.stamp(stage)
        if stamp is None:
            return None
        return stamp.at, self.people.get(stamp.by) if stamp.by else None

    def person(self, user_id: UUID | None) -> User | None:
        return self.people.get(user_id) if user_id else None


async def load_week(
    owner: User, company: Company, week: Week, now: datetime | None = None
) -> WeekSheet:
    """Everything shown about `owner`'s `week` in `company`, in a bounded number of queries."""
    now = to_instant(now) if now else utcnow()
    sheet = await find_timesheet(owner.id, company.id, week.first_day)
    shifts = await overlapping(owner.id, week.start, week.end).filter(company_id=company.id)
    shift_ids = [s.id for s in shifts]
    times = await EntryTimes.filter(shift_id__in=shift_ids) if shift_ids else []
    notes: list[Note] = []
    if shift_ids:
        notes += await Note.filter(shift_id__in=shift_ids, state=NoteState.ACTIVE)
    if sheet is not None:
        notes += await Note.filter(
            timesheet_id=sheet.id, shift_id__isnull=True, state=NoteState.ACTIVE
        )
    notes.sort(key=lambda n: n.created_at)
    entries = {s.id: Entry(s) for s in shifts}
    for row in times:
        if row.source == TimeSource.SUPERVISOR:
            entries[row.shift_id].supervisor = row
        else:
            entries[row.shift_id].admin = row
    week_notes = []
    for note in notes:
        if note.shift_id is None:
            week_notes.append(note)
        else:
            entries[note.shift_id].notes.append(note)
    people = await _people(owner, sheet, times, notes)
    return WeekSheet(owner, company, week, sheet, list(entries.values()), week_notes, people, now)


async def _people(
    owner: User, sheet: Timesheet | None, times: list[EntryTimes], notes: list[Note]
) -> dict[UUID, User]:
    ids = {r.author_id for r in times} | {n.author_id for n in notes}
    if sheet is not None:
        ids |= {sheet.stamp(stage).by for stage in Stage if sheet.stamp(stage)}
        ids.add(sheet.returned_by_id)
    ids.discard(None)
    ids.discard(owner.id)
    people = {u.id: u for u in await User.filter(id__in=list(ids))} if ids else {}
    people[owner.id] = owner
    return people
