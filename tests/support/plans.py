"""The SQL statements a piece of work sends, as sent, and how the database would run them.

Statements are read from Tortoise's debug log (`tortoise.db_client`) with `jobs.querylog`'s
`listening`, as it counts them. A plan comes from EXPLAIN QUERY PLAN on SQLite and EXPLAIN on
PostgreSQL; a test database holds a few rows, which PostgreSQL would rather read whole, so
sequential scans are switched off for it: a sequential scan then means that no index can serve
the statement.
"""

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

from tortoise import connections
from tortoise.transactions import in_transaction

from jobs.querylog import listening

# Tables with a row per shift, week, note, plan, leave day, reminder or change: reading one
# whole costs more every week. (Users, companies, memberships and settings grow with the team.)
HISTORY = {
    "shifts",
    "notes",
    "timesheets",
    "entry_times",
    "schedule_entries",
    "pto_entries",
    "reminders",
    "audit_log",
    "decision_messages",
    "shift_flags",
}
# Partial indexes that hold at most a row a person, however long the history: the open shifts.
BOUNDED = {"shift_one_open_per_user"}


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.sent: list[tuple[str, list]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg == "%s: %s" and record.args:  # a statement and its values
            self.sent.append((str(record.args[0]), list(record.args[1] or [])))


@contextmanager
def statements() -> Iterator[list[tuple[str, list]]]:
    """The (statement, values) this process sends while in the block, in order."""
    recorder = _Recorder()
    with listening(recorder):
        yield recorder.sent


async def plan(sql: str, values: list) -> list[str]:
    """The lines of the plan of one statement."""
    db = connections.get("default")
    if db.capabilities.dialect == "sqlite":
        return [
            row["detail"]
            for row in await db.execute_query_dict(f"EXPLAIN QUERY PLAN {sql}", values)
        ]
    async with in_transaction() as tx:
        await tx.execute_script("SET LOCAL enable_seqscan = off")
        rows = await tx.execute_query_dict(f"EXPLAIN {sql}", values)
    return [row["QUERY PLAN"] for row in rows]


async def leading_columns(table: str) -> dict[str, str]:
    """{index name: its first column} of `table` (on SQLite, its `sqlite_autoindex_…` too)."""
    db = connections.get("default")
    if db.capabilities.dialect == "sqlite":
        names = [r["name"] for r in await db.execute_query_dict(f'PRAGMA index_list("{table}")')]
        out = {}
        for name in names:
            columns = await db.execute_query_dict(f'PRAGMA index_info("{name}")')
            out[name] = next(c["name"] for c in columns if c["seqno"] == 0)
        return out
    rows = await db.execute_query_dict(
        "SELECT i.indexrelid::regclass::text AS name, a.attname AS first FROM pg_index i"
        " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
        " WHERE i.indrelid = $1::regclass",
        [table],
    )
    return {r["name"].strip('"'): r["first"] for r in rows}


def tables_in(sql: str) -> dict[str, set[str]]:
    """{table: the names it goes by in the statement (itself, and its aliases in joins)}."""
    found: dict[str, set[str]] = {}
    for table, alias in re.findall(r'(?:FROM|JOIN) "(\w+)"(?: "(\w+)")?', sql):
        found.setdefault(table, {table}).update({alias} if alias else set())
    return found


def full_scans(lines: list[str], table: str, names: set[str]) -> list[str]:
    """The steps of a plan that read `table` (known in it by `names`) whole.

    SQLite keeps no statistics, so it plans a few rows as it plans many: a step that scans the
    table or one of its indexes (but a `BOUNDED` one) is one. PostgreSQL's plan for a few rows
    says little about its plan for many, so there a step is one only when no index can serve
    the statement: a sequential scan, though they are switched off. (Which index serves it is
    what SQLite's plans show: both databases have the indexes the models declare.)"""
    found = []
    for line in lines:
        step = line.strip().removeprefix("->").strip()
        if any(re.match(rf"SCAN {name}\b", step) for name in names):
            if not any(f"INDEX {index}" in step for index in BOUNDED):
                found.append(step)
        elif re.match(rf"(?:Parallel )?Seq Scan on {table}\b", step):
            found.append(step)
    return found


def search_columns(
    lines: list[str], table: str, names: set[str], leading: dict[str, str]
) -> set[str]:
    """The first columns of the indexes through which a plan searches `table`."""
    found = set()
    for line in lines:
        step = line.strip().removeprefix("->").strip()
        for name in names:
            if used := re.match(rf"SEARCH {name} USING (?:COVERING )?INDEX (\S+)", step):
                found.add(leading.get(used.group(1)))
        used = re.match(
            rf"(?:Index Scan|Index Only Scan)(?: Backward)? using (\S+) on {table}\b", step
        ) or re.match(r"Bitmap Index Scan on (\S+)", step)
        if used and used.group(1) in leading:
            found.add(leading[used.group(1)])
    return found


async def history_read_whole(sent: list[tuple[str, list]]) -> dict[str, list[str]]:
    """{statement: its steps that read a table of `HISTORY` whole} of statements as sent."""
    found: dict[str, list[str]] = {}
    for sql, values in sent:
        if not sql.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE")):
            continue  # an insert reads nothing (its triggers' reads are not in its plan)
        steps = await plan(sql, values)
        for table, names in tables_in(sql).items():
            if table in HISTORY:
                whole = full_scans(steps, table, names)
                if whole:
                    found.setdefault(sql, []).extend(whole)
    return found
