"""The week views as data: what they say, and that every one stays within Slack's limits even
for a week with hundreds of shifts, notes and conflicts. Pure: no server, no database."""

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from tortoise import Tortoise

from bot.slack import kit, payroll_views, views
from bot.slack import week_views as wv
from models import APP, MODEL_MODULES
from models.approval import Waiting
from models.attendance import AttendanceSummary, Tally
from models.companies import Company
from models.entries import EntryTimes, TimeSource
from models.messages import MessageKind
from models.notes import Note, NoteState, NoteType, ReportReason
from models.permissions import Action, Relation, allowed_actions
from models.pto import Pto
from models.roles import Role
from models.schedules import ScheduleEntry
from models.sheets import Entry, Planned, WeekSheet
from models.shifts import Shift
from models.stages import Phase
from models.timesheets import SENT_BACK, Timesheet
from models.users import User
from models.weeks import Week
from tests.support.blockkit import problems


@pytest.fixture(scope="module", autouse=True)
def models_ready():
    """Model instances in memory need Tortoise to know the relations (no database is opened)."""
    if "schedule_entry_id" not in Note._meta.fields_map:
        Tortoise.init_models([m for m in MODEL_MODULES if m != "aerich.models"], APP)


NY = ZoneInfo("America/New_York")
WEEK = Week(date(2026, 11, 1), NY)  # the Sunday DST ends: a 25-hour day
NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
ANA = User(id=uuid.uuid4(), name="Ana Lima", timezone="America/New_York", slack_user_id="U0ANA")
SAM = User(id=uuid.uuid4(), name="Sam Stone", timezone="America/Chicago", slack_user_id="U0SAM")
ACME = Company(id=uuid.uuid4(), name="Acme", timezone="America/New_York")


def shift(start: datetime, hours: float, note: str = "") -> Shift:
    return Shift(
        id=uuid.uuid4(),
        user_id=ANA.id,
        company_id=ACME.id,
        shift_date=start,
        start_time=start,
        end_time=start + timedelta(hours=hours),
        notes=note,
    )


def note(text: str, shift_id=None, reason: ReportReason | None = None, author=SAM) -> Note:
    return Note(
        id=uuid.uuid4(),
        shift_id=shift_id,
        type=NoteType.REPORT if reason else NoteType.COMMENT,
        reason=reason,
        author_id=author.id,
        created_at=NOW,
        content=text,
        state=NoteState.ACTIVE,
    )


def sheet_of(
    entries: list[Entry], timesheet: Timesheet | None = None, week_notes=(), pto=(), schedule=()
) -> WeekSheet:
    people = {ANA.id: ANA, SAM.id: SAM}
    return WeekSheet(
        ANA,
        ACME,
        WEEK,
        timesheet,
        entries,
        list(week_notes),
        people,
        NOW,
        list(pto),
        list(schedule),
    )


def planned(start: datetime, hours: float, *notes: Note) -> Planned:
    plan = ScheduleEntry(
        id=uuid.uuid4(),
        user_id=ANA.id,
        company_id=ACME.id,
        day=start.astimezone(NY).date(),
        start_time=start,
        end_time=start + timedelta(hours=hours),
        author_id=SAM.id,
    )
    return Planned(plan, list(notes))


def pto(day: date, hours: float, note: str = "") -> Pto:
    return Pto(
        id=uuid.uuid4(),
        user_id=ANA.id,
        company_id=ACME.id,
        day=day,
        minutes=round(hours * 60),
        note=note,
    )


def submitted(at: datetime = NOW) -> Timesheet:
    return Timesheet(
        id=uuid.uuid4(),
        user_id=ANA.id,
        company_id=ACME.id,
        start_date=WEEK.first_day,
        starts_at=WEEK.start,
        ends_at=WEEK.end,
        hours_submitted_at=at,
        hours_submitted_by_id=ANA.id,
        returned_reason="",
    )


def viewer(rels: set[Relation], phase: Phase, user: User = ANA) -> wv.Viewer:
    return wv.Viewer(user.id, NY, allowed_actions(frozenset(rels), phase), frozenset(rels))


