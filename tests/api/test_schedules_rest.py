"""Schedules, attendance and explanations over REST: a supervisor plans a week with PUT
.../schedule and its owner sees it (and is told in Slack), GET /attendance counts what the plan
and the clock say, and the owner explains a report; checked against what the database holds and
against the OpenAPI document."""

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from models import approval
from models.attendance import judge_due
from models.notes import Note
from models.schedules import ScheduleEntry, set_schedule
from models.timesheets import Timesheet, company_week, timesheet_for
from models.timeutil import utcnow
from models.weeks import Week
from tests.api.test_timesheets import conform
from tests.support.rest import signed_in
from tests.support.team import local, make_team, worked

GRACE = timedelta(minutes=10)


def epoch(moment) -> int:
    return int(moment.timestamp())


def last_week(company) -> Week:
    return Week.containing(utcnow() - timedelta(days=7), ZoneInfo(company.timezone))


def shift(week: Week, index: int, start: str, end: str, tz) -> dict:
    """A planned shift of `week`'s day `index`, as the request body has it."""
    day = week.days()[index]
    return {
        "StartDateTime": epoch(local(day, start, tz)),
        "EndDateTime": epoch(local(day, end, tz)),
    }


async def put_plan(api, person, sheet, planned):
    return await api.call(
        "PUT", f"/timesheets/{sheet.id}/schedule", {"ScheduleData": planned}, token=person.token
    )


async def snapshot() -> str:
    rows = {
        "plans": await ScheduleEntry.all().order_by("id").values(),
        "timesheets": await Timesheet.all().order_by("id").values(),
        "notes": await Note.all().order_by("id").values(),
    }
    return json.dumps(rows, default=str, sort_keys=True)


@pytest.fixture
async def anas_week(world):
    week = last_week(world.acme)
    return week, await timesheet_for(world.ana.user.id, world.acme.id, week)


# --- planning ------------------------------------------------------------------------------


async def test_a_supervisor_plans_a_week_and_its_owner_sees_it(api, world, anas_week):
    week, sheet = anas_week
    tz = ZoneInfo(world.acme.timezone)
    monday, tuesday = shift(week, 1, "09:00", "17:00", tz), shift(week, 2, "09:00", "13:00", tz)
    reply = await put_plan(api, world.sam, sheet, [tuesday, monday])  # any order
    assert reply.status == 200, reply.body
    planned = reply.body["ScheduleData"]
    assert [(p["StartDateTime"], p["EndDateTime"]) for p in planned] == [
        (monday["StartDateTime"], monday["EndDateTime"]),
        (tuesday["StartDateTime"], tuesday["EndDateTime"]),
    ]
    assert {p["AuthorUUID"] for p in planned} == {world.sam.id}
    assert [p["Date"] for p in planned] == [
        epoch(week.day_bounds(week.days()[1])[0]),
        epoch(week.day_bounds(week.days()[2])[0]),
    ]
    assert all(p["Note"] == [] for p in planned)
    stamp = reply.body["Status"]["ScheduleSubmitted"]
    assert stamp["AuthorID"] == world.sam.id

    seen = await api.call("GET", f"/timesheets/{sheet.id}", token=world.ana.token)
    assert seen.status == 200 and seen.body["ScheduleData"] == planned
    document = (await api.call("GET", "/openapi.json")).body
    path = f"/timesheets/{sheet.id}/schedule"
    conform(document, "PUT", path, "/timesheets/{id}/schedule", reply)
    assert await ScheduleEntry.live().filter(user_id=world.ana.user.id).count() == 2

    # A change keeps the planned shift that stays (its EntryID); an empty list clears the plan.
    changed = await put_plan(api, world.ada, sheet, [monday])
    assert changed.status == 200
    assert [p["EntryID"] for p in changed.body["ScheduleData"]] == [planned[0]["EntryID"]]
    assert changed.body["Status"]["ScheduleSubmitted"]["AuthorID"] == world.ada.id
    cleared = await put_plan(api, world.sam, sheet, [])
    assert cleared.status == 200 and cleared.body["ScheduleData"] == []
    assert cleared.body["Status"]["ScheduleSubmitted"]["AuthorID"] == world.sam.id
    assert await ScheduleEntry.live().count() == 0
    assert await ScheduleEntry.all().count() == 2  # removed plans are kept, marked deleted


