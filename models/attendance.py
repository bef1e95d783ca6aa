"""Attendance: each planned shift (`models.schedules`) against the clock, once it is over.

A planned shift is judged when its end plus the company's grace has passed, from the shifts the
associate punched that share an instant with it:
  - none: No Show ("no clock-in by the planned end");
  - the first of them began later than the planned start plus the grace: Late Arrival;
  - the last of them ended earlier than the planned end minus the grace: Early Departure (one
    still open is not early).
PTO is not worked time, so it never counts as a shift worked; but a plan on a day its associate
has PTO is not reported: the leave accounts for the hours missed (a half day off makes a late
start or an early end).
Each finding is a Report note (`models.notes`) filed by clockbot itself (no author): on the
worked shift for a late arrival or an early departure, on the plan for a no-show; the plan is
named on every one. Judging a plan is claimed by one conditional UPDATE of its `checked_at` in
the transaction that files its reports, so a plan is judged once however many runs race.

Plans are judged at most `LOOKBACK` after they ended: a plan set long after the fact, or a
scheduler down for longer, is not turned into a burst of old reports.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from models import notes
from models.access import Actor, Permission
from models.clock import overlapping_in, shares_instant
from models.companies import Company, company_by_id
from models.errors import InvalidInput, NotAllowed, NotFound
from models.notes import Note, NoteState, NoteType, ReportReason
from models.pto import Pto
from models.schedules import ScheduleEntry
from models.shifts import Shift
from models.stages import Phase
from models.timesheets import Timesheet, company_week, timesheet_for
from models.timeutil import to_instant, utcnow, zone
from models.users import Membership, User
from models.weeks import sunday_of

LOOKBACK = timedelta(days=7)
SUMMARY_WEEKS = 4
MAX_SUMMARY_WEEKS = 53


@dataclass(frozen=True)
class Finding:
    reason: ReportReason
    shift_id: UUID | None  # the worked shift it is about; None for a No Show
    text: str


def _clock(moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{local.hour % 12 or 12}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"


def _minutes(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60}h {minutes % 60:02d}m"


def assess(
    start: datetime, end: datetime, worked: list[Shift], grace: timedelta, tz: ZoneInfo
) -> list[Finding]:
    """What a planned shift [start, end) says about the punched shifts `worked` (pure)."""
    planned = f"{_clock(start, tz)} – {_clock(end, tz)}"
    matching = [s for s in worked if shares_instant(s, start, end)]
    if not matching:
        text = f"No clock-in for the shift planned {planned}."
        return [Finding(ReportReason.NO_SHOW, None, text)]
    found = []
    first = min(matching, key=lambda s: s.start_time)
    if first.start_time > start + grace:
        found.append(
            Finding(
                ReportReason.LATE_ARRIVAL,
                first.id,
                f"Clocked in at {_clock(first.start_time, tz)}, "
                f"{_minutes(first.start_time - start)} after the planned {planned}.",
            )
        )
    ends = [s for s in matching if s.end_time is not None]
    if len(ends) == len(matching):  # all closed: the latest end is when they left
        last = max(ends, key=lambda s: s.end_time)
        if last.end_time < end - grace:
            found.append(
                Finding(
                    ReportReason.EARLY_DEPARTURE,
                    last.id,
                    f"Clocked out at {_clock(last.end_time, tz)}, "
                    f"{_minutes(end - last.end_time)} before the end of the planned {planned}.",
                )
            )
    return found


async def judge_due(graces: dict[UUID, timedelta], now: datetime) -> list[ScheduleEntry]:
    """Judge every plan of these companies that is due, filing its reports; returns the plans
    judged by this call that found something. Reads are a fixed few however many plans; each
    plan judged then costs its claim, a lock on its week's sheet and its reports."""
    if not graces:
        return []
    due = [
        e
        for e in await ScheduleEntry.live().filter(
            company_id__in=list(graces),
            checked_at__isnull=True,
            end_time__lte=now,
            end_time__gt=now - LOOKBACK,
        )
        if e.end_time + graces[e.company_id] <= now  # type: ignore[attr-defined]
    ]
    if not due:
        return []
    zones = dict(await Company.filter(id__in=list(graces)).values_list("id", "timezone"))
    worked = await overlapping_in(
        list({e.user_id for e in due}),  # type: ignore[attr-defined]
        list(graces),
        min(e.start_time for e in due),
        max(e.end_time for e in due),
    )
    sheets = await _sheets(due)
    reported = await _reported(worked, due)
    on_leave = set(
        await Pto.live()
        .filter(
            user_id__in=list({e.user_id for e in due}),  # type: ignore[attr-defined]
            company_id__in=list(graces),
            day__in=list({e.day for e in due}),
        )
        .values_list("user_id", "company_id", "day")
    )
    found = []
    for entry in due:
        cid = entry.company_id  # type: ignore[attr-defined]
        mine = [s for s in worked if s.user_id == entry.user_id and s.company_id == cid]  # type: ignore[attr-defined]
        findings = assess(entry.start_time, entry.end_time, mine, graces[cid], zone(zones.get(cid)))
        if (entry.user_id, cid, entry.day) in on_leave:  # type: ignore[attr-defined]
            findings = []  # the leave accounts for the hours missed
        sheet = sheets[(entry.user_id, cid, sunday_of(entry.day))]  # type: ignore[attr-defined]
        if await _file(entry, findings, sheet, reported, now):
            entry.findings = ",".join(f.reason.value for f in findings)
            entry.checked_at = now
            if findings:
                found.append(entry)
    return found


