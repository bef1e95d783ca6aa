"""Sending reminders through the ledger, so that each goes exactly once (as near as Slack allows).

THE ORDER: CLAIM, then SEND, then MARK.
  1. CLAIM: write the ledger row (recipient, kind, period) as `claimed` and commit. The unique
     key, or a conditional update for an old row, lets exactly one sender win.
  2. SEND: chat.postMessage to the recipient (a Slack user id as the channel: their DM).
  3. MARK: one UPDATE by primary key: `sent`, with Slack's channel and ts.

Why record first: a sender must hold the row before it talks to Slack, or two senders (a
retry, a second replica, an operator's `run-job`) could both send; and a crash must leave a
trace. Sending first and recording afterwards would lose every crash between the two into a
silent duplicate.

What a crash leaves, point by point:
  - before CLAIM commits: nothing. The next run sends it.                      (never skipped)
  - after CLAIM, before Slack accepted: a `claimed` row. The next run of the job for that company
    holds the company's job lock (jobs/locks.py), so whoever claimed the row is gone: it takes the
    row over (attempts + 1) and sends.                                           (never skipped)
  - after Slack accepted, before MARK commits: also a `claimed` row, and the next run sends it
    again. This is the one window for a duplicate, and no ordering closes it: chat.postMessage
    has no idempotency key, so nothing we commit can be atomic with Slack's delivery. We keep it
    as short as we can: MARK is a single UPDATE sent the moment Slack answers, and a run asked
    to stop (shutdown) claims nothing new but gets jobs.scheduler.STOP_GRACE seconds to finish
    the sends it started instead of abandoning them.
  - a Slack call that times out is that same uncertainty seen from our side (Slack may have
    posted it). slack-sdk's connection handler retries it a bounded number of times: a timeout
    is far more often a lost request than a lost answer.
We chose "possibly twice, in that one window" over "possibly never": a reminder read twice
costs a moment; a week never submitted costs a payroll.

Slack faults: 429 waits for Retry-After and 5xx/timeouts are retried a bounded number of times by
the client's retry handlers (bot/slack/client.py). A recipient that still fails is marked
`failed`, logged, and retried by the next run (up to models.reminders.MAX_ATTEMPTS runs); the
others are sent regardless, concurrently up to `concurrency`.
"""

import asyncio
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from uuid import UUID

from slack_sdk.web.async_client import AsyncWebClient

from models import reminders as ledger
from models.reminders import ReminderKey, ReminderKind, ReminderStatus

log = logging.getLogger(__name__)
# Sends in flight at once. Slack limits chat.postMessage per workspace (and per channel); more
# parallel requests would only collect 429s.
SEND_CONCURRENCY = 8


@dataclass(frozen=True)
class Outgoing:
    """One reminder to send: who, what kind, for which period, and the message."""

    company_id: UUID
    recipient_id: UUID
    slack_user_id: str
    kind: ReminderKind
    period: str
    subject: str
    message: dict

    @property
    def key(self) -> ReminderKey:
        return ReminderKey(self.recipient_id, self.kind, self.period)


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    already: int = 0  # sent (or given up) by an earlier run
    busy: int = 0  # another sender holds it right now
    left: int = 0  # not started because the process is stopping
    by_kind: Counter = field(default_factory=Counter)

    def add(self, other: "DeliveryReport") -> None:
        for name in ("sent", "failed", "already", "busy", "left"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.by_kind.update(other.by_kind)


async def deliver(
    client: AsyncWebClient,
    outgoing: Sequence[Outgoing],
    *,
    concurrency: int = SEND_CONCURRENCY,
    stopping: asyncio.Event | None = None,
) -> DeliveryReport:
    """Send each reminder not yet sent; one ledger read for all, then claim → send → mark each."""
    report = DeliveryReport()
    rows = await ledger.existing(o.key for o in outgoing)
    gate = asyncio.Semaphore(concurrency)

    async def one(item: Outgoing) -> None:
        row = rows.get(item.key)
        if row is not None and row.done:
            report.already += 1
            return
        async with gate:
            if stopping is not None and stopping.is_set():
                report.left += 1
                return
            try:
                claimed = await ledger.claim(item.key, item.company_id, item.subject, row)
            except Exception:  # the database failed: this one waits for the next run
                log.exception("could not claim %s for %s", item.kind, item.slack_user_id)
                report.failed += 1
                return
            if claimed is None:
                report.busy += 1
                return
            try:
                response = await client.chat_postMessage(channel=item.slack_user_id, **item.message)
            except Exception as error:  # any failure of this one recipient; the others go on
                status = await _mark_failed(claimed, error)
                log.warning(
                    "%s to %s failed (attempt %d, now %s): %s",
                    item.kind,
                    item.slack_user_id,
                    claimed.attempts,
                    status,
                    error,
                )
                report.failed += 1
                return
            try:
                await ledger.mark_sent(claimed, response.get("channel"), response.get("ts"))
            except Exception:  # sent but unrecorded: the duplicate window, see the docstring
                log.exception("%s to %s sent but not recorded", item.kind, item.slack_user_id)
            report.sent += 1
            report.by_kind[item.kind] += 1

    await asyncio.gather(*(one(item) for item in outgoing))
    return report


async def _mark_failed(row: ledger.Reminder, error: Exception) -> ReminderStatus | str:
    try:
        return await ledger.mark_failed(row, f"{type(error).__name__}: {error}")
    except Exception:  # left `claimed`: the next run takes it over just the same
        log.exception("could not record the failure of reminder %s", row.id)
        return "unrecorded"
