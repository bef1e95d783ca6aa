"""The three-stage approval in Slack, over signed HTTP with the fake Slack Web API: buttons are
pressed through block_actions built from the blocks the app actually sent."""

import asyncio
import json

import pytest

from models.audit import AuditEntry
from models.entries import EntryTimes
from models.notes import Note, NoteState
from models.shifts import Shift
from models.stages import Phase
from models.timesheets import Timesheet
from tests.support.team import make_team, worked

ANA, ARI, SAM, SUE, BEA, ABE = "U0ANA", "U0ARI", "U0SAM", "U0SUE", "U0BEA", "U0ABE"


def text_of(blocks) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def buttons(blocks) -> list[str]:
    found = []
    for block in blocks:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("type") == "button":
                found.append(element["action_id"])
    return found


@pytest.fixture
async def team(slack):
    team = await make_team()
    week = team.last_week()
    team.shift = await worked(team.ana, team.company, week.days()[1], "09:00", "17:00")
    await worked(team.ana, team.company, week.days()[2], "09:00", "13:00")
    return team


async def dm_says(slack, user: str, words: str) -> None:
    """Wait until the app's DM to `user` reads `words` (DMs are updated after the click's ack)."""
    await slack.fake.wait_until(
        lambda: any(words in text_of(m.blocks) for m in slack.fake.dms(user))
    )


async def sheet(team) -> Timesheet:
    return await Timesheet.get(user=team.ana, start_date=team.last_week().first_day)


async def submit(slack, team) -> None:
    """Ana submits last week from her /timesheet reply; both supervisors get their DM."""
    reply = await slack.command("/timesheet", ANA, "last")
    url = slack.fake.response_url()
    await slack.press(reply.body["blocks"], "ts_submit", ANA, response_url=url)
    await slack.fake.wait_dms(SAM)
    await slack.fake.wait_dms(SUE)
    redrawn = await slack.fake.wait_reply(url)
    assert "*Submitted* by <@U0ANA>" in text_of(redrawn["blocks"])


async def approve(slack, team, who=SAM) -> None:
    await submit(slack, team)
    [dm] = slack.fake.dms(who)
    await slack.press(dm.blocks, "ts_approve", who, message=dm)
    await slack.fake.wait_dms(BEA)
    await slack.fake.wait_dms(ABE)


async def test_submit_asks_each_supervisor_with_approve_and_send_back(slack, team):
    await submit(slack, team)
    ts = await sheet(team)
    assert ts.phase is Phase.SUBMITTED and ts.hours_submitted_by_id == team.ana.id
    for supervisor in (SAM, SUE):
        [dm] = slack.fake.dms(supervisor)
        assert dm.text == f"Ana Lima submitted their week of {_label(team)}"
        assert buttons(dm.blocks) == ["ts_approve", "ts_send_back", "ts_details"]
        assert "Week total: 12h 00m" in text_of(dm.blocks)
    assert slack.fake.dms(ANA) == [] and slack.fake.dms(BEA) == []


def _label(team) -> str:
    first = team.last_week().first_day
    return f"{first:%a %b} {first.day}"


async def test_approve_from_the_dm_updates_every_request_and_asks_the_admins(slack, team):
    await approve(slack, team)
    ts = await sheet(team)
    assert ts.phase is Phase.REVIEWED and ts.hours_reviewed_by_id == team.sam.id
    for supervisor in (SAM, SUE):
        await dm_says(slack, supervisor, "Approved by <@U0SAM>")
    for supervisor in (SAM, SUE):
        [dm] = slack.fake.dms(supervisor)
        assert "ts_approve" not in buttons(dm.blocks)
        assert "Approved by <@U0SAM> <!date^" in text_of(dm.blocks)
    for admin in (BEA, ABE):
        [dm] = slack.fake.dms(admin)
        assert "ready to finalize" in dm.text
        assert buttons(dm.blocks) == ["ts_finalize", "ts_details"]
    [notice] = await slack.fake.wait_dms(ANA)
    assert "<@U0SAM> approved your week" in notice.text


