"""Weekly timesheets: one per user, company and week, holding the stages of its approval.

The entries of a week are the user's shifts in it (the "Time Worked" entries; see
`models.entries` for supervisor and admin times, `models.sheets` for a week as it is shown).
The stages follow Breaktime's Status object: HoursSubmitted, HoursReviewed, ScheduleSubmitted and
Finalized, each a date and an author or absent. The transitions between them are in
`models.approval`.

Every operation that changes a shift or its times calls `check_sheets`: the hours of an approved
week no longer change, and a finalized week is locked, which database triggers enforce too (see
the `week_lock` migration).
`starts_at`/`ends_at` keep the week's instants as they were when the sheet was made, so the lock
does not move if the company later changes its time zone.
"""

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.models import Model

from models.companies import Company
from models.permissions import Action, check_phase
from models.stages import Phase, Stage
from models.timeutil import zone
from models.users import User
from models.weeks import Week, sunday_of

SENT_BACK = "sent_back"
REOPENED = "reopened"


class Timesheet(Model):
    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "clockbot.User", related_name="timesheets", on_delete=fields.CASCADE
    )
    company: fields.ForeignKeyRelation[Company] = fields.ForeignKeyField(
        "clockbot.Company", related_name="timesheets", on_delete=fields.CASCADE
    )
    start_date = fields.DateField()  # the Sunday the week starts, in the company's zone
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()

    hours_submitted_at = fields.DatetimeField(null=True)
    hours_submitted_by = fields.ForeignKeyField(
        "clockbot.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    hours_reviewed_at = fields.DatetimeField(null=True)
    hours_reviewed_by = fields.ForeignKeyField(
        "clockbot.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    schedule_submitted_at = fields.DatetimeField(null=True)
    schedule_submitted_by = fields.ForeignKeyField(
        "clockbot.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    finalized_at = fields.DatetimeField(null=True)
    finalized_by = fields.ForeignKeyField(
        "clockbot.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    # The last step back (a supervisor's send-back or an admin's reopening), shown on the week.
    returned_kind = fields.CharField(max_length=16, null=True)  # SENT_BACK or REOPENED
    returned_at = fields.DatetimeField(null=True)
    returned_by = fields.ForeignKeyField(
        "clockbot.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    returned_reason = fields.TextField(default="")

    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "timesheets"
        unique_together = (("user", "company", "start_date"),)
        # The last: a company's weeks not finalized yet, oldest first, which is what waits on its
        # supervisors and admins. It starts with finalized_at so that SQLite, which keeps no
        # statistics, takes it for no other read of a company's weeks.
        indexes = (
            ("company_id", "start_date"),
            ("user_id", "starts_at"),
            ("finalized_at", "company_id", "start_date"),
        )

    def __str__(self) -> str:
        return f"timesheet {self.user_id} {self.start_date}"

    @property
    def phase(self) -> Phase:
        return phase_of(self)

    def stamp(self, stage: Stage) -> "Stamp | None":
        at = getattr(self, f"{_COLUMN[stage]}_at")
        by = getattr(self, f"{_COLUMN[stage]}_by_id")
        return Stamp(at, by) if at else None

    def status(self) -> dict[str, dict | None]:
        """Breaktime's Status object: each stage `{Date, AuthorID}` (epoch seconds) or None."""
        out: dict[str, dict | None] = {}
        for stage in Stage:
            stamp = self.stamp(stage)
            out[stage.value] = (
                {
                    "Date": int(stamp.at.timestamp()),
                    "AuthorID": str(stamp.by) if stamp.by else None,
                }
                if stamp
                else None
            )
        return out

    def snapshot(self) -> dict:
        """What the audit trail keeps of a status change."""
        return {
            "status": self.status(),
            "phase": self.phase.value,
            "returned": {
                "kind": self.returned_kind,
                "at": self.returned_at,
                "by": self.returned_by_id,
                "reason": self.returned_reason,
            }
            if self.returned_kind
            else None,
        }


_COLUMN = {
    Stage.HOURS_SUBMITTED: "hours_submitted",
    Stage.HOURS_REVIEWED: "hours_reviewed",
    Stage.SCHEDULE_SUBMITTED: "schedule_submitted",
    Stage.FINALIZED: "finalized",
}


@dataclass(frozen=True)
class Stamp:
    at: datetime
    by: UUID | None


def phase_of(sheet: Timesheet | None) -> Phase:
    """A week with no sheet yet is open."""
    if sheet is None:
        return Phase.OPEN
    if sheet.finalized_at:
        return Phase.FINALIZED
    if sheet.hours_reviewed_at:
        return Phase.REVIEWED
    if sheet.hours_submitted_at:
        return Phase.SUBMITTED
    return Phase.OPEN


def company_week(company: Company, day: date) -> Week:
    """The week of `company` that contains `day`."""
    return Week(sunday_of(day), zone(company.timezone))


async def find_timesheet(user_id: UUID, company_id: UUID, first_day: date) -> Timesheet | None:
    return await Timesheet.get_or_none(user_id=user_id, company_id=company_id, start_date=first_day)


async def timesheet_for(user_id: UUID, company_id: UUID, week: Week) -> Timesheet:
    """The sheet of `week`, made on first need; safe to race (unique user, company, week)."""
    found = await find_timesheet(user_id, company_id, week.first_day)
    if found:
        return found
    try:
        return await Timesheet.create(
            user_id=user_id,
            company_id=company_id,
            start_date=week.first_day,
            starts_at=week.start,
            ends_at=week.end,
        )
    except IntegrityError:
        return await Timesheet.get(
            user_id=user_id, company_id=company_id, start_date=week.first_day
        )


async def sheets_touching(
    user_id: UUID, company_id: UUID, start: datetime, end: datetime | None, *, lock: bool = False
) -> list[Timesheet]:
    """The existing sheets whose week shares an instant with [start, end) (`end=None`: open)."""
    qs = Timesheet.filter(user_id=user_id, company_id=company_id, ends_at__gt=start)
    if end is not None:
        qs = qs.filter(starts_at__lt=max(end, start))
    if lock:
        # In a transaction: a finalize racing with this change waits for it, and then sees it.
        qs = qs.select_for_update()
    return await qs.order_by("starts_at")


async def check_sheets(
    action: Action, user_id: UUID, company_id: UUID, start: datetime, end: datetime | None
) -> list[Timesheet]:
    """Lock the sheets of the span [start, end) of `user_id`'s time and refuse `action` if a
    week's phase forbids it (a finalized week is `WeekLocked`). Call inside the transaction of
    the change; returns the sheets touched."""
    sheets = await sheets_touching(user_id, company_id, start, end, lock=True)
    for sheet in sheets:
        check_phase(action, sheet.phase, sheet.start_date)
    return sheets


def locked_by_trigger(error: Exception) -> bool:
    """Whether a database error is the `week_locked` trigger refusing a change."""
    return "week_locked" in str(error)
