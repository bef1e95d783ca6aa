"""Timesheets over REST, in Breaktime's shape (SCHEMAS.md), through the same domain operations as
Slack's buttons and modals: `models.approval` for the status, `models.notes`, `models.entries`.

A timesheet is one user's week in one company. Documents keep Breaktime's keys and its epoch
seconds; the fields that steer a request (`action`, `reason`, `user_id`, `week`, `source`) are
lower case. A week's plan (ScheduleData) is set whole with PUT .../schedule, which publishes it
(ScheduleSubmitted) and tells the associate in Slack. A week the caller may not see (another
company's, or another associate's) is 404 on every route; a week they see but may not act on is
403 with the reason; a week whose status refuses the step (already approved, locked, still
clocked in) is 409. Every status change tells Slack what a change made in Slack would
(`to_slack.week_changed`).
"""

import base64
import binascii
import json
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar
from uuid import UUID

from aiohttp import web

from bot.api import inputs, to_slack
from bot.api.auth import current_actor
from bot.api.errors import BadRequest, NotFound, Unauthorized
from bot.api.shifts import owner_company
from bot.api.spec import day, errors, json_body, json_response, no_content, path_id, ref
from models import approval, entries, notes, schedules
from models.access import Actor, Permission
from models.clock import FutureTime
from models.companies import Company
from models.entries import TimeSource
from models.errors import NotFound as DomainNotFound
from models.notes import NoteType, ReportReason
from models.permissions import Action, Relation, check_relation, relations
from models.sheets import (
    WeekSheet,
    breaktime_document,
    load_week,
    load_weeks,
    note_document,
    visible_sheet,
    visible_timesheets,
)
from models.timesheets import company_week, find_timesheet, timesheet_for
from models.users import User

routes = web.RouteTableDef()
TIMESHEET_NOT_FOUND = "Timesheet not found"
DEFAULT_LIMIT = 50
MAX_LIMIT = 100
# What each status action is called where Slack is told of it (bot.slack.notify.status_changed).
EVENTS = {
    "submit": "submitted",
    "review": "approved",
    "send_back": "sent_back",
    "finalize": "finalized",
    "reopen": "reopened",
}
WITH_REASON = ("send_back", "reopen")


async def _caller(request: web.Request) -> tuple[Actor, User]:
    actor = await current_actor(request)
    user = await User.get_or_none(id=actor.id)
    if user is None:
        raise Unauthorized()
    return actor, user


async def _week(request: web.Request, user: User) -> tuple[WeekSheet, frozenset[Relation]]:
    """The timesheet in the path, loaded, if the caller may see it (else 404)."""
    sheet_id = inputs.path_uuid(request)
    if sheet_id is None:
        raise NotFound(TIMESHEET_NOT_FOUND)
    try:
        return await visible_sheet(user, sheet_id)
    except DomainNotFound:
        raise NotFound(TIMESHEET_NOT_FOUND) from None


async def _document(week: WeekSheet) -> dict[str, Any]:
    """The week as it is now (after a change)."""
    return breaktime_document(await load_week(week.owner, week.company, week.week))


E = TypeVar("E", bound=StrEnum)


def _choice(value: Any, name: str, kind: type[E]) -> E:
    try:
        return kind(value)
    except ValueError:
        pass
    raise BadRequest(f"{name} must be one of: " + ", ".join(k.value for k in kind))


def _entry_in(week: WeekSheet, entry_id: UUID | None) -> UUID:
    if entry_id not in {e.shift.id for e in week.entries}:
        raise NotFound("Entry not found")
    return entry_id


def _note_in(week: WeekSheet, note_id: UUID | None) -> UUID:
    shown = {n.id for n in week.week_notes} | {n.id for e in week.entries for n in e.notes}
    if note_id not in shown:
        raise NotFound("Note not found")
    return note_id


# --- reading -------------------------------------------------------------------------------


