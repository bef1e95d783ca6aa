"""The payroll export against a real database: its totals are the timesheet's totals (for random
weeks with admin times, "not worked" entries, PTO and overtime), rounding changes the file and
never the data, a week that is not finalized says so, and only a company's admins get it."""

import csv
import io
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import approval, entries, payroll
from models.access import actor_for
from models.audit import AuditEntry
from models.companies import Company
from models.entries import EntryTimes, TimeSource
from models.errors import InvalidInput, NotAllowed, NotFound
from models.pto import Pto, add_pto
from models.sheets import load_week
from models.shifts import Shift
from models.timesheets import Timesheet
from models.timeutil import utcnow
from models.users import Membership, Privilege, TeamRole, User
from models.weeks import Week
from tests.support.team import make_team, worked

ZONES = ["America/New_York", "Europe/Lisbon", "Asia/Kolkata", "Australia/Lord_Howe"]


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def hours(seconds: int) -> str:
    return payroll.hours(seconds)


# --- the totals are the timesheet's, for any week ------------------------------------------


@st.composite
def people_weeks(draw):
    """A company in some zone, 1 to 3 people and what they did over two weeks some time ago:
    shifts in a row (some across midnight or the weeks' edges), each with the associate's
    times, maybe a supervisor's and maybe an admin's (or "not worked"), and PTO on some days."""
    tz = draw(st.sampled_from(ZONES))
    threshold = draw(st.integers(20 * 60, 45 * 60))
    people = []
    for _ in range(draw(st.integers(1, 3))):
        cursor = draw(st.integers(-36 * 60, 6 * 24 * 60))  # minutes from the first week's start
        shifts = []
        for _ in range(draw(st.integers(0, 8))):
            start = cursor + draw(st.integers(1, 36 * 60))
            length = draw(st.integers(1, 16 * 3600))  # seconds
            kind = draw(st.sampled_from(["associate", "admin", "not worked"]))
            moved = draw(st.integers(-90, 90))
            supervisor = draw(st.sampled_from([None, "same", "not worked", "moved"]))
            shifts.append((start, length, kind, moved, supervisor))
            cursor = start + length // 60 + 1
        pto_days = draw(st.dictionaries(st.integers(0, 13), st.integers(1, 12 * 60), max_size=5))
        stages = [draw(st.sampled_from([None, "submitted", "finalized"])) for _ in range(2)]
        people.append((shifts, pto_days, stages))
    from_offset, to_offset = draw(st.integers(0, 6)), draw(st.integers(0, 13))
    return tz, threshold, people, from_offset, max(from_offset, to_offset)