async def test_a_second_click_is_told_who_won_and_changes_nothing(slack, team):
    await submit(slack, team)
    [stale] = slack.fake.dms(SUE)
    stale_blocks = list(stale.blocks)  # what Sue's Slack still shows before the update lands
    [dm] = slack.fake.dms(SAM)
    await slack.press(dm.blocks, "ts_approve", SAM, message=dm)
    await slack.fake.wait_dms(BEA)
    url = slack.fake.response_url()
    stale.blocks = stale_blocks
    await slack.press(stale_blocks, "ts_approve", SUE, message=stale, response_url=url)
    told = await slack.fake.wait_reply(url)
    assert told["response_type"] == "ephemeral" and told["replace_original"] is False
    assert told["text"].startswith("Too late: <@U0SAM> already approved this week <!date^")
    assert await AuditEntry.filter(action="status.HoursReviewed").count() == 1
    assert len(slack.fake.dms(BEA)) == 1  # the admins were asked once


async def test_two_supervisors_pressing_approve_at_once(slack, team):
    await submit(slack, team)
    [sam_dm], [sue_dm] = slack.fake.dms(SAM), slack.fake.dms(SUE)
    urls = {SAM: slack.fake.response_url(), SUE: slack.fake.response_url()}
    await asyncio.gather(
        slack.press(sam_dm.blocks, "ts_approve", SAM, message=sam_dm, response_url=urls[SAM]),
        slack.press(sue_dm.blocks, "ts_approve", SUE, message=sue_dm, response_url=urls[SUE]),
    )
    await slack.fake.wait_dms(BEA)
    ts = await sheet(team)
    [stage] = await AuditEntry.filter(action="status.HoursReviewed")
    assert stage.actor_id == ts.hours_reviewed_by_id
    winner = SAM if ts.hours_reviewed_by_id == team.sam.id else SUE
    loser = SUE if winner == SAM else SAM
    told = await slack.fake.wait_reply(urls[loser])
    assert f"Too late: <@{winner}> already approved" in told["text"]
    assert slack.fake.replies(urls[winner]) == []
    for supervisor in (SAM, SUE):
        await dm_says(slack, supervisor, f"Approved by <@{winner}>")


async def test_send_back_asks_why_tells_the_associate_and_reopens_editing(slack, team):
    await submit(slack, team)
    [dm] = slack.fake.dms(SUE)
    await slack.press(dm.blocks, "ts_send_back", SUE, message=dm)
    modal = await slack.fake.wait_view()
    assert modal["callback_id"] == "ts_reason_modal" and "What should Ana Lima fix?" in text_of(
        modal["blocks"]
    )
    empty = await slack.submit(modal, SUE, {"reason": ""})
    assert empty.body["response_action"] == "errors" and "reason" in empty.body["errors"]
    assert (await slack.submit(modal, SUE, {"reason": "Wednesday is missing"})).body == {}
    ts = await sheet(team)
    assert ts.phase is Phase.OPEN and ts.returned_reason == "Wednesday is missing"
    [notice] = await slack.fake.wait_dms(ANA)
    assert "<@U0SUE> sent back your week" in notice.text and "Wednesday is missing" in notice.text
    for supervisor in (SAM, SUE):
        await dm_says(slack, supervisor, "Sent back by <@U0SUE>")
    for supervisor in (SAM, SUE):
        [dm] = slack.fake.dms(supervisor)
        assert "Sent back by <@U0SUE>" in text_of(dm.blocks) and not buttons(dm.blocks)
    # Editable again, and submitting again asks the supervisors again.
    reply = await slack.command("/timesheet", ANA, "last")
    assert "ts_add_shift" in buttons(reply.body["blocks"])
    assert "Sent back by <@U0SUE>" in text_of(reply.body["blocks"])
    await slack.press(reply.body["blocks"], "ts_submit", ANA)
    await slack.fake.wait_dms(SAM, 2)
    assert buttons(slack.fake.dms(SAM)[1].blocks) == ["ts_approve", "ts_send_back", "ts_details"]
    assert (await sheet(team)).phase is Phase.SUBMITTED


