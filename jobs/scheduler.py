"""The scheduler: when each job fires. Runs inside `clockbot serve` or alone (`clockbot scheduler`).

- unsubmitted-weeks and pending-reviews fire per company, on cron triggers in the company's own
  time zone (CronTrigger(timezone=...)), so "Monday 10:00" stays 10:00 local across DST.
- forgotten-clockouts and attendance fire every few minutes for all companies (their thresholds
  are durations), and once at start.
- the per-company triggers follow the companies and their settings (re-read every few minutes).

Missed fires: coalesce=True and misfire_grace_time let a late fire run once, if it is late by less
than the grace time. A fire missed while the process was down is not known to APScheduler's
in-memory job store, so on start each cron job gets, as its next run time, its latest fire time
within the grace window, if there is one: APScheduler then runs it at once, as a misfire within
grace. Running a fire twice (another replica did it, or the process died after it) is harmless:
the ledger skips what was sent.

Fires of one job that come together (every company on the same schedule fires at the same
instant) are gathered into one run: a fire waits while a run of its job is going on, then the
next run takes every company queued meanwhile. So a process runs each job at most once at a time,
holding one database connection for its locks, and the reads per run do not grow with the
companies either.

Failures: a job's exception is logged and the scheduler goes on; fires are isolated tasks, so one
job never stops another, nor the web server around it.
"""

import asyncio
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from uuid import UUID

from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.slack.client import http_session, web_client
from jobs.companies import CompanyRules, company_rules
from jobs.runner import run_job
from models.companies import Company
from models.reminder_settings import WEEKDAYS

log = logging.getLogger(__name__)
ALL = object()  # every company

MISFIRE_GRACE = timedelta(hours=1)
FORGOTTEN_EVERY = timedelta(minutes=5)
# The jobs whose thresholds are durations: they fire every FORGOTTEN_EVERY for all companies.
EVERY_FEW_MINUTES = ("forgotten-clockouts", "attendance")
SYNC_EVERY = timedelta(minutes=5)
# On shutdown, runs stop claiming new reminders and get this long to finish the sends they began.
STOP_GRACE = 10.0
# A rate-limited reminder waits for Retry-After this many times before it is left to the next run.
JOB_RATE_LIMIT_RETRIES = 10


def company_triggers(company: CompanyRules) -> dict[str, BaseTrigger]:
    """The cron triggers of one company's per-company jobs, in its time zone."""
    rules = company.rules
    # The reminder day, and the escalation day that follows it.
    days = sorted(
        {rules.unsubmitted_weekday, (rules.unsubmitted_weekday + rules.escalate_after_days) % 7}
    )
    return {
        "unsubmitted-weeks": CronTrigger(
            day_of_week=",".join(WEEKDAYS[d] for d in days),
            hour=rules.unsubmitted_hour,
            minute=rules.unsubmitted_minute,
            timezone=company.tz,
        ),
        "pending-reviews": CronTrigger(
            hour=rules.review_digest_hour, minute=rules.review_digest_minute, timezone=company.tz
        ),
    }


def missed_fire(trigger: BaseTrigger, now: datetime, grace: timedelta) -> datetime | None:
    """The latest fire time of `trigger` in (now - grace, now], if any."""
    fire = trigger.get_next_fire_time(None, now - grace)
    latest = None
    while fire is not None and fire <= now:
        latest = fire
        fire = trigger.get_next_fire_time(fire, now)
    return latest


