"""Shifts flagged for a supervisor's review, e.g. one left open past the company's hard limit.

A flag never changes the shift: the hours stay as recorded until a person corrects them.
"""

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from tortoise import fields
from tortoise.models import Model


class FlagReason(StrEnum):
    OPEN_PAST_HARD_LIMIT = "open_past_hard_limit"


class ShiftFlag(Model):
    id = fields.IntField(primary_key=True)
    shift = fields.OneToOneField("clockbot.Shift", related_name="flag", on_delete=fields.CASCADE)
    reason = fields.CharEnumField(FlagReason, max_length=32)
    flagged_at = fields.DatetimeField()
    resolved_at = fields.DatetimeField(null=True)
    resolved_by = fields.ForeignKeyField(
        "clockbot.User", related_name="resolved_flags", null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "shift_flags"


async def flag_shifts(shift_ids: Iterable[UUID], reason: FlagReason, at: datetime) -> None:
    """Flag these shifts (those already flagged stay as they are), in two queries."""
    ids = set(shift_ids)
    if not ids:
        return
    flagged = set(await ShiftFlag.filter(shift_id__in=ids).values_list("shift_id", flat=True))
    await ShiftFlag.bulk_create(
        [ShiftFlag(shift_id=i, reason=reason, flagged_at=at) for i in ids - flagged],
        ignore_conflicts=True,  # flagged meanwhile by someone else: theirs stands
    )
