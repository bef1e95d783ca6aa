"""The reminder ledger: one row per reminder (recipient, kind, period), so none goes twice.

The protocol that uses it (claim → send → mark, and why that order) is written out in
`jobs/delivery.py`; this module holds the rows and the few atomic steps on them.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.models import Model

from models.timeutil import utcnow

# A reminder Slack keeps refusing is retried on this many runs, then left alone (and logged).
MAX_ATTEMPTS = 5


class ReminderKind(StrEnum):
    UNSUBMITTED_WEEK = "unsubmitted_week"  # to the associate; period: the week
    UNSUBMITTED_ESCALATION = "unsubmitted_escalation"  # to each supervisor; period: the week
    PENDING_REVIEW = "pending_review"  # digest to each supervisor; period: the day
    PENDING_FINALIZE = "pending_finalize"  # digest to each admin; period: the day
    FORGOTTEN_CLOCKOUT = "forgotten_clockout"  # to the associate; period: shift + ask number
    SHIFT_OVER_LIMIT = "shift_over_limit"  # to each supervisor/admin; period: the shift
    ATTENDANCE = "attendance"  # to each supervisor; period: the planned shift


class ReminderStatus(StrEnum):
    CLAIMED = "claimed"  # a run is sending it (or died while sending it)
    SENT = "sent"  # Slack accepted it
    FAILED = "failed"  # Slack refused it; the next run tries again
    GAVE_UP = "gave_up"  # refused MAX_ATTEMPTS times


class Reminder(Model):
    id = fields.BigIntField(primary_key=True)
    company = fields.ForeignKeyField(
        "clockbot.Company", related_name="reminders", on_delete=fields.CASCADE
    )
    recipient = fields.ForeignKeyField(
        "clockbot.User", related_name="reminders", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(ReminderKind, max_length=32)
    period = fields.CharField(max_length=100)
    # What it is about (a shift id, a week), so a job finds the rows of its subjects in one query.
    subject = fields.CharField(max_length=100, db_index=True)
    status = fields.CharEnumField(ReminderStatus, max_length=16, default=ReminderStatus.CLAIMED)
    attempts = fields.SmallIntField(default=1)
    claimed_at = fields.DatetimeField()
    sent_at = fields.DatetimeField(null=True)
    # Where Slack put it, to update the message in place later.
    channel = fields.CharField(max_length=32, null=True)
    ts = fields.CharField(max_length=32, null=True)
    last_error = fields.TextField(default="")
    # "Still working": when to ask again (forgotten clock-outs only).
    remind_again_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "reminders"
        unique_together = (("recipient", "kind", "period"),)
        indexes = (("period",),)  # the rows of a run's keys (`existing`), whoever they are for

    @property
    def done(self) -> bool:
        return self.status in (ReminderStatus.SENT, ReminderStatus.GAVE_UP)


@dataclass(frozen=True)
class ReminderKey:
    recipient_id: UUID
    kind: ReminderKind
    period: str


async def existing(keys: Iterable[ReminderKey]) -> dict[ReminderKey, Reminder]:
    """The ledger rows for these keys, from one query."""
    keys = set(keys)
    if not keys:
        return {}
    rows = await Reminder.filter(
        kind__in={k.kind for k in keys}, period__in={k.period for k in keys}
    )
    found = {ReminderKey(r.recipient_id, r.kind, r.period): r for r in rows}  # type: ignore[attr-defined]
    return {k: row for k, row in found.items() if k in keys}


async def claim(
    key: ReminderKey, company_id: UUID, subject: str, row: Reminder | None
) -> Reminder | None:
    """Take the right to send `key`; None when another sender holds it or it is done.

    `row` is what the ledger held when the run read it. A new reminder is an INSERT that the
    unique (recipient, kind, period) lets only one sender win. An old one (failed, or claimed by
    a run that died: the caller holds the company's job lock, see jobs/locks.py) is taken by an
    UPDATE conditioned on the attempts it had, so two takers cannot both win.
    """
    now = utcnow()
    if row is None:
        try:
            return await Reminder.create(
                company_id=company_id,
                recipient_id=key.recipient_id,
                kind=key.kind,
                period=key.period,
                subject=subject,
                status=ReminderStatus.CLAIMED,
                attempts=1,
                claimed_at=now,
            )
        except IntegrityError:
            return None
    if row.done:
        return None
    taken = await Reminder.filter(id=row.id, status=row.status, attempts=row.attempts).update(
        status=ReminderStatus.CLAIMED, attempts=F("attempts") + 1, claimed_at=now
    )
    if not taken:
        return None
    row.status, row.attempts, row.claimed_at = ReminderStatus.CLAIMED, row.attempts + 1, now
    return row


async def mark_sent(row: Reminder, channel: str | None, ts: str | None) -> None:
    await Reminder.filter(id=row.id).update(
        status=ReminderStatus.SENT, sent_at=utcnow(), channel=channel, ts=ts, last_error=""
    )


async def mark_failed(row: Reminder, error: str) -> ReminderStatus:
    status = ReminderStatus.GAVE_UP if row.attempts >= MAX_ATTEMPTS else ReminderStatus.FAILED
    await Reminder.filter(id=row.id).update(status=status, last_error=error[:2000])
    return status


async def by_subject(kind: ReminderKind, subjects: Iterable[str]) -> dict[str, list[Reminder]]:
    """Every ledger row of `kind` about these subjects, oldest first, from one query."""
    subjects = set(subjects)
    grouped: dict[str, list[Reminder]] = {s: [] for s in subjects}
    if subjects:
        for row in await Reminder.filter(kind=kind, subject__in=subjects).order_by("id"):
            grouped[row.subject].append(row)
    return grouped


async def remind_again(
    kind: ReminderKind, subject: str, recipient_id: UUID, at: datetime
) -> Reminder | None:
    """Ask again at `at`: recorded on the latest reminder about `subject` to `recipient_id`."""
    latest = (
        await Reminder.filter(kind=kind, subject=subject, recipient_id=recipient_id)
        .order_by("-id")
        .first()
    )
    if latest is None:
        return None
    latest.remind_again_at = at
    await latest.save(update_fields=["remind_again_at"])
    return latest
