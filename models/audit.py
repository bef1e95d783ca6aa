"""The audit trail: who changed what, when, what it was and what it became.

Append-only. The product only ever inserts rows (`record`), always inside the transaction of the
change it describes, so a change and its record land together or not at all. The database backs
this up (see the `audit_append_only` migration): an UPDATE is refused, and so is a DELETE while
the row's company exists. The columns are plain ids rather than foreign keys so that the record
outlives what it describes (a deleted user, a deleted shift).
"""

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.timeutil import utcnow

TABLE = "audit_log"


class AuditEntry(Model):
    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField()
    actor_id = fields.UUIDField(null=True)  # None: the system (a job, a migration)
    company_id = fields.UUIDField()
    timesheet_id = fields.UUIDField(null=True)
    subject = fields.CharField(max_length=32)  # "shift", "entry_times", "timesheet", "note", "user"
    subject_id = fields.CharField(max_length=64)
    action = fields.CharField(max_length=64)  # e.g. "shift.create", "status.HoursReviewed"
    before = fields.JSONField(null=True)
    after = fields.JSONField(null=True)
    reason = fields.TextField(default="")

    class Meta:
        table = TABLE
        indexes = (("company_id", "at"), ("timesheet_id", "at"), ("subject", "subject_id"))

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action} {self.subject}:{self.subject_id}"


def snapshot(value: Any) -> Any:
    """A JSON-ready copy of `value`: instants as ISO-8601 UTC, ids and decimals as strings."""
    match value:
        case None | bool() | int() | float() | str():
            return value
        case Enum():
            return value.value
        case datetime() | date():
            return value.isoformat()
        case UUID() | Decimal():
            return str(value)
        case dict():
            return {str(k): snapshot(v) for k, v in value.items()}
        case list() | tuple():
            return [snapshot(v) for v in value]
    return str(value)


async def record(
    *,
    actor_id: UUID | None,
    company_id: UUID,
    subject: str,
    subject_id: object,
    action: str,
    before: dict | None = None,
    after: dict | None = None,
    timesheet_id: UUID | None = None,
    reason: str = "",
    at: datetime | None = None,
) -> AuditEntry:
    """Append one record. Call it inside the transaction that makes the change."""
    return await AuditEntry.create(
        at=at or utcnow(),
        actor_id=actor_id,
        company_id=company_id,
        timesheet_id=timesheet_id,
        subject=subject,
        subject_id=str(subject_id),
        action=action,
        before=snapshot(before) if before is not None else None,
        after=snapshot(after) if after is not None else None,
        reason=reason,
    )


async def trail(
    *, timesheet_id: UUID | None = None, subject: str | None = None, subject_id: object = None
) -> list[AuditEntry]:
    """Records, oldest first, for a timesheet or for one subject."""
    qs = AuditEntry.all()
    if timesheet_id is not None:
        qs = qs.filter(timesheet_id=timesheet_id)
    if subject is not None:
        qs = qs.filter(subject=subject)
    if subject_id is not None:
        qs = qs.filter(subject_id=str(subject_id))
    return await qs.order_by("at", "id")
