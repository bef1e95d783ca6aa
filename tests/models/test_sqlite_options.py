"""SQLite settings in DATABASE_URL (README, Configuration) reach clockbot's connection."""

import asyncio
import sys

from tests.support.processes import clockbot_command, clockbot_env

PRAGMA = """
import asyncio, sys
from tortoise import connections
from models.db import close_db, open_db
async def main():
    await open_db(sys.argv[1])
    _, rows = await connections.get("default").execute_query("PRAGMA synchronous")
    print(rows[0][0])
    await close_db()
asyncio.run(main())
"""


async def _synchronous(url: str) -> str:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", PRAGMA, url, env=clockbot_env(), stdout=asyncio.subprocess.PIPE
    )
    out, _ = await proc.communicate()
    assert proc.returncode == 0
    return out.decode().strip()


async def test_synchronous_is_full_unless_the_url_says_normal(tmp_path):
    url = f"sqlite://{tmp_path / 'clock.sqlite3'}"
    migrate = await asyncio.create_subprocess_exec(
        *clockbot_command(), "migrate", env=clockbot_env(DATABASE_URL=url + "?synchronous=NORMAL")
    )
    assert await migrate.wait() == 0  # migrations and aerich take the URL as it is
    assert await _synchronous(url) == "2"  # FULL, SQLite's default: every commit on disk
    assert await _synchronous(url + "?synchronous=NORMAL") == "1"
