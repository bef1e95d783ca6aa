"""Driving the Schedule modal as a supervisor would, over signed HTTP."""

import json

from bot.slack import schedule_views as sv

DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]


async def latest_update(slack, count: int) -> dict:
    """The `count`-th modal update the app made, with its id."""
    calls = await slack.fake.wait_for("views.update", count)
    call = calls[count - 1]
    return {**call.params["view"], "id": call.params["view_id"]}


async def open_for(slack, planner: str, who: str, arg: str = "", updates: int = 1) -> dict:
    """/schedule as `planner`, then `who` picked: the modal with their days. `updates`: the
    modal updates (and openings) there will have been in the test by then."""
    reply = await slack.command("/schedule", planner, arg)
    assert reply.status == 200
    view = {**(await slack.fake.wait_for("views.open", updates))[-1].params["view"], "id": "V"}
    assert view["callback_id"] == sv.SCHEDULE_MODAL
    assert "timepicker" not in json.dumps(view["blocks"])  # nobody picked yet
    await slack.pick_user(view, sv.PERSON, who, planner)
    return await latest_update(slack, updates)


def days(**times: tuple[str | None, str | None]) -> dict:
    """{"mon": ("09:00", "17:00")} as the modal's values by action id."""
    out = {}
    for name, (start, end) in times.items():
        i = DAYS.index(name)
        out[sv.start_action(i)], out[sv.end_action(i)] = start, end
    return out
