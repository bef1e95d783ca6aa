"""Block Kit for clocking: pure functions from data to message and view dicts."""

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.slack import fmt, kit, payroll_views, schedule_views
from bot.slack import week_views as wv
from models import clock
from models.approval import Waiting
from models.attendance import AttendanceSummary
from models.errors import InvalidInput, WeekLocked
from models.permissions import WrongPhase
from models.roles import Role
from models.sheets import WeekSheet
from models.shifts import Shift
from models.users import User
from models.weeks import Week, seconds_by_day

CLOCK_IN = "clock_in"
CLOCK_OUT = "clock_out"
ROLE_OPEN = "role_open"
MAX_TEXT = 3000  # Slack's limit for a section's text

PUNCH_FORMS = (
    "*/clockin* — start a shift now\n"
    "*/clockin 8:45am* — you forgot: start it at 8:45 AM today (also `08:45`, `5:30pm`)\n"
    "*/clockout* — end your shift now;  */clockout 5:30pm* — end it at 5:30 PM today\n"
    "Anything after the command (or after the time) is kept as a note: "
    "`/clockin 8:45am opening the shop`.\n"
    "Times are read in your Slack time zone. A note can't start with a digit."
)


def message(text: str, *blocks: dict) -> dict:
    """Keyword arguments for `ack`/`respond`: the text is what notifications show."""
    return {"text": text, "blocks": list(blocks) or [section(text)]}


def section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:MAX_TEXT]}}


def button(label: str, action_id: str, style: str | None = None) -> dict:
    element = {
        "type": "button",
        "text": {"type": "plain_text", "text": label},
        "action_id": action_id,
        "value": action_id,
    }
    if style:
        element["style"] = style
    return element


def help_message(problem: str = "") -> dict:
    intro = f"{problem}\n\n" if problem else ""
    return message(f"{intro}Here is how clocking works:\n{PUNCH_FORMS}")


def clocked_in(shift: Shift, tz: ZoneInfo, now: datetime) -> dict:
    text = f":large_green_circle: You're clocked in since *{fmt.when(shift.start_time, tz, now)}*."
    if shift.notes:
        text += f"\n>{shift.notes}"
    return message(
        text,
        section(text),
        {"type": "actions", "elements": [button("Clock out", CLOCK_OUT, "danger")]},
    )


def clocked_out(shift: Shift, week_seconds: int, tz: ZoneInfo, now: datetime) -> dict:
    assert shift.end_time is not None
    text = (
        f":red_circle: Clocked out at *{fmt.when(shift.end_time, tz, now)}*. "
        f"This shift: *{fmt.duration(shift.seconds_worked(now))}* "
        f"(from {fmt.when(shift.start_time, tz, now)}). "
        f"This week so far: *{fmt.duration(week_seconds)}*."
    )
    return message(text)


# What a punch may be refused with: its own rules, the week's (approved, finalized), its note's.
PUNCH_REFUSALS = (clock.ClockError, WeekLocked, WrongPhase, InvalidInput)
PunchRefusal = clock.ClockError | WeekLocked | WrongPhase | InvalidInput


def refusal(error: PunchRefusal, tz: ZoneInfo, now: datetime) -> dict:
    """Why a punch was refused, in words the user can act on. Nothing was recorded."""
    match error:
        case clock.AlreadyClockedIn(shift=shift):
            text = (
                f"You're already clocked in since *{fmt.when(shift.start_time, tz, now)}*. "
                "Use /clockout first."
            )
            return message(
                text,
                section(text),
                {"type": "actions", "elements": [button("Clock out", CLOCK_OUT, "danger")]},
            )
        case clock.NotClockedIn():
            text = "You're not clocked in. Use /clockin to start a shift."
        case clock.FutureTime(at=at):
            text = f"{fmt.when(at, tz, now)} hasn't happened yet. Punches can only be in the past."
        case clock.EndsBeforeStart(start=start, at=at) if at == start:
            text = (
                f"Your shift started at {fmt.when(start, tz, now)}: a shift can't end the moment "
                "it starts. Give a later time, or /clockout to end it now."
            )
        case clock.EndsBeforeStart(start=start, at=at):
            text = (
                f"Your shift started at {fmt.when(start, tz, now)}, so it can't end at "
                f"{fmt.when(at, tz, now)}. Give a later time, or /clockout to end it now."
            )
        case clock.Overlap(other=other):
            end = fmt.when(other.end_time, tz, now) if other.end_time else "now"
            text = (
                f"That would overlap your shift from {fmt.when(other.start_time, tz, now)} "
                f"to {end}. Pick a time after it ends."
            )
        case WeekLocked() | WrongPhase() | InvalidInput():
            text = f"{error} Nothing was recorded."
        case _:
            text = "That punch was not recorded."
    return message(text)


