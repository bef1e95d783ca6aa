"""The `clockbot` command line."""

import argparse
import asyncio
import logging
import sys

from aiohttp import web

from bot.config import ConfigError, Settings
from bot.server import build_app
from models.db import close_db, migrate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="clockbot", description="A Slack time clock.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="run the server: Slack, REST API and /healthz")
    serve.add_argument(
        "--no-migrate", action="store_true", help="do not apply pending migrations at start"
    )
    commands.add_parser("migrate", help="bring the database to the current schema, then exit")
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
    return _serve(settings, migrate_on_start=not args.no_migrate)


async def _migrate(settings: Settings) -> int:
    try:
        applied = await migrate(settings.database_url)
    finally:
        await close_db()
    print(f"applied: {', '.join(applied)}" if applied else "the database is up to date")
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
