"""A week's timesheet as people see it: entries with their three sources of times, the hours
that count per day and in the week, overtime, conflicts, notes and reports.

The arithmetic is pure (`WeekSheet` computes from what was loaded); `load_week` does the reading.
Hours count the times that stand for each entry: the admin's when an admin set them, otherwise
the associate's. Per-day hours are cut at the company's local midnights, so they add up to the
week's hours, and a shift across a midnight or the week's end counts where it was worked.

PTO (`models.pto`) is listed beside the shifts: the week's total is worked time plus PTO, and
overtime is worked time past the company's weekly threshold (PTO is paid, not worked).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from uuid import UUID

from tortoise.expressions import Q

from models.clock import overlapping_in, shares_instant
from models.companies import Company
from models.entries import EntryTimes, TimeSource
from models.errors import NotFound
from models.notes import Note, NoteState, NoteType
from models.permissions import Action, Relation, check_relation, relations, relations_given
from models.pto import Pto
from models.schedules import ScheduleEntry
from models.stages import Phase, Stage
from models.timesheets import Timesheet, company_week, find_timesheet, phase_of
from models.timeutil import to_instant, utcnow
from models.users import Membership, Privilege, TeamRole, User
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


@dataclass
class Planned:
    """One planned shift of the week's schedule, and the reports about it (a No Show)."""

    plan: ScheduleEntry
    notes: list[Note] = field(default_factory=list)

    @property
    def span(self) -> "Span":
        return Span(self.plan.start_time, self.plan.end_time)

    @property
    def reports(self) -> list[Note]:
        return [n for n in self.notes if n.type == NoteType.REPORT]


def overtime_of(worked_seconds: int, threshold_seconds: int) -> int:
    """Weekly overtime: worked time past the threshold. PTO never counts toward it."""
    return max(0, worked_seconds - threshold_seconds)


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
    pto: list[Pto] = field(default_factory=list)
    schedule: list[Planned] = field(default_factory=list)

    @property
    def phase(self) -> Phase:
        return phase_of(self.timesheet)

    @property
    def counted_spans(self) -> list[Span]:
        return [s for s in (e.counted for e in self.entries) if s is not None]

    @property
    def seconds_per_day(self) -> dict[date, int]:
        """Worked seconds on each day (PTO is `pto_per_day`)."""
        return seconds_by_day(self.counted_spans, self.week, self.now)

    @property
    def worked_seconds(self) -> int:
        return seconds_in_week(self.counted_spans, self.week, self.now)

    @property
    def pto_seconds(self) -> int:
        return sum(p.seconds for p in self.pto)

    @property
    def pto_per_day(self) -> dict[date, int]:
        days = dict.fromkeys(self.week.days(), 0)
        for p in self.pto:
            days[p.day] = days.get(p.day, 0) + p.seconds
        return days

    @property
    def total_seconds(self) -> int:
        """Worked time and PTO: what the week pays."""
        return self.worked_seconds + self.pto_seconds

    @property
    def overtime_threshold_seconds(self) -> int:
        minutes = getattr(self.company, "overtime_threshold_minutes", None)
        return (DEFAULT_OVERTIME_MINUTES if minutes is None else minutes) * 60

    @property
    def overtime_seconds(self) -> int:
        return overtime_of(self.worked_seconds, self.overtime_threshold_seconds)

    @property
    def regular_seconds(self) -> int:
        """Worked time up to the overtime threshold."""
        return self.worked_seconds - self.overtime_seconds

    @property
    def conflicts(self) -> list[Entry]:
        return [e for e in self.entries if e.conflict]

    @property
    def reports(self) -> list[Note]:
        return [n for e in self.entries for n in e.reports] + [
            n for p in self.schedule for n in p.reports
        ]

    def plan_by_day(self) -> dict[date, list[Planned]]:
        days: dict[date, list[Planned]] = {}
        for planned in self.schedule:
            days.setdefault(planned.plan.day, []).append(planned)
        return days

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
    sheet = await find_timesheet(owner.id, company.id, week.first_day)
    [loaded] = await load_weeks([(owner, company, week, sheet)], now)
    return loaded


