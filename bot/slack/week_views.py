"""Block Kit for weekly timesheets: pure functions from a `WeekSheet` to messages and modals.

Every builder keeps within Slack's limits (`kit`): a week with more entries than the blocks
allow is drawn one section per day, with a menu per day instead of one per entry, and long
texts are cut with "…and N more".
"""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID
from zoneinfo import ZoneInfo

from bot.slack import fmt, kit
from models.approval import MAX_REASON, AlreadyDecided, Waiting
from models.clock import AlreadyClockedIn, ClockError, EndsBeforeStart, FutureTime, Overlap
from models.entries import TimeSource
from models.errors import DomainError
from models.messages import MessageKind
from models.notes import MAX_CONTENT, Note, NoteType, ReportReason
from models.permissions import Action, Relation
from models.pto import Pto
from models.sheets import Entry, Planned, Span, WeekSheet
from models.shifts import MAX_NOTE
from models.stages import Phase, Stage
from models.timesheets import REOPENED, SENT_BACK

# Buttons and menus (action ids); the value of each is a `WeekKey` or "<verb>:<id>".
ADD_SHIFT = "ts_add_shift"
ADD_PTO = "ts_add_pto"
ENTRY_MENU = "ts_entry"
NOTE_MENU = "ts_note"
EXPLAIN = "ts_explain"  # the owner picks a report to explain
SUBMIT = "ts_submit"
APPROVE = "ts_approve"
SEND_BACK = "ts_send_back"
FINALIZE = "ts_finalize"
REOPEN = "ts_reopen"
ADD_NOTE = "ts_add_note"
DETAILS = "ts_details"
# Modals (callback ids).
SHIFT_MODAL = "ts_shift_modal"
PTO_MODAL = "ts_pto_modal"
DELETE_MODAL = "ts_delete_modal"
TIMES_MODAL = "ts_times_modal"
REASON_MODAL = "ts_reason_modal"
NOTE_MODAL = "ts_note_modal"
WEEK_MODAL = "ts_week_modal"

ENTRY_VERBS = {  # menu verb -> (label, the action it needs)
    "edit": ("Edit", Action.EDIT_HOURS),
    "delete": ("Delete", Action.EDIT_HOURS),
    "sup": ("Supervisor times", Action.SUPERVISOR_TIMES),
    "adm": ("Admin times", Action.ADMIN_TIMES),
    "comment": ("Comment", Action.COMMENT),
    "report": ("Report", Action.REPORT),
}
PTO_VERBS = {"ptoedit": "Edit", "ptodelete": "Delete"}  # menu verb -> label; need EDIT_HOURS
MAX_NOTE_LINE = 200
NO_LONGER = "This week is no longer"  # how an outcome with nobody to name begins
MAX_WAITING_SHOWN = 10


@dataclass(frozen=True)
class WeekKey:
    """Which week a button is about: owner, company and the week's Sunday."""

    owner_id: UUID
    company_id: UUID
    first_day: date

    def encode(self) -> str:
        return f"{self.owner_id}|{self.company_id}|{self.first_day.isoformat()}"

    @classmethod
    def decode(cls, text: str) -> "WeekKey | None":
        try:
            owner, company, day = text.split("|")
            return cls(UUID(owner), UUID(company), date.fromisoformat(day))
        except (ValueError, AttributeError):
            return None

    @classmethod
    def of(cls, sheet: WeekSheet) -> "WeekKey":
        return cls(sheet.owner.id, sheet.company.id, sheet.week.first_day)


@dataclass(frozen=True)
class Viewer:
    """Who looks at a week: their zone for times, how they stand to it, what they may do."""

    user_id: UUID
    tz: ZoneInfo
    allowed: frozenset[Action] = frozenset()
    relations: frozenset[Relation] = frozenset()


# --- small texts ---------------------------------------------------------------------------


def day_label(day: date) -> str:
    return f"{day:%a %b} {day.day}"


