"""Timesheets over REST: Breaktime's shape, who sees which, the approval with Slack's rules, notes,
supervisor and admin times; checked against what the database holds."""

import json
from datetime import timedelta

import pytest
import requests
import schemathesis

from jobs.querylog import count_queries
from models import audit, shift_records
from models.entries import EntryTimes
from models.notes import Note, NoteState
from models.shifts import Shift
from models.stages import Phase
from models.timesheets import Timesheet, company_week, timesheet_for
from models.timeutil import utcnow, zone
from models.weeks import Week

FORBIDDEN = 403


def last_monday(company, hour: int = 9):
    """9:00 (company time) on Monday of last week: always in the past."""
    week = Week.containing(utcnow(), zone(company.timezone))
    return week.start - timedelta(days=6) + timedelta(hours=hour)


async def worked(person, company, start, hours: float = 8) -> Shift:
    return await shift_records.create_shift(
        None, person.user.id, company.id, start=start, end=start + timedelta(hours=hours)
    )


def epoch(moment) -> int:
    return int(moment.timestamp())


@pytest.fixture
async def weeks(world):
    """Last week: a shift each for Ana, Abe and Sam (Acme) and Bob (Bolt), and their sheets."""
    monday = last_monday(world.acme)
    made = {"monday": monday}
    for who, company in [
        ("ana", world.acme),
        ("abe", world.acme),
        ("sam", world.acme),
        ("bob", world.bolt),
    ]:
        person = getattr(world, who)
        start = last_monday(company)
        made[who, "shift"] = await worked(person, company, start)
        week = company_week(company, start.astimezone(zone(company.timezone)).date())
        made[who] = await timesheet_for(person.user.id, company.id, week)
    return made


async def act(api, person, sheet, action: str, reason: str | None = None):
    body = {"action": action} | ({"reason": reason} if reason is not None else {})
    return await api.call("POST", f"/timesheets/{sheet.id}/status", body, token=person.token)


async def phase(sheet) -> Phase:
    return (await Timesheet.get(id=sheet.id)).phase


# --- reading -------------------------------------------------------------------------------


async def test_a_week_is_opened_by_date_and_read_in_breaktimes_shape(api, world):
    monday = last_monday(world.acme)
    shift = await worked(world.ana, world.acme, monday)
    wednesday = (monday + timedelta(days=2)).date().isoformat()
    made = await api.call("POST", "/timesheets", {"week": wednesday}, token=world.ana.token)
    assert made.status == 201
    doc = made.body
    assert doc["UserID"] == world.ana.id and doc["CompanyID"] == str(world.acme.id)
    week = company_week(world.acme, monday.date())
    assert doc["StartDate"] == epoch(week.start)
    assert doc["Status"] == {
        "HoursSubmitted": None,
        "HoursReviewed": None,
        "ScheduleSubmitted": None,
        "Finalized": None,
    }
    [entry] = doc["HoursData"]
    assert entry["EntryID"] == str(shift.id) and entry["Type"] == "Time Worked"
    assert entry["AssociateTimes"] == {
        "StartDateTime": epoch(shift.start_time),
        "EndDateTime": epoch(shift.end_time),
        "AuthorUUID": world.ana.id,
    }
    assert (entry["SupervisorTimes"], entry["AdminTimes"], entry["Note"]) == (None, None, [])
    assert (doc["ScheduleData"], doc["WeekNotes"]) == ([], [])

    again = await api.call(
        "POST", "/timesheets", {"week": monday.date().isoformat()}, token=world.ana.token
    )
    assert again.status == 200 and again.body["TimesheetID"] == doc["TimesheetID"]
    got = await api.call("GET", f"/timesheets/{doc['TimesheetID']}", token=world.ana.token)
    assert got.status == 200 and got.body == doc
    assert await Timesheet.all().count() == 1

    # A supervisor opens a team member's week; an associate may not open a coworker's.
    by_sam = await api.call(
        "POST", "/timesheets", {"user_id": world.abe.id, "week": wednesday}, token=world.sam.token
    )
    assert by_sam.status == 201 and by_sam.body["UserID"] == world.abe.id
    by_ana = await api.call(
        "POST", "/timesheets", {"user_id": world.abe.id, "week": wednesday}, token=world.ana.token
    )
    assert by_ana.status == 404


