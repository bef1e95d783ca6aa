"""The Block Kit that users see, built from data alone."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.slack import views
from models import clock
from models.shifts import Shift
from models.weeks import Week

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)  # Wednesday 1 PM in New York


def shift(day: int, start_hour: float, hours: float | None, notes: str = "") -> Shift:
    start = datetime(2026, 11, day, tzinfo=NY) + timedelta(hours=start_hour)
    end = start + timedelta(hours=hours) if hours is not None else None
    return Shift(
        start_time=start.astimezone(UTC), end_time=end and end.astimezone(UTC), notes=notes
    )


def home(shifts: list[Shift], notice: str = "") -> dict:
    data = views.HomeData("Ana", NY, NOW, Week(date(2026, 11, 22), NY), shifts, notice)
    return views.home(data)


def texts(view: dict) -> str:
    return "\n".join(str(b.get("text", "")) for b in view["blocks"])


def test_home_when_clocked_out_offers_clock_in_and_sums_the_week():
    view = home([shift(23, 9, 8), shift(24, 22, 4, "night stock")])
    assert view["type"] == "home"
    body = texts(view)
    assert "Clocked out" in body
    assert "Monday Nov 23* — 8h 00m" in body
    assert "Tuesday Nov 24* — 2h 00m" in body and "Wednesday Nov 25* — 2h 00m" in body
    assert "night stock" in body
    assert "Week total: 12h 00m" in body
    [actions] = [b for b in view["blocks"] if b["type"] == "actions"]
    assert actions["elements"][0]["action_id"] == views.CLOCK_IN


def test_home_when_clocked_in_shows_since_and_offers_clock_out():
    view = home([shift(25, 9, None)], notice="You're clocked in since 9:00 AM.")
    body = texts(view)
    assert "*Clocked in* since 9:00 AM" in body and "9:00 AM – now" in body
    assert "Week total: 4h 00m" in body
    [actions] = [b for b in view["blocks"] if b["type"] == "actions"]
    assert actions["elements"][0]["action_id"] == views.CLOCK_OUT


def test_a_busy_week_stays_within_slacks_limits():
    many = [shift(22 + i % 7, (i // 7) * 0.5, 0.25, "x" * 300) for i in range(300)]
    view = home(many)
    assert len(view["blocks"]) <= 100
    assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in view["blocks"])
    assert "more" in texts(view)  # what did not fit is counted, not cut mid-line


def test_refusals_name_the_times_in_the_users_zone():
    open_shift = shift(25, 9, None)
    message = views.refusal(clock.AlreadyClockedIn(open_shift), NY, NOW)
    assert message["text"] == "You're already clocked in since *9:00 AM*. Use /clockout first."
    earlier = shift(24, 9, 1)
    message = views.refusal(clock.Overlap(earlier), NY, NOW)
    assert "Tue Nov 24, 9:00 AM to Tue Nov 24, 10:00 AM" in message["text"]