def _user_param(actor: Actor, raw: Any) -> UUID:
    return actor.id if raw == "me" else inputs.uuid(raw, "user_id")


def _limit(request: web.Request) -> int:
    raw = request.query.get("limit")
    if raw is None:
        return DEFAULT_LIMIT
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        raise BadRequest(f"limit must be a whole number from 1 to {MAX_LIMIT}")
    return int(raw)


def _encode_cursor(week: WeekSheet) -> str:
    sheet = week.timesheet
    raw = json.dumps([sheet.start_date.isoformat(), str(sheet.user_id), str(sheet.company_id)])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[date, UUID, UUID]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, user_id, company_id = json.loads(raw)
        return date.fromisoformat(day), UUID(user_id), UUID(company_id)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise BadRequest("cursor is not one this API gave out") from None


@routes.get("/timesheets", name="api.timesheets.list")
async def list_timesheets(request: web.Request) -> web.Response:
    actor, user = await _caller(request)
    actor.require(Permission.TIMESHEETS_READ)
    query = request.query
    user_id = _user_param(actor, query["user_id"]) if "user_id" in query else None
    company_id = inputs.uuid(query["company_id"], "company_id") if "company_id" in query else None
    week_day = inputs.day(query["week"], "week") if "week" in query else None
    limit = _limit(request)
    after = _decode_cursor(query["cursor"]) if "cursor" in query else None
    sheets = await visible_timesheets(
        user,
        user_id=user_id,
        company_id=company_id,
        week_day=week_day,
        limit=limit + 1,
        after=after,
    )
    weeks = await load_weeks(
        [(s.user, s.company, company_week(s.company, s.start_date), s) for s in sheets[:limit]]
    )
    headers = {"X-Next-Cursor": _encode_cursor(weeks[-1])} if len(sheets) > limit else {}
    return web.json_response([breaktime_document(w) for w in weeks], headers=headers)


@routes.get("/timesheets/{id}", name="api.timesheets.get")
async def get_timesheet(request: web.Request) -> web.Response:
    actor, user = await _caller(request)
    actor.require(Permission.TIMESHEETS_READ)
    week, _ = await _week(request, user)
    return web.json_response(breaktime_document(week))


CREATE_FIELDS = frozenset({"user_id", "company_id", "week"})


@routes.post("/timesheets", name="api.timesheets.create")
async def open_timesheet(request: web.Request) -> web.Response:
    """The timesheet of a user's week, made if it has no row yet (so it can be addressed by id):
    201 when made, 200 when it was there."""
    actor, user = await _caller(request)
    actor.require(Permission.TIMESHEETS_READ)
    body = await inputs.json_object(request, allowed=CREATE_FIELDS, required=frozenset({"week"}))
    owner_id = _user_param(actor, body.get("user_id", "me"))
    company_id = inputs.uuid(body["company_id"], "company_id") if "company_id" in body else None
    day = inputs.day(body["week"], "week")
    company_id = await owner_company(actor, Permission.TIMESHEETS_READ, owner_id, company_id)
    try:
        check_relation(Action.VIEW, await relations(user, owner_id, company_id))
    except DomainNotFound:
        raise NotFound("User not found") from None
    owner, company = await User.get(id=owner_id), await Company.get(id=company_id)
    week = company_week(company, day)
    existed = await find_timesheet(owner_id, company_id, week.first_day)
    if existed is None:
        await timesheet_for(owner_id, company_id, week)
    loaded = await load_week(owner, company, week)
    return web.json_response(breaktime_document(loaded), status=200 if existed else 201)


# --- the approval --------------------------------------------------------------------------

STATUS_FIELDS = frozenset({"action", "reason"})