async def ids(api, person, **params) -> set[str]:
    reply = await api.call("GET", "/timesheets", token=person.token, params=params or None)
    assert reply.status == 200, reply.body
    return {doc["TimesheetID"] for doc in reply.body}


async def test_who_sees_which_timesheets(api, world, weeks):
    sid = {who: str(weeks[who].id) for who in ("ana", "abe", "sam", "bob")}
    acme = {sid["ana"], sid["abe"], sid["sam"]}
    assert await ids(api, world.ana) == {sid["ana"]}
    assert await ids(api, world.sam) == acme
    assert await ids(api, world.ada) == acme
    assert await ids(api, world.bob) == {sid["bob"]}
    assert await ids(api, world.bea) == {sid["bob"]}
    assert await ids(api, world.sam, user_id=world.abe.id) == {sid["abe"]}
    assert await ids(api, world.sam, user_id="me") == {sid["sam"]}
    assert await ids(api, world.sam, company_id=str(world.bolt.id)) == set()
    assert await ids(api, world.ada, user_id=world.bob.id) == set()
    day = (weeks["monday"] + timedelta(days=3)).date().isoformat()
    assert await ids(api, world.ada, week=day) == acme
    assert await ids(api, world.ada, week=utcnow().date().isoformat()) == set()
    for who, sheet in [("sam", "abe"), ("ada", "ana"), ("bea", "bob")]:
        reply = await api.call("GET", f"/timesheets/{sid[sheet]}", token=getattr(world, who).token)
        assert reply.status == 200
    reply = await api.call("GET", f"/timesheets/{sid['ana']}", token=world.abe.token)
    assert (reply.status, reply.body) == (404, {"message": "Timesheet not found"})


async def test_the_list_comes_in_pages_and_its_reads_do_not_grow_with_it(api, world):
    first = company_week(world.acme, last_monday(world.acme).date())
    for back in range(12):
        week = company_week(world.acme, first.first_day - timedelta(weeks=back))
        for who in (world.ana, world.abe):
            await worked(who, world.acme, week.start + timedelta(days=1, hours=9), 2)
            await timesheet_for(who.user.id, world.acme.id, week)
    everything = await api.call("GET", "/timesheets", token=world.sam.token)
    assert len(everything.body) == 24 and "X-Next-Cursor" not in everything.headers
    starts = [doc["StartDate"] for doc in everything.body]
    assert starts == sorted(starts, reverse=True)
    assert all(len(doc["HoursData"]) == 1 for doc in everything.body)

    seen, cursor = [], None
    while True:
        params = {"limit": "5"} | ({"cursor": cursor} if cursor else {})
        page = await api.call("GET", "/timesheets", token=world.sam.token, params=params)
        assert page.status == 200 and len(page.body) <= 5
        seen += page.body
        cursor = page.headers.get("X-Next-Cursor")
        if cursor is None:
            break
    assert seen == everything.body

    counts = []
    for limit in ("2", "20"):
        with count_queries() as counted:
            reply = await api.call(
                "GET", "/timesheets", token=world.sam.token, params={"limit": limit}
            )
        assert len(reply.body) == int(limit)
        counts.append(counted["SELECT"])
    assert counts[0] == counts[1], counts

    for params in ({"limit": "0"}, {"limit": "101"}, {"cursor": "nonsense"}, {"week": "soon"}):
        reply = await api.call("GET", "/timesheets", token=world.sam.token, params=params)
        assert reply.status == 400, params


# --- the approval --------------------------------------------------------------------------