async def test_finalize_locks_the_week_and_updates_the_admins_messages(slack, team):
    reply_before = await slack.command("/timesheet", ANA, "last")  # a stale view, kept for later
    await approve(slack, team)
    [bea_dm] = slack.fake.dms(BEA)
    await slack.press(bea_dm.blocks, "ts_finalize", BEA, message=bea_dm)
    await dm_says(slack, ABE, "Finalized by <@U0BEA>")
    await dm_says(slack, BEA, "Finalized by <@U0BEA>")
    ts = await sheet(team)
    assert ts.phase is Phase.FINALIZED and ts.finalized_by_id == team.bea.id
    for admin in (BEA, ABE):
        [dm] = slack.fake.dms(admin)
        assert "Finalized by <@U0BEA>" in text_of(dm.blocks)
        assert buttons(dm.blocks) == ["ts_reopen"]
    await slack.fake.wait_dms(ANA, 2)
    assert "finalized by <@U0BEA>" in slack.fake.dms(ANA)[-1].text

    # Locked: the associate's stale menu, an edit modal and a punch all refuse.
    url = slack.fake.response_url()
    await slack.choose(
        reply_before.body["blocks"], "ts_entry", f"edit:{team.shift.id}", ANA, response_url=url
    )
    assert "finalized and locked" in (await slack.fake.wait_reply(url))["text"]
    await slack.press(reply_before.body["blocks"], "ts_add_shift", ANA, response_url=url)
    assert "finalized and locked" in (await slack.fake.wait_reply(url, 2))["text"]
    assert slack.fake.opened_views() == []
    after = await slack.command("/timesheet", ANA, "last")
    assert buttons(after.body["blocks"]) == [] and ":lock: *Finalized*" in text_of(
        after.body["blocks"]
    )
    shift = await Shift.get(id=team.shift.id)
    assert shift.end_time == team.shift.end_time and shift.deleted_at is None


async def test_an_edit_modal_opened_before_the_lock_is_refused_inline(slack, team):
    reply = await slack.command("/timesheet", ANA, "last")
    await slack.choose(reply.body["blocks"], "ts_entry", f"edit:{team.shift.id}", ANA)
    modal = await slack.fake.wait_view()
    await approve(slack, team)
    [bea_dm] = slack.fake.dms(BEA)
    await slack.press(bea_dm.blocks, "ts_finalize", BEA, message=bea_dm)
    await dm_says(slack, BEA, "Finalized by <@U0BEA>")
    answer = await slack.submit(modal, ANA, {"end": "18:00"})
    assert answer.body["response_action"] == "errors"
    assert "finalized and locked" in answer.body["errors"]["date"]
    assert (await Shift.get(id=team.shift.id)).end_time == team.shift.end_time


async def test_an_admin_reopens_with_a_reason(slack, team):
    await approve(slack, team)
    [bea_dm] = slack.fake.dms(BEA)
    await slack.press(bea_dm.blocks, "ts_finalize", BEA, message=bea_dm)
    await dm_says(slack, ABE, "Finalized by <@U0BEA>")
    [abe_dm] = slack.fake.dms(ABE)
    await slack.press(abe_dm.blocks, "ts_reopen", ABE, message=abe_dm)
    modal = await slack.fake.wait_view()
    assert modal["title"]["text"] == "Reopen week"
    assert (await slack.submit(modal, ABE, {"reason": "Overtime rate was wrong"})).body == {}
    ts = await sheet(team)
    assert ts.phase is Phase.REVIEWED and ts.returned_reason == "Overtime rate was wrong"
    await dm_says(slack, BEA, "Reopened by <@U0ABE>")
    [bea_dm] = slack.fake.dms(BEA)
    assert buttons(bea_dm.blocks) == ["ts_finalize", "ts_details"]
    assert "Reopened by <@U0ABE>" in text_of(bea_dm.blocks)
    await slack.fake.wait_until(lambda: len(slack.fake.dms(ANA)) >= 3)
    assert "reopened your week" in slack.fake.dms(ANA)[-1].text
    reasons = [r.reason for r in await AuditEntry.filter(action="status.reopened")]
    assert reasons == ["Overtime rate was wrong"]