@routes.post("/timesheets/{id}/status", name="api.timesheets.status")
async def change_status(request: web.Request) -> web.Response:
    _, user = await _caller(request)
    week, rels = await _week(request, user)
    body = await inputs.json_object(request, allowed=STATUS_FIELDS, required=frozenset({"action"}))
    action = body["action"]
    if not isinstance(action, str) or action not in EVENTS:
        raise BadRequest("action must be one of: " + ", ".join(EVENTS))
    reason = ""
    if "reason" in body:
        if action not in WITH_REASON:
            raise BadRequest("reason goes only with send_back or reopen")
        reason = inputs.text(body["reason"], "reason", max_length=approval.MAX_REASON).strip()
    sheet = week.timesheet
    match action:
        case "submit":
            # Submitting is the owner's act on their own week (approval.submit takes it so).
            check_relation(Action.SUBMIT, rels, week.company.name)
            await approval.submit(user, sheet.company_id, sheet.start_date)
        case "review":
            await approval.approve(user, sheet.id)
        case "send_back":
            await approval.send_back(user, sheet.id, reason)
        case "finalize":
            await approval.finalize(user, sheet.id)
        case "reopen":
            await approval.reopen(user, sheet.id, reason)
    to_slack.week_changed(request.app, sheet.id, user.id, sheet.user_id, EVENTS[action], reason)
    return web.json_response(await _document(week))


# --- notes ---------------------------------------------------------------------------------

NOTE_FIELDS = frozenset({"Type", "Content", "EntryID", "Reason", "Explains"})
EDIT_FIELDS = frozenset({"Content"})


def _content(body: dict) -> str:
    return inputs.text(body["Content"], "Content", max_length=notes.MAX_CONTENT)


def _report_in(week: WeekSheet, body: dict) -> UUID:
    """The report an explanation is about: one of this week's active reports (else 404)."""
    if body.get("Type", NoteType.COMMENT.value) != NoteType.COMMENT.value:
        raise BadRequest("An explanation (Explains) is a Comment")
    for name in ("EntryID", "Reason"):
        if body.get(name) is not None:
            raise BadRequest(f"{name} does not go with Explains: it is the report's entry")
    report_id = inputs.uuid(body["Explains"], "Explains")
    if report_id not in {n.id for n in week.reports}:
        raise NotFound("Report not found")
    return report_id


@routes.post("/timesheets/{id}/notes", name="api.timesheets.notes.add")
async def add_note(request: web.Request) -> web.Response:
    _, user = await _caller(request)
    week, _ = await _week(request, user)
    body = await inputs.json_object(request, allowed=NOTE_FIELDS, required=frozenset({"Content"}))
    sheet = week.timesheet
    if "Explains" in body:
        report_id = _report_in(week, body)
        note = await notes.explain_report(user, report_id, _content(body))
        to_slack.week_changed(request.app, sheet.id, user.id, sheet.user_id)
        return web.json_response(note_document(note), status=201)
    if "Type" not in body:
        raise BadRequest("Missing field: Type")
    kind = _choice(body["Type"], "Type", NoteType)
    content = _content(body)
    entry_id = None
    if body.get("EntryID") is not None:
        entry_id = inputs.uuid(body["EntryID"], "EntryID")
        if entry_id not in {e.shift.id for e in week.entries}:
            raise BadRequest("EntryID is not an entry of this timesheet")
    report = None
    if kind is NoteType.REPORT:
        report = _choice(body.get("Reason"), "Reason", ReportReason)
    elif body.get("Reason") is not None:
        raise BadRequest("Reason goes only with a Report")
    note = await notes.add_note(
        user,
        content,
        shift_id=entry_id,
        owner_id=sheet.user_id,
        company_id=sheet.company_id,
        week_day=sheet.start_date,
        report=report,
    )
    to_slack.week_changed(request.app, sheet.id, user.id, sheet.user_id)
    return web.json_response(note_document(note), status=201)


