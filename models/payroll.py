"""Payroll export: a company's weeks as the CSV files an admin hands to payroll.

The numbers come from the same week sheets people see (`models.sheets.WeekSheet`): the times
that count (the admin's where set, else the associate's), cut at the week's edges, PTO beside
worked time, overtime past the company's weekly threshold on worked time only.

- Summary: one row per person and week: regular, overtime, PTO and total hours, and the week's
  status. A week that is not finalized says so in every row of it ("NOT FINALIZED (...)"), so
  no filter or sort loses the warning.
- Detail: one row per entry and week: the raw punches (associate, supervisor, admin), the times
  that counted and the hours they make in that week; PTO rows carry only their hours.

Rounding (5, 6 or 15 minutes) is for the export only: each counted punch goes to the nearest
increment of the local wall clock, half up (with 15 minutes, 7:29 past rounds down and 7:30 up),
and hours follow from the rounded punches. The stored punches never change; the raw columns of
the detail file always show them as recorded. Hours are decimal, to the hundredth.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from uuid import UUID
from zoneinfo import ZoneInfo

from tortoise.expressions import Q

from models.access import Actor, Permission
from models.companies import Company, company_by_id
from models.entries import EntryTimes
from models.errors import InvalidInput, NotAllowed, NotFound
from models.pto import Pto
from models.sheets import Entry, Span, WeekSheet, load_weeks, overtime_of
from models.shifts import Shift
from models.stages import Phase
from models.timesheets import Timesheet, company_week
from models.timeutil import to_instant, utcnow, zone
from models.users import User
from models.weeks import Week, seconds_in_week, seconds_within

ROUNDINGS = (5, 6, 15)
MAX_WEEKS = 53  # a year of weeks in one file
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
HUNDREDTH = Decimal("0.01")

SUMMARY_COLUMNS = [
    "week_start",
    "week_end",
    "name",
    "email",
    "regular_hours",
    "overtime_hours",
    "pto_hours",
    "total_hours",
    "status",
]
DETAIL_COLUMNS = [
    "week_start",
    "name",
    "email",
    "type",
    "entry_id",
    "date",
    "associate_start",
    "associate_end",
    "supervisor_start",
    "supervisor_end",
    "admin_start",
    "admin_end",
    "counted_from",
    "counted_start",
    "counted_end",
    "hours",
    "status",
    "note",
]
NOT_WORKED = "not worked"


# --- who may, and which weeks --------------------------------------------------------------


def check_may_export(actor: Actor, company_id: UUID, company_name: str = "this company") -> None:
    """Admins of the company export its payroll; its other members are refused, and for anyone
    else the company does not exist."""
    if company_id not in actor.roles:
        raise NotFound("That company")
    if Permission.PAYROLL_EXPORT not in actor.permissions_in(company_id):
        raise NotAllowed(f"Only an admin of {company_name} can export payroll.")


def last_week(company: Company, now: datetime) -> Week:
    """The most recent week that has ended: what payroll is usually run for."""
    tz = zone(company.timezone)
    return Week.containing(to_instant(now) - timedelta(days=7), tz)


def weeks_between(company: Company, first: date, last: date) -> list[Week]:
    """The company's weeks holding `first` through the one holding `last`."""
    for name, day in (("from", first), ("to", last)):
        if not EARLIEST <= day <= LATEST:
            raise InvalidInput(f"{name} must be between {EARLIEST} and {LATEST}.", field=name)
    if last < first:
        raise InvalidInput("to must not be before from.", field="to")
    start = company_week(company, first)
    end = company_week(company, last)
    count = (end.first_day - start.first_day).days // 7 + 1
    if count > MAX_WEEKS:
        raise InvalidInput(f"Export at most {MAX_WEEKS} weeks at a time.", field="to")
    return [Week(start.first_day + timedelta(days=7 * i), start.tz) for i in range(count)]


# --- rounding, for the export only ---------------------------------------------------------


