"""Running one job, by name: the entry point of the scheduler and of `clockbot run-job`."""

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from slack_sdk.web.async_client import AsyncWebClient

from jobs import attendance, forgotten_clockouts, pending_reviews, unsubmitted_weeks
from jobs.context import JobContext
from jobs.delivery import DeliveryReport
from jobs.locks import company_locks
from models.companies import Company
from models.timeutil import to_instant, utcnow

log = logging.getLogger(__name__)

Job = Callable[[JobContext, list[UUID]], Awaitable[DeliveryReport]]
JOBS: dict[str, Job] = {
    "unsubmitted-weeks": unsubmitted_weeks.run,
    "pending-reviews": pending_reviews.run,
    "forgotten-clockouts": forgotten_clockouts.run,
    "attendance": attendance.run,
}


class UnknownJob(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"no job named {name!r}; the jobs are: {', '.join(JOBS)}")


@dataclass
class RunReport:
    job: str
    now: datetime
    companies: int = 0
    elsewhere: int = 0  # companies another process was running this job for
    delivery: DeliveryReport = field(default_factory=DeliveryReport)
    seconds: float = 0.0

    def summary(self) -> str:
        d = self.delivery
        text = (
            f"{self.job} as of {self.now.isoformat()}: {d.sent} sent, {d.failed} failed, "
            f"{d.already} already sent, "
            f"{self.companies} compan{'y' if self.companies == 1 else 'ies'}"
        )
        if self.elsewhere:
            text += f" ({self.elsewhere} being run by another process, skipped)"
        if d.busy:
            text += f", {d.busy} held by another sender"
        if d.left:
            text += f", {d.left} left for the next run (stopping)"
        return text + f", {self.seconds:.1f}s"


async def run_job(
    name: str,
    client: AsyncWebClient,
    *,
    now: datetime | None = None,
    company_ids: list[UUID] | None = None,
    stopping: asyncio.Event | None = None,
) -> RunReport:
    """Run job `name` as of `now` for these companies (all by default) and report what it did.

    Companies whose (job, company) lock another process holds are skipped: it is doing them.
    """
    job = JOBS.get(name)
    if job is None:
        raise UnknownJob(name)
    started = time.monotonic()
    now = to_instant(now) if now else utcnow()
    report = RunReport(name, now)
    if company_ids is None:
        company_ids = list(await Company.all().values_list("id", flat=True))
    async with company_locks(name, company_ids) as mine:
        report.companies = len(mine)
        report.elsewhere = len(company_ids) - len(mine)
        if mine:
            ctx = JobContext(client, now, stopping or asyncio.Event())
            report.delivery = await job(ctx, mine)
    report.seconds = time.monotonic() - started
    return report