@pytest.mark.parametrize(
    ("who", "button", "words"),
    [
        (ANA, "ts_approve", "You can't review your own week"),
        (ARI, "ts_approve", "Only a supervisor of Acme can review this week"),
        (SAM, "ts_finalize", "Only an admin of Acme can finalize a week"),
        (BEA, "ts_finalize", "hasn't been approved by a supervisor yet"),
        (BEA, "ts_reopen", "This week isn't finalized"),
        (ANA, "ts_finalize", "You can't finalize your own week"),
    ],
)
async def test_refusals_for_each_role_change_nothing(slack, team, who, button, words):
    await submit(slack, team)
    [dm] = slack.fake.dms(SAM)
    key = next(e["value"] for b in dm.blocks for e in b.get("elements", []) if e.get("value"))
    blocks = [
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "action_id": button,
                    "value": key,
                    "text": {"type": "plain_text", "text": "x"},
                }
            ],
        }
    ]
    url = slack.fake.response_url()
    await slack.press(blocks, button, who, response_url=url)
    assert words in (await slack.fake.wait_reply(url))["text"]
    ts = await sheet(team)
    assert ts.phase is Phase.SUBMITTED
    assert (
        await AuditEntry.filter(action__in=["status.HoursReviewed", "status.Finalized"]).count()
        == 0
    )


async def test_a_supervisor_may_not_finalize_even_when_reviewed(slack, team):
    await approve(slack, team)
    [bea_dm] = slack.fake.dms(BEA)
    url = slack.fake.response_url()
    await slack.press(bea_dm.blocks, "ts_finalize", SUE, message=bea_dm, response_url=url)
    assert "Only an admin of Acme can finalize" in (await slack.fake.wait_reply(url))["text"]
    assert (await sheet(team)).phase is Phase.REVIEWED


async def test_conflicts_are_settled_by_admin_times_before_finalizing(slack, team):
    await submit(slack, team)
    [dm] = slack.fake.dms(SAM)
    await slack.press(dm.blocks, "ts_details", SAM, message=dm)
    details = await slack.fake.wait_view()
    assert details["callback_id"] == "ts_week_modal"
    await slack.choose(details["blocks"], "ts_entry", f"sup:{team.shift.id}", SAM, view=details)
    times = await slack.fake.wait_view(2)
    assert times["title"]["text"] == "Supervisor times"
    assert (await slack.submit(times, SAM, {"start": "09:30"})).body == {}
    [sup] = await EntryTimes.filter(shift_id=team.shift.id)
    assert sup.author_id == team.sam.id
    await slack.fake.wait_until(lambda: slack.fake.calls_to("views.update"))
    redrawn = slack.fake.calls_to("views.update")[-1].params["view"]
    assert "1 conflict to settle" in text_of(redrawn["blocks"])

    await slack.press(dm.blocks, "ts_approve", SAM, message=dm)
    await slack.fake.wait_dms(BEA)
    [bea_dm] = slack.fake.dms(BEA)
    assert "1 conflict to settle" in text_of(bea_dm.blocks)
    url = slack.fake.response_url()
    await slack.press(bea_dm.blocks, "ts_finalize", BEA, message=bea_dm, response_url=url)
    assert "set admin times to settle them" in (await slack.fake.wait_reply(url))["text"]
    assert (await sheet(team)).phase is Phase.REVIEWED

    await slack.press(bea_dm.blocks, "ts_details", BEA, message=bea_dm)
    details = await slack.fake.wait_view(3)
    await slack.choose(details["blocks"], "ts_entry", f"adm:{team.shift.id}", BEA, view=details)
    admin_times = await slack.fake.wait_view(4)
    assert admin_times["title"]["text"] == "Admin times"
    assert (await slack.submit(admin_times, BEA, {"start": "09:15"})).body == {}
    await slack.press(bea_dm.blocks, "ts_finalize", BEA, message=bea_dm)
    await dm_says(slack, BEA, "Finalized by <@U0BEA>")
    assert (await sheet(team)).phase is Phase.FINALIZED
    after = text_of((await slack.command("/timesheet", ANA, "last")).body["blocks"])
    assert "Week total: 11h 45m" in after and "Admin (counts): 9:15 AM – 5:00 PM" in after


