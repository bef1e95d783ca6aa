"""The `clockbot` command line."""

import argparse
import asyncio
import logging
import sys

from aiohttp import web

from bot.config import ConfigError, Settings
from bot.server import build_app
from models.db import close_db, migrate
from models.errors import DomainError
from models.roles import Role, set_role, slack_user, workspace


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="clockbot", description="A Slack time clock.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="run the server: Slack, REST API and /healthz")
    serve.add_argument(
        "--no-migrate", action="store_true", help="do not apply pending migrations at start"
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
    return _serve(settings, migrate_on_start=not args.no_migrate)


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


def _serve(settings: Settings, migrate_on_start: bool) -> int:
    if settings.slack_mode is None:
        print(
            "Slack is off: set " + " and ".join(settings.slack_missing()) + " to turn it on "
            "(README, 'Connect to Slack'). /healthz still answers.",
            file=sys.stderr,
        )
    else:
        print(f"Slack is on ({settings.slack_mode} mode).", file=sys.stderr)
    app = build_app(settings, migrate_on_start=migrate_on_start)
    web.run_app(
        app,
        host=settings.host,
        port=settings.port,
        print=lambda _: print(
            f"clockbot listening on http://{settings.host}:{settings.port} "
            f"(database {settings.database_url})",
            file=sys.stderr,
        ),
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
