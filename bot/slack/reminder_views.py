"""Block Kit for the reminders the scheduled jobs send: pure functions from data to dicts."""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from bot.slack import fmt, kit, week_views
from bot.slack.views import MAX_TEXT, PunchRefusal, button, message, section
from models import clock
from models.errors import InvalidInput, WeekLocked
from models.forgotten import NotYourShift, ShiftAlreadyClosed
from models.permissions import WrongPhase
from models.shifts import Shift
from models.weeks import Week

# Forgotten clock-outs: the DM's buttons and the "I left at…" modal.
CLOCK_OUT_NOW = "forgotten_clock_out_now"
LEFT_AT = "forgotten_left_at"
STILL_WORKING = "forgotten_still_working"
LEFT_AT_MODAL = "forgotten_left_at_modal"
LEFT_AT_BLOCK = "left_at"
LEFT_AT_INPUT = "left_at_time"

# The week buttons are the timesheet's own: pressing one in a reminder is pressing it in the week.
SUBMIT_WEEK = week_views.SUBMIT
APPROVE_WEEK = week_views.APPROVE
SEND_BACK_WEEK = week_views.SEND_BACK
FINALIZE_WEEK = week_views.FINALIZE


def week_value(user_id: UUID, company_id: UUID, first_day: date) -> str:
    """What the week buttons carry: the timesheet listeners read it back as a WeekKey."""
    return week_views.WeekKey(user_id, company_id, first_day).encode()


MAX_BLOCKS = 50  # Slack's limit for a message
MAX_LISTED = 15  # weeks listed with buttons in one digest (two blocks each)


def _with_value(element: dict, value: str) -> dict:
    return {**element, "value": value}


def _actions(block_id: str, *elements: dict) -> dict:
    return {"type": "actions", "block_id": block_id, "elements": list(elements)}


# --- forgotten clock-outs ------------------------------------------------------------------


def forgotten_clockout(shift: Shift, tz: ZoneInfo, now: datetime) -> dict:
    """To the associate whose shift has been open longer than the company's threshold."""
    worked = fmt.duration(shift.seconds_worked(now))
    text = (
        f":alarm_clock: You've been clocked in since *{fmt.when(shift.start_time, tz, now)}* "
        f"— *{worked}* so far. Did you forget to clock out?"
    )
    value = str(shift.id)
    return message(
        text,
        section(text),
        _actions(
            "forgotten_clockout",
            _with_value(button("Clock out now", CLOCK_OUT_NOW, "primary"), value),
            _with_value(button("I left at…", LEFT_AT), value),
            _with_value(button("Still working", STILL_WORKING), value),
        ),
    )


def forgotten_closed(shift: Shift, tz: ZoneInfo, now: datetime) -> dict:
    assert shift.end_time is not None
    return message(
        f":white_check_mark: Clocked out at *{fmt.when(shift.end_time, tz, now)}*. "
        f"This shift: *{fmt.duration(shift.seconds_worked(now))}* "
        f"(from {fmt.when(shift.start_time, tz, now)})."
    )


def forgotten_snoozed(until: datetime, tz: ZoneInfo, now: datetime) -> dict:
    return message(
        f":ok_hand: Got it, keep going. I'll check again around *{fmt.when(until, tz, now)}*."
    )


def forgotten_refused(error: PunchRefusal, tz: ZoneInfo, now: datetime) -> dict:
    return message(refusal_text(error, tz, now))


def refusal_text(error: PunchRefusal, tz: ZoneInfo, now: datetime) -> str:
    """Why closing the reminded shift was refused; nothing was changed."""
    match error:
        case ShiftAlreadyClosed(shift=shift) if shift.end_time:
            return (
                f"That shift already ended at {fmt.when(shift.end_time, tz, now)}. Nothing changed."
            )
        case NotYourShift():
            return "That reminder is about someone else's shift. Nothing changed."
        case clock.FutureTime(at=at):
            return f"{fmt.when(at, tz, now)} hasn't happened yet. Pick a time in the past."
        case clock.EndsBeforeStart(start=start):
            return f"Your shift started at {fmt.when(start, tz, now)}. Pick a time after that."
        case WeekLocked() | WrongPhase() | InvalidInput():
            return f"{error} Nothing changed."
        case _:
            return "That clock-out was not recorded. Nothing changed."


def left_at_modal(shift: Shift, tz: ZoneInfo, now: datetime) -> dict:
    """'I left at…': when did the shift really end? A date-and-time picker in the user's zone."""
    return {
        "type": "modal",
        "callback_id": LEFT_AT_MODAL,
        "private_metadata": json.dumps({"shift": str(shift.id)}),
        "title": {"type": "plain_text", "text": "When did you leave?"},
        "submit": {"type": "plain_text", "text": "Clock out"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            section(
                f"Your shift started *{fmt.when(shift.start_time, tz, now)}*. "
                "Pick when you really stopped working; that is the time recorded."
            ),
            {
                "type": "input",
                "block_id": LEFT_AT_BLOCK,
                "label": {"type": "plain_text", "text": "I left at"},
                "element": {
                    "type": "datetimepicker",
                    "action_id": LEFT_AT_INPUT,
                    "initial_date_time": int(now.timestamp()),
                },
            },
        ],
    }


