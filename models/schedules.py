"""Schedules: the shifts a supervisor plans for an associate's week (Breaktime's ScheduleData).

A week's plan is set whole (`set_schedule`): the planned shifts it lists replace the ones it had,
and saving it publishes it, stamping the week's ScheduleSubmitted stage (again after a change:
the stage keeps the time of the last submission, as the spec says). What changed is returned so
that an interface can tell the associate. Planned shifts that stay as they were keep their id,
and with it what attendance found about them (`models.attendance`).

Planning follows the rules of other entries (`models.permissions`, `Action.SCHEDULE`):
supervisors and admins plan the weeks of their company's members, never their own; a finalized
week refuses it, here and in the database (the `schedules` migration's triggers); every change
is in the audit trail; a planned shift that is removed is kept, marked deleted.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from uuid import UUID

from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from models import audit
from models.companies import Company, company_by_id
from models.errors import InvalidInput, NotFound, WeekLocked
from models.permissions import Action, check_phase, check_relation, relations
from models.timesheets import Timesheet, company_week, locked_by_trigger, timesheet_for
from models.timeutil import to_instant, utcnow, zone
from models.users import Membership, User
from models.weeks import Week

MAX_PLANNED = 21  # three planned shifts a day
MAX_LENGTH = timedelta(hours=24)


class ScheduleEntry(Model):
    id = fields.UUIDField(primary_key=True)
    user = fields.ForeignKeyField(
        "clockbot.User", related_name="schedule_entries", on_delete=fields.CASCADE
    )
    company = fields.ForeignKeyField(
        "clockbot.Company", related_name="schedule_entries", on_delete=fields.CASCADE
    )
    day = fields.DateField()  # the local day it starts, in the company's zone
    start_time = fields.DatetimeField()
    end_time = fields.DatetimeField()
    author = fields.ForeignKeyField(
        "clockbot.User", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    deleted_at = fields.DatetimeField(null=True)
    # Attendance: when the plan was compared with the clock, and the reasons it found
    # (ReportReason values, comma-separated; "" when the associate was on time).
    checked_at = fields.DatetimeField(null=True)
    findings = fields.CharField(max_length=64, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "schedule_entries"
        # A person's plan by day; a company's plans due (by end), in a span (by start), and just
        # judged (by check).
        indexes = (
            ("user_id", "day"),
            ("company_id", "end_time"),
            ("company_id", "start_time"),
            ("company_id", "checked_at"),
        )

    @classmethod
    def live(cls) -> QuerySet["ScheduleEntry"]:
        return cls.filter(deleted_at__isnull=True)

    @property
    def span(self) -> tuple[datetime, datetime]:
        return self.start_time, self.end_time

    def snapshot(self) -> dict:
        return {"user": self.user_id, "start_time": self.start_time, "end_time": self.end_time}


@dataclass(frozen=True)
class ScheduleChange:
    """What `set_schedule` did: the week's sheet and plan after it, and how the plan moved."""

    timesheet: Timesheet
    planned: list[ScheduleEntry]
    added: list[ScheduleEntry]
    removed: list[ScheduleEntry]
    first: bool  # the week's schedule had never been published

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


def validate_plan(spans: list[tuple[datetime, datetime]], week: Week) -> list[tuple]:
    """Planned shifts sorted, each ending after it starts, at most a day long, starting in
    `week`, and none overlapping another. Future times are the point of a plan."""
    if len(spans) > MAX_PLANNED:
        raise InvalidInput(f"A week can hold at most {MAX_PLANNED} planned shifts.", "schedule")
    spans = sorted((to_instant(s), to_instant(e)) for s, e in spans)
    for start, end in spans:
        if end <= start:
            raise InvalidInput("A planned shift must end after it starts.", field="end")
        if end - start > MAX_LENGTH:
            raise InvalidInput("A planned shift can be at most 24 hours long.", field="end")
        if not week.start <= start < week.end:
            raise InvalidInput("A planned shift must start within the week.", field="start")
    for (_, end), (start, _) in pairwise(spans):
        if start < end:
            raise InvalidInput("Two planned shifts overlap.", field="start")
    return spans