async def build(case) -> tuple[Company, User, list[User], Week, date, date]:
    tz_name, threshold, people, from_offset, to_offset = case
    tz = ZoneInfo(tz_name)
    company = await Company.create(
        name="Co", timezone=tz_name, overtime_threshold_minutes=threshold
    )
    tag = uuid.uuid4().hex[:8]
    admin = await User.create(
        name="Admin", email=f"admin-{tag}@example.org", timezone=tz_name, privilege=Privilege.ADMIN
    )
    await Membership.create(user=admin, company=company, role=TeamRole.ASSOCIATE)
    first = Week.containing(utcnow() - timedelta(days=35), tz)
    users = []
    for i, (shifts, pto_days, stages) in enumerate(people):
        user = await User.create(name=f"P{i}", email=f"p{i}-{tag}@example.org", timezone=tz_name)
        await Membership.create(user=user, company=company, role=TeamRole.ASSOCIATE)
        users.append(user)
        for start, length, kind, moved, supervisor in shifts:
            begin = first.start + timedelta(minutes=start)
            end = begin + timedelta(seconds=length)
            shift = await Shift.create(
                user=user, company=company, shift_date=begin, start_time=begin, end_time=end
            )
            other = {
                "same": (begin, end),
                "not worked": (None, None),
                "moved": (begin + timedelta(minutes=moved), end),
            }
            if supervisor is not None:
                at = other[supervisor]
                if at[0] is None or at[0] < at[1]:
                    await EntryTimes.create(
                        shift=shift, source=TimeSource.SUPERVISOR, start_time=at[0], end_time=at[1]
                    )
            if kind != "associate":
                at = (
                    (None, None)
                    if kind == "not worked"
                    else (begin, end + timedelta(minutes=moved))
                )
                if at[0] is None or at[0] < at[1]:
                    await EntryTimes.create(
                        shift=shift, source=TimeSource.ADMIN, start_time=at[0], end_time=at[1]
                    )
        for offset, minutes in pto_days.items():
            day = first.first_day + timedelta(days=offset)
            await Pto.create(user=user, company=company, day=day, minutes=minutes)
        for k, stage in enumerate(stages):  # last: a finalized week refuses new rows
            week = Week(first.first_day + timedelta(days=7 * k), tz)
            if stage is not None:
                await Timesheet.create(
                    user=user,
                    company=company,
                    start_date=week.first_day,
                    starts_at=week.start,
                    ends_at=week.end,
                    hours_submitted_at=week.end,
                    finalized_at=week.end if stage == "finalized" else None,
                )
    day_from = first.first_day + timedelta(days=from_offset)
    day_to = first.first_day + timedelta(days=to_offset)
    return company, admin, users, first, day_from, day_to


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=people_weeks())
async def test_csv_totals_equal_the_timesheet_totals(db, case):
    company, admin, users, first, day_from, day_to = await build(case)
    now = utcnow()
    export = await payroll.payroll_export(
        await actor_for(admin), company.id, day_from, day_to, now=now
    )
    second = Week(first.first_day + timedelta(days=7), first.tz)
    weeks = [first] if day_to < second.first_day else [first, second]
    assert [w.first_day for w in export.weeks] == [w.first_day for w in weeks]
    summary = {(r["week_start"], r["email"]): r for r in read(export.summary_csv())}
    detail = read(export.detail_csv())
    expected_rows = 0
    for week in weeks:
        for user in users:
            sheet = await load_week(user, company, week, now)
            key = (week.first_day.isoformat(), user.email)
            if not sheet.entries and not sheet.pto and sheet.timesheet is None:
                assert key not in summary
                continue
            expected_rows += 1
            row = summary[key]
            assert row["name"] == user.name
            assert row["regular_hours"] == hours(sheet.regular_seconds)
            assert row["overtime_hours"] == hours(sheet.overtime_seconds)
            assert row["pto_hours"] == hours(sheet.pto_seconds)
            assert row["total_hours"] == hours(sheet.total_seconds)
            assert row["status"] == payroll.status_label(sheet.phase)
            # The detail rows of this person-week add up to the same hours (each row is
            # rounded to the hundredth, so the sum may differ by half a hundredth a row).
            mine = [r for r in detail if (r["week_start"], r["email"]) == key]
            worked = [r for r in mine if r["type"] == "Time Worked"]
            assert len(worked) == len(sheet.entries)
            assert {r["entry_id"] for r in worked} == {str(e.shift.id) for e in sheet.entries}
            gap = abs(sum(Decimal(r["hours"]) for r in worked) * 3600 - sheet.worked_seconds)
            assert gap <= Decimal(18) * len(worked)
            leave = {r["entry_id"]: r["hours"] for r in mine if r["type"] == "PTO"}
            assert leave == {str(p.id): hours(p.seconds) for p in sheet.pto}
            assert {r["status"] for r in mine} <= {row["status"]}
    assert len(summary) == expected_rows


# --- rounding ------------------------------------------------------------------------------


NY = ZoneInfo("America/New_York")


def at(text: str, tz: ZoneInfo = NY) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=tz).astimezone(UTC)


