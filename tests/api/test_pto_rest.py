"""PTO over REST: a PTO entry of the timesheet documents (as the OpenAPI document says), and
never a shift of the shifts routes."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from models import pto
from models.timesheets import timesheet_for
from models.timeutil import utcnow
from models.weeks import Week
from tests.api.test_timesheets import conform
from tests.support.team import worked


async def test_pto_is_an_entry_of_the_week_and_not_a_shift(api, world):
    week = Week.containing(utcnow() - timedelta(days=7), ZoneInfo(world.acme.timezone))
    ana = world.ana.user
    shift = await worked(ana, world.acme, week.days()[1], "09:00", "17:00")
    entry = await pto.add_pto(ana, world.acme.id, week.days()[2], 450, "dentist")
    sheet = await timesheet_for(ana.id, world.acme.id, week)

    reply = await api.call("GET", f"/timesheets/{sheet.id}", token=world.ana.token)
    assert reply.status == 200
    worked_entry, pto_entry = reply.body["HoursData"]
    assert worked_entry["Type"] == "Time Worked" and worked_entry["EntryID"] == str(shift.id)
    assert pto_entry["Type"] == "PTO" and pto_entry["EntryID"] == str(entry.id)
    assert pto_entry["Hours"] == 7.5
    document = (await api.call("GET", "/openapi.json")).body
    conform(document, "GET", f"/timesheets/{sheet.id}", "/timesheets/{id}", reply)

    shifts = await api.call("GET", "/shifts", token=world.ana.token)
    assert [s["id"] for s in shifts.body] == [str(shift.id)]
    assert (await api.call("GET", "/shifts/open", token=world.ana.token)).status == 204
    assert (await api.call("GET", f"/shifts/{entry.id}", token=world.ana.token)).status == 404