def a_week_later(spans: list[tuple[datetime, datetime]], tz) -> list[tuple[datetime, datetime]]:
    """The same wall-clock times seven days later (so a DST change moves nothing)."""

    def later(moment: datetime) -> datetime:
        local = moment.astimezone(tz).replace(tzinfo=None) + timedelta(days=7)
        return to_instant(local.replace(tzinfo=tz))

    return [(later(s), later(e)) for s, e in spans]


async def plan_of(owner_id: UUID, company_id: UUID, week: Week) -> list[ScheduleEntry]:
    return (
        await ScheduleEntry.live()
        .filter(user_id=owner_id, company_id=company_id, day__gte=week.first_day)
        .filter(day__lt=week.first_day + timedelta(days=7))
        .order_by("start_time")
    )


async def last_weeks_plan(
    owner_id: UUID, company: Company, week_day: date
) -> list[tuple[datetime, datetime]]:
    """The plan of the week before the one holding `week_day`, moved into that week."""
    week = company_week(company, week_day)
    before = company_week(company, week.first_day - timedelta(days=7))
    spans = [e.span for e in await plan_of(owner_id, company.id, before)]
    return a_week_later(spans, week.tz)


async def set_schedule(
    actor: User,
    owner_id: UUID,
    company_id: UUID,
    week_day: date,
    spans: list[tuple[datetime, datetime]],
    *,
    now: datetime | None = None,
) -> ScheduleChange:
    """Set and publish the plan of `owner_id`'s week (the one holding `week_day`) in
    `company_id`: exactly these planned shifts (an empty list clears it)."""
    now = to_instant(now) if now else utcnow()
    company = await company_by_id(company_id)
    check_relation(Action.SCHEDULE, await relations(actor, owner_id, company_id), company.name)
    if not await Membership.exists(user_id=owner_id, company_id=company_id):
        raise NotFound("That person")  # plans are for the company's own people
    week = company_week(company, week_day)
    spans = validate_plan(spans, week)
    tz = zone(company.timezone)
    sheet = await timesheet_for(owner_id, company_id, week)
    try:
        async with in_transaction():
            sheet = await Timesheet.filter(id=sheet.id).select_for_update().get()
            check_phase(Action.SCHEDULE, sheet.phase, sheet.start_date)
            first = sheet.schedule_submitted_at is None
            old = await plan_of(owner_id, company_id, week)
            wanted = set(spans)
            kept = [e for e in old if e.span in wanted]
            removed = [e for e in old if e.span not in wanted]
            if removed:
                await ScheduleEntry.filter(id__in=[e.id for e in removed]).update(
                    deleted_at=now, updated_at=now
                )
            have = {e.span for e in kept}
            added = [
                await ScheduleEntry.create(
                    user_id=owner_id,
                    company_id=company_id,
                    day=start.astimezone(tz).date(),
                    start_time=start,
                    end_time=end,
                    author_id=actor.id,
                )
                for start, end in spans
                if (start, end) not in have
            ]
            await Timesheet.filter(id=sheet.id).update(
                schedule_submitted_at=now, schedule_submitted_by_id=actor.id, updated_at=now
            )
            await audit.record(
                actor_id=actor.id,
                company_id=company_id,
                timesheet_id=sheet.id,
                subject="schedule",
                subject_id=sheet.id,
                action="schedule.set",
                before={"planned": [e.snapshot() for e in old]},
                after={"planned": [e.snapshot() for e in sorted(kept + added, key=_start)]},
                at=now,
            )
    except IntegrityError as error:
        if locked_by_trigger(error):  # finalized between the check and the write
            raise WeekLocked(week.first_day) from None
        raise
    sheet = await Timesheet.get(id=sheet.id)
    return ScheduleChange(sheet, sorted(kept + added, key=_start), added, removed, first)


def _start(entry: ScheduleEntry) -> datetime:
    return entry.start_time