@pytest.mark.parametrize(
    ("punch", "minutes", "expected"),
    [
        ("2026-11-03 08:07:29", 15, "2026-11-03 08:00:00"),
        ("2026-11-03 08:07:30", 15, "2026-11-03 08:15:00"),
        ("2026-11-03 08:52:31", 15, "2026-11-03 09:00:00"),
        ("2026-11-03 08:02:59", 6, "2026-11-03 08:00:00"),
        ("2026-11-03 08:03:00", 6, "2026-11-03 08:06:00"),
        ("2026-11-03 08:02:29", 5, "2026-11-03 08:00:00"),
        ("2026-11-03 08:02:30", 5, "2026-11-03 08:05:00"),
        ("2026-11-03 23:53:00", 15, "2026-11-04 00:00:00"),
    ],
)
def test_a_punch_goes_to_the_nearest_increment_half_up(punch, minutes, expected):
    assert payroll.round_instant(at(punch), minutes, NY) == at(expected)


def test_rounding_follows_the_local_clock_in_half_hour_zones():
    kolkata = ZoneInfo("Asia/Kolkata")  # UTC+5:30: quarter hours of UTC are not local ones
    assert payroll.round_instant(at("2026-11-03 09:08:00", kolkata), 15, kolkata) == at(
        "2026-11-03 09:15:00", kolkata
    )


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(ZONES),
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31)),
    st.sampled_from(payroll.ROUNDINGS),
)
def test_rounding_moves_a_punch_at_most_half_an_increment_onto_the_local_grid(zone, naive, step):
    tz = ZoneInfo(zone)
    moment = naive.replace(tzinfo=UTC, microsecond=0)
    rounded = payroll.round_instant(moment, step, tz)
    assert abs((rounded - moment).total_seconds()) <= step * 30
    local = rounded.astimezone(tz)
    if local.utcoffset() == moment.astimezone(tz).utcoffset():  # not across a DST change
        assert local.second == 0 and local.minute % step == 0


@pytest.fixture
async def team(db):
    return await make_team()


async def rows_of(model) -> list[dict]:
    return sorted((await model.all().values()), key=lambda r: str(r["id"]))


async def test_rounding_changes_the_file_never_the_data(team):
    week = team.last_week()
    shift = await worked(team.ana, team.company, week.days()[1], "08:07", "16:53")
    await worked(team.ana, team.company, week.days()[2], "08:53", "17:01")
    await entries.set_times(team.bea, shift.id, TimeSource.ADMIN, shift.start_time, shift.end_time)
    await add_pto(team.ana, team.company.id, week.days()[3], 4 * 60)
    before = [await rows_of(m) for m in (Shift, EntryTimes, Pto, Timesheet, AuditEntry)]
    bea = await actor_for(team.bea)
    exact = await payroll.payroll_export(bea, team.company.id, week.first_day)
    rounded = await payroll.payroll_export(bea, team.company.id, week.first_day, rounding=15)
    after = [await rows_of(m) for m in (Shift, EntryTimes, Pto, Timesheet, AuditEntry)]
    assert after == before
    [row] = read(exact.summary_csv())
    assert row["regular_hours"] == hours(8 * 3600 + 46 * 60 + 8 * 3600 + 8 * 60)
    [row] = read(rounded.summary_csv())
    # 8:00-17:00 (9h), 9:00-17:00 (8h): each punch to its nearest quarter hour.
    assert (row["regular_hours"], row["pto_hours"], row["total_hours"]) == (
        "17.00",
        "4.00",
        "21.00",
    )
    first, second, leave = read(rounded.detail_csv())
    assert first["associate_start"][11:19] == "08:07:00"  # the raw punch, as recorded
    assert first["counted_from"] == "admin" and first["counted_start"][11:19] == "08:00:00"
    assert first["counted_end"][11:19] == "17:00:00" and first["hours"] == "9.00"
    assert second["counted_from"] == "associate" and second["hours"] == "8.00"
    assert leave["type"] == "PTO" and leave["hours"] == "4.00" and leave["counted_start"] == ""
    assert rounded.filename() == exact.filename()


