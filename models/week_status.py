"""What the reminder jobs need to know about weekly timesheets: THE SEAM WITH ISSUE 3.

Issue 3 (weekly timesheets, HoursSubmitted → HoursReviewed → Finalized) is built on another
branch. The two timesheet jobs (`jobs/unsubmitted_weeks.py`, `jobs/pending_reviews.py`) ask
only the two functions below, so finishing them after the merge means filling these in:

TODO(issue 3): `stages` — one query over the Timesheet rows of the given (user, company, week)
    triples, returning the furthest stage each has reached (a week with no Timesheet row, or
    sent back, is NOT_SUBMITTED).
TODO(issue 3): `waiting` — one query: the weeks of these companies whose current stage is
    `stage` and was entered before `entered_before` (HoursSubmitted's or HoursReviewed's Date),
    with the user. The pending-reviews job turns them into digests.
TODO(issue 3): the buttons those DMs carry are in `bot/slack/reminder_views.py` (SUBMIT_WEEK,
    APPROVE_WEEK, SEND_BACK_WEEK, FINALIZE_WEEK); point them at issue 3's action ids.

Until then nothing can be submitted: every week is NOT_SUBMITTED and nothing waits for review,
which is exactly true of the product without timesheets, so both jobs already run correctly.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID


class Stage(StrEnum):
    NOT_SUBMITTED = "NotSubmitted"
    SUBMITTED = "HoursSubmitted"
    REVIEWED = "HoursReviewed"
    FINALIZED = "Finalized"


@dataclass(frozen=True)
class WeekRef:
    user_id: UUID
    company_id: UUID
    first_day: date  # the week's Sunday, in the company's time zone


@dataclass(frozen=True)
class WaitingWeek:
    week: WeekRef
    user_name: str
    since: datetime  # when it entered its stage


async def stages(weeks: Iterable[WeekRef]) -> dict[WeekRef, Stage]:
    """The stage each week has reached."""
    # TODO(issue 3): read Timesheet.Status for these weeks in one query.
    return dict.fromkeys(weeks, Stage.NOT_SUBMITTED)


async def waiting(
    company_ids: Iterable[UUID], stage: Stage, entered_before: datetime
) -> list[WaitingWeek]:
    """Weeks of these companies sitting in `stage` since before `entered_before`."""
    # TODO(issue 3): one query over Timesheet joined with User.
    return []