async def test_submit_review_finalize_reopen_with_slacks_rules(api, world, weeks):
    ana, sam, ada = world.ana, world.sam, world.ada
    sheet, shift = weeks["ana"], weeks["ana", "shift"]

    assert (await act(api, sam, sheet, "submit")).status == FORBIDDEN  # only its owner
    submitted = await act(api, ana, sheet, "submit")
    assert submitted.status == 200
    assert submitted.body["Status"]["HoursSubmitted"]["AuthorID"] == ana.id

    for who, action in [(ana, "review"), (ana, "finalize"), (sam, "finalize")]:
        refused = await act(api, who, sheet, action)
        assert refused.status == FORBIDDEN, (who.user.name, action, refused.body)
        assert refused.message  # the domain's sentence
    early = await act(api, ada, sheet, "finalize")
    assert early.status == 409 and "approved by a supervisor" in early.message
    assert await phase(sheet) is Phase.SUBMITTED

    reviewed = await act(api, sam, sheet, "review")
    assert reviewed.status == 200
    assert reviewed.body["Status"]["HoursReviewed"]["AuthorID"] == sam.id
    twice = await act(api, ada, sheet, "review")
    assert (twice.status, twice.message) == (409, "Sam already approved this week.")

    finalized = await act(api, ada, sheet, "finalize")
    assert finalized.status == 200
    assert finalized.body["Status"]["Finalized"]["AuthorID"] == ada.id

    # Locked: no shift of that week changes, by any route.
    locked = await api.call("PUT", f"/shifts/{shift.id}", {"notes": "late"}, token=ada.token)
    assert locked.status == 409 and "finalized and locked" in locked.message
    note = await api.call(
        "POST",
        f"/timesheets/{sheet.id}/notes",
        {"Type": "Comment", "Content": "hi"},
        token=ana.token,
    )
    assert note.status == 409

    assert (await act(api, ada, sheet, "reopen")).status == 400  # a reason is needed
    assert (await act(api, ada, sheet, "reopen", "   ")).status == 400
    assert await phase(sheet) is Phase.FINALIZED
    reopened = await act(api, ada, sheet, "reopen", "hours were wrong")
    assert reopened.status == 200 and reopened.body["Status"]["Finalized"] is None
    assert await phase(sheet) is Phase.REVIEWED

    trail = await audit.trail(timesheet_id=sheet.id, subject="timesheet")
    assert [(e.action, str(e.actor_id)) for e in trail] == [
        ("status.HoursSubmitted", ana.id),
        ("status.HoursReviewed", sam.id),
        ("status.Finalized", ada.id),
        ("status.reopened", ada.id),
    ]
    assert trail[-1].reason == "hours were wrong"


async def test_a_supervisor_never_approves_their_own_week(api, world, weeks):
    own = weeks["sam"]
    assert (await act(api, world.sam, own, "submit")).status == 200
    refused = await act(api, world.sam, own, "review")
    assert refused.status == FORBIDDEN and "your own week" in refused.message
    assert await phase(own) is Phase.SUBMITTED
    assert (await act(api, world.ada, own, "review")).status == 200


async def test_send_back_needs_a_reason_and_opens_the_week_again(api, world, weeks):
    sheet = weeks["ana"]
    await act(api, world.ana, sheet, "submit")
    no_reason = await act(api, world.sam, sheet, "send_back")
    assert (no_reason.status, no_reason.message) == (400, "Please give a reason.")
    assert await phase(sheet) is Phase.SUBMITTED
    returned = await act(api, world.sam, sheet, "send_back", "Tuesday is missing")
    assert returned.status == 200 and returned.body["Status"]["HoursSubmitted"] is None
    row = await Timesheet.get(id=sheet.id)
    assert (row.returned_reason, row.returned_by_id) == ("Tuesday is missing", world.sam.user.id)
    late = await act(api, world.ada, sheet, "review")
    assert late.status == 409 and "sent back" in late.message
    assert (await act(api, world.ana, sheet, "submit")).status == 200


async def test_submitting_while_clocked_in_is_a_conflict(api, world):
    # A shift still open in this week (started an hour ago, or at this week's start if later).
    week = Week.containing(utcnow(), zone(world.acme.timezone))
    start = max(utcnow() - timedelta(hours=1), week.start)
    await shift_records.create_shift(None, world.ana.user.id, world.acme.id, start=start)
    today = utcnow().astimezone(week.tz).date().isoformat()
    made = await api.call("POST", "/timesheets", {"week": today}, token=world.ana.token)
    reply = await api.call(
        "POST",
        f"/timesheets/{made.body['TimesheetID']}/status",
        {"action": "submit"},
        token=world.ana.token,
    )
    assert reply.status == 409 and "clock out first" in reply.message


# --- notes and times -----------------------------------------------------------------------