async def load_weeks(
    weeks: list[tuple[User, Company, Week, Timesheet | None]], now: datetime | None = None
) -> list[WeekSheet]:
    """Several weeks (owner, company, week, its sheet if any) in the same few queries as one:
    a list of timesheets costs no more reads than a single one."""
    now = to_instant(now) if now else utcnow()
    if not weeks:
        return []
    # One read for every week's shifts: those of these owners in these companies that share an
    # instant with the span of all the weeks; each week then takes what overlaps it.
    start = min(week.start for _, _, week, _ in weeks)
    end = max(week.end for _, _, week, _ in weeks)
    owner_ids = list({owner.id for owner, _, _, _ in weeks})
    shifts = await overlapping_in(
        owner_ids, list({company.id for _, company, _, _ in weeks}), start, end
    )
    shift_ids = [s.id for s in shifts]
    sheets = [sheet for _, _, _, sheet in weeks if sheet is not None]
    sheet_ids = [sheet.id for sheet in sheets]
    times = await EntryTimes.filter(shift_id__in=shift_ids) if shift_ids else []
    notes: list[Note] = []
    if shift_ids:
        notes += await Note.filter(shift_id__in=shift_ids, state=NoteState.ACTIVE)
    if sheet_ids:  # on the week, or on one of its planned shifts
        notes += await Note.filter(
            timesheet_id__in=sheet_ids, shift_id__isnull=True, state=NoteState.ACTIVE
        )
    notes.sort(key=lambda n: n.created_at)
    # Setting a plan stamps ScheduleSubmitted, so weeks without the stamp have none to read.
    planned_weeks = [w for w in weeks if w[3] is not None and w[3].schedule_submitted_at]
    plans = await _schedule(planned_weeks) if planned_weeks else []
    supervisor: dict[UUID, EntryTimes] = {}
    admin: dict[UUID, EntryTimes] = {}
    for row in times:
        (supervisor if row.source == TimeSource.SUPERVISOR else admin)[row.shift_id] = row
    by_entry: dict[UUID, list[Note]] = {}
    by_sheet: dict[UUID, list[Note]] = {}
    by_plan: dict[UUID, list[Note]] = {}
    for note in notes:
        if note.shift_id is not None:
            by_entry.setdefault(note.shift_id, []).append(note)
        elif note.schedule_entry_id is not None:
            by_plan.setdefault(note.schedule_entry_id, []).append(note)
        else:
            by_sheet.setdefault(note.timesheet_id, []).append(note)
    people = await _people([owner for owner, _, _, _ in weeks], sheets, times, notes, plans)
    pto = await _pto(weeks)
    loaded = []
    for owner, company, week, sheet in weeks:
        entries = [
            Entry(s, supervisor.get(s.id), admin.get(s.id), list(by_entry.get(s.id, [])))
            for s in shifts
            if s.user_id == owner.id
            and s.company_id == company.id
            and shares_instant(s, week.start, week.end)
        ]
        week_notes = by_sheet.get(sheet.id, []) if sheet is not None else []
        days = set(week.days())
        leave = [
            p for p in pto if p.user_id == owner.id and p.company_id == company.id and p.day in days
        ]
        schedule = [
            Planned(p, list(by_plan.get(p.id, [])))
            for p in plans
            if p.user_id == owner.id and p.company_id == company.id and p.day in days
        ]
        loaded.append(
            WeekSheet(
                owner, company, week, sheet, entries, week_notes, people, now, leave, schedule
            )
        )
    return loaded


def _on_days_of(qs, weeks: list[tuple[User, Company, Week, Timesheet | None]]):
    """`qs` (live rows with a user, a company and a day) narrowed to these owners in these
    companies over the days of all the weeks."""
    return qs.filter(
        user_id__in=list({owner.id for owner, _, _, _ in weeks}),
        company_id__in=list({company.id for _, company, _, _ in weeks}),
        day__gte=min(week.first_day for _, _, week, _ in weeks),
        day__lt=max(week.first_day for _, _, week, _ in weeks) + timedelta(days=7),
    )