def week_title(sheet: WeekSheet, viewer: Viewer) -> str:
    title = f"Week of {day_label(sheet.week.first_day)}"
    return title if viewer.user_id == sheet.owner.id else f"{sheet.owner.name} — {title}"


def span_text(span: Span | None, tz: ZoneInfo) -> str:
    if span is None:
        return "not worked"
    start = fmt.clock(span.start_time, tz)
    if span.end_time is None:
        return f"{start} – now"
    end = fmt.clock(span.end_time, tz)
    days = (span.end_time.astimezone(tz).date() - span.start_time.astimezone(tz).date()).days
    return f"{start} – {end}" + (f" (+{days}d)" if days else "")


def _stamp(sheet: WeekSheet, stage: Stage) -> tuple[datetime, object]:
    stamp = sheet.stamp(stage)
    assert stamp is not None, f"{stage} is set in this phase"
    return stamp


def status_text(sheet: WeekSheet) -> str:
    phase = sheet.phase
    ts = sheet.timesheet
    if phase is Phase.FINALIZED:
        at, by = _stamp(sheet, Stage.FINALIZED)
        line = f":lock: *Finalized* by {kit.mention(by)} {kit.slack_date(at)}"
    elif phase is Phase.REVIEWED:
        at, by = _stamp(sheet, Stage.HOURS_REVIEWED)
        line = f":large_blue_circle: *Reviewed*: approved by {kit.mention(by)} {kit.slack_date(at)}"
    elif phase is Phase.SUBMITTED:
        at, by = _stamp(sheet, Stage.HOURS_SUBMITTED)
        line = f":large_yellow_circle: *Submitted* by {kit.mention(by)} {kit.slack_date(at)}"
    else:
        line = ":white_circle: *Not submitted*"
    if ts is not None and ts.returned_kind and ts.returned_at:
        verb = "Sent back" if ts.returned_kind == SENT_BACK else "Reopened"
        by = sheet.person(ts.returned_by_id)
        reason = kit.clip(ts.returned_reason, 500)
        line += f"\n:leftwards_arrow_with_hook: {verb} by {kit.mention(by)} "
        line += f"{kit.slack_date(ts.returned_at)}: _{reason}_"
    return line


def note_line(note: Note, sheet: WeekSheet) -> str:
    # No author: clockbot filed it (attendance, from the schedule and the clock).
    who = kit.mention(sheet.person(note.author_id)) if note.author_id else "clockbot"
    text = kit.clip(" ".join(note.content.split()), MAX_NOTE_LINE)
    if note.type == NoteType.REPORT:
        return f":triangular_flag_on_post: *{note.reason}* — {who}: {text}"
    if note.explains_id:
        return f":speech_balloon: *Explanation* — {who}: {text}"
    return f":speech_balloon: {who}: {text}"


def planned_text(planned: Planned, tz: ZoneInfo) -> str:
    return f"planned {span_text(planned.span, tz)}"


def plan_lines(planned: Planned, sheet: WeekSheet, tz: ZoneInfo) -> list[str]:
    """A planned shift's reports (a No Show) and their explanations, under its day."""
    if not planned.notes:
        return []
    head = f"• :calendar: Planned {span_text(planned.span, tz)}"
    return [head] + [f"      {note_line(n, sheet)}" for n in planned.notes]


def explain_options(sheet: WeekSheet, viewer: Viewer) -> list[dict]:
    """The owner's reports that no explanation answers yet."""
    if Relation.OWNER not in viewer.relations or Action.COMMENT not in viewer.allowed:
        return []
    answered = {n.explains_id for n in _all_notes(sheet) if n.explains_id}
    days = {
        **{
            n.id: e.shift.start_time.astimezone(sheet.week.tz).date()
            for e in sheet.entries
            for n in e.reports
        },
        **{n.id: p.plan.day for p in sheet.schedule for n in p.reports},
    }
    return [
        kit.option(f"Explain “{n.reason}” on {day_label(days[n.id])}", f"explain:{n.id}")
        for n in sheet.reports
        if n.id not in answered
    ][: kit.MAX_OPTIONS]