async def test_notes_are_added_edited_and_deleted_as_in_slack(api, world, weeks):
    sheet, shift = weeks["ana"], weeks["ana", "shift"]
    path = f"/timesheets/{sheet.id}/notes"
    comment = await api.call(
        "POST", path, {"Type": "Comment", "Content": "covered for Abe"}, token=world.ana.token
    )
    assert comment.status == 201
    assert comment.body["Content"] == "covered for Abe" and comment.body["EntryID"] is None
    assert comment.body["AuthorUUID"] == world.ana.id and comment.body["State"] == "Active"
    report = {"Type": "Report", "Content": "25 min late", "EntryID": str(shift.id)}
    own = await api.call("POST", path, report | {"Reason": "Late Arrival"}, token=world.ana.token)
    assert own.status == FORBIDDEN  # no report on one's own week
    no_reason = await api.call("POST", path, report, token=world.sam.token)
    assert no_reason.status == 400
    filed = await api.call("POST", path, report | {"Reason": "Late Arrival"}, token=world.sam.token)
    assert filed.status == 201 and filed.body["Reason"] == "Late Arrival"
    again = await api.call("POST", path, report | {"Reason": "Late Arrival"}, token=world.sam.token)
    assert again.status == 409
    elsewhere = report | {"Reason": "No Show", "EntryID": str(weeks["abe", "shift"].id)}
    assert (await api.call("POST", path, elsewhere, token=world.sam.token)).status == 400

    note_path = f"{path}/{comment.body['NoteID']}"
    not_author = await api.call("PUT", note_path, {"Content": "no"}, token=world.sam.token)
    assert not_author.status == FORBIDDEN
    edited = await api.call(
        "PUT", note_path, {"Content": "covered for Abe, 2h"}, token=world.ana.token
    )
    assert edited.status == 200 and edited.body["NoteID"] != comment.body["NoteID"]
    old = await Note.get(id=comment.body["NoteID"])
    assert old.state is NoteState.DELETED and old.content == "covered for Abe"

    doc = (await api.call("GET", f"/timesheets/{sheet.id}", token=world.ana.token)).body
    assert [n["Content"] for n in doc["WeekNotes"]] == ["covered for Abe, 2h"]
    assert [n["Reason"] for n in doc["HoursData"][0]["Note"]] == ["Late Arrival"]

    gone = await api.call("PUT", note_path, {"Content": "again"}, token=world.ana.token)
    assert gone.status == 404  # the replaced note is no longer one to edit
    new_path = f"{path}/{edited.body['NoteID']}"
    assert (await api.call("DELETE", new_path, token=world.sam.token)).status == FORBIDDEN
    deleted = await api.call("DELETE", new_path, token=world.ana.token)
    assert deleted.status == 204 and deleted.raw == b""
    report_path = f"{path}/{filed.body['NoteID']}"
    assert (await api.call("DELETE", report_path, token=world.ada.token)).status == 204  # admin
    doc = (await api.call("GET", f"/timesheets/{sheet.id}", token=world.ana.token)).body
    assert doc["WeekNotes"] == [] and doc["HoursData"][0]["Note"] == []
    assert await Note.filter(state=NoteState.ACTIVE).count() == 0
    assert await Note.all().count() == 3  # nothing is erased