async def _schedule(weeks: list[tuple[User, Company, Week, Timesheet | None]]):
    return await _on_days_of(ScheduleEntry.live(), weeks).order_by("start_time")


async def _pto(weeks: list[tuple[User, Company, Week, Timesheet | None]]) -> list[Pto]:
    return await _on_days_of(Pto.live(), weeks).order_by("day")


async def _people(
    owners: list[User],
    sheets: list[Timesheet],
    times: list[EntryTimes],
    notes: list[Note],
    plans: list[ScheduleEntry],
) -> dict[UUID, User]:
    """Everyone the weeks name: their owners, whoever stamped a stage, sent one back, entered
    times, wrote a note or planned a shift."""
    ids = {r.author_id for r in times} | {n.author_id for n in notes}
    ids |= {p.author_id for p in plans}
    for sheet in sheets:
        ids |= {sheet.stamp(stage).by for stage in Stage if sheet.stamp(stage)}
        ids.add(sheet.returned_by_id)
    known = {owner.id: owner for owner in owners}
    ids -= {None, *known}
    people = {u.id: u for u in await User.filter(id__in=list(ids))} if ids else {}
    return people | known


# --- reading weeks as someone may see them (Slack and REST both use these) -------------------


async def visible_week(
    actor: User, owner_id: UUID, company_id: UUID, day: date, now: datetime | None = None
) -> tuple[WeekSheet, frozenset[Relation]]:
    """The week of `owner_id` in `company_id` containing `day`, if `actor` may see it (else
    `NotFound`), with how the actor stands to it. Reading makes nothing."""
    rels = await relations(actor, owner_id, company_id)
    check_relation(Action.VIEW, rels)
    owner = actor if actor.id == owner_id else await User.get_or_none(id=owner_id)
    company = await Company.get_or_none(id=company_id)
    if owner is None or company is None:
        raise NotFound("That week")
    return await load_week(owner, company, company_week(company, day), now), rels


async def own_week(
    actor: User,
    company: Company,
    day: date,
    roles: dict[UUID, TeamRole],
    now: datetime | None = None,
) -> tuple[WeekSheet, frozenset[Relation]]:
    """`visible_week` of the actor's own week, for a caller that holds the company and the
    actor's memberships (`membership_roles`): the same check, without reading them again."""
    rels = relations_given(actor, actor.id, roles.get(company.id))
    check_relation(Action.VIEW, rels)
    return await load_week(actor, company, company_week(company, day), now), rels


async def visible_sheet(
    actor: User, timesheet_id: UUID, now: datetime | None = None
) -> tuple[WeekSheet, frozenset[Relation]]:
    """A week by its timesheet id, if `actor` may see it (else `NotFound`)."""
    sheet = await Timesheet.get_or_none(id=timesheet_id)
    if sheet is None:
        raise NotFound("That week")
    return await visible_week(actor, sheet.user_id, sheet.company_id, sheet.start_date, now)


async def visible_timesheets(
    actor: User,
    *,
    user_id: UUID | None = None,
    company_id: UUID | None = None,
    week_day: date | None = None,
    limit: int | None = None,
    after: tuple[date, UUID, UUID] | None = None,
) -> list[Timesheet]:
    """The timesheets `actor` may see, newest week first: their own, every one of the companies
    they supervise, and, for an admin, every one of their companies. Filters narrow it down;
    `week_day` is any day of the wanted week (in each company's zone). The order is total
    (week, user, company: what makes a sheet unique), so `after` — those three of the last sheet
    of a page — continues a list where it stopped. Owners and companies come loaded."""
    memberships = await Membership.filter(user_id=actor.id).select_related("company")
    seen = [
        m.company_id
        for m in memberships
        if m.role == TeamRole.SUPERVISOR or actor.privilege == Privilege.ADMIN
    ]
    qs = Timesheet.filter(
        Q(user_id=actor.id) | Q(company_id__in=seen) if seen else Q(user_id=actor.id)
    )
    if user_id is not None:
        qs = qs.filter(user_id=user_id)
    if company_id is not None:
        qs = qs.filter(company_id=company_id)
    if week_day is not None:
        sundays = {company_week(m.company, week_day).first_day for m in memberships}
        qs = qs.filter(start_date__in=list(sundays) or [week_day])
    if after is not None:
        day, last_user, last_company = after
        qs = qs.filter(
            Q(start_date__lt=day)
            | Q(start_date=day, user_id__gt=last_user)
            | Q(start_date=day, user_id=last_user, company_id__gt=last_company)
        )
    qs = qs.order_by("-start_date", "user_id", "company_id").select_related("user", "company")
    if limit is not None:
        qs = qs.limit(limit)
    return await qs