def entry_lines(entry: Entry, sheet: WeekSheet, tz: ZoneInfo) -> list[str]:
    shift = entry.shift
    worked = fmt.duration(entry.associate.seconds(sheet.now))
    line = f"• {span_text(entry.associate, tz)}  ({worked})"
    if shift.notes:
        line += f"  _{kit.clip(shift.notes.splitlines()[0], 80)}_"
    lines = [line]
    if entry.supervisor is not None:
        sup = span_text(_times(entry.supervisor), tz)
        flag = "  :warning: *conflict*" if entry.conflict else ""
        lines.append(f"      ↳ Supervisor: {sup}{flag}")
    if entry.admin is not None:
        lines.append(f"      ↳ Admin (counts): {span_text(_times(entry.admin), tz)}")
    lines += [f"      {note_line(n, sheet)}" for n in entry.notes]
    return lines


def _times(row) -> Span | None:
    return Span(row.start_time, row.end_time) if row.start_time is not None else None


def pto_label(pto: Pto) -> str:
    return f"PTO {fmt.duration(pto.seconds)}"


def pto_line(pto: Pto) -> str:
    line = f"• :palm_tree: {pto_label(pto)}"
    if pto.note:
        line += f"  _{kit.clip(pto.note.splitlines()[0], 80)}_"
    return line


def totals_text(sheet: WeekSheet) -> str:
    text = f"*Week total: {fmt.duration(sheet.total_seconds)}*"
    if sheet.pto_seconds:
        text += (
            f" ({fmt.duration(sheet.worked_seconds)} worked + "
            f"{fmt.duration(sheet.pto_seconds)} PTO)"
        )
    if sheet.overtime_seconds:
        limit = sheet.overtime_threshold_seconds // 3600
        text += f"  ·  Overtime: *{fmt.duration(sheet.overtime_seconds)}* (over {limit}h)"
    if sheet.conflicts:
        n = len(sheet.conflicts)
        text += (
            f"\n:warning: {n} conflict{'s' if n > 1 else ''} to settle: supervisor times differ "
            "from the associate's (an admin sets the times that count)."
        )
    if sheet.reports:
        n = len(sheet.reports)
        text += f"\n:triangular_flag_on_post: {n} report{'s' if n > 1 else ''} for admins."
    return text


def lines_section(head: str, lines: list[str], more: str = "more") -> str:
    """`head` and as many lines as fit a section, then "…and N more"."""
    out = head
    for i, line in enumerate(lines):
        if len(out) + len(line) + 40 > kit.MAX_SECTION_TEXT:
            return out + f"\n_…and {len(lines) - i} {more}_"
        out += "\n" + line
    return out


# --- menus ---------------------------------------------------------------------------------


def entry_options(entry: Entry, viewer: Viewer, tz: ZoneInfo, with_times: bool) -> list[dict]:
    label = span_text(entry.associate, tz)
    out = []
    for verb, (text, action) in ENTRY_VERBS.items():
        if action in viewer.allowed:
            out.append(
                kit.option(f"{text} {label}" if with_times else text, f"{verb}:{entry.shift.id}")
            )
    return out


def pto_options(pto: Pto, viewer: Viewer, with_label: bool) -> list[dict]:
    if Action.EDIT_HOURS not in viewer.allowed:
        return []
    return [
        kit.option(f"{text} {pto_label(pto)}" if with_label else text, f"{verb}:{pto.id}")
        for verb, text in PTO_VERBS.items()
    ]


def note_options(sheet: WeekSheet, viewer: Viewer) -> list[dict]:
    if Action.COMMENT not in viewer.allowed:
        return []
    mine = [n for n in _all_notes(sheet) if n.author_id == viewer.user_id]
    out = []
    for note in mine:
        short = kit.clip(" ".join(note.content.split()), 40)
        out.append(kit.option(f"Edit “{short}”", f"nedit:{note.id}"))
        out.append(kit.option(f"Delete “{short}”", f"ndelete:{note.id}"))
    return out


