"""Opening the database and bringing its schema up to date with aerich."""

from contextlib import asynccontextmanager
from pathlib import Path

from aerich import Command
from tortoise import Tortoise, connections
from tortoise.context import get_current_context

from models import APP, tortoise_config

MIGRATIONS = Path(__file__).parent / "migrations"
# Any constant works; it only has to be the same for every process migrating this database.
_MIGRATION_LOCK_KEY = 0x636C6F636B  # "clock"


def dialect(db_url: str) -> str:
    scheme = db_url.split(":", 1)[0]
    if scheme in ("postgres", "postgresql", "asyncpg", "psycopg"):
        return "postgres"
    if scheme == "sqlite":
        return "sqlite"
    raise ValueError(f"unsupported DATABASE_URL scheme {scheme!r}: use sqlite:// or postgres://")


def migrations_location(db_url: str) -> Path:
    """Aerich writes SQL for one dialect, so each dialect keeps its own migration history."""
    return MIGRATIONS / dialect(db_url)


async def open_db(db_url: str) -> None:
    # Global, so that every task (aiohttp handlers, Bolt listeners, jobs) sees the same ORM.
    await Tortoise.init(config=tortoise_config(db_url), _enable_global_fallback=True)


async def close_db() -> None:
    await Tortoise.close_connections()


def migration_command(db_url: str) -> Command:
    return Command(tortoise_config(db_url), app=APP, location=str(migrations_location(db_url)))


async def migrate(db_url: str) -> list[str]:
    """Apply pending migrations; returns the versions applied. Opens the database if needed."""
    if get_current_context() is None:
        await open_db(db_url)
    command = migration_command(db_url)
    await command.init()
    async with _one_migrator(db_url):
        return await command.upgrade(run_in_transaction=True)


@asynccontextmanager
async def _one_migrator(db_url: str):
    """On PostgreSQL, replicas starting together take turns; SQLite has one process."""
    if dialect(db_url) != "postgres":
        yield
        return
    client = connections.get("default")
    async with client.acquire_connection() as conn:
        await conn.execute("SELECT pg_advisory_lock($1)", _MIGRATION_LOCK_KEY)
        try:
            yield
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", _MIGRATION_LOCK_KEY)
