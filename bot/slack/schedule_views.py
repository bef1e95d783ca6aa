"""Block Kit for schedules and attendance: the Schedule modal, the associate's DM and /schedule's
reply, the App Home's attendance summary. Pure functions from data to dicts."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from bot.slack import fmt, kit
from bot.slack.week_views import day_label, lines_section
from models.attendance import AttendanceSummary, Tally
from models.weeks import Week

SCHEDULE_MODAL = "sched_modal"
OPEN = "sched_open"  # App Home: "Plan schedules…"
PERSON = "sched_person"  # the person picker (dispatches: the modal shows their plan)
COPY = "sched_copy"  # fill the days with last week's plan
PREVIOUS_WEEK, NEXT_WEEK = "sched_previous", "sched_next"
PERSON_BLOCK = "person"
SCHEDULE_FORMS = (
    "*/schedule* — your planned shifts this week (supervisors and admins: plan the team's)\n"
    "*/schedule next* — next week\n"
    "*/schedule 2026-11-03* — the week (Sunday to Saturday) that contains that day"
)


def start_block(index: int) -> str:
    return f"d{index}_start"


def end_block(index: int) -> str:
    return f"d{index}_end"


def start_action(index: int) -> str:
    return f"start{index}"


def end_action(index: int) -> str:
    return f"end{index}"


@dataclass(frozen=True)
class PlanForm:
    """What the Schedule modal shows: whose week, and the planned shifts it starts with."""

    company_id: UUID
    week: Week  # in the company's zone: the times typed are the company's wall clock
    owner_slack_id: str | None = None
    owner_name: str = ""
    plan: tuple[tuple[datetime, datetime], ...] = ()
    notice: str = ""


def _hhmm(moment: datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%H:%M")


def span_text(start: datetime, end: datetime, tz: ZoneInfo) -> str:
    days = (end.astimezone(tz).date() - start.astimezone(tz).date()).days
    text = f"{fmt.clock(start, tz)} – {fmt.clock(end, tz)}"
    return text + (f" (+{days}d)" if days else "")


def _timepicker(action_id: str, placeholder: str, initial: str | None) -> dict:
    element = {"type": "timepicker", "action_id": action_id, "placeholder": kit.plain(placeholder)}
    if initial:
        element["initial_time"] = initial
    return element


def schedule_modal(form: PlanForm) -> dict:
    """Pick a person, then a start and an end for each day of the week (empty: no shift)."""
    week, tz = form.week, form.week.tz
    last = week.first_day + timedelta(days=6)
    picker = {"type": "users_select", "action_id": PERSON, "placeholder": kit.plain("Pick")}
    if form.owner_slack_id:
        picker["initial_user"] = form.owner_slack_id
    person = kit.input_block(PERSON_BLOCK, "Person", picker)
    person["dispatch_action"] = True
    blocks = [
        kit.section(f"*Week of {day_label(week.first_day)} – {day_label(last)}*"),
        person,
        kit.actions(
            kit.button(
                "← Previous week", PREVIOUS_WEEK, (week.first_day - timedelta(7)).isoformat()
            ),
            kit.button("Next week →", NEXT_WEEK, (week.first_day + timedelta(7)).isoformat()),
            *([kit.button("Copy last week", COPY, "copy")] if form.owner_slack_id else []),
        ),
    ]
    if form.notice:
        blocks.append(kit.context(form.notice))
    if form.owner_slack_id:
        by_day: dict[date, list[tuple[datetime, datetime]]] = {}
        for start, end in form.plan:
            by_day.setdefault(start.astimezone(tz).date(), []).append((start, end))
        for index, day in enumerate(week.days()):
            planned = by_day.get(day, [])
            first = planned[0] if planned else None
            label = f"{day:%A %b} {day.day}"
            blocks.append(
                kit.input_block(
                    start_block(index),
                    f"{label} — start",
                    _timepicker(start_action(index), "Start", first and _hhmm(first[0], tz)),
                    optional=True,
                    hint=f"{len(planned)} shifts are planned that day; only the first is kept."
                    if len(planned) > 1
                    else "",
                )
            )
            blocks.append(
                kit.input_block(
                    end_block(index),
                    f"{label} — end",
                    _timepicker(end_action(index), "End", first and _hhmm(first[1], tz)),
                    optional=True,
                )
            )
        blocks.append(
            kit.context(
                f"Times are {tz.key} time. Leave a day empty for no shift; an end before the "
                f"start ends the next day. Publishing tells {form.owner_name or 'them'} by DM."
            )
        )
    meta = {
        "company": str(form.company_id),
        "week": week.first_day.isoformat(),
        "owner": form.owner_slack_id or "",
    }
    return kit.modal(SCHEDULE_MODAL, "Schedule", blocks, submit="Publish", metadata=meta)


class PlanFormError(ValueError):
    """A day with only one of its times; `block` is where to say so."""

    def __init__(self, block: str, message: str) -> None:
        super().__init__(message)
        self.block = block


def read_plan(
    times: list[tuple[time | None, time | None]], week: Week
) -> list[tuple[datetime, datetime]]:
    """The planned shifts typed for the days of `week` (start, end per day, in order)."""
    out = []
    for index, (day, (start, end)) in enumerate(zip(week.days(), times, strict=True)):
        if start is None and end is None:
            continue
        if start is None or end is None:
            block = start_block(index) if start is None else end_block(index)
            raise PlanFormError(block, "Give both a start and an end, or neither.")
        if end == start:
            raise PlanFormError(end_block(index), "The end must differ from the start.")
        begin = datetime.combine(day, start, tzinfo=week.tz)
        finish = datetime.combine(day + timedelta(days=1 if end < start else 0), end, week.tz)
        out.append((begin, finish))
    return out


def plan_lines(plan: list[tuple[datetime, datetime]], tz: ZoneInfo) -> list[str]:
    return [
        f"• *{day_label(start.astimezone(tz).date())}*: {span_text(start, end, tz)}"
        for start, end in plan
    ]


def schedule_notice(
    first_day: date,
    plan: list[tuple[datetime, datetime]],
    tz: ZoneInfo,
    *,
    by: str,
    first: bool,
) -> dict:
    """The associate's DM: their week's schedule was published or changed."""
    verb = "published" if first else "changed"
    head = f":calendar: Your schedule for the week of *{day_label(first_day)}* was {verb} by {by}"
    if not plan:
        text = f"{head}: nothing is planned for you that week."
    else:
        text = "\n".join([f"{head}:", *plan_lines(plan, tz)])
    text = kit.clip(text, kit.MAX_SECTION_TEXT)
    return {"text": kit.clip(text, kit.MAX_MESSAGE_TEXT), "blocks": [kit.section(text)]}


def own_schedule(first_day: date, plan: list[tuple[datetime, datetime]], tz: ZoneInfo) -> dict:
    """The reply to an associate's /schedule."""
    head = f"*Your schedule, week of {day_label(first_day)}*"
    body = "\n".join(plan_lines(plan, tz)) or "_Nothing is planned for you that week._"
    text = kit.clip(f"{head}\n{body}\n\n{SCHEDULE_FORMS}", kit.MAX_SECTION_TEXT)
    return {"text": kit.clip(text, kit.MAX_MESSAGE_TEXT), "blocks": [kit.section(text)]}


# --- the App Home --------------------------------------------------------------------------


def _tally(t: Tally) -> str:
    return (
        f"{t.planned} planned · {t.worked} worked · {t.late} late · {t.early} early · "
        f"{t.absent} absent"
    )


def home_blocks(summary: AttendanceSummary | None, can_plan: bool) -> list[dict]:
    """For supervisors and admins: the attendance summary, and the button to plan schedules."""
    blocks: list[dict] = []
    if summary is not None:
        head = (
            f"*{summary.company.name}*, {day_label(summary.first_day)} – "
            f"{day_label(summary.last_day)}: {_tally(summary.total)}"
        )
        lines = [f"• {kit.mention(user)}: {_tally(t)}" for user, t in summary.people]
        blocks += [kit.header("Attendance"), kit.section(lines_section(head, lines))]
    if can_plan:
        blocks.append(kit.actions(kit.button("Plan schedules…", OPEN, "open")))
    return blocks