@routes.put("/timesheets/{id}/notes/{note_id}", name="api.timesheets.notes.edit")
async def edit_note(request: web.Request) -> web.Response:
    """The old note is kept, marked Deleted; the answer is its replacement (a new NoteID)."""
    _, user = await _caller(request)
    week, _ = await _week(request, user)
    note_id = _note_in(week, inputs.path_uuid(request, "note_id"))
    body = await inputs.json_object(request, allowed=EDIT_FIELDS, required=EDIT_FIELDS)
    new = await notes.edit_note(user, note_id, _content(body))
    to_slack.week_changed(request.app, week.timesheet.id, user.id, week.owner.id)
    return web.json_response(note_document(new))


@routes.delete("/timesheets/{id}/notes/{note_id}", name="api.timesheets.notes.delete")
async def delete_note(request: web.Request) -> web.Response:
    _, user = await _caller(request)
    week, _ = await _week(request, user)
    note_id = _note_in(week, inputs.path_uuid(request, "note_id"))
    await notes.delete_note(user, note_id)
    to_slack.week_changed(request.app, week.timesheet.id, user.id, week.owner.id)
    return web.Response(status=204)


# --- supervisor and admin times ------------------------------------------------------------

TIMES_FIELDS = frozenset({"source", "StartDateTime", "EndDateTime"})


@routes.put("/timesheets/{id}/entries/{entry_id}/times", name="api.timesheets.entry_times")
async def set_times(request: web.Request) -> web.Response:
    _, user = await _caller(request)
    week, _ = await _week(request, user)
    entry_id = _entry_in(week, inputs.path_uuid(request, "entry_id"))
    body = await inputs.json_object(request, allowed=TIMES_FIELDS, required=TIMES_FIELDS)
    source = _choice(body["source"], "source", TimeSource)
    start = inputs.epoch_seconds(body["StartDateTime"], "StartDateTime")
    end = inputs.epoch_seconds(body["EndDateTime"], "EndDateTime")
    try:
        await entries.set_times(user, entry_id, source, start, end)
    except FutureTime as error:
        name = "EndDateTime" if error.field == "end" else "StartDateTime"
        raise BadRequest(f"{name} can't be in the future") from None
    to_slack.week_changed(request.app, week.timesheet.id, user.id, week.owner.id)
    return web.json_response(await _document(week))


# --- the schedule (planned shifts) ---------------------------------------------------------

SCHEDULE_FIELDS = frozenset({"ScheduleData"})
PLANNED_FIELDS = frozenset({"StartDateTime", "EndDateTime"})


def _planned(value: Any) -> list[tuple]:
    """ScheduleData as (start, end) pairs; whether they make a plan is the domain's to say."""
    if not isinstance(value, list):
        raise BadRequest("ScheduleData must be a list of planned shifts")
    spans = []
    for i, item in enumerate(value):
        where = f"ScheduleData[{i}]"
        if not isinstance(item, dict):
            raise BadRequest(f"{where} must be an object with StartDateTime and EndDateTime")
        unknown = sorted(set(item) - PLANNED_FIELDS)
        if unknown:
            raise BadRequest(f"Unknown field: {where}.{unknown[0]}")
        times = []
        for name in ("StartDateTime", "EndDateTime"):
            if item.get(name) is None:
                raise BadRequest(f"{where}.{name} is required (epoch seconds)")
            times.append(inputs.epoch_seconds(item[name], f"{where}.{name}"))
        spans.append(tuple(times))
    return spans


@routes.put("/timesheets/{id}/schedule", name="api.timesheets.schedule")
async def set_schedule(request: web.Request) -> web.Response:
    """The week's plan becomes exactly these shifts (none: cleared), published to its owner."""
    _, user = await _caller(request)
    week, _ = await _week(request, user)
    body = await inputs.json_object(request, allowed=SCHEDULE_FIELDS, required=SCHEDULE_FIELDS)
    spans = _planned(body["ScheduleData"])
    sheet = week.timesheet
    change = await schedules.set_schedule(
        user, sheet.user_id, sheet.company_id, sheet.start_date, spans
    )
    to_slack.schedule_changed(request.app, change, user.id)
    return web.json_response(await _document(week))