async def _sheets(entries: list[ScheduleEntry]) -> dict[tuple[UUID, UUID, date], Timesheet]:
    """The sheet of each plan's week (setting a plan made it; made here if it is gone)."""
    rows = await Timesheet.filter(
        user_id__in=list({e.user_id for e in entries}),  # type: ignore[attr-defined]
        company_id__in=list({e.company_id for e in entries}),  # type: ignore[attr-defined]
        start_date__in=list({sunday_of(e.day) for e in entries}),
    )
    out = {(s.user_id, s.company_id, s.start_date): s for s in rows}  # type: ignore[attr-defined]
    for e in entries:
        key = (e.user_id, e.company_id, sunday_of(e.day))  # type: ignore[attr-defined]
        if key not in out:
            company = await Company.get(id=key[1])
            out[key] = await timesheet_for(key[0], key[1], company_week(company, key[2]))
    return out


async def _file(
    entry: ScheduleEntry, findings: list[Finding], sheet: Timesheet, reported: set, now
) -> bool:
    """Claim the plan and file its reports, in one transaction; False when another run judged
    it first or a report for the same reason was filed by hand meanwhile (judged next run)."""
    try:
        async with in_transaction():
            claimed = await ScheduleEntry.filter(
                id=entry.id, checked_at__isnull=True, deleted_at__isnull=True
            ).update(checked_at=now, findings=",".join(f.reason.value for f in findings))
            if not claimed:
                return False
            sheet = await Timesheet.filter(id=sheet.id).select_for_update().get()
            if sheet.phase is Phase.FINALIZED:
                return True  # locked: nothing can be added to it any more
            for finding in findings:
                if (finding.shift_id or entry.id, finding.reason) in reported:
                    continue  # a supervisor already reported it by hand
                await notes.insert(
                    None,
                    sheet,
                    now,
                    shift_id=finding.shift_id,
                    schedule_entry_id=entry.id,
                    type=NoteType.REPORT,
                    reason=finding.reason,
                    content=finding.text,
                )
    except IntegrityError:
        return False
    return True


async def _reported(worked: list[Shift], due: list[ScheduleEntry]) -> set[tuple]:
    """The active reports already about these shifts and plans, as (subject, reason): the ones
    a supervisor filed by hand are not filed again. One query."""
    rows = await Note.filter(
        Q(shift_id__in=[s.id for s in worked]) | Q(schedule_entry_id__in=[e.id for e in due]),
        type=NoteType.REPORT,
        state=NoteState.ACTIVE,
    ).values_list("shift_id", "schedule_entry_id", "reason")
    return {(shift or plan, ReportReason(reason)) for shift, plan, reason in rows}


async def recently_flagged(company_ids: list[UUID], now: datetime) -> list[ScheduleEntry]:
    """Plans judged within `LOOKBACK` that found something, with their associate loaded."""
    if not company_ids:
        return []
    return (
        await ScheduleEntry.filter(
            company_id__in=company_ids, checked_at__gt=now - LOOKBACK, checked_at__lte=now
        )
        .exclude(findings="")
        .select_related("user")
        .order_by("start_time")
    )


