"""Messages that asked someone to decide about a week, kept so they can be updated in place.

When a week is approved, sent back, finalized or reopened, every message that offered that
decision (one per supervisor, one per admin) is rewritten to say who decided and when, so nobody
acts twice on a stale button. The interface that sends them says where they are (for Slack: the
channel and the message `ts`).
"""

from enum import StrEnum
from uuid import UUID

from tortoise import fields
from tortoise.models import Model


class MessageKind(StrEnum):
    REVIEW = "review"  # to a supervisor: Approve / Send back
    FINALIZE = "finalize"  # to an admin: Finalize (and, once finalized, Reopen)


class DecisionMessage(Model):
    id = fields.IntField(primary_key=True)
    timesheet = fields.ForeignKeyField(
        "clockbot.Timesheet", related_name="decision_messages", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(MessageKind, max_length=16)
    recipient = fields.ForeignKeyField(
        "clockbot.User", related_name=False, on_delete=fields.CASCADE
    )
    channel = fields.CharField(max_length=64)
    ts = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "decision_messages"
        indexes = (("timesheet_id", "kind"),)


async def remember(
    timesheet_id: UUID, kind: MessageKind, recipient_id: UUID, channel: str, ts: str
) -> DecisionMessage:
    return await DecisionMessage.create(
        timesheet_id=timesheet_id, kind=kind, recipient_id=recipient_id, channel=channel, ts=ts
    )


async def sent_for(timesheet_id: UUID, kind: MessageKind | None = None) -> list[DecisionMessage]:
    qs = DecisionMessage.filter(timesheet_id=timesheet_id)
    if kind is not None:
        qs = qs.filter(kind=kind)
    return await qs.select_related("recipient").order_by("id")