# --- OpenAPI -------------------------------------------------------------------------------

_UUID = {"type": "string", "format": "uuid"}
_UUID_OR_NULL = {"type": ["string", "null"], "format": "uuid"}
_EPOCH_S = {"type": "integer", "description": "Epoch seconds"}
_EPOCH_S_OR_NULL = {"type": ["integer", "null"], "description": "Epoch seconds"}
_EPOCH_S_IN = {
    "type": ["integer", "null"],
    "minimum": 0,
    "maximum": inputs.MAX_EPOCH_SECONDS,
    "description": "Epoch seconds",
}
_USER_ID = {
    "description": "A user's ID, or `me`",
    "anyOf": [_UUID, {"const": "me"}],
}
_WEEK = day("Any day of the week")
_TAG = ["timesheets"]

SCHEMAS = {
    "StatusStamp": {
        "type": "object",
        "required": ["Date", "AuthorID"],
        "properties": {"Date": _EPOCH_S, "AuthorID": _UUID_OR_NULL},
    },
    "TimesheetStatus": {
        "type": "object",
        "description": "Each stage: when and by whom it was last reached, or null",
        "required": ["HoursSubmitted", "HoursReviewed", "ScheduleSubmitted", "Finalized"],
        "properties": {
            stage: {"anyOf": [ref("StatusStamp"), {"type": "null"}]}
            for stage in ["HoursSubmitted", "HoursReviewed", "ScheduleSubmitted", "Finalized"]
        },
    },
    "TimeEntry": {
        "type": "object",
        "description": "Null times (both): not worked",
        "required": ["StartDateTime", "EndDateTime", "AuthorUUID"],
        "properties": {
            "StartDateTime": _EPOCH_S_OR_NULL,
            "EndDateTime": {**_EPOCH_S_OR_NULL, "description": "Epoch seconds; null while open"},
            "AuthorUUID": _UUID_OR_NULL,
        },
    },
    "TimesheetNote": {
        "type": "object",
        "required": [
            "NoteID",
            "Type",
            "EntryID",
            "AuthorUUID",
            "DateTime",
            "Content",
            "State",
            "Reason",
            "ScheduleEntryID",
            "Explains",
        ],
        "properties": {
            "NoteID": _UUID,
            "Type": {"enum": [t.value for t in NoteType]},
            "EntryID": {**_UUID_OR_NULL, "description": "null: a note on the whole week"},
            "ScheduleEntryID": {
                **_UUID_OR_NULL,
                "description": "The planned shift it is about (a No Show is on the plan)",
            },
            "Explains": {
                **_UUID_OR_NULL,
                "description": "The report (NoteID) this comment explains: its owner's side",
            },
            "AuthorUUID": _UUID_OR_NULL,
            "DateTime": _EPOCH_S,
            "Content": {"type": "string"},
            "State": {"enum": ["Active", "Deleted"]},
            "Reason": {"enum": [r.value for r in ReportReason] + [None]},
        },
    },
    "TimesheetEntry": {
        "type": "object",
        "required": [
            "Type",
            "EntryID",
            "Date",
            "AssociateTimes",
            "SupervisorTimes",
            "AdminTimes",
            "Note",
        ],
        "properties": {
            "Type": {"enum": ["Time Worked", "PTO"]},
            "EntryID": _UUID,
            "Date": _EPOCH_S,
            "AssociateTimes": ref("TimeEntry"),
            "SupervisorTimes": {"anyOf": [ref("TimeEntry"), {"type": "null"}]},
            "AdminTimes": {
                "anyOf": [ref("TimeEntry"), {"type": "null"}],
                "description": "When set, the times that count",
            },
            "Note": {"type": "array", "items": ref("TimesheetNote")},
            "Hours": {
                "type": "number",
                "description": "PTO only: its hours that day (its times run from midnight)",
            },
        },
    },
    "Timesheet": {
        "type": "object",
        "required": [
            "TimesheetID",
            "UserID",
            "StartDate",
            "Status",
            "CompanyID",
            "HoursData",
            "ScheduleData",
            "WeekNotes",
        ],
        "properties": {
            "TimesheetID": _UUID,
            "UserID": _UUID,
            "StartDate": {**_EPOCH_S, "description": "Sunday 00:00 in the company's zone"},
            "Status": ref("TimesheetStatus"),
            "CompanyID": _UUID,
            "HoursData": {"type": "array", "items": ref("TimesheetEntry")},
            "ScheduleData": {
                "type": "array",
                "items": ref("ScheduleEntry"),
                "description": "The planned shifts, published (ScheduleSubmitted) when set",
            },
            "WeekNotes": {"type": "array", "items": ref("TimesheetNote")},
        },
    },
    "ScheduleEntry": {
        "type": "object",
        "required": ["EntryID", "Date", "StartDateTime", "EndDateTime", "AuthorUUID", "Note"],
        "properties": {
            "EntryID": _UUID,
            "Date": {**_EPOCH_S, "description": "The day it starts: its 00:00, company time"},
            "StartDateTime": _EPOCH_S,
            "EndDateTime": _EPOCH_S,
            "AuthorUUID": {**_UUID_OR_NULL, "description": "Who planned it"},
            "Note": {
                "type": "array",
                "items": ref("TimesheetNote"),
                "description": "Notes on the plan itself: a No Show report, its explanation",
            },
        },
    },
    "TimesheetList": {"type": "array", "items": ref("Timesheet")},
    "TimesheetOpen": {
        "type": "object",
        "additionalProperties": False,
        "required": ["week"],
        "properties": {
            "user_id": {**_USER_ID, "description": "Whose week; the caller (`me`) by default"},
            "company_id": {
                **_UUID,
                "description": "Needed only when the user belongs to several companies",
            },
            "week": _WEEK,
        },
    },
    "TimesheetStatusChange": {
        "description": "submit (the owner), review = approve (a supervisor or admin of the "
        "company, never of their own week), send_back (the same, with a reason), finalize (an "
        "admin), reopen (an admin, with a reason)",
        "oneOf": [
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["action"],
                "properties": {"action": {"enum": ["submit", "review", "finalize"]}},
            },
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["action", "reason"],
                "properties": {
                    "action": {"enum": list(WITH_REASON)},
                    "reason": {
                        "type": "string",
                        "pattern": r"\S",
                        "maxLength": approval.MAX_REASON,
                    },
                },
            },
        ],
    },
    "TimesheetNoteCreate": {
        "type": "object",
        "additionalProperties": False,
        "required": ["Content"],
        "anyOf": [{"required": ["Type"]}, {"required": ["Explains"]}],
        "description": "A Report is about one entry and needs its Reason (one active report "
        "per reason per entry); only supervisors and admins file reports. With `Explains` "
        "(a report of this timesheet), the week's owner explains it: a Comment on the "
        "report's entry, with no EntryID or Reason of its own.",
        "properties": {
            "Type": {"enum": [t.value for t in NoteType]},
            "Content": {"type": "string", "pattern": r"\S", "maxLength": notes.MAX_CONTENT},
            "EntryID": {**_UUID_OR_NULL, "description": "An entry of this timesheet"},
            "Reason": {"enum": [r.value for r in ReportReason] + [None]},
            "Explains": {**_UUID, "description": "NoteID of the report this explains"},
        },
    },
    "TimesheetScheduleSet": {
        "type": "object",
        "additionalProperties": False,
        "required": sorted(SCHEDULE_FIELDS),
        "description": "The week's whole plan: planned shifts that start in the week, end "
        "after they start, last at most 24 hours and do not overlap. An empty list clears it.",
        "properties": {
            "ScheduleData": {
                "type": "array",
                "maxItems": schedules.MAX_PLANNED,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": sorted(PLANNED_FIELDS),
                    "properties": {
                        "StartDateTime": {**_EPOCH_S_IN, "type": "integer"},
                        "EndDateTime": {**_EPOCH_S_IN, "type": "integer"},
                    },
                },
            }
        },
    },
    "TimesheetNoteEdit": {
        "type": "object",
        "additionalProperties": False,
        "required": ["Content"],
        "properties": {
            "Content": {"type": "string", "pattern": r"\S", "maxLength": notes.MAX_CONTENT}
        },
    },
    "EntryTimesSet": {
        "type": "object",
        "additionalProperties": False,
        "required": sorted(TIMES_FIELDS),
        "description": "Both times null: not worked. Supervisor times that differ from the "
        "associate's are a conflict until an admin sets admin times.",
        "properties": {
            "source": {"enum": [s.value for s in TimeSource]},
            "StartDateTime": _EPOCH_S_IN,
            "EndDateTime": _EPOCH_S_IN,
        },
    },
}

