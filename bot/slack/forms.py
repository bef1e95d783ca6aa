"""Reading what a person typed into a modal (`view.state.values`), and saying what was wrong
next to the field (`response_action: errors`)."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.slack import kit
from models.errors import DomainError
from models.timeutil import to_instant
from models.weeks import DayOutOfRange, check_day


class FormError(Exception):
    """Inputs that can't be read; `errors` maps block ids to what to say under them."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def values(view: dict) -> dict[str, dict]:
    """The state of every input, by action id (each modal of ours uses an action id once)."""
    out: dict[str, dict] = {}
    for block in (view.get("state") or {}).get("values", {}).values():
        out.update(block)
    return out


def text(state: dict[str, dict], action_id: str) -> str:
    return ((state.get(action_id) or {}).get("value") or "").strip()


def picked_date(state: dict[str, dict], action_id: str) -> date | None:
    raw = (state.get(action_id) or {}).get("selected_date")
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def picked_time(state: dict[str, dict], action_id: str) -> time | None:
    raw = (state.get(action_id) or {}).get("selected_time")
    try:
        return time.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def checked(state: dict[str, dict], action_id: str) -> bool:
    return bool((state.get(action_id) or {}).get("selected_options"))


def selected(state: dict[str, dict], action_id: str) -> str | None:
    option = (state.get(action_id) or {}).get("selected_option") or {}
    return option.get("value")


def selected_user(state: dict[str, dict], action_id: str) -> str | None:
    return (state.get(action_id) or {}).get("selected_user")


def span(
    state: dict[str, dict], tz: ZoneInfo, *, optional: bool = False
) -> tuple[datetime, datetime] | None:
    """Date, start, end (and "ends the next day") as instants; None when optional and empty."""
    day, start, end = (
        picked_date(state, "date"),
        picked_time(state, "start"),
        picked_time(state, "end"),
    )
    if optional and day is None and start is None and end is None:
        return None
    missing = {}
    if day is None:
        missing["date"] = "Pick the date."
    if start is None:
        missing["start"] = "Pick the start time."
    if end is None:
        missing["end"] = "Pick the end time."
    if missing:
        raise FormError(missing)
    assert day and start and end
    try:
        check_day(day)
    except DayOutOfRange as error:
        raise FormError({"date": str(error)}) from None
    end_day = day + timedelta(days=1) if checked(state, "next_day") else day
    return (
        to_instant(datetime.combine(day, start, tzinfo=tz)),
        to_instant(datetime.combine(end_day, end, tzinfo=tz)),
    )


def errors_for(error: DomainError, message: str, fields: set[str], default: str) -> dict:
    """`{"response_action": "errors", ...}` with the message under the field at fault."""
    block = error.field if error.field in fields else default
    if block == "end" and message.startswith("The end must be after"):
        message += " For a night shift, tick “Ends the next day”."
    return {"response_action": "errors", "errors": {block: kit.clip(message, 500)}}