@pytest.mark.parametrize(
    ("who", "status"),
    [("ana", 403), ("abe", 404), ("bea", 404), ("bob", 404)],
)
async def test_who_may_not_plan_a_week_changes_nothing(api, world, anas_week, who, status):
    week, sheet = anas_week
    monday = shift(week, 1, "09:00", "17:00", ZoneInfo(world.acme.timezone))
    await put_plan(api, world.sam, sheet, [monday])
    before = await snapshot()
    reply = await put_plan(api, getattr(world, who), sheet, [])
    assert reply.status == status, (who, reply.body)
    assert reply.message
    assert await snapshot() == before


async def test_nobody_plans_their_own_week(api, world):
    week = last_week(world.acme)
    own = await timesheet_for(world.sam.user.id, world.acme.id, week)
    monday = shift(week, 1, "09:00", "17:00", ZoneInfo(world.acme.timezone))
    reply = await put_plan(api, world.sam, own, [monday])
    assert reply.status == 403 and "your own schedule" in reply.message
    assert await ScheduleEntry.all().count() == 0


def bad_bodies(week: Week, tz) -> list:
    monday = shift(week, 1, "09:00", "17:00", tz)
    return [
        {},
        {"ScheduleData": None},
        {"ScheduleData": "monday"},
        {"ScheduleData": [monday], "extra": 1},
        {"ScheduleData": [1]},
        {"ScheduleData": [{"StartDateTime": monday["StartDateTime"]}]},
        {"ScheduleData": [monday | {"EndDateTime": None}]},
        {"ScheduleData": [monday | {"StartDateTime": "9am"}]},
        {"ScheduleData": [monday | {"EntryID": "x"}]},
        {"ScheduleData": [monday | {"EndDateTime": monday["StartDateTime"]}]},  # ends at start
        {"ScheduleData": [monday, shift(week, 1, "16:00", "18:00", tz)]},  # overlap
        {"ScheduleData": [shift(week, 1, "09:00", "17:00", tz) | {"EndDateTime": 2**40}]},
        {"ScheduleData": [monday | {"EndDateTime": monday["StartDateTime"] + 25 * 3600}]},
        {"ScheduleData": [{k: v + 7 * 86400 for k, v in monday.items()}]},  # the next week
        {"ScheduleData": [{k: v + i * 3600 for k, v in monday.items()} for i in range(22)]},
    ]


@pytest.mark.parametrize("index", range(15))
async def test_malformed_or_impossible_plans_are_400_and_change_nothing(
    api, world, anas_week, index
):
    week, sheet = anas_week
    body = bad_bodies(week, ZoneInfo(world.acme.timezone))[index]
    before = await snapshot()
    reply = await api.call("PUT", f"/timesheets/{sheet.id}/schedule", body, token=world.sam.token)
    assert reply.status == 400, (body, reply.body)
    assert reply.message
    assert await snapshot() == before


async def test_a_finalized_week_is_not_planned(api, world, anas_week):
    week, sheet = anas_week
    ana, sam, ada = world.ana.user, world.sam.user, world.ada.user
    await approval.submit(ana, world.acme.id, week.first_day)
    await approval.approve(sam, sheet.id)
    await approval.finalize(ada, sheet.id)
    before = await snapshot()
    monday = shift(week, 1, "09:00", "17:00", ZoneInfo(world.acme.timezone))
    reply = await put_plan(api, world.sam, sheet, [monday])
    assert reply.status == 409 and "finalized and locked" in reply.message
    assert await snapshot() == before


# --- attendance ----------------------------------------------------------------------------


@pytest.fixture
async def judged(world):
    """Last week at Acme: Ana late on Monday, early on Tuesday, absent on Wednesday and on time
    on Thursday; Abe on time on Monday; Bolt's Bob absent. Judged as of the week's end."""
    week = last_week(world.acme)
    tz = ZoneInfo(world.acme.timezone)
    days = week.days()
    ana, abe = world.ana.user, world.abe.user

    def plan(*spans):
        return [(local(days[i], start, tz), local(days[i], end, tz)) for i, start, end in spans]

    await set_schedule(
        world.sam.user,
        ana.id,
        world.acme.id,
        week.first_day,
        plan(
            (1, "09:00", "17:00"),
            (2, "09:00", "17:00"),
            (3, "09:00", "17:00"),
            (4, "09:00", "17:00"),
        ),
    )
    await set_schedule(
        world.sam.user, abe.id, world.acme.id, week.first_day, plan((1, "10:00", "14:00"))
    )
    await worked(ana, world.acme, days[1], "09:30", "17:00")
    await worked(ana, world.acme, days[2], "09:00", "15:00")
    await worked(ana, world.acme, days[4], "09:05", "17:00")
    await worked(abe, world.acme, days[1], "10:00", "14:00")
    bolt = last_week(world.bolt)
    btz = ZoneInfo(world.bolt.timezone)
    await set_schedule(
        world.bea.user,
        world.bob.user.id,
        world.bolt.id,
        bolt.first_day,
        [(local(bolt.days()[1], "09:00", btz), local(bolt.days()[1], "17:00", btz))],
    )
    found = await judge_due({world.acme.id: GRACE, world.bolt.id: GRACE}, week.end)
    assert len(found) == 4  # Ana's three, Bob's one
    return week