def crowded_week(n: int) -> WeekSheet:
    """`n` shifts spread over the week (some across midnight), each with a note, a supervisor
    time that disagrees, and a report; week notes too long for one section."""
    entries = []
    step = (WEEK.end - WEEK.start) / max(n, 1)
    for i in range(n):
        s = shift(WEEK.start + step * i, 0.5 if i % 7 else 9.0, note=f"note {i} " + "x" * 150)
        sup = EntryTimes(
            shift_id=s.id,
            source=TimeSource.SUPERVISOR,
            start_time=s.start_time + timedelta(minutes=5),
            end_time=s.end_time,
            author_id=SAM.id,
        )
        notes = [note("late again " * 30, s.id, ReportReason.LATE_ARRIVAL), note("ok " * 100, s.id)]
        entries.append(Entry(s, supervisor=sup, notes=notes))
    week_notes = [note("week note " * 50) for _ in range(40)]
    leave = [pto(day, 4, "vacation " * 200) for day in WEEK.days()] if n else []
    # As many planned shifts, each a No Show filed by clockbot and explained at length.
    plans = []
    for i in range(n):
        report = note("No clock-in " * 40, reason=ReportReason.NO_SHOW)
        report.author_id = None
        explained = note("I was sick " * 60, author=ANA)
        explained.explains_id = report.id
        plans.append(planned(WEEK.start + step * i, 8, report, explained))
    return sheet_of(entries, submitted(), week_notes, leave, plans)


