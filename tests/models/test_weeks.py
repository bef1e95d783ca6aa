"""What a week is, and how hours fall into days and weeks across midnight and DST."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from models.shifts import Shift
from models.weeks import Week, seconds_by_day, seconds_in_week, sunday_of

NY = ZoneInfo("America/New_York")


def shift(start: datetime, end: datetime | None) -> Shift:
    return Shift(start_time=start.astimezone(UTC), end_time=end and end.astimezone(UTC))


def test_weeks_start_on_sunday():
    assert sunday_of(date(2026, 11, 22)) == date(2026, 11, 22)  # a Sunday
    assert sunday_of(date(2026, 11, 28)) == date(2026, 11, 22)  # the Saturday after
    assert sunday_of(date(2026, 11, 21)) == date(2026, 11, 15)


def test_week_bounds_are_local_midnights():
    week = Week.containing(datetime(2026, 11, 22, 4, 0, tzinfo=UTC), NY)  # Sat 11 PM in New York
    assert week.first_day == date(2026, 11, 15)
    assert week.start == datetime(2026, 11, 15, 5, 0, tzinfo=UTC)
    assert week.end == datetime(2026, 11, 22, 5, 0, tzinfo=UTC)


def test_dst_weeks_have_their_real_length():
    spring = Week(date(2026, 3, 8), NY)  # clocks go forward that Sunday
    autumn = Week(date(2026, 11, 1), NY)  # and back
    assert spring.end - spring.start == timedelta(hours=167)
    assert autumn.end - autumn.start == timedelta(hours=169)


def test_a_night_shift_across_the_dst_change_counts_what_was_worked():
    night = shift(datetime(2026, 10, 31, 22, 0, tzinfo=NY), datetime(2026, 11, 1, 6, 0, tzinfo=NY))
    week = Week(date(2026, 11, 1), NY)
    assert seconds_in_week([night], week, datetime.now(UTC)) == 7 * 3600  # 9 h less the 2 h before


def test_a_shift_across_midnight_counts_on_both_days_and_both_weeks():
    late = shift(datetime(2026, 11, 21, 22, 0, tzinfo=NY), datetime(2026, 11, 22, 3, 0, tzinfo=NY))
    now = datetime(2026, 11, 23, tzinfo=UTC)
    first, second = Week(date(2026, 11, 15), NY), Week(date(2026, 11, 22), NY)
    assert seconds_by_day([late], first, now)[date(2026, 11, 21)] == 2 * 3600
    assert seconds_by_day([late], second, now)[date(2026, 11, 22)] == 3 * 3600
    assert seconds_in_week([late], first, now) + seconds_in_week([late], second, now) == 5 * 3600


def test_an_open_shift_counts_until_now():
    start = datetime(2026, 11, 23, 9, 0, tzinfo=NY)
    week = Week(date(2026, 11, 22), NY)
    assert seconds_in_week([shift(start, None)], week, start + timedelta(minutes=90)) == 5400
