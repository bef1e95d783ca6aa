"""The `clockbot` command line."""

import argparse
import asyncio
import logging
import signal
import sys
from datetime import datetime

from aiohttp import web

from bot.config import ConfigError, Settings
from bot.server import build_app, new_event_loop
from bot.slack.client import http_session
from jobs.runner import JOBS, run_job
from jobs.scheduler import job_client, run_alone
from models.db import close_db, migrate, open_db
from models.errors import DomainError
from models.roles import Role, set_role, slack_user, workspace


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="clockbot", description="A Slack time clock.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="run the server: Slack, REST API and /healthz")
    serve.add_argument(
        "--no-migrate", action="store_true", help="do not apply pending migrations at start"
    )
    serve.add_argument(
        "--no-scheduler",
        action="store_true",
        help="do not run the reminder jobs in this process (run `clockbot scheduler` instead)",
    )
    commands.add_parser("migrate", help="bring the database to the current schema, then exit")
    role = commands.add_parser(
        "role",
        help="make a Slack user an admin, supervisor or associate (e.g. the first admin)",
        description="Give a Slack user a role in their workspace's company. The user is created "
        "if Slack has not shown them to clockbot yet; their name and zone are filled in when "
        "they first use the app.",
    )
    role.add_argument(
        "slack_user_id", help="the member ID from their Slack profile, e.g. U0123ABCD"
    )
    role.add_argument("role", choices=[r.value for r in Role])
    role.add_argument(
        "--team",
        help="the workspace (team) ID, e.g. T0123ABCD; default: SLACK_TEAM_ID, else the only "
        "workspace clockbot knows",
    )
    alone = commands.add_parser(
        "scheduler", help="run only the scheduled reminder jobs (no web server), until stopped"
    )
    alone.add_argument(
        "--no-migrate", action="store_true", help="do not apply pending migrations at start"
    )
    run = commands.add_parser("run-job", help="run one reminder job now, then exit")
    run.add_argument("name", choices=list(JOBS), metavar="NAME", help=", ".join(JOBS))
    run.add_argument(
        "--at",
        type=_instant,
        metavar="ISO-8601-TIME",
        help="run as if it were this time, e.g. 2026-11-23T10:00:00-05:00",
    )
    args = parser.parse_args(argv)

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        settings = Settings.from_env()
    except ConfigError as error:
        print(f"clockbot: {error}", file=sys.stderr)
        return 2
    if args.command == "migrate":
        return asyncio.run(_migrate(settings))
    if args.command == "role":
        return asyncio.run(_role(settings, args.slack_user_id, args.role, args.team))
    if args.command in ("scheduler", "run-job") and not settings.slack_bot_token:
        print(
            f"clockbot {args.command}: reminders are Slack messages; set SLACK_BOT_TOKEN.",
            file=sys.stderr,
        )
        return 2
    if args.command == "scheduler":
        return asyncio.run(_scheduler(settings, migrate_first=not args.no_migrate))
    if args.command == "run-job":
        return asyncio.run(_run_job(settings, args.name, args.at))
    return _serve(settings, migrate_on_start=not args.no_migrate, scheduler=not args.no_scheduler)


def _instant(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an ISO-8601 time") from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no UTC offset; add one, e.g. {text}Z or {text}-05:00"
        )
    return moment


async def _scheduler(settings: Settings, migrate_first: bool) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        if migrate_first:
            await migrate(settings.database_url)
        else:
            await open_db(settings.database_url)
        print(f"clockbot scheduler running (database {settings.database_url})", file=sys.stderr)
        await run_alone(settings, stop)
    finally:
        await close_db()
    return 0


async def _run_job(settings: Settings, name: str, at: datetime | None) -> int:
    await open_db(settings.database_url)
    try:
        async with http_session(settings) as session:
            report = await run_job(name, job_client(settings, session), now=at)
    finally:
        await close_db()
    print(report.summary())
    return 1 if report.delivery.failed else 0


async def _migrate(settings: Settings) -> int:
    try:
        applied = await migrate(settings.database_url)
    finally:
        await close_db()
    print(f"applied: {', '.join(applied)}" if applied else "the database is up to date")
    return 0


async def _role(settings: Settings, user_id: str, role: str, team: str | None) -> int:
    try:
        await migrate(settings.database_url)
        company = await workspace(team or settings.slack_team_id, settings.default_timezone)
        user = await slack_user(company.slack_team_id, user_id, company)
        await set_role(user, company, Role(role), actor=None)
    except DomainError as error:
        print(f"clockbot: {error}", file=sys.stderr)
        return 2
    finally:
        await close_db()
    print(f"{user_id} is now {'an' if role == 'admin' else 'a'} {role} of {company.name}.")
    return 0


def _serve(settings: Settings, migrate_on_start: bool, scheduler: bool) -> int:
    if settings.slack_mode is None:
        print(
            "Slack is off: set " + " and ".join(settings.slack_missing()) + " to turn it on "
            "(README, 'Connect to Slack'). /healthz still answers.",
            file=sys.stderr,
        )
    else:
        print(f"Slack is on ({settings.slack_mode} mode).", file=sys.stderr)
    if not scheduler:
        print("Scheduler off (--no-scheduler): no reminders from this process.", file=sys.stderr)
    app = build_app(settings, migrate_on_start=migrate_on_start, scheduler=scheduler)
    web.run_app(
        app,
        host=settings.host,
        port=settings.port,
        loop=new_event_loop(),
        print=lambda _: print(
            f"clockbot listening on http://{settings.host}:{settings.port} "
            f"(database {settings.database_url})",
            file=sys.stderr,
        ),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