async def test_supervisor_and_admin_times_and_the_conflict_they_settle(api, world, weeks):
    sheet, shift = weeks["ana"], weeks["ana", "shift"]
    path = f"/timesheets/{sheet.id}/entries/{shift.id}/times"
    start, end = epoch(shift.start_time), epoch(shift.end_time)
    body = {"source": "supervisor", "StartDateTime": start + 1800, "EndDateTime": end}
    assert (await api.call("PUT", path, body, token=world.ana.token)).status == FORBIDDEN
    set_by_sam = await api.call("PUT", path, body, token=world.sam.token)
    assert set_by_sam.status == 200
    [entry] = set_by_sam.body["HoursData"]
    assert entry["SupervisorTimes"] == {
        "StartDateTime": start + 1800,
        "EndDateTime": end,
        "AuthorUUID": world.sam.id,
    }
    admin_body = body | {"source": "admin"}
    assert (await api.call("PUT", path, admin_body, token=world.sam.token)).status == FORBIDDEN
    future = body | {"EndDateTime": epoch(utcnow()) + 3600}
    reply = await api.call("PUT", path, future, token=world.sam.token)
    assert reply.status == 400 and "EndDateTime" in reply.message

    await act(api, world.ana, sheet, "submit")
    await act(api, world.sam, sheet, "review")
    unsettled = await act(api, world.ada, sheet, "finalize")
    assert unsettled.status == 409 and "admin times" in unsettled.message
    settled = await api.call("PUT", path, admin_body, token=world.ada.token)
    assert settled.status == 200
    assert settled.body["HoursData"][0]["AdminTimes"]["AuthorUUID"] == world.ada.id
    assert (await act(api, world.ada, sheet, "finalize")).status == 200
    locked = await api.call("PUT", path, admin_body, token=world.ada.token)
    assert locked.status == 409
    other = f"/timesheets/{sheet.id}/entries/{weeks['abe', 'shift'].id}/times"
    assert (await api.call("PUT", other, body, token=world.sam.token)).status == 404


def conform(document: dict, method: str, path: str, template: str, reply) -> None:
    """Raise unless `reply` is what the OpenAPI document says `method template` answers."""
    operation = schemathesis.openapi.from_dict(document)[template][method]
    response = schemathesis.Response(
        reply.status,
        {name: [value] for name, value in reply.headers.items()},
        reply.raw,
        requests.Request(method, "http://clockbot" + path).prepare(),
        0.0,
        True,
    )
    operation.validate_response(response)


async def test_full_documents_are_what_the_openapi_document_says(api, world, weeks):
    sheet, shift = weeks["ana"], weeks["ana", "shift"]
    base = f"/timesheets/{sheet.id}"
    none = {"source": "supervisor", "StartDateTime": None, "EndDateTime": None}
    times = await api.call("PUT", f"{base}/entries/{shift.id}/times", none, token=world.sam.token)
    report = {"Type": "Report", "Content": "late", "EntryID": str(shift.id), "Reason": "No Show"}
    note = await api.call("POST", f"{base}/notes", report, token=world.sam.token)
    comment = {"Type": "Comment", "Content": "fine", "EntryID": None, "Reason": None}
    await api.call("POST", f"{base}/notes", comment, token=world.ana.token)
    await act(api, world.ana, sheet, "submit")
    await act(api, world.sam, sheet, "review")
    document = (await api.call("GET", "/openapi.json")).body
    listed = await api.call(
        "GET", "/timesheets", token=world.ada.token, params={"limit": "1", "user_id": world.ana.id}
    )
    [doc] = listed.body
    assert doc["HoursData"][0]["Note"] and doc["WeekNotes"] and doc["Status"]["HoursReviewed"]
    for method, path, template, reply in [
        ("PUT", "", "/timesheets/{id}/entries/{entry_id}/times", times),
        ("POST", "", "/timesheets/{id}/notes", note),
        ("GET", "/timesheets", "/timesheets", listed),
        ("GET", base, "/timesheets/{id}", await api.call("GET", base, token=world.ana.token)),
    ]:
        conform(document, method, path or template, template, reply)


# --- what nobody may do --------------------------------------------------------------------


async def snapshot() -> str:
    rows = {
        "timesheets": await Timesheet.all().order_by("id").values(),
        "notes": await Note.all().order_by("id").values(),
        "times": await EntryTimes.all().order_by("id").values(),
        "shifts": await Shift.all().order_by("id").values(),
    }
    return json.dumps(rows, default=str, sort_keys=True)


def routes_of(sheet, shift, note) -> list[tuple[str, str, dict | None]]:
    base = f"/timesheets/{sheet.id}"
    return [
        ("GET", base, None),
        ("POST", f"{base}/status", {"action": "review"}),
        ("POST", f"{base}/status", {"action": "submit"}),
        ("POST", f"{base}/status", {"action": "reopen", "reason": "mine"}),
        ("POST", f"{base}/notes", {"Type": "Comment", "Content": "hello"}),
        ("PUT", f"{base}/notes/{note.id}", {"Content": "changed"}),
        ("DELETE", f"{base}/notes/{note.id}", None),
        (
            "PUT",
            f"{base}/entries/{shift.id}/times",
            {"source": "admin", "StartDateTime": None, "EndDateTime": None},
        ),
    ]