def _all_notes(sheet: WeekSheet) -> list[Note]:
    return (
        [n for e in sheet.entries for n in e.notes]
        + [n for p in sheet.schedule for n in p.notes]
        + sheet.week_notes
    )


def week_buttons(sheet: WeekSheet, viewer: Viewer) -> list[dict]:
    key = WeekKey.of(sheet).encode()
    allowed = viewer.allowed
    out = []
    if Action.EDIT_HOURS in allowed:
        out.append(kit.button("Add missed shift", ADD_SHIFT, key))
        out.append(kit.button("Add PTO", ADD_PTO, key))
    if Action.SUBMIT in allowed:
        label = "Submit again" if sheet.phase is Phase.SUBMITTED else "Submit week"
        out.append(kit.button(label, SUBMIT, key, "primary"))
    if Action.REVIEW in allowed:
        out.append(kit.button("Approve", APPROVE, key, "primary"))
        out.append(kit.button("Send back", SEND_BACK, key, "danger"))
    if Action.FINALIZE in allowed:
        out.append(kit.button("Finalize", FINALIZE, key, "primary", _finalize_confirm(sheet)))
    if Action.REOPEN in allowed:
        out.append(kit.button("Reopen", REOPEN, key, "danger"))
    if Action.COMMENT in allowed:
        out.append(kit.button("Add note", ADD_NOTE, key))
    return out


def _finalize_confirm(sheet: WeekSheet) -> dict:
    return kit.confirm(
        "Finalize this week?",
        f"{sheet.owner.name}'s week of {day_label(sheet.week.first_day)} will be locked: "
        "nothing in it can change unless an admin reopens it.",
        "Finalize",
        danger=False,
    )


# --- the week ------------------------------------------------------------------------------


def week_blocks(
    sheet: WeekSheet, viewer: Viewer, *, budget: int, controls: bool = True
) -> list[dict]:
    """The week as blocks, at most `budget` of them. With `controls`, the menus and buttons the
    viewer may use; without, a read-only summary."""
    tz = viewer.tz
    head = [kit.header(week_title(sheet, viewer)), kit.section(status_text(sheet))]
    explain = explain_options(sheet, viewer) if controls else []
    tail = [
        kit.section(
            totals_text(sheet),
            kit.static_select(EXPLAIN, "Explain a report…", explain) if explain else None,
        )
    ]
    if sheet.week_notes or (controls and note_options(sheet, viewer)):
        lines = [note_line(n, sheet) for n in sheet.week_notes] or ["_No notes on the week._"]
        menu = note_options(sheet, viewer) if controls else []
        accessory = kit.static_select(NOTE_MENU, "Edit or delete a note…", menu) if menu else None
        tail.append(kit.section(lines_section("*Notes on the week*", lines, "notes"), accessory))
    buttons = week_buttons(sheet, viewer) if controls else []
    if buttons:
        tail.append(kit.actions(*buttons))

    by_day = sheet.entries_by_day()
    pto_by_day: dict[date, list[Pto]] = {}
    for pto in sheet.pto:
        pto_by_day.setdefault(pto.day, []).append(pto)
    plan_by_day = sheet.plan_by_day()
    days = sorted(
        d
        for d in set(by_day) | set(pto_by_day) | set(plan_by_day)
        if by_day.get(d) or pto_by_day.get(d) or plan_by_day.get(d)
    )
    per_day, pto_per_day = sheet.seconds_per_day, sheet.pto_per_day

    def day_head(day: date) -> str:
        text = _day_head(day, per_day, pto_per_day)
        plans = plan_by_day.get(day, [])
        if plans:
            text += "  ·  " + ", ".join(planned_text(p, tz) for p in plans)
        return text

    def day_plan_lines(day: date) -> list[str]:
        return [line for p in plan_by_day.get(day, []) for line in plan_lines(p, sheet, tz)]

    detailed_cost = sum(
        1 + len(by_day.get(d, [])) + len(pto_by_day.get(d, [])) + bool(day_plan_lines(d))
        for d in days
    )
    room = budget - len(head) - len(tail)
    body: list[dict] = []
    if not days:
        body.append(kit.section("_No shifts this week._"))
    elif controls and detailed_cost <= room:
        for day in days:
            body.append(kit.section(day_head(day)))
            for entry in by_day.get(day, []):
                menu = entry_options(entry, viewer, tz, with_times=False)
                body.append(
                    kit.section(
                        "\n".join(entry_lines(entry, sheet, tz)),
                        kit.overflow(ENTRY_MENU, menu) if menu else None,
                    )
                )
            for pto in pto_by_day.get(day, []):
                menu = pto_options(pto, viewer, with_label=False)
                body.append(
                    kit.section(pto_line(pto), kit.overflow(ENTRY_MENU, menu) if menu else None)
                )
            if day_plan_lines(day):
                body.append(kit.section(lines_section("", day_plan_lines(day)).lstrip("\n")))
    else:
        for day in days:
            entries, ptos = by_day.get(day, []), pto_by_day.get(day, [])
            lines = [line for e in entries for line in entry_lines(e, sheet, tz)]
            lines += [pto_line(p) for p in ptos] + day_plan_lines(day)
            menu = (
                [o for e in entries for o in entry_options(e, viewer, tz, with_times=True)]
                + [o for p in ptos for o in pto_options(p, viewer, with_label=True)]
                if controls
                else []
            )
            accessory = kit.static_select(ENTRY_MENU, "Change an entry…", menu) if menu else None
            body.append(kit.section(lines_section(day_head(day), lines), accessory))
    return (head + body + tail)[:budget]


