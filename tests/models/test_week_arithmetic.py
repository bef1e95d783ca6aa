"""Property tests of the week arithmetic: random shifts in random zones, DST changes included,
across midnights and across Saturday night. Pure: no database."""

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from models.sheets import Entry, Span, WeekSheet
from models.weeks import Week, seconds_by_day, seconds_in_week, sunday_of

# Zones whose clocks do odd things: DST at midnight (Santiago, Havana), half-hour DST (Lord Howe),
# negative DST (Dublin), a skipped day (Apia, Dec 2011), two-hour DST (Troll), and plain ones.
TRICKY = [
    "America/New_York",
    "Europe/London",
    "Europe/Dublin",
    "America/Santiago",
    "America/Havana",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "Pacific/Chatham",
    "Antarctica/Troll",
    "Africa/Casablanca",
    "Asia/Kolkata",
    "America/St_Johns",
    "UTC",
]

zones = st.one_of(st.sampled_from(TRICKY).map(ZoneInfo), st.timezones())
days = st.dates(min_value=date(2005, 1, 1), max_value=date(2037, 12, 31))
SECONDS_AROUND = 9 * 24 * 3600  # shifts start from two days before the week to after it


@st.composite
def week_and_shifts(draw):
    tz = draw(zones)
    week = Week(sunday_of(draw(days)), tz)
    origin = week.start - timedelta(days=2)
    n = draw(st.integers(0, 12))
    spans = []
    for _ in range(n):
        start = origin + timedelta(seconds=draw(st.integers(0, SECONDS_AROUND)))
        open_ended = draw(st.booleans().map(lambda b: b and not spans))  # at most one open
        length = draw(st.integers(0, 40 * 3600))
        spans.append(Span(start, None if open_ended else start + timedelta(seconds=length)))
    now = origin + timedelta(seconds=draw(st.integers(SECONDS_AROUND // 2, 2 * SECONDS_AROUND)))
    now = max([now, *(s.start_time for s in spans)])
    return week, spans, now


def clipped(span: Span, lo: datetime, hi: datetime, now: datetime) -> int:
    end = span.end_time or now
    return max(0, int((min(end, hi) - max(span.start_time, lo)).total_seconds()))


@settings(max_examples=300, deadline=None)
@given(week_and_shifts())
def test_days_add_up_to_the_week_and_the_week_to_the_clipped_shifts(case):
    week, spans, now = case
    per_day = seconds_by_day(spans, week, now)
    total = seconds_in_week(spans, week, now)
    assert list(per_day) == week.days()
    assert sum(per_day.values()) == total
    assert total == sum(clipped(s, week.start, week.end, now) for s in spans)
    for day, seconds in per_day.items():
        lo, hi = week.day_bounds(day)
        assert 0 <= seconds <= sum(clipped(s, lo, hi, now) for s in spans)
        assert seconds == sum(clipped(s, lo, hi, now) for s in spans)


@settings(max_examples=300, deadline=None)
@given(zones, days)
def test_days_tile_the_week_whatever_the_clocks_do(tz, day):
    week = Week(sunday_of(day), tz)
    bounds = [week.day_bounds(d) for d in week.days()]
    assert bounds[0][0] == week.start and bounds[-1][1] == week.end
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(hi >= lo for lo, hi in bounds)
    hours = (week.end - week.start).total_seconds() / 3600
    assert 143 <= hours <= 193  # a week with a skipped (Apia 2011) or repeated day still ends


@settings(max_examples=200, deadline=None)
@given(zones, days, st.integers(0, 14 * 24 * 3600), st.integers(1, 10 * 24 * 3600))
def test_a_shift_across_week_boundaries_counts_once_in_all(tz, day, offset, length):
    first = Week(sunday_of(day), tz)
    start = first.start + timedelta(seconds=offset)
    span = Span(start, start + timedelta(seconds=length))
    weeks = [Week(first.first_day + timedelta(days=7 * k), tz) for k in range(5)]
    assert all(a.end == b.start for a, b in itertools.pairwise(weeks))
    counted = sum(seconds_in_week([span], w, span.end_time) for w in weeks)
    assert counted == length


@settings(max_examples=200, deadline=None)
@given(zones, st.datetimes(min_value=datetime(2005, 1, 1), max_value=datetime(2037, 12, 31)))
def test_the_week_containing_a_moment_contains_it(tz, naive):
    moment = naive.replace(tzinfo=UTC, microsecond=0)
    week = Week.containing(moment, tz)
    assert week.start <= moment < week.end
    assert week.first_day.weekday() == 6  # Sunday


@settings(max_examples=150, deadline=None)
@given(week_and_shifts(), st.data())
def test_the_sheet_counts_admin_times_where_set_and_adds_up(case, data):
    week, spans, now = case

    class Times:  # what the sheet reads of an EntryTimes row
        def __init__(self, span: Span | None):
            self.start_time = span.start_time if span else None
            self.end_time = span.end_time if span else None

    entries, expected = [], []
    for span in spans:
        choice = data.draw(st.sampled_from(["associate", "admin", "not worked"]))
        admin = None
        counted = span
        if choice == "admin" and span.end_time is not None:
            shift = timedelta(minutes=data.draw(st.integers(-120, 120)))
            counted = Span(span.start_time + shift, max(span.end_time, span.start_time + shift))
            admin = Times(counted)
        elif choice == "not worked":
            admin, counted = Times(None), None
        entries.append(Entry(span, admin=admin))
        if counted is not None:
            expected.append(counted)
    sheet = WeekSheet(None, None, week, None, entries, [], {}, now)
    assert sum(sheet.seconds_per_day.values()) == sheet.total_seconds
    assert sheet.total_seconds == sum(clipped(s, week.start, week.end, now) for s in expected)
    assert sheet.overtime_seconds == max(0, sheet.total_seconds - 40 * 3600)
