"""The App Home and the week view read the tables that grow with history only through indexes,
on both databases: every statement they send, EXPLAINed as sent (see tests/support/plans.py
for what counts as reading a table whole on each)."""

import pytest

from bot.slack.home import home_data
from models import approval, notes
from models.notes import ReportReason
from models.pto import add_pto
from models.schedules import set_schedule
from models.sheets import load_week
from tests.support.plans import (
    history_read_whole,
    leading_columns,
    plan,
    search_columns,
    statements,
)
from tests.support.team import local, make_team, worked


@pytest.fixture
async def team(db):
    team = await make_team()
    last, this = team.last_week(), team.this_week()
    monday = last.days()[1]
    late = await worked(team.ana, team.company, monday, "09:25", "17:00")
    await worked(team.ari, team.company, monday, "09:00", "17:00")
    await worked(team.ana, team.company, this.days()[0], "00:10", "01:40", "opening")
    await set_schedule(
        team.sam,
        team.ana.id,
        team.company.id,
        monday,
        [(local(monday, "09:00", team.tz), local(monday, "17:00", team.tz))],
    )
    await notes.add_note(
        team.sam, "25 min late", shift_id=late.id, report=ReportReason.LATE_ARRIVAL
    )
    await add_pto(team.ana, team.company.id, this.days()[0], 4 * 60)
    await approval.submit(team.ana, team.company.id, monday)
    ari = await approval.submit(team.ari, team.company.id, monday)
    await approval.approve(team.sam, ari.timesheet.id)
    return team


@pytest.mark.parametrize("who", ["ana", "sam", "bea"])  # associate, supervisor, admin
async def test_the_app_home_reads_history_through_indexes(team, who):
    with statements() as sent:
        await home_data(getattr(team, who), team.company)
    assert len(sent) > 5
    assert await history_read_whole(sent) == {}


async def test_a_past_week_and_its_notes_are_read_through_indexes(team):
    with statements() as sent:
        sheet = await load_week(team.ana, team.company, team.last_week())
    assert [n.reason for n in sheet.reports] == [ReportReason.LATE_ARRIVAL]
    assert await history_read_whole(sent) == {}
    # An entry's notes are read by the entry (they were read by scanning every note), and the
    # owner's shifts by the owner, not by the company (all of its history), which SQLite,
    # keeping no statistics, would take if SQL named the company too. Here PostgreSQL has no
    # other index it could search either, so both databases must show it.
    for table, where, first in (("notes", '"shift_id" IN', "shift_id"), ("shifts", "", "user_id")):
        [(sql, values)] = [
            (q, v)
            for q, v in sent
            if q.startswith("SELECT") and f'FROM "{table}" WHERE {where}' in q
        ]
        steps = await plan(sql, values)
        assert search_columns(steps, table, {table}, await leading_columns(table)) == {first}