def _day_head(day: date, per_day: dict[date, int], pto_per_day: dict[date, int]) -> str:
    text = f"*{day:%A} {day:%b} {day.day}* — {fmt.duration(per_day.get(day, 0))}"
    if pto_per_day.get(day):
        text += f" + {fmt.duration(pto_per_day[day])} PTO"
    return text


def week_text(sheet: WeekSheet) -> str:
    """The notification text of a week message."""
    return (
        f"{sheet.owner.name}'s week of {day_label(sheet.week.first_day)}: "
        f"{fmt.duration(sheet.total_seconds)}, {sheet.phase.label}"
    )


def week_message(sheet: WeekSheet, viewer: Viewer) -> dict:
    """The reply to /timesheet."""
    return {
        "text": week_text(sheet),
        "blocks": week_blocks(sheet, viewer, budget=kit.MAX_BLOCKS_MESSAGE),
    }


def week_modal(sheet: WeekSheet, viewer: Viewer) -> dict:
    """A week with every control the viewer may use (supervisors and admins open it from a
    request or the App Home)."""
    return kit.modal(
        WEEK_MODAL,
        "Timesheet",
        week_blocks(sheet, viewer, budget=kit.MAX_BLOCKS_VIEW),
        close="Close",
        metadata={"week": WeekKey.of(sheet).encode()},
    )


# --- requests to decide, and what they become ----------------------------------------------


def decision_message(sheet: WeekSheet, kind: MessageKind, tz: ZoneInfo) -> dict:
    """A supervisor's (REVIEW) or an admin's (FINALIZE) DM about a week, drawn for the week as it
    is now: buttons while the decision is theirs to make, who decided and when afterwards."""
    key = WeekKey.of(sheet).encode()
    viewer = Viewer(user_id=UUID(int=0), tz=tz)
    extra: list[dict] = []
    phase = sheet.phase
    if kind is MessageKind.REVIEW:
        if phase is Phase.SUBMITTED:
            text = f"{sheet.owner.name} submitted their week of {day_label(sheet.week.first_day)}"
            extra.append(
                kit.actions(
                    kit.button("Approve", APPROVE, key, "primary"),
                    kit.button("Send back", SEND_BACK, key, "danger"),
                    kit.button("Details", DETAILS, key),
                )
            )
        else:
            text = outcome_text(sheet, kind)
            extra.append(kit.context(text))
    else:
        if phase is Phase.REVIEWED:
            text = (
                f"{sheet.owner.name}'s week of {day_label(sheet.week.first_day)} is ready to "
                "finalize"
            )
            extra.append(
                kit.actions(
                    kit.button("Finalize", FINALIZE, key, "primary", _finalize_confirm(sheet)),
                    kit.button("Details", DETAILS, key),
                )
            )
        elif phase is Phase.FINALIZED:
            text = outcome_text(sheet, kind)
            extra += [kit.context(text), kit.actions(kit.button("Reopen", REOPEN, key, "danger"))]
        else:
            text = outcome_text(sheet, kind)
            extra.append(kit.context(text))
    budget = kit.MAX_BLOCKS_MESSAGE - len(extra)
    blocks = week_blocks(sheet, viewer, budget=budget, controls=False) + extra
    return {"text": kit.clip(text, kit.MAX_MESSAGE_TEXT), "blocks": blocks}


