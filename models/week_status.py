"""What the reminder jobs need to know about weekly timesheets, in a bounded number of queries."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from models.timesheets import Timesheet


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


def _stage(sheet: Timesheet) -> Stage:
    # A send-back clears HoursSubmitted and a reopening clears Finalized (models.approval).
    if sheet.finalized_at:
        return Stage.FINALIZED
    if sheet.hours_reviewed_at:
        return Stage.REVIEWED
    return Stage.SUBMITTED if sheet.hours_submitted_at else Stage.NOT_SUBMITTED


async def stages(weeks: Iterable[WeekRef]) -> dict[WeekRef, Stage]:
    """The stage each week has reached; a week with no timesheet is not submitted. One query."""
    weeks = list(weeks)
    found: dict[WeekRef, Stage] = dict.fromkeys(weeks, Stage.NOT_SUBMITTED)
    if not weeks:
        return found
    sheets = await Timesheet.filter(
        user_id__in={w.user_id for w in weeks},
        company_id__in={w.company_id for w in weeks},
        start_date__in={w.first_day for w in weeks},
    )
    for sheet in sheets:
        ref = WeekRef(sheet.user_id, sheet.company_id, sheet.start_date)
        if ref in found:
            found[ref] = _stage(sheet)
    return found


async def waiting(
    company_ids: Iterable[UUID], stage: Stage, entered_before: datetime
) -> list[WaitingWeek]:
    """Weeks of these companies sitting in `stage` since before `entered_before`. One query."""
    company_ids = list(company_ids)
    if not company_ids or stage not in (Stage.SUBMITTED, Stage.REVIEWED):
        return []
    entered = "hours_submitted_at" if stage is Stage.SUBMITTED else "hours_reviewed_at"
    query = Timesheet.filter(
        company_id__in=company_ids,
        finalized_at__isnull=True,
        **{f"{entered}__lt": entered_before},
    )
    if stage is Stage.SUBMITTED:
        query = query.filter(hours_reviewed_at__isnull=True)
    sheets = await query.select_related("user").order_by(entered)
    return [
        WaitingWeek(
            WeekRef(s.user_id, s.company_id, s.start_date), s.user.name, getattr(s, entered)
        )
        for s in sheets
    ]