async def attendance(api, person, **params):
    return await api.call("GET", "/attendance", token=person.token, params=params)


ACME = object()  # stands for Acme's id in parameters
COUNTS = ("Planned", "Worked", "Late", "Early", "Absent")


def counts(row: dict) -> tuple:
    return tuple(row[k] for k in COUNTS)


async def test_attendance_counts_plans_shifts_and_reports(api, world, judged):
    week = judged
    day = week.days()[3].isoformat()
    reply = await attendance(
        api, world.sam, company_id=str(world.acme.id), **{"from": day, "to": day}
    )
    assert reply.status == 200, reply.body
    body = reply.body
    assert body["CompanyID"] == str(world.acme.id)
    assert (body["From"], body["To"]) == (week.first_day.isoformat(), week.days()[6].isoformat())
    people = {p["Name"]: p for p in body["People"]}
    assert [p["Name"] for p in body["People"]] == ["Ana", "Abe"]  # most incidents first
    assert counts(people["Ana"]) == (4, 3, 1, 1, 1)
    assert counts(people["Abe"]) == (1, 1, 0, 0, 0)
    assert people["Ana"]["UserID"] == world.ana.id
    assert counts(body["Total"]) == (5, 4, 1, 1, 1)
    document = (await api.call("GET", "/openapi.json")).body
    conform(document, "GET", "/attendance", "/attendance", reply)

    # By default: this week and the three before, which hold last week.
    default = await attendance(api, world.ada, company_id=str(world.acme.id))
    assert default.status == 200
    assert default.body["To"] == (company_week(world.acme, utcnow().date()).days()[6]).isoformat()
    assert default.body["People"] == body["People"] and default.body["Total"] == body["Total"]

    bolt = await attendance(api, world.bea, company_id=str(world.bolt.id))
    assert [counts(p) for p in bolt.body["People"]] == [(1, 0, 0, 0, 1)]


@pytest.mark.parametrize(
    ("who", "company", "status"),
    [
        ("ana", "acme", 403),
        ("abe", "acme", 403),
        ("bob", "bolt", 403),
        ("bea", "acme", 404),
        ("bob", "acme", 404),
        ("sam", "bolt", 404),
        ("sam", "nowhere", 404),
    ],
)
async def test_attendance_is_for_supervisors_and_admins_of_the_company(
    api, world, who, company, status
):
    company_id = "7d0c1c9e-5b9e-4f3a-9d55-000000000000"
    if company != "nowhere":
        company_id = str(getattr(world, company).id)
    reply = await attendance(api, getattr(world, who), company_id=company_id)
    assert reply.status == status, (who, company, reply.body)
    assert set(reply.body) == {"message"}


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({}, "company_id is required"),
        ({"company_id": "acme"}, "company_id must be a UUID"),
        ({"company_id": ACME, "from": "2026-02-30"}, "from must be a date"),
        ({"company_id": ACME, "to": "next week"}, "to must be a date"),
        ({"company_id": ACME, "from": "1969-12-31"}, "from must be from"),
        (
            {"company_id": ACME, "from": "2026-11-08", "to": "2026-11-01"},
            "first week is after the last",
        ),
        ({"company_id": ACME, "from": "2024-01-01", "to": "2026-01-01"}, "At most 53 weeks"),
    ],
)
async def test_bad_attendance_parameters_are_400_with_the_reason(api, world, params, words):
    params = {k: str(world.acme.id) if v is ACME else v for k, v in params.items()}
    reply = await attendance(api, world.ada, **params)
    assert reply.status == 400 and words in reply.message, reply.body


# --- explanations --------------------------------------------------------------------------


def reports_of(doc: dict) -> dict[str, dict]:
    """The week's reports by reason, from its entries and its plan."""
    notes = [n for e in doc["HoursData"] for n in e["Note"]]
    notes += [n for p in doc["ScheduleData"] for n in p["Note"]]
    return {n["Reason"]: n for n in notes if n["Type"] == "Report"}