def round_instant(moment: datetime, minutes: int, tz: ZoneInfo) -> datetime:
    """`moment` moved to the nearest multiple of `minutes` on the wall clock of `tz`, half up."""
    offset = moment.astimezone(tz).utcoffset() or timedelta(0)
    wall = int((moment + offset).timestamp())  # the local wall clock, counted like UTC
    step = minutes * 60
    rounded = (wall + step // 2) // step * step
    return datetime.fromtimestamp(rounded, UTC) - offset


def counted_span(entry: Entry, rounding: int | None, tz: ZoneInfo) -> Span | None:
    """The times that count for `entry`, rounded when asked (an open end stays open)."""
    span = entry.counted
    if span is None or rounding is None:
        return span
    end = round_instant(span.end_time, rounding, tz) if span.end_time else None
    return Span(round_instant(span.start_time, rounding, tz), end)


# --- the numbers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    worked: int
    overtime: int
    pto: int

    @property
    def regular(self) -> int:
        return self.worked - self.overtime

    @property
    def total(self) -> int:
        return self.worked + self.pto


def totals(sheet: WeekSheet, rounding: int | None = None) -> Totals:
    """The week's seconds as the export counts them; without rounding, exactly the sheet's."""
    spans = [counted_span(e, rounding, sheet.week.tz) for e in sheet.entries]
    worked = seconds_in_week([s for s in spans if s], sheet.week, sheet.now)
    return Totals(worked, overtime_of(worked, sheet.overtime_threshold_seconds), sheet.pto_seconds)


def hours(seconds: int) -> str:
    return str((Decimal(seconds) / 3600).quantize(HUNDREDTH, rounding=ROUND_HALF_UP))


def status_label(phase: Phase) -> str:
    return "Finalized" if phase is Phase.FINALIZED else f"NOT FINALIZED ({phase.label})"


def _cell(text: str) -> str:
    """Text a spreadsheet must not take for a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _local(moment: datetime | None, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).isoformat(sep=" ") if moment else ""


def summary_rows(sheets: list[WeekSheet], rounding: int | None = None) -> list[list[str]]:
    rows = []
    for sheet in sheets:
        found = totals(sheet, rounding)
        rows.append(
            [
                sheet.week.first_day.isoformat(),
                (sheet.week.first_day + timedelta(days=6)).isoformat(),
                _cell(sheet.owner.name),
                _cell(sheet.owner.email or ""),
                hours(found.regular),
                hours(found.overtime),
                hours(found.pto),
                hours(found.total),
                status_label(sheet.phase),
            ]
        )
    return rows


def _times(row: EntryTimes | None, tz: ZoneInfo) -> list[str]:
    if row is None:
        return ["", ""]
    if row.start_time is None:
        return [NOT_WORKED, ""]
    return [_local(row.start_time, tz), _local(row.end_time, tz)]


def detail_rows(sheets: list[WeekSheet], rounding: int | None = None) -> list[list[str]]:
    rows = []
    for sheet in sheets:
        tz, week = sheet.week.tz, sheet.week
        owner = sheet.owner
        person = [week.first_day.isoformat(), _cell(owner.name), _cell(owner.email or "")]
        status = status_label(sheet.phase)
        for entry in sorted(sheet.entries, key=lambda e: e.shift.start_time):
            shift = entry.shift
            span = counted_span(entry, rounding, tz)
            if span is None:
                counted, seconds = [NOT_WORKED, ""], 0
            else:
                counted = [_local(span.start_time, tz), _local(span.end_time, tz)]
                seconds = seconds_within(span, week.start, week.end, sheet.now)
            rows.append(
                [
                    *person,
                    "Time Worked",
                    str(shift.id),
                    shift.start_time.astimezone(tz).date().isoformat(),
                    _local(shift.start_time, tz),
                    _local(shift.end_time, tz),
                    *_times(entry.supervisor, tz),
                    *_times(entry.admin, tz),
                    "admin" if entry.admin is not None else "associate",
                    *counted,
                    hours(seconds),
                    status,
                    _cell(shift.notes),
                ]
            )
        for pto in sheet.pto:
            rows.append(
                [
                    *person,
                    "PTO",
                    str(pto.id),
                    pto.day.isoformat(),
                    *[""] * 6,
                    "associate",
                    "",
                    "",
                    hours(pto.seconds),
                    status,
                    _cell(pto.note),
                ]
            )
    return rows


def to_csv(columns: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180: quoted where needed, CRLF line ends
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


# --- reading the weeks ---------------------------------------------------------------------


async def _weeks_to_load(
    company: Company, weeks: list[Week]
) -> list[tuple[User, Company, Week, Timesheet | None]]:
    """Everyone with something in each of the company's weeks (a shift, PTO, or a timesheet),
    by week then name, with their sheet: four reads however many weeks."""
    start, end = weeks[0].start, weeks[-1].end
    first, last = weeks[0].first_day, weeks[-1].first_day + timedelta(days=7)
    shifts = (
        await Shift.live()
        .filter(company_id=company.id, start_time__lt=end)
        .filter(Q(end_time__isnull=True) | Q(end_time__gt=start))
        .values("user_id", "start_time", "end_time")
    )
    pto = (
        await Pto.live()
        .filter(company_id=company.id, day__gte=first, day__lt=last)
        .values("user_id", "day")
    )
    sheets = await Timesheet.filter(
        company_id=company.id, start_date__gte=first, start_date__lt=last
    )
    found: dict[date, set[UUID]] = {week.first_day: set() for week in weeks}
    for week in weeks:
        days = set(week.days())
        found[week.first_day] |= {
            s["user_id"]
            for s in shifts
            if s["start_time"] < week.end and (s["end_time"] is None or s["end_time"] > week.start)
        }
        found[week.first_day] |= {p["user_id"] for p in pto if p["day"] in days}
    for sheet in sheets:
        found.setdefault(sheet.start_date, set()).add(sheet.user_id)
    ids = set().union(*found.values())
    people = await User.filter(id__in=list(ids)).order_by("name", "id") if ids else []
    by_week = {(sheet.user_id, sheet.start_date): sheet for sheet in sheets}
    return [
        (person, company, week, by_week.get((person.id, week.first_day)))
        for week in weeks
        for person in people
        if person.id in found[week.first_day]
    ]


@dataclass(frozen=True)
class PayrollRequest:
    """An export that may go ahead: the company, its weeks and the rounding, checked."""

    company: Company
    weeks: list[Week]
    rounding: int | None


@dataclass
class PayrollExport:
    company: Company
    weeks: list[Week]
    rounding: int | None
    sheets: list[WeekSheet]  # by week, then by name

    @property
    def not_finalized(self) -> int:
        """How many of the person-weeks in the file are not finalized."""
        return sum(1 for s in self.sheets if s.phase is not Phase.FINALIZED)

    def summary_csv(self) -> str:
        return to_csv(SUMMARY_COLUMNS, summary_rows(self.sheets, self.rounding))

    def detail_csv(self) -> str:
        return to_csv(DETAIL_COLUMNS, detail_rows(self.sheets, self.rounding))

    def filename(self, detail: bool = False) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.company.name.lower()).strip("-") or "company"
        first = self.weeks[0].first_day
        last = self.weeks[-1].first_day + timedelta(days=6)
        kind = "payroll-detail" if detail else "payroll"
        return f"{kind}-{slug[:40]}-{first}-to-{last}.csv"


async def check_request(
    actor: Actor,
    company_id: UUID,
    first: date | None = None,
    last: date | None = None,
    rounding: int | None = None,
    *,
    now: datetime | None = None,
) -> PayrollRequest:
    """Refuse an export `actor` may not have or that makes no sense, before any work: the weeks
    holding `first` through `last` (default: the last week that ended; `last` defaults to
    `first`)."""
    company = await company_by_id(company_id)
    check_may_export(actor, company_id, company.name)
    if rounding is not None and rounding not in ROUNDINGS:
        raise InvalidInput("Rounding is to 5, 6 or 15 minutes, or none.", field="rounding")
    if first is None:
        first = last or last_week(company, now or utcnow()).first_day
    return PayrollRequest(company, weeks_between(company, first, last or first), rounding)


async def build_export(request: PayrollRequest, *, now: datetime | None = None) -> PayrollExport:
    """Read the weeks of an accepted request. Reads only."""
    wanted = await _weeks_to_load(request.company, request.weeks)
    sheets = await load_weeks(wanted, now)
    return PayrollExport(request.company, request.weeks, request.rounding, sheets)


async def payroll_export(
    actor: Actor,
    company_id: UUID,
    first: date | None = None,
    last: date | None = None,
    rounding: int | None = None,
    *,
    now: datetime | None = None,
) -> PayrollExport:
    """`check_request`, then `build_export`."""
    request = await check_request(actor, company_id, first, last, rounding, now=now)
    return await build_export(request, now=now)
