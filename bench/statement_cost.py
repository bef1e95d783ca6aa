"""What one statement costs through Tortoise on SQLite, against the same statement as raw SQL.

    python bench/statement_cost.py [--times 2000]

On a fresh, migrated SQLite file, on the loop `clockbot serve` runs on, each query runs
`--times` times in a row (after 200 to warm up) and prints its CPU and wall time per call. The
floor is `SELECT 1` sent as raw SQL through the same Tortoise connection: the hand-over to
aiosqlite's thread and back that every statement pays. The ratios say what a statement of the
ORM costs over that floor; the clock-cycle bench's README uses them to say what a punch can
cost at best.
"""

import argparse
import asyncio
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from anywhere

from tortoise import connections

from bot.server import new_event_loop
from models.db import close_db, migrate
from models.shifts import Shift
from models.timesheets import sheets_touching
from models.timeutil import utcnow


async def per_call(query, times: int) -> tuple[float, float]:
    for _ in range(200):
        await query()
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(times):
        await query()
    return (time.process_time() - cpu) / times * 1e3, (time.perf_counter() - wall) / times * 1e3


async def main(times: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        await migrate(f"sqlite://{tmp}/cost.sqlite3")
        db = connections.get("default")
        user, company, now = uuid.uuid4(), uuid.uuid4(), utcnow()
        queries = {
            "floor: raw SELECT 1": lambda: db.execute_query("SELECT 1"),
            "raw: the timesheets a punch locks": lambda: db.execute_query(
                "SELECT * FROM timesheets WHERE user_id=? AND company_id=? AND ends_at>?"
                " ORDER BY starts_at",
                [str(user), str(company), now.isoformat()],
            ),
            "Tortoise: the same (sheets_touching)": lambda: sheets_touching(
                user, company, now, None, lock=True
            ),
            "Tortoise: the open shift": lambda: (
                Shift.live().filter(user_id=user, end_time__isnull=True).first()
            ),
        }
        floor = None
        print(f"{'':40}{'CPU ms':>8}{'wall ms':>9}{'× floor CPU':>13}")
        for name, query in queries.items():
            cpu, wall = await per_call(query, times)
            floor = floor or cpu
            print(f"{name:40}{cpu:8.3f}{wall:9.3f}{cpu / floor:13.1f}")
        await close_db()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--times", type=int, default=2000, help="calls of each query (2000)")
    with asyncio.Runner(loop_factory=new_event_loop) as runner:
        runner.run(main(parser.parse_args().times))