async def test_the_owner_explains_a_report_and_nobody_else_does(api, world, judged):
    week = judged
    sheet = await Timesheet.get(user_id=world.ana.user.id, start_date=week.first_day)
    path = f"/timesheets/{sheet.id}/notes"
    doc = (await api.call("GET", f"/timesheets/{sheet.id}", token=world.ana.token)).body
    reports = reports_of(doc)
    assert set(reports) == {"Late Arrival", "Early Departure", "No Show"}
    late, absent = reports["Late Arrival"], reports["No Show"]
    assert late["EntryID"] and late["ScheduleEntryID"] and late["AuthorUUID"] is None
    assert absent["EntryID"] is None and absent["ScheduleEntryID"]

    before = await snapshot()
    body = {"Explains": late["NoteID"], "Content": "The bus broke down"}
    for who, status in [("sam", 403), ("ada", 403), ("abe", 404), ("bea", 404)]:
        reply = await api.call("POST", path, body, token=getattr(world, who).token)
        assert reply.status == status, (who, reply.body)
    for bad in (
        body | {"Type": "Report"},
        body | {"Reason": "Late Arrival"},
        body | {"EntryID": late["EntryID"]},
        body | {"Explains": "late"},
        body | {"Explains": None},
        {"Explains": late["NoteID"]},
        {"Content": "no Type, no Explains"},
    ):
        reply = await api.call("POST", path, bad, token=world.ana.token)
        assert reply.status == 400, (bad, reply.body)
    assert await snapshot() == before

    made = await api.call("POST", path, body | {"Type": "Comment"}, token=world.ana.token)
    assert made.status == 201, made.body
    note = made.body
    assert (note["Type"], note["Explains"], note["AuthorUUID"]) == (
        "Comment",
        late["NoteID"],
        world.ana.id,
    )
    assert note["EntryID"] == late["EntryID"] and note["Content"] == "The bus broke down"
    document = (await api.call("GET", "/openapi.json")).body
    conform(document, "POST", path, "/timesheets/{id}/notes", made)
    explained = await api.call(
        "POST", path, {"Explains": absent["NoteID"], "Content": "I was ill"}, token=world.ana.token
    )
    assert explained.status == 201
    doc = (await api.call("GET", f"/timesheets/{sheet.id}", token=world.ana.token)).body
    [entry] = [e for e in doc["HoursData"] if e["EntryID"] == late["EntryID"]]
    assert [n["Content"] for n in entry["Note"] if n["Explains"]] == ["The bus broke down"]
    [plan] = [p for p in doc["ScheduleData"] if p["EntryID"] == absent["ScheduleEntryID"]]
    assert [n["Explains"] for n in plan["Note"]] == [None, absent["NoteID"]]
    conform(
        document,
        "GET",
        f"/timesheets/{sheet.id}",
        "/timesheets/{id}",
        await api.call("GET", f"/timesheets/{sheet.id}", token=world.ana.token),
    )

    # A report of another week is not one of this timesheet's.
    this_week = company_week(world.acme, utcnow().date())
    other = await timesheet_for(world.ana.user.id, world.acme.id, this_week)
    elsewhere = await api.call("POST", f"/timesheets/{other.id}/notes", body, token=world.ana.token)
    assert (elsewhere.status, elsewhere.message) == (404, "Report not found")


# --- Slack ---------------------------------------------------------------------------------


async def test_a_plan_set_over_rest_reaches_the_associate_in_slack(api, slack, keys):
    team = await make_team()
    week = team.this_week()
    sheet = await timesheet_for(team.ana.id, team.company.id, week)
    sam = await signed_in(team.sam, keys)
    wednesday = shift(week, 3, "09:00", "17:30", team.tz)
    reply = await put_plan(api, sam, sheet, [wednesday])
    assert reply.status == 200
    [dm] = await slack.fake.wait_dms("U0ANA")
    day = week.days()[3]
    assert f"Your schedule for the week of *{week.first_day:%a %b} {week.first_day.day}*" in dm.text
    assert "published by <@U0SAM>" in dm.text
    assert f"*{day:%a %b} {day.day}*: 9:00 AM – 5:30 PM" in dm.text

    again = await put_plan(api, sam, sheet, [wednesday])  # the same plan: nothing to tell
    assert again.status == 200
    cleared = await put_plan(api, sam, sheet, [])
    assert cleared.status == 200
    await slack.fake.wait_dms("U0ANA", 2)
    await slack.fake.settle()
    dms = slack.fake.dms("U0ANA")
    assert len(dms) == 2 and "changed by <@U0SAM>" in dms[1].text
    assert "nothing is planned for you" in dms[1].text