# --- what the file says about the weeks -----------------------------------------------------


async def test_a_week_not_finalized_is_marked_in_every_row(team):
    week = team.last_week()
    for person in (team.ana, team.ari, team.sue):
        await worked(person, team.company, week.days()[1], "09:00", "17:00")
    sheet = (await approval.submit(team.ana, team.company.id, week.first_day)).timesheet
    await approval.approve(team.sam, sheet.id)
    await approval.finalize(team.bea, sheet.id)
    await approval.submit(team.ari, team.company.id, week.first_day)
    export = await payroll.payroll_export(await actor_for(team.bea), team.company.id)
    assert export.weeks == [week] and export.not_finalized == 2
    status = {r["name"]: r["status"] for r in read(export.summary_csv())}
    assert status == {
        "Ana Lima": "Finalized",
        "Ari Gold": "NOT FINALIZED (submitted)",
        "Sue Park": "NOT FINALIZED (not submitted)",
    }
    detail = {r["name"]: r["status"] for r in read(export.detail_csv())}
    assert detail == status
    assert export.filename() == f"payroll-acme-{week.first_day}-to-{week.days()[6]}.csv"
    assert export.filename(detail=True).startswith("payroll-detail-acme-")


async def test_overtime_is_worked_time_past_the_threshold_and_pto_is_apart(team):
    week = team.last_week()
    for day in week.days()[1:6]:
        await worked(team.ana, team.company, day, "08:00", "17:00")  # 45 hours
    await add_pto(team.ana, team.company.id, week.days()[6], 8 * 60)
    export = await payroll.payroll_export(await actor_for(team.bea), team.company.id)
    [row] = read(export.summary_csv())
    assert (row["regular_hours"], row["overtime_hours"], row["pto_hours"]) == (
        "40.00",
        "5.00",
        "8.00",
    )
    assert row["total_hours"] == "53.00" and row["email"] == "ana@example.org"


async def test_a_cell_is_never_a_spreadsheet_formula_and_no_email_is_empty(team):
    team.ana.name, team.ana.email = '=HYPERLINK("http://evil","x")', None
    await team.ana.save()
    await worked(team.ana, team.company, team.last_week().days()[1], "09:00", "10:00", "+1 dial")
    export = await payroll.payroll_export(await actor_for(team.bea), team.company.id)
    [row] = read(export.summary_csv())
    assert row["name"] == "'" + team.ana.name and row["email"] == ""
    [entry] = read(export.detail_csv())
    assert entry["note"] == "'+1 dial" and entry["email"] == ""


async def test_who_may_export_and_what_they_may_ask(team):
    cid = team.company.id
    for person in (team.ana, team.sam):
        with pytest.raises(NotAllowed, match="Only an admin of Acme"):
            await payroll.payroll_export(await actor_for(person), cid)
    with pytest.raises(NotFound):
        await payroll.payroll_export(await actor_for(team.zed), cid)
    with pytest.raises(NotFound):
        await payroll.payroll_export(await actor_for(team.bea), team.other.id)
    bea = await actor_for(team.bea)
    day = team.last_week().first_day
    with pytest.raises(InvalidInput, match="before"):
        await payroll.payroll_export(bea, cid, day, day - timedelta(days=7))
    with pytest.raises(InvalidInput, match="at most 53 weeks"):
        await payroll.payroll_export(bea, cid, day - timedelta(days=7 * 60), day)
    with pytest.raises(InvalidInput, match="between"):
        await payroll.payroll_export(bea, cid, date(1, 1, 1))
    with pytest.raises(InvalidInput, match="5, 6 or 15"):
        await payroll.payroll_export(bea, cid, rounding=10)
    export = await payroll.payroll_export(bea, cid, day - timedelta(days=7 * 52), day)
    assert len(export.weeks) == 53 and export.sheets == []
    assert read(export.summary_csv()) == [] and export.summary_csv().startswith("week_start,")