class JobScheduler:
    def __init__(
        self,
        client: AsyncWebClient,
        *,
        grace: timedelta = MISFIRE_GRACE,
        forgotten_every: timedelta = FORGOTTEN_EVERY,
        sync_every: timedelta = SYNC_EVERY,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.client = client
        self.grace = grace
        self.forgotten_every = forgotten_every
        self.sync_every = sync_every
        self.clock = clock
        self.scheduler = AsyncIOScheduler(
            timezone=UTC,
            job_defaults={
                "coalesce": True,
                "misfire_grace_time": int(grace.total_seconds()),
                "max_instances": 1,
            },
        )
        self.stopping = asyncio.Event()
        self._running: set[asyncio.Task] = set()
        self._triggers: dict[str, str] = {}
        # Per job: the companies whose fire is waiting for the next run (ALL: every company).
        self._queued: dict[str, set[UUID] | object] = {}
        self._one_run: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def start(self) -> None:
        self.scheduler.start()
        await self.sync()
        for name in EVERY_FEW_MINUTES:
            self.scheduler.add_job(
                self._fire,
                IntervalTrigger(seconds=self.forgotten_every.total_seconds(), timezone=UTC),
                args=[name, None],
                id=name,
                next_run_time=self.clock(),
            )
        self.scheduler.add_job(
            self.sync,
            IntervalTrigger(seconds=self.sync_every.total_seconds(), timezone=UTC),
            id="sync-schedules",
        )
        log.info("scheduler started: %d jobs", len(self.scheduler.get_jobs()))

    async def stop(self, grace: float = STOP_GRACE) -> None:
        self.stopping.set()
        if self.scheduler.running:
            self.scheduler.pause()
        if self._running:
            _, late = await asyncio.wait(set(self._running), timeout=grace)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)  # unwound before the DB closes
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
            await asyncio.sleep(0)  # AsyncIOScheduler shuts down on the loop's next turn

    async def sync(self) -> None:
        """Add, change or remove the per-company cron jobs to match the database."""
        try:
            ids: list[UUID] = list(await Company.all().values_list("id", flat=True))
            companies = await company_rules(ids)
        except Exception:
            log.exception("could not read the companies' schedules; keeping the current ones")
            return
        now = self.clock()
        wanted = set()
        for company in companies.values():
            for name, trigger in company_triggers(company).items():
                job_id = f"{name}@{company.id}"
                wanted.add(job_id)
                if self._triggers.get(job_id) == repr(trigger):
                    continue
                self._triggers[job_id] = repr(trigger)
                missed = missed_fire(trigger, now, self.grace)
                self.scheduler.add_job(
                    self._fire,
                    trigger,
                    args=[name, [company.id]],
                    id=job_id,
                    replace_existing=True,
                    **({"next_run_time": missed} if missed else {}),
                )
                if missed:
                    log.info("%s: running the fire of %s missed while down", job_id, missed)
        for job_id in set(self._triggers) - wanted:
            self.scheduler.remove_job(job_id)
            del self._triggers[job_id]

    async def _fire(self, name: str, company_ids: list[UUID] | None) -> None:
        task = asyncio.current_task()
        if task:
            self._running.add(task)
        queued = self._queued.get(name, set())
        if company_ids is None or queued is ALL:
            self._queued[name] = ALL
        else:
            self._queued[name] = queued | set(company_ids)  # type: ignore[operator]
        try:
            async with self._one_run[name]:
                batch = self._queued.pop(name, None)
                if batch is None:
                    return  # a run that started while this fire waited covered it
                report = await run_job(
                    name,
                    self.client,
                    company_ids=None if batch is ALL else list(batch),  # type: ignore[call-overload]
                    stopping=self.stopping,
                )
            log.info(report.summary())
        except Exception:
            log.exception("job %s failed; the scheduler goes on", name)
        finally:
            if task:
                self._running.discard(task)


def job_client(settings: Settings, session) -> AsyncWebClient:
    """The jobs' Slack client: like the bot's, but patient with rate limits (nobody waits)."""
    return web_client(settings, session, rate_limit_retries=JOB_RATE_LIMIT_RETRIES)


def scheduler_context(settings: Settings):
    """aiohttp cleanup_ctx: the scheduler runs while the server does."""

    async def ctx(app: web.Application) -> AsyncIterator[None]:
        if not settings.slack_mode:
            log.warning("scheduler off: Slack is off, so reminders could not be sent")
            yield
            return
        async with http_session(settings) as session:
            scheduler = JobScheduler(job_client(settings, session))
            await scheduler.start()
            yield
            await scheduler.stop()

    return ctx


async def run_alone(settings: Settings, stop: asyncio.Event) -> None:
    """`clockbot scheduler`: the scheduler without the web server, until `stop` is set."""
    async with http_session(settings) as session:
        scheduler = JobScheduler(job_client(settings, session))
        await scheduler.start()
        await stop.wait()
        await scheduler.stop()