@pytest.mark.parametrize(
    ("who", "owner"),
    [("ada", "bob"), ("sam", "bob"), ("ana", "bob"), ("abe", "ana"), ("bob", "ana")],
)
async def test_a_week_one_may_not_see_is_404_on_every_route_and_nothing_changes(
    api, world, weeks, who, owner
):
    sheet, shift = weeks[owner], weeks[owner, "shift"]
    note = await Note.create(
        timesheet_id=sheet.id,
        author_id=getattr(world, owner).user.id,
        type="Comment",
        created_at=utcnow(),
        content=f"{owner} secret note",
    )
    await act(api, getattr(world, owner), sheet, "submit")
    before = await snapshot()
    actor = getattr(world, who)
    for method, path, body in routes_of(sheet, shift, note):
        reply = await api.call(method, path, body, token=actor.token)
        assert reply.status == 404, (who, method, path, reply.status, reply.body)
        assert set(reply.body) == {"message"}
        assert "secret" not in reply.raw.decode() and getattr(world, owner).id not in reply.message
    for body in (
        {"user_id": getattr(world, owner).id, "week": weeks["monday"].date().isoformat()},
    ):
        reply = await api.call("POST", "/timesheets", body, token=actor.token)
        assert reply.status == 404
    listed = await api.call("GET", "/timesheets", token=actor.token)
    assert str(sheet.id) not in listed.raw.decode()
    assert await snapshot() == before


@pytest.mark.parametrize(
    ("suffix", "method", "body"),
    [
        ("/status", "POST", {}),
        ("/status", "POST", {"action": "approve"}),
        ("/status", "POST", {"action": 1}),
        ("/status", "POST", {"action": "submit", "reason": "why not"}),
        ("/status", "POST", {"action": "send_back", "reason": 42}),
        ("/status", "POST", {"action": "review", "extra": True}),
        ("/status", "POST", "not an object"),
        ("/notes", "POST", {"Type": "Gossip", "Content": "x"}),
        ("/notes", "POST", {"Type": "Comment"}),
        ("/notes", "POST", {"Type": "Comment", "Content": ""}),
        ("/notes", "POST", {"Type": "Comment", "Content": "x" * 2001}),
        ("/notes", "POST", {"Type": "Comment", "Content": "x", "Reason": "No Show"}),
        ("/notes", "POST", {"Type": "Comment", "Content": "x", "EntryID": "nope"}),
        ("/notes", "POST", {"Type": "Report", "Content": "x", "Reason": "No Show"}),
        ("/entries/{shift}/times", "PUT", {"source": "admin"}),
        (
            "/entries/{shift}/times",
            "PUT",
            {"source": "boss", "StartDateTime": None, "EndDateTime": None},
        ),
        (
            "/entries/{shift}/times",
            "PUT",
            {"source": "admin", "StartDateTime": "9am", "EndDateTime": None},
        ),
        (
            "/entries/{shift}/times",
            "PUT",
            {"source": "admin", "StartDateTime": 1, "EndDateTime": None},
        ),
    ],
)
async def test_malformed_bodies_are_400_and_change_nothing(api, world, weeks, suffix, method, body):
    sheet = weeks["ana"]
    await act(api, world.ana, sheet, "submit")
    before = await snapshot()
    path = f"/timesheets/{sheet.id}" + suffix.format(shift=weeks["ana", "shift"].id)
    reply = await api.call(method, path, body, token=world.ada.token)
    assert reply.status == 400, (path, body, reply.body)
    assert reply.message
    assert await snapshot() == before


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"week": "2026-02-30"},
        {"week": "1969-12-31"},
        {"week": "yesterday"},
        {"week": "2026-03-01", "user_id": "someone"},
        {"week": "2026-03-01", "company_id": 7},
        {"week": "2026-03-01", "extra": 1},
    ],
)
async def test_opening_a_week_needs_a_real_date(api, world, body):
    reply = await api.call("POST", "/timesheets", body, token=world.ana.token)
    assert reply.status == 400, (body, reply.body)
    assert await Timesheet.all().count() == 0