@dataclass(frozen=True)
class HomeData:
    """What the App Home shows one user: times in their zone, days of the company's week."""

    name: str
    tz: ZoneInfo
    now: datetime
    week: Week
    shifts: list[Shift]
    notice: str = ""
    sheet: WeekSheet | None = None  # this week's timesheet, with what the user may do to it
    viewer: "wv.Viewer | None" = None
    waiting: list[Waiting] = field(default_factory=list)
    staff: dict[Role, list[User]] | None = None  # shown to admins, who assign roles
    payroll: bool = False  # an admin: the payroll export button
    # Supervisors and admins: the company's attendance, and the button to plan schedules.
    attendance: AttendanceSummary | None = None

    @property
    def open_shift(self) -> Shift | None:
        return next((s for s in self.shifts if s.end_time is None), None)


def home(data: HomeData) -> dict:
    tz, now, week = data.tz, data.now, data.week
    current = data.open_shift
    if current:
        state = f":large_green_circle: *Clocked in* since {fmt.when(current.start_time, tz, now)}"
        action = button("Clock out", CLOCK_OUT, "danger")
    else:
        state = ":red_circle: *Clocked out*"
        action = button("Clock in", CLOCK_IN, "primary")
    blocks: list[dict] = [{"type": "header", "text": {"type": "plain_text", "text": "Time clock"}}]
    if data.notice:
        blocks.append(section(data.notice))
    blocks += [
        section(state),
        {"type": "actions", "elements": [action]},
        {"type": "divider"},
    ]
    if data.sheet is not None and data.viewer is not None:
        extra = wv.waiting_blocks(data.waiting)
        if data.attendance is not None:
            extra += schedule_views.home_blocks(data.attendance, can_plan=True)
        extra += team_blocks(data.staff)
        if data.payroll:
            extra += payroll_views.payroll_blocks()
        budget = kit.MAX_BLOCKS_VIEW - len(blocks) - len(extra) - 1
        blocks += wv.week_blocks(data.sheet, data.viewer, budget=budget)
        if extra:
            blocks += [kit.divider(), *extra]
        return {"type": "home", "blocks": blocks[: kit.MAX_BLOCKS_VIEW]}
    blocks.append(
        {
            "type": "header",
            "text": {"type": "plain_text", "text": f"Week of {fmt.day(week.start, week.tz)}"},
        }
    )
    per_day = seconds_by_day(data.shifts, week, now)
    lines: dict[date, list[str]] = {day: [] for day in week.days()}
    for shift in data.shifts:
        first = max(shift.start_time.astimezone(week.tz).date(), week.first_day)
        lines[first].append(_shift_line(shift, tz, now))
    for day in week.days():
        if lines[day] or per_day[day]:
            head = f"*{day:%A} {day:%b} {day.day}* — {fmt.duration(per_day[day])}"
            blocks.append(section(_fit([head, *lines[day]])))
    if not data.shifts:
        blocks.append(section("_No shifts yet this week._"))
    blocks.append(section(f"*Week total: {fmt.duration(sum(per_day.values()))}*"))
    return {"type": "home", "blocks": blocks}


def _fit(lines: list[str]) -> str:
    """Join lines within a section's limit, saying how many did not fit."""
    kept: list[str] = []
    for i, line in enumerate(lines):
        more = f"\n…and {len(lines) - i} more"
        if sum(len(k) + 1 for k in kept) + len(line) + len(more) > MAX_TEXT:
            return "\n".join(kept) + more
        kept.append(line)
    return "\n".join(kept)


def team_blocks(staff: dict[Role, list[User]] | None) -> list[dict]:
    """For admins: who the admins and supervisors are, and a button to assign roles."""
    if staff is None:
        return []

    def names(users: list[User]) -> str:
        return ", ".join(kit.mention(u) for u in users) or "_nobody yet_"

    return [
        kit.header("Team roles"),
        kit.section(
            f"*Admins:* {names(staff[Role.ADMIN])}\n*Supervisors:* {names(staff[Role.SUPERVISOR])}"
        ),
        kit.actions(kit.button("Assign a role", ROLE_OPEN)),
    ]


def role_modal() -> dict:
    roles = [kit.option(label, role.value) for role, label in ROLE_LABELS.items()]
    return kit.modal(
        ROLE_MODAL,
        "Assign a role",
        [
            kit.input_block(
                "user",
                "Person",
                {"type": "users_select", "action_id": "user", "placeholder": kit.plain("Pick")},
            ),
            kit.input_block("role", "Role", kit.static_select("role", "Pick a role", roles)),
            kit.context(
                "Supervisors review the weeks of the team; admins finalize them and assign roles."
            ),
        ],
        submit="Assign",
    )


ROLE_MODAL = "role_modal"
ROLE_LABELS = {
    Role.ADMIN: "Admin: finalizes weeks, assigns roles",
    Role.SUPERVISOR: "Supervisor: reviews weeks",
    Role.ASSOCIATE: "Associate",
}


def _shift_line(shift: Shift, tz: ZoneInfo, now: datetime) -> str:
    end = fmt.clock(shift.end_time, tz) if shift.end_time else "now"
    line = (
        f"• {fmt.clock(shift.start_time, tz)} – {end}  ({fmt.duration(shift.seconds_worked(now))})"
    )
    if shift.notes:
        line += f"  _{shift.notes.splitlines()[0][:80]}_"
    return line
