"""GET /exports/payroll over real HTTP: a CSV download for the company's admins only, PTO in
it."""

import csv
import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from models import approval, pto
from models.timeutil import utcnow
from models.weeks import Week
from tests.support.team import worked


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
async def week(world):
    """Ana's and Abe's last week at Acme: shifts, and PTO for Ana; Ana's week finalized."""
    last = Week.containing(utcnow() - timedelta(days=7), ZoneInfo(world.acme.timezone))
    ana, abe = world.ana.user, world.abe.user
    await worked(ana, world.acme, last.days()[1], "09:00", "17:00")
    await worked(ana, world.acme, last.days()[2], "09:00", "13:00")
    await pto.add_pto(ana, world.acme.id, last.days()[3], 8 * 60, "vacation")
    await worked(abe, world.acme, last.days()[1], "10:00", "12:30")
    await worked(world.bob.user, world.bolt, last.days()[1], "09:00", "17:00")
    sheet = (await approval.submit(ana, world.acme.id, last.first_day)).timesheet
    await approval.approve(world.sam.user, sheet.id)
    await approval.finalize(world.ada.user, sheet.id)
    return last


async def export(api, person, **params):
    return await api.call("GET", "/exports/payroll", token=person.token, params=params)


async def test_an_admin_downloads_the_summary_and_the_detail(api, world, week):
    reply = await export(api, world.ada, company_id=str(world.acme.id))
    assert reply.status == 200, reply.body
    assert reply.headers["Content-Type"] == "text/csv; charset=utf-8"
    name = f"payroll-acme-{week.first_day}-to-{week.days()[6]}.csv"
    assert reply.headers["Content-Disposition"] == f'attachment; filename="{name}"'
    assert reply.headers["X-Not-Finalized"] == "1"
    rows = {r["name"]: r for r in read(reply.raw.decode())}
    assert set(rows) == {"Ana", "Abe"}  # Bolt's Bob is another company's
    ana = rows["Ana"]
    assert (ana["regular_hours"], ana["pto_hours"], ana["total_hours"]) == (
        "12.00",
        "8.00",
        "20.00",
    )
    assert ana["status"] == "Finalized" and rows["Abe"]["status"] == "NOT FINALIZED (not submitted)"
    assert rows["Abe"]["total_hours"] == "2.50"

    reply = await export(
        api,
        world.ada,
        company_id=str(world.acme.id),
        **{"from": week.days()[3].isoformat()},
        detail="true",
    )
    assert reply.status == 200
    assert reply.headers["Content-Disposition"].startswith('attachment; filename="payroll-detail-')
    detail = read(reply.raw.decode())
    assert [(r["name"], r["type"], r["hours"]) for r in detail] == [
        ("Abe", "Time Worked", "2.50"),
        ("Ana", "Time Worked", "8.00"),
        ("Ana", "Time Worked", "4.00"),
        ("Ana", "PTO", "8.00"),
    ]
    assert detail[-1]["note"] == "vacation"


async def test_rounding_over_rest(api, world, week):
    await worked(world.abe.user, world.acme, week.days()[4], "08:07", "08:53")
    reply = await export(api, world.ada, company_id=str(world.acme.id), rounding="15")
    rows = {r["name"]: r for r in read(reply.raw.decode())}
    assert rows["Abe"]["total_hours"] == "3.50"  # 2:30, and 8:00-9:00 (0:46 as punched)


async def test_associates_and_supervisors_are_refused_and_other_companies_do_not_exist(
    api, world, week
):
    acme = str(world.acme.id)
    for person in (world.ana, world.sam):
        reply = await export(api, person, company_id=acme)
        assert reply.status == 403 and "Only an admin of Acme" in reply.message
    for person in (world.bea, world.bob):  # Bolt's admin and associate
        reply = await export(api, person, company_id=acme)
        assert reply.status == 404 and "text/csv" not in reply.headers["Content-Type"]
    reply = await api.call("GET", "/exports/payroll", params={"company_id": acme})
    assert reply.status == 401


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({}, "company_id is required"),
        ({"company_id": "nope"}, "company_id must be a UUID"),
        ({"from": "2026-02-30"}, "from must be a date"),
        ({"to": "20261101"}, "to must be a date"),
        ({"from": "2026-11-08", "to": "2026-11-01"}, "to must not be before from"),
        ({"from": "2024-01-01", "to": "2026-01-01"}, "at most 53 weeks"),
        ({"from": "1999-12-31"}, "from must be between"),
        ({"rounding": "10"}, "rounding must be 5, 6 or 15"),
        ({"detail": "yes"}, "detail must be true or false"),
    ],
)
async def test_bad_parameters_are_400_with_the_reason(api, world, params, words):
    if params:
        params = {"company_id": str(world.acme.id), **params}
    reply = await export(api, world.ada, **params)
    assert reply.status == 400 and words in reply.message