def left_at_shift_id(view: dict) -> str:
    return json.loads(view.get("private_metadata") or "{}").get("shift", "")


def left_at_selected(view: dict) -> datetime | None:
    """The instant picked in the modal (Slack sends it as a UNIX time), None if none."""
    state = view.get("state", {}).get("values", {}).get(LEFT_AT_BLOCK, {}).get(LEFT_AT_INPUT, {})
    picked = state.get("selected_date_time")
    return datetime.fromtimestamp(int(picked), tz=ZoneInfo("UTC")) if picked else None


def shift_over_limit(
    associate: str, shift: Shift, limit: timedelta, tz: ZoneInfo, now: datetime
) -> dict:
    """To supervisors and admins: a shift open past the hard limit, flagged, not closed."""
    minutes = int(limit.total_seconds()) // 60
    hours = f"{minutes // 60}-hour" if minutes % 60 == 0 else fmt.duration(minutes * 60)
    text = (
        f":triangular_flag_on_post: *{associate}* has been clocked in since "
        f"*{fmt.when(shift.start_time, tz, now)}* — *{fmt.duration(shift.seconds_worked(now))}*, "
        f"past the {hours} limit. The shift is flagged for your review. It stays open until "
        f"{associate} clocks out or the hours are corrected; clockbot never ends it at a "
        "guessed time."
    )
    return message(text)


# --- weekly timesheets -----------------------------------------------------------------------


def week_label(first_day: date) -> str:
    return f"week of {first_day:%a %b} {first_day.day}"


def unsubmitted_week(week: Week, per_day: dict[date, int], user_id: UUID, company_id: UUID) -> dict:
    """To an associate whose last week has hours and was not submitted: summary and Submit."""
    total = sum(per_day.values())
    lines = [
        f"• {day:%a %b} {day.day}: {fmt.duration(seconds)}"
        for day, seconds in per_day.items()
        if seconds
    ]
    text = (
        f":spiral_calendar_pad: Your timesheet for the *{week_label(week.first_day)}* is not "
        f"submitted yet. Total: *{fmt.duration(total)}*."
    )
    value = week_value(user_id, company_id, week.first_day)
    return message(
        text,
        section(text),
        section("\n".join(lines)[:MAX_TEXT] or "_No hours._"),
        _actions(
            "unsubmitted_week", _with_value(button("Submit week", SUBMIT_WEEK, "primary"), value)
        ),
    )


def unsubmitted_escalation(first_day: date, names: list[str]) -> dict:
    """To supervisors: associates whose week is still not submitted some days on."""
    head = f":hourglass: Still not submitted for the *{week_label(first_day)}* ({len(names)}):\n"
    return message(head + _fit_names(names, MAX_TEXT - len(head)))


@dataclass(frozen=True)
class DigestItem:
    name: str
    first_day: date
    since: datetime
    value: str  # identifies the week for the buttons


def pending_digest(items: list[DigestItem], finalize: bool, tz: ZoneInfo, now: datetime) -> dict:
    """One DM listing weeks waiting on the reader, each with the buttons to act on it."""
    verb = "to finalize" if finalize else "to review"
    text = f":inbox_tray: {len(items)} week(s) waiting for you {verb}."
    blocks: list[dict] = [section(text)]
    for i, item in enumerate(items[:MAX_LISTED]):
        blocks.append(
            section(
                f"*{item.name}* — {week_label(item.first_day)}, waiting since "
                f"{fmt.when(item.since, tz, now)}"
            )
        )
        buttons = (
            [_with_value(button("Finalize", FINALIZE_WEEK, "primary"), item.value)]
            if finalize
            else [
                _with_value(button("Approve", APPROVE_WEEK, "primary"), item.value),
                _with_value(button("Send back", SEND_BACK_WEEK), item.value),
            ]
        )
        blocks.append(_actions(f"digest_{i}", *buttons))
    if len(items) > MAX_LISTED:
        blocks.append(section(f"…and {len(items) - MAX_LISTED} more in the App Home."))
    assert len(blocks) <= MAX_BLOCKS
    return message(text, *blocks)


def _fit_names(names: list[str], room: int) -> str:
    out = ""
    for i, name in enumerate(names):
        line = f"• {name}\n"
        more = f"…and {len(names) - i} more"
        if len(out) + len(line) + len(more) > room:
            return out + more
        out += line
    return out.rstrip()


# --- attendance ------------------------------------------------------------------------------

OPEN_WEEK = week_views.DETAILS


def attendance_report(associate: str, reports: list[str], value: str) -> dict:
    """To supervisors: what clockbot found comparing a planned shift with the clock."""
    lines = "\n".join(f"• {kit.clip(r, 500)}" for r in reports)
    text = f":triangular_flag_on_post: *{associate}*'s planned shift needs your attention:\n{lines}"
    return {
        "text": kit.clip(text, kit.MAX_MESSAGE_TEXT),
        "blocks": [
            section(kit.clip(text, MAX_TEXT)),
            _actions("attendance", _with_value(button("Open the week", OPEN_WEEK), value)),
        ],
    }