async def test_notes_and_reports_on_the_week_and_its_entries(slack, team):
    reply = await slack.command("/timesheet", ANA, "last")
    await slack.press(reply.body["blocks"], "ts_add_note", ANA)
    modal = await slack.fake.wait_view()
    assert (await slack.submit(modal, ANA, {"content": "Covered for Ari on Tuesday"})).body == {}
    await submit(slack, team)
    [dm] = slack.fake.dms(SAM)
    assert "Covered for Ari on Tuesday" in text_of(dm.blocks)

    await slack.press(dm.blocks, "ts_details", SAM, message=dm)
    details = await slack.fake.wait_view(2)
    for n, expect in ((3, {}), (4, "already has a “Late Arrival” report")):
        await slack.choose(
            details["blocks"], "ts_entry", f"report:{team.shift.id}", SAM, view=details
        )
        report = await slack.fake.wait_view(n)
        answer = await slack.submit(
            report, SAM, {"content": "25 min late", "reason": "Late Arrival"}
        )
        assert answer.body == expect if expect == {} else expect in answer.body["errors"]["reason"]
    [report_note] = await Note.filter(type="Report")
    assert report_note.reason == "Late Arrival" and report_note.shift_id == team.shift.id

    # Ana edits her note: the old one is kept, marked Deleted.
    reply = await slack.command("/timesheet", ANA, "last")
    assert "Late Arrival" in text_of(reply.body["blocks"])
    mine = await Note.get(type="Comment", state=NoteState.ACTIVE)
    await slack.choose(reply.body["blocks"], "ts_note", f"nedit:{mine.id}", ANA)
    edit = await slack.fake.wait_view(5)
    assert (await slack.submit(edit, ANA, {"content": "Covered for Ari on Wednesday"})).body == {}
    old, new = await Note.filter(type="Comment").order_by("created_at", "state")
    states = {n.content: n.state for n in (old, new)}
    assert states == {
        "Covered for Ari on Tuesday": NoteState.DELETED,
        "Covered for Ari on Wednesday": NoteState.ACTIVE,
    }
    assert (await Note.get(state=NoteState.ACTIVE, type="Comment")).replaces_id == mine.id
    assert [r.action for r in await AuditEntry.filter(subject="note").order_by("id")] == [
        "note.add",
        "note.add",
        "note.edit",
    ]


async def test_send_back_after_the_approval_is_too_late(slack, team):
    await submit(slack, team)
    [stale] = slack.fake.dms(SUE)
    stale_blocks = list(stale.blocks)
    [dm] = slack.fake.dms(SAM)
    await slack.press(dm.blocks, "ts_approve", SAM, message=dm)
    await dm_says(slack, SUE, "Approved by <@U0SAM>")
    url = slack.fake.response_url()
    await slack.press(stale_blocks, "ts_send_back", SUE, message=stale, response_url=url)
    told = await slack.fake.wait_reply(url)
    assert told["text"].startswith("Too late: this week was approved by <@U0SAM> <!date^")
    assert slack.fake.opened_views() == []
    url = slack.fake.response_url()
    await slack.press(stale_blocks, "ts_send_back", ANA, message=stale, response_url=url)
    assert "can't review your own week" in (await slack.fake.wait_reply(url))["text"]
