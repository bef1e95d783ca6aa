"""Fresh, empty databases for tests: a SQLite file, or a new PostgreSQL database."""

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

PG_ENV = "CLOCKBOT_TEST_DATABASE_URL"


def backends() -> list[str]:
    """SQLite always; PostgreSQL too when CLOCKBOT_TEST_DATABASE_URL names a server."""
    return ["sqlite", "postgres"] if os.environ.get(PG_ENV) else ["sqlite"]


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@asynccontextmanager
async def fresh_database(backend: str, directory: Path) -> AsyncIterator[str]:
    """Yields the Tortoise URL of a database nobody has used; removes it afterwards."""
    if backend == "sqlite":
        yield f"sqlite://{directory / f'clockbot-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    admin_url = os.environ[PG_ENV]
    name = f"clockbot_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(admin_url.replace("postgres://", "postgresql://", 1))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield _with_database(admin_url, name)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