def all_text(blocks: list[dict]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


@pytest.mark.parametrize("n", [0, 1, 20, 200])
@pytest.mark.parametrize(
    ("rels", "who"),
    [({Relation.OWNER}, ANA), ({Relation.SUPERVISOR, Relation.ADMIN}, SAM)],
)
def test_every_surface_stays_within_slacks_limits(n, rels, who):
    sheet = crowded_week(n)
    look = viewer(rels, sheet.phase, who)
    message = wv.week_message(sheet, look)
    assert problems("message", message) == []
    assert len(message["blocks"]) <= kit.MAX_BLOCKS_MESSAGE
    assert problems("modal", wv.week_modal(sheet, look)) == []
    for kind in MessageKind:
        assert problems("message", wv.decision_message(sheet, kind, NY)) == []
    home = views.home(
        views.HomeData(
            name=who.name,
            tz=NY,
            now=NOW,
            week=WEEK,
            shifts=[e.shift for e in sheet.entries],
            notice="n" * 5000,
            sheet=sheet,
            viewer=look,
            waiting=[Waiting(_waiting_sheet(), Action.REVIEW) for _ in range(30)],
            staff={Role.ADMIN: [SAM] * 300, Role.SUPERVISOR: [SAM] * 300},
            payroll=True,
            attendance=AttendanceSummary(
                ACME,
                WEEK.first_day,
                WEEK.first_day + timedelta(days=27),
                [(SAM, Tally(n, n, n, n, n))] * 300,
                Tally(n, n, n, n, n),
            ),
        )
    )
    assert problems("home", home) == []


def _waiting_sheet() -> Timesheet:
    sheet = submitted()
    sheet.user = ANA
    return sheet


def test_a_crowded_week_still_shows_every_day_its_hours_and_the_totals():
    sheet = crowded_week(200)
    blocks = wv.week_message(sheet, viewer({Relation.OWNER}, sheet.phase))["blocks"]
    text = all_text(blocks)
    for day in WEEK.days():
        assert f"{day:%A} {day:%b} {day.day}" in text
    assert f"Week total: {wv.fmt.duration(sheet.total_seconds)}" in text
    assert "more" in text  # the cut is said, not silent
    assert "200 conflicts to settle" in text
    assert "planned 8:00 AM – 4:00 PM" in text or "planned" in text


def test_a_small_week_has_a_menu_per_entry_with_what_the_viewer_may_do():
    day = WEEK.days()[1]
    s = shift(datetime(2026, 11, 2, 14, tzinfo=UTC), 8)  # 9:00 AM to 5:00 PM in New York
    sheet = sheet_of([Entry(s)])
    blocks = wv.week_message(sheet, viewer({Relation.OWNER}, Phase.OPEN))["blocks"]
    text = all_text(blocks)
    assert f"*Monday Nov {day.day}* — 8h 00m" in text
    assert "9:00 AM – 5:00 PM  (8h 00m)" in text
    menus = [b["accessory"] for b in blocks if b.get("accessory", {}).get("type") == "overflow"]
    assert [o["value"] for o in menus[0]["options"]] == [
        f"edit:{s.id}",
        f"delete:{s.id}",
        f"comment:{s.id}",
    ]
    buttons = [e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert buttons == [wv.ADD_SHIFT, wv.ADD_PTO, wv.SUBMIT, wv.ADD_NOTE]
    supervisor = wv.week_message(sheet, viewer({Relation.SUPERVISOR}, Phase.SUBMITTED, SAM))
    sup_menu = next(b["accessory"] for b in supervisor["blocks"] if "accessory" in b)
    assert [o["value"].split(":")[0] for o in sup_menu["options"]] == ["sup", "comment", "report"]


def test_status_says_who_and_when_and_why_it_came_back():
    sheet = sheet_of([], submitted())
    assert "*Submitted* by <@U0ANA> <!date^" in wv.status_text(sheet)
    back = submitted()
    back.hours_submitted_at = None
    back.returned_kind, back.returned_at, back.returned_by_id = SENT_BACK, NOW, SAM.id
    back.returned_reason = "Tuesday is missing"
    text = wv.status_text(sheet_of([], back))
    assert "*Not submitted*" in text and "Sent back by <@U0SAM>" in text
    assert "Tuesday is missing" in text


def test_overtime_beyond_the_companys_threshold():
    entries = [Entry(shift(WEEK.start + timedelta(days=d, hours=13), 9)) for d in range(1, 6)]
    text = wv.totals_text(sheet_of(entries))
    assert "Week total: 45h 00m" in text and "Overtime: *5h 00m* (over 40h)" in text
    ACME.overtime_threshold_minutes = 44 * 60
    try:
        assert "Overtime: *1h 00m* (over 44h)" in wv.totals_text(sheet_of(entries))
    finally:
        ACME.overtime_threshold_minutes = 40 * 60


def test_the_review_request_has_approve_and_send_back_then_says_who_decided():
    sheet = sheet_of([Entry(shift(WEEK.start + timedelta(days=1, hours=14), 8))], submitted())
    request = wv.decision_message(sheet, MessageKind.REVIEW, NY)
    ids = [
        e["action_id"] for b in request["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert ids == [wv.APPROVE, wv.SEND_BACK, wv.DETAILS]
    assert "Ana Lima submitted their week of Sun Nov 1" == request["text"]
    sheet.timesheet.hours_reviewed_at = NOW
    sheet.timesheet.hours_reviewed_by_id = SAM.id
    done = wv.decision_message(sheet, MessageKind.REVIEW, NY)
    assert not [b for b in done["blocks"] if b["type"] == "actions"]
    assert done["text"].startswith(":white_check_mark: Approved by <@U0SAM> <!date^")


def test_a_night_shift_reads_as_the_next_day():
    s = shift(datetime(2026, 11, 3, 3, tzinfo=UTC), 8)  # Mon 10:00 PM to Tue 6:00 AM (EST)
    assert wv.span_text(wv.Entry(s).associate, NY) == "10:00 PM – 6:00 AM (+1d)"


def test_modals_carry_their_week_and_stay_within_limits():
    meta = {
        "week": wv.WeekKey(ANA.id, ACME.id, WEEK.first_day).encode(),
        "origin": {"kind": "ephemeral", "response_url": "https://hooks.slack.com/" + "x" * 200},
    }
    s = shift(WEEK.start + timedelta(days=1, hours=14), 8, note="n" * 2000)
    # A note stored before notes had a cap: the Edit modal still opens.
    long = shift(WEEK.start + timedelta(days=2, hours=14), 8, note="n" * 7800)
    modals = [
        wv.shift_modal(
            meta, NY, day=WEEK.days()[2], start=long.start_time, end=long.end_time, note=long.notes
        ),
        wv.shift_modal(meta, NY, day=WEEK.days()[1]),
        wv.shift_modal(
            meta, NY, day=WEEK.days()[1], start=s.start_time, end=s.end_time, note=s.notes
        ),
        wv.delete_modal(meta, "Mon Nov 2, 9:00 AM – 5:00 PM"),
        wv.times_modal(meta, NY, TimeSource.ADMIN, Entry(s), WEEK.days()[1]),
        wv.reason_modal(meta, "Send back", "What should Ana fix?", "Send back"),
        wv.note_modal(meta, title="Report", about="On the entry", reports=True, content="c"),
        views.role_modal(),
        wv.pto_modal(meta, day=WEEK.days()[2]),
        wv.pto_modal(meta, day=WEEK.days()[2], minutes=450, note="n" * 2000),
        wv.delete_modal(meta, "Tue Nov 3, PTO 8h 00m", what="PTO"),
        payroll_views.payroll_modal(WEEK),
    ]
    for view in modals:
        assert problems("modal", view) == [], view["callback_id"]
        assert kit.unpack(view["private_metadata"]) in ({}, meta)


def test_the_checker_refuses_an_initial_value_longer_than_its_max_length():
    element = {"type": "plain_text_input", "action_id": "note", "max_length": 5}
    view = {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Note"},
        "submit": {"type": "plain_text", "text": "Save"},
        "blocks": [
            {
                "type": "input",
                "label": {"type": "plain_text", "text": "Note"},
                "element": {**element, "initial_value": "123456"},
            }
        ],
    }
    assert problems("modal", view) == ["block 0 (input): initial_value over max_length (6 > 5)"]
    view["blocks"][0]["element"]["initial_value"] = "12345"
    assert problems("modal", view) == []


def test_week_keys_round_trip_and_refuse_garbage():
    key = wv.WeekKey(ANA.id, ACME.id, WEEK.first_day)
    assert wv.WeekKey.decode(key.encode()) == key
    assert wv.WeekKey.decode("nonsense") is None
    assert wv.WeekKey.decode("a|b|c") is None


def test_pto_is_listed_on_its_day_and_counts_in_the_total_but_not_as_overtime():
    entries = [Entry(shift(WEEK.start + timedelta(days=d, hours=13), 9)) for d in range(1, 6)]
    leave = pto(WEEK.days()[3], 7.5, "dentist")
    sheet = sheet_of(entries, pto=[leave])
    assert (sheet.worked_seconds, sheet.pto_seconds) == (45 * 3600, 7.5 * 3600)
    assert sheet.total_seconds == 52.5 * 3600 and sheet.overtime_seconds == 5 * 3600
    blocks = wv.week_message(sheet, viewer({Relation.OWNER}, Phase.OPEN))["blocks"]
    text = all_text(blocks)
    wednesday = WEEK.days()[3]
    assert f"*Wednesday Nov {wednesday.day}* — 9h 00m + 7h 30m PTO" in text
    assert ":palm_tree: PTO 7h 30m  _dentist_" in text
    assert "Week total: 52h 30m* (45h 00m worked + 7h 30m PTO)" in text
    assert "Overtime: *5h 00m* (over 40h)" in text
    menus = [b["accessory"] for b in blocks if b.get("accessory", {}).get("type") == "overflow"]
    assert [[o["value"] for o in m["options"]] for m in menus if "pto" in str(m)] == [
        [f"ptoedit:{leave.id}", f"ptodelete:{leave.id}"]
    ]
    # Someone who may not change the owner's hours gets no PTO menu.
    look = viewer({Relation.SUPERVISOR}, Phase.OPEN, SAM)
    supervisor = all_text(wv.week_message(sheet, look)["blocks"])
    assert "ptoedit" not in supervisor and "PTO 7h 30m" in supervisor


def test_a_week_of_only_pto_shows_its_days():
    sheet = sheet_of([], pto=[pto(WEEK.days()[1], 8), pto(WEEK.days()[2], 8)])
    text = all_text(wv.week_message(sheet, viewer({Relation.OWNER}, Phase.OPEN))["blocks"])
    assert "No shifts this week" not in text
    assert "— 0m + 8h 00m PTO" in text and "Week total: 16h 00m* (0m worked + 16h 00m PTO)" in text


def test_plans_show_on_their_days_with_their_no_shows_and_what_the_owner_may_explain():
    monday = datetime(2026, 11, 2, 14, tzinfo=UTC)  # 9:00 AM in New York
    report = note(
        "No clock-in for the shift planned 9:00 AM – 5:00 PM.", reason=ReportReason.NO_SHOW
    )
    report.author_id = None
    sheet = sheet_of([], submitted(), schedule=[planned(monday, 8, report)])
    owner = viewer({Relation.OWNER}, Phase.SUBMITTED)
    blocks = wv.week_message(sheet, owner)["blocks"]
    text = all_text(blocks)
    assert "*Monday Nov 2* — 0m  ·  planned 9:00 AM – 5:00 PM" in text
    assert "• :calendar: Planned 9:00 AM – 5:00 PM" in text
    assert "*No Show* — clockbot: No clock-in" in text
    [menu] = [
        b["accessory"] for b in blocks if b.get("accessory", {}).get("action_id") == wv.EXPLAIN
    ]
    assert [o["value"] for o in menu["options"]] == [f"explain:{report.id}"]
    supervisor = wv.week_message(sheet, viewer({Relation.SUPERVISOR}, Phase.SUBMITTED, SAM))
    assert wv.EXPLAIN not in all_text(supervisor["blocks"])

    answer = note("I was sick.", author=ANA)
    answer.explains_id = report.id
    sheet = sheet_of([], submitted(), schedule=[planned(monday, 8, report, answer)])
    text = all_text(wv.week_message(sheet, owner)["blocks"])
    assert "*Explanation* — <@U0ANA>: I was sick." in text and wv.EXPLAIN not in text