def outcome_text(sheet: WeekSheet, kind: MessageKind) -> str:
    """What happened to the decision a message asked for."""
    ts = sheet.timesheet
    phase = sheet.phase
    if kind is MessageKind.REVIEW:
        if phase in (Phase.REVIEWED, Phase.FINALIZED):
            at, by = _stamp(sheet, Stage.HOURS_REVIEWED)
            return f":white_check_mark: Approved by {kit.mention(by)} {kit.slack_date(at)}"
        if ts is not None and ts.returned_kind == SENT_BACK and ts.returned_at:
            by = sheet.person(ts.returned_by_id)
            return (
                f":leftwards_arrow_with_hook: Sent back by {kit.mention(by)} "
                f"{kit.slack_date(ts.returned_at)}: _{kit.clip(ts.returned_reason, 500)}_"
            )
        return f"{NO_LONGER} waiting for a review."
    if phase is Phase.FINALIZED:
        at, by = _stamp(sheet, Stage.FINALIZED)
        return f":lock: Finalized by {kit.mention(by)} {kit.slack_date(at)}"
    if ts is not None and ts.returned_kind == REOPENED and ts.returned_at:
        by = sheet.person(ts.returned_by_id)
        return (
            f":unlock: Reopened by {kit.mention(by)} {kit.slack_date(ts.returned_at)}: "
            f"_{kit.clip(ts.returned_reason, 500)}_"
        )
    return f"{NO_LONGER} waiting to be finalized."


def too_late(outcome: str) -> str:
    """Turn "✅ Approved by @sam …" into "Too late: this week was approved by @sam …"."""
    words = outcome.split(" ", 1)[1] if outcome.startswith(":") else outcome
    return f"Too late: this week was {words[0].lower()}{words[1:]}"


def owner_notice(sheet: WeekSheet, event: str, actor, reason: str = "") -> dict:
    """A DM to the owner: their week was approved, sent back, finalized or reopened."""
    week = day_label(sheet.week.first_day)
    words = {
        "approved": f":white_check_mark: {kit.mention(actor)} approved your week of {week}.",
        "sent_back": (
            f":leftwards_arrow_with_hook: {kit.mention(actor)} sent back your week of {week}: "
            f"_{kit.clip(reason, 1000)}_\nCorrect it with `/timesheet {sheet.week.first_day}` "
            "and submit it again."
        ),
        "finalized": f":lock: Your week of {week} was finalized by {kit.mention(actor)}.",
        "reopened": (
            f":unlock: {kit.mention(actor)} reopened your week of {week}: "
            f"_{kit.clip(reason, 1000)}_"
        ),
    }
    text = words[event]
    return {"text": kit.clip(text, kit.MAX_MESSAGE_TEXT), "blocks": [kit.section(text)]}