# --- Breaktime's shape (SCHEMAS.md), for interfaces that speak it ------------------------------


def _epoch(moment: datetime | None) -> int | None:
    return int(moment.timestamp()) if moment is not None else None


def _times(start: datetime | None, end: datetime | None, author: UUID | None) -> dict:
    return {
        "StartDateTime": _epoch(start),
        "EndDateTime": _epoch(end),
        "AuthorUUID": str(author) if author else None,
    }


def note_document(note: Note) -> dict:
    """NoteSchema, plus the note's id (to edit or delete it by), the report's reason, the
    planned shift it is about (a No Show's) and the report a comment explains."""
    return {
        "NoteID": str(note.id),
        "Type": note.type.value,
        "EntryID": str(note.shift_id) if note.shift_id else None,
        "ScheduleEntryID": str(note.schedule_entry_id) if note.schedule_entry_id else None,
        "Explains": str(note.explains_id) if note.explains_id else None,
        "AuthorUUID": str(note.author_id) if note.author_id else None,
        "DateTime": _epoch(note.created_at),
        "Content": note.content,
        "State": note.state.value,
        "Reason": note.reason.value if note.reason else None,
    }


def breaktime_document(sheet: WeekSheet) -> dict:
    """The Timesheet schema of SCHEMAS.md: times as epoch seconds, ids as strings. A week with
    no timesheet row yet has a null TimesheetID and an empty Status."""
    ts = sheet.timesheet
    hours = []
    for entry in sheet.entries:
        shift = entry.shift
        other = {
            "SupervisorTimes": entry.supervisor,
            "AdminTimes": entry.admin,
        }
        hours.append(
            {
                "Type": "Time Worked",
                "EntryID": str(shift.id),
                "Date": _epoch(shift.start_time),
                "AssociateTimes": _times(shift.start_time, shift.end_time, sheet.owner.id),
                **{
                    key: _times(row.start_time, row.end_time, row.author_id) if row else None
                    for key, row in other.items()
                },
                "Note": [note_document(n) for n in entry.notes],
            }
        )
    for pto in sheet.pto:
        start = sheet.week.day_bounds(pto.day)[0]
        hours.append(
            {
                "Type": "PTO",
                "EntryID": str(pto.id),
                "Date": _epoch(start),
                # Breaktime keeps PTO as times; ours is hours on a day, shown from its midnight.
                "AssociateTimes": _times(
                    start, start + timedelta(minutes=pto.minutes), sheet.owner.id
                ),
                "SupervisorTimes": None,
                "AdminTimes": None,
                "Note": [],
                "Hours": pto.minutes / 60,
            }
        )
    return {
        "TimesheetID": str(ts.id) if ts else None,
        "UserID": str(sheet.owner.id),
        "StartDate": _epoch(sheet.week.start),
        "Status": ts.status() if ts else {stage.value: None for stage in Stage},
        "CompanyID": str(sheet.company.id),
        "HoursData": hours,
        "ScheduleData": [
            {
                "EntryID": str(p.plan.id),
                "Date": _epoch(sheet.week.day_bounds(p.plan.day)[0]),
                **_times(p.plan.start_time, p.plan.end_time, p.plan.author_id),
                "Note": [note_document(n) for n in p.notes],  # a No Show, and its explanation
            }
            for p in sheet.schedule
        ],
        "WeekNotes": [note_document(n) for n in sheet.week_notes],
    }