_TIMESHEET_ID = path_id("ID of the timesheet")
_NOTE_ID = path_id("ID of the note (NoteID)", "note_id")
_ENTRY_ID = path_id("ID of the entry (EntryID, the shift's id)", "entry_id")
_STATUS_CONFLICT = json_response(
    "The week's status refuses it: already approved, sent back or finalized (by whom), not "
    "submitted yet, finalized and locked, a shift still open, or conflicts unsettled",
    ref("Message"),
)
_LOCKED = json_response(
    "The week is finalized and locked (or approved, for the owner's changes)", ref("Message")
)
_DOCUMENT = json_response("The timesheet", ref("Timesheet"))
# So that a stateful run reaches a real week, not only ids that are not found.
_SHEET_LINKS = {
    name: {"operationId": op, "parameters": {"id": "$response.body#/TimesheetID"}}
    for name, op in [
        ("GetTimesheet", "getTimesheet"),
        ("SetTimesheetSchedule", "setTimesheetSchedule"),
        ("AddTimesheetNote", "addTimesheetNote"),
    ]
}

PATHS = {
    "/timesheets": {
        "get": {
            "tags": _TAG,
            "summary": "List the timesheets the caller may see",
            "description": "An associate sees their own; a supervisor every one of the companies "
            "they supervise; an admin every one of their companies. Newest week first, then "
            f"by user and company. At most `limit` ({DEFAULT_LIMIT} by default, {MAX_LIMIT} "
            "at most) per page; when there is more, `X-Next-Cursor` holds the `cursor` of "
            "the next page. A week is listed once it has a timesheet (it was submitted, noted, "
            "or opened with POST /timesheets).",
            "operationId": "listTimesheets",
            "parameters": [
                {"name": "user_id", "in": "query", "schema": _USER_ID},
                {"name": "company_id", "in": "query", "schema": _UUID},
                {"name": "week", "in": "query", "schema": _WEEK},
                {
                    "name": "limit",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
                },
                {"name": "cursor", "in": "query", "schema": {"type": "string"}},
            ],
            "responses": {
                "200": json_response(
                    "The timesheets (possibly none)",
                    ref("TimesheetList"),
                    {
                        "X-Next-Cursor": {
                            "description": "Cursor of the next page, when there is one",
                            "schema": {"type": "string"},
                        }
                    },
                ),
                **errors(400, 401, 403),
            },
        },
        "post": {
            "tags": _TAG,
            "summary": "The timesheet of a user's week, made if it has none yet",
            "description": "So that a week with no timesheet yet can be addressed by id. Anyone "
            "who may see the week may open it; it starts with no status.",
            "operationId": "openTimesheet",
            "requestBody": json_body(ref("TimesheetOpen")),
            "responses": {
                "200": {
                    **json_response("The timesheet, which already existed", ref("Timesheet")),
                    "links": _SHEET_LINKS,
                },
                "201": {
                    **json_response("The timesheet, made now", ref("Timesheet")),
                    "links": _SHEET_LINKS,
                },
                **errors(400, 401, 403, 404),
            },
        },
    },
    "/timesheets/{id}": {
        "parameters": [_TIMESHEET_ID],
        "get": {
            "tags": _TAG,
            "summary": "One timesheet",
            "operationId": "getTimesheet",
            "responses": {"200": _DOCUMENT, **errors(401, 403, 404)},
        },
    },
    "/timesheets/{id}/status": {
        "parameters": [_TIMESHEET_ID],
        "post": {
            "tags": _TAG,
            "summary": "Submit, review (approve), send back, finalize or reopen the week",
            "description": "The same steps and rules as the Slack buttons, and the same Slack "
            "messages follow (reviewers asked, admins asked to finalize, the owner told). "
            "send_back and reopen need a reason.",
            "operationId": "changeTimesheetStatus",
            "requestBody": json_body(ref("TimesheetStatusChange")),
            "responses": {
                "200": json_response("The timesheet after the step", ref("Timesheet")),
                **errors(400, 401, 403, 404),
                "409": _STATUS_CONFLICT,
            },
        },
    },
    "/timesheets/{id}/notes": {
        "parameters": [_TIMESHEET_ID],
        "post": {
            "tags": _TAG,
            "summary": "Add a comment (on the week or an entry), a report (on an entry), or "
            "the owner's explanation of a report",
            "operationId": "addTimesheetNote",
            "requestBody": json_body(ref("TimesheetNoteCreate")),
            "responses": {
                "201": json_response("The note", ref("TimesheetNote")),
                **errors(400, 401, 403, 404),
                "409": json_response(
                    "The week is finalized and locked, or the entry already has an active "
                    "report for this reason",
                    ref("Message"),
                ),
            },
        },
    },
    "/timesheets/{id}/schedule": {
        "parameters": [_TIMESHEET_ID],
        "put": {
            "tags": _TAG,
            "summary": "Set and publish the week's plan (its supervisors and admins)",
            "description": "Replaces the planned shifts with these (an empty list clears them) "
            "and stamps ScheduleSubmitted, again after each change. Planned shifts that stay "
            "keep their EntryID. The associate is told in Slack. Nobody plans their own week.",
            "operationId": "setTimesheetSchedule",
            "requestBody": json_body(ref("TimesheetScheduleSet")),
            "responses": {
                "200": json_response("The timesheet with its plan", ref("Timesheet")),
                **errors(400, 401, 403, 404),
                "409": json_response("The week is finalized and locked", ref("Message")),
            },
        },
    },
    "/timesheets/{id}/notes/{note_id}": {
        "parameters": [_TIMESHEET_ID, _NOTE_ID],
        "put": {
            "tags": _TAG,
            "summary": "Edit a note (its author): the old one is kept, marked Deleted",
            "operationId": "editTimesheetNote",
            "requestBody": json_body(ref("TimesheetNoteEdit")),
            "responses": {
                "200": json_response("The replacement note", ref("TimesheetNote")),
                **errors(400, 401, 403, 404),
                "409": _LOCKED,
            },
        },
        "delete": {
            "tags": _TAG,
            "summary": "Delete a note (its author, or an admin): kept, marked Deleted",
            "operationId": "deleteTimesheetNote",
            "responses": {
                "204": no_content("Deleted"),
                **errors(401, 403, 404),
                "409": _LOCKED,
            },
        },
    },
    "/timesheets/{id}/entries/{entry_id}/times": {
        "parameters": [_TIMESHEET_ID, _ENTRY_ID],
        "put": {
            "tags": _TAG,
            "summary": "Set a supervisor's times for an entry, or an admin's (which count)",
            "operationId": "setEntryTimes",
            "requestBody": json_body(ref("EntryTimesSet")),
            "responses": {
                "200": _DOCUMENT,
                **errors(400, 401, 403, 404),
                "409": _LOCKED,
            },
        },
    },
}