def waiting_blocks(waiting: list[Waiting]) -> list[dict]:
    """The App Home's list of weeks waiting for this supervisor or admin."""
    if not waiting:
        return []
    blocks = [kit.header("Waiting for you")]
    for item in waiting[:MAX_WAITING_SHOWN]:
        sheet = item.timesheet
        verb = "to review" if item.action is Action.REVIEW else "to finalize"
        label = "Review" if item.action is Action.REVIEW else "Finalize…"
        key = WeekKey(sheet.user_id, sheet.company_id, sheet.start_date).encode()
        blocks.append(
            kit.section(
                f"*{sheet.user.name}* — week of {day_label(sheet.start_date)} · {verb}",
                kit.button(label, DETAILS, key),
            )
        )
    if len(waiting) > MAX_WAITING_SHOWN:
        blocks.append(kit.context(f"…and {len(waiting) - MAX_WAITING_SHOWN} more."))
    return blocks


# --- modals --------------------------------------------------------------------------------


def shift_modal(
    metadata: dict,
    tz: ZoneInfo,
    *,
    day: date,
    start: datetime | None = None,
    end: datetime | None = None,
    note: str = "",
) -> dict:
    """Add a missed shift (no `start`) or edit one."""
    editing = start is not None
    blocks = _time_inputs(tz, day, start, end, optional=False)
    note_input = _note_input(note)
    blocks.append(kit.input_block("note", "Note", note_input, optional=True))
    return kit.modal(
        SHIFT_MODAL,
        "Edit shift" if editing else "Add missed shift",
        blocks,
        submit="Save",
        metadata=metadata,
    )


def _note_input(note: str) -> dict:
    """An entry's note field; a note stored before the cap existed shows clipped to it."""
    element = {"type": "plain_text_input", "action_id": "note", "max_length": MAX_NOTE}
    if note:
        element["initial_value"] = kit.clip(note, MAX_NOTE)
    return element


def _time_inputs(
    tz: ZoneInfo, day: date, start: datetime | None, end: datetime | None, *, optional: bool
) -> list[dict]:
    date_el = {"type": "datepicker", "action_id": "date", "initial_date": day.isoformat()}
    start_el = {"type": "timepicker", "action_id": "start"}
    end_el = {"type": "timepicker", "action_id": "end"}
    if start is not None:
        start_el["initial_time"] = f"{start.astimezone(tz):%H:%M}"
    if end is not None:
        end_el["initial_time"] = f"{end.astimezone(tz):%H:%M}"
    next_day = {
        "type": "checkboxes",
        "action_id": "next_day",
        "options": [kit.option("Ends the next day (a night shift)", "1")],
    }
    if start and end and end.astimezone(tz).date() > start.astimezone(tz).date():
        next_day["initial_options"] = next_day["options"]
    zone_hint = f"Times are in your time zone ({tz.key})."
    return [
        kit.input_block("date", "Date", date_el, optional=optional),
        kit.input_block("start", "Start", start_el, optional=optional, hint=zone_hint),
        kit.input_block("end", "End", end_el, optional=optional),
        kit.input_block("next_day", " ", next_day, optional=True),
    ]


def pto_modal(metadata: dict, *, day: date, minutes: int | None = None, note: str = "") -> dict:
    """Add PTO (no `minutes`) or edit it: a day and a number of hours."""
    hours = {
        "type": "number_input",
        "action_id": "hours",
        "is_decimal_allowed": True,
        "min_value": "0.25",
        "max_value": "24",
        "initial_value": _hours_value(minutes if minutes is not None else 8 * 60),
    }
    note_input = _note_input(note)
    blocks = [
        kit.input_block(
            "date",
            "Date",
            {"type": "datepicker", "action_id": "date", "initial_date": day.isoformat()},
        ),
        kit.input_block(
            "hours", "Hours", hours, hint="Paid time off on that day, e.g. 8 or 4.5 hours."
        ),
        kit.input_block("note", "Note", note_input, optional=True),
        kit.context("PTO counts in the week's total but not as worked time or overtime."),
    ]
    return kit.modal(
        PTO_MODAL,
        "Edit PTO" if minutes is not None else "Add PTO",
        blocks,
        submit="Save",
        metadata=metadata,
    )


def _hours_value(minutes: int) -> str:
    return f"{minutes / 60:.2f}".rstrip("0").rstrip(".")