async def reports_on(entries: list[ScheduleEntry]) -> dict[UUID, list[Note]]:
    """The active reports filed about each of these plans, from one query."""
    out: dict[UUID, list[Note]] = {e.id: [] for e in entries}
    if entries:
        for note in await Note.filter(
            schedule_entry_id__in=list(out), type=NoteType.REPORT, state=NoteState.ACTIVE
        ).order_by("created_at"):
            out[note.schedule_entry_id].append(note)  # type: ignore[attr-defined]
    return out


# --- the summary ---------------------------------------------------------------------------


@dataclass
class Tally:
    planned: int = 0  # planned shifts that have ended
    worked: int = 0  # shifts punched
    late: int = 0
    early: int = 0
    absent: int = 0

    def add(self, other: "Tally") -> None:
        for name in ("planned", "worked", "late", "early", "absent"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def incidents(self) -> int:
        return self.late + self.early + self.absent


@dataclass
class AttendanceSummary:
    company: Company
    first_day: date
    last_day: date  # inclusive
    people: list[tuple[User, Tally]]  # associates first by incidents, then by name
    total: Tally = field(default_factory=Tally)


_COUNTS = {
    ReportReason.LATE_ARRIVAL: "late",
    ReportReason.EARLY_DEPARTURE: "early",
    ReportReason.NO_SHOW: "absent",
}


def check_may_see(actor: Actor, company_id: UUID, company_name: str = "this company") -> None:
    """Supervisors and admins of the company see its attendance; its associates are refused,
    and for anyone else the company does not exist."""
    if company_id not in actor.roles:
        raise NotFound("That company")
    if Permission.ATTENDANCE_READ not in actor.permissions_in(company_id):
        raise NotAllowed(f"Only supervisors and admins of {company_name} see its attendance.")


async def summary(
    actor: Actor,
    company_id: UUID,
    first: date | None = None,
    last: date | None = None,
    *,
    now: datetime | None = None,
) -> AttendanceSummary:
    """Per associate and for the company: shifts planned, worked, late, early and absent, over
    the weeks holding `first` through `last` (default: this week and the three before). Late,
    early and absent count the active reports, filed by clockbot or by hand."""
    now = to_instant(now) if now else utcnow()
    company = await company_by_id(company_id)
    check_may_see(actor, company_id, company.name)
    today = now.astimezone(zone(company.timezone)).date()
    last_week = company_week(company, last or today)
    first_week = company_week(
        company, first or last_week.first_day - timedelta(weeks=SUMMARY_WEEKS - 1)
    )
    if first_week.first_day > last_week.first_day:
        raise InvalidInput("The first week is after the last one.", field="from")
    if (last_week.first_day - first_week.first_day).days // 7 >= MAX_SUMMARY_WEEKS:
        raise InvalidInput(f"At most {MAX_SUMMARY_WEEKS} weeks at a time.", field="to")
    start, end = first_week.start, last_week.end

    members = await Membership.filter(company_id=company_id).select_related("user")
    tallies = {m.user_id: Tally() for m in members}  # type: ignore[attr-defined]
    planned = (
        await ScheduleEntry.live()
        .filter(company_id=company_id, start_time__gte=start, start_time__lt=end, end_time__lte=now)
        .values_list("user_id", flat=True)
    )
    for user_id in planned:
        tallies.setdefault(user_id, Tally()).planned += 1
    punched = (
        await Shift.live()
        .filter(company_id=company_id, start_time__gte=start, start_time__lt=end)
        .values_list("user_id", flat=True)
    )
    for user_id in punched:
        tallies.setdefault(user_id, Tally()).worked += 1
    reported = await Note.filter(
        type=NoteType.REPORT,
        state=NoteState.ACTIVE,
        timesheet__company_id=company_id,
        timesheet__start_date__gte=first_week.first_day,
        timesheet__start_date__lte=last_week.first_day,
    ).values_list("timesheet__user_id", "reason")
    for user_id, reason in reported:
        tally = tallies.setdefault(user_id, Tally())
        name = _COUNTS[ReportReason(reason)]
        setattr(tally, name, getattr(tally, name) + 1)

    users = {m.user_id: m.user for m in members}  # type: ignore[attr-defined]
    people = [
        (users[uid], t)
        for uid, t in tallies.items()
        if uid in users and (t.planned or t.worked or t.incidents)
    ]
    people.sort(key=lambda p: (-p[1].incidents, p[0].name.lower()))
    result = AttendanceSummary(
        company, first_week.first_day, last_week.first_day + timedelta(days=6), people
    )
    for _, tally in people:
        result.total.add(tally)
    return result