def delete_modal(metadata: dict, entry_text: str, what: str = "shift") -> dict:
    return kit.modal(
        DELETE_MODAL,
        f"Delete {what}",
        [
            kit.section(f"Delete this {what}?\n*{entry_text}*"),
            kit.context("It disappears from your week; the audit trail keeps a record of it."),
        ],
        submit="Delete",
        close="Keep it",
        metadata=metadata,
    )


def times_modal(metadata: dict, tz: ZoneInfo, source: TimeSource, entry: Entry, day: date) -> dict:
    current = entry.supervisor if source is TimeSource.SUPERVISOR else entry.admin
    lines = [f"*Associate:* {span_text(entry.associate, tz)}"]
    if entry.supervisor is not None:
        lines.append(f"*Supervisor:* {span_text(_times(entry.supervisor), tz)}")
    if entry.admin is not None:
        lines.append(f"*Admin (counts):* {span_text(_times(entry.admin), tz)}")
    start = current.start_time if current is not None else entry.shift.start_time
    end = current.end_time if current is not None else entry.shift.end_time
    blocks = [kit.section("\n".join(lines))]
    blocks += _time_inputs(tz, day, start, end, optional=True)
    blocks.append(
        kit.input_block(
            "not_worked",
            " ",
            {
                "type": "checkboxes",
                "action_id": "not_worked",
                "options": [kit.option("Not worked: this entry should count for nothing", "1")],
            },
            optional=True,
        )
    )
    title = "Supervisor times" if source is TimeSource.SUPERVISOR else "Admin times"
    return kit.modal(TIMES_MODAL, title, blocks, submit="Save", metadata=metadata)


def reason_modal(metadata: dict, title: str, prompt: str, submit: str) -> dict:
    return kit.modal(
        REASON_MODAL,
        title,
        [
            kit.input_block(
                "reason",
                prompt,
                {
                    "type": "plain_text_input",
                    "action_id": "reason",
                    "multiline": True,
                    "max_length": MAX_REASON,
                },
            )
        ],
        submit=submit,
        metadata=metadata,
    )


def note_modal(metadata: dict, *, title: str, about: str, reports: bool, content: str = "") -> dict:
    content_el = {
        "type": "plain_text_input",
        "action_id": "content",
        "multiline": True,
        "max_length": MAX_CONTENT,
    }
    if content:
        content_el["initial_value"] = kit.clip(content, MAX_CONTENT)
    blocks = [kit.context(about), kit.input_block("content", "Note", content_el)]
    if reports:
        comment = kit.option("Comment", "comment")
        blocks.append(
            kit.input_block(
                "reason",
                "Kind",
                kit.static_select(
                    "reason",
                    "Comment or report",
                    [comment] + [kit.option(f"Report: {r.value}", r.value) for r in ReportReason],
                    initial=comment,
                ),
            )
        )
    return kit.modal(NOTE_MODAL, title, blocks, submit="Save", metadata=metadata)


# --- refusals ------------------------------------------------------------------------------


def describe(error: DomainError, tz: ZoneInfo, now: datetime) -> str:
    """A refusal in the viewer's words and zone."""
    match error:
        case AlreadyDecided(by=by, at=at, outcome=outcome):
            when = f" {kit.slack_date(at)}" if at else ""
            return f"Too late: {kit.mention(by)} already {outcome} this week{when}."
        case FutureTime(at=at):
            return f"{fmt.when(at, tz, now)} hasn't happened yet: times must be in the past."
        case AlreadyClockedIn(shift=shift):
            since = fmt.when(shift.start_time, tz, now)
            return f"You're clocked in since {since}: only one shift can be open at a time."
        case Overlap(other=other):
            end = fmt.when(other.end_time, tz, now) if other.end_time else "now"
            return f"That overlaps your shift from {fmt.when(other.start_time, tz, now)} to {end}."
        case EndsBeforeStart():
            return str(error)
        case ClockError():
            return "That time can't be recorded."
    return str(error)
