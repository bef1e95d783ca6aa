"""One runner per (job, company) at a time, however many processes fire the job.

PostgreSQL (several `serve` replicas, `clockbot scheduler`, an operator's `run-job`): a
session-level advisory lock per (job, company), taken with pg_try_advisory_lock on one
dedicated connection held for the whole run. Whoever gets it runs; the others skip that company,
since the holder is doing the same work right now. If the holder dies, PostgreSQL drops its
connection and with it the lock.

SQLite: ONE PROCESS IS ASSUMED (the README says so: one `serve`, or `serve --no-scheduler` plus
one `clockbot scheduler`). The locks are kept in this process only, which orders the scheduler's
own fires; a second process running jobs against the same SQLite file is not guarded against
(the ledger's unique key still stops it from sending a reminder the first one has claimed, but
a claim it takes over from a live run may be sent twice).

The ledger relies on this lock: holding (job, company) proves that no other run of the job is
sending that company's reminders, so a `claimed` row found then was left by a run that died.
"""

import hashlib
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from uuid import UUID

from tortoise import connections

_held_here: set[int] = set()


def lock_key(job: str, company_id: UUID) -> int:
    """A stable signed 64-bit key for pg advisory locks."""
    digest = hashlib.blake2b(f"clockbot-job:{job}:{company_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@asynccontextmanager
async def company_locks(job: str, company_ids: Iterable[UUID]) -> AsyncIterator[list[UUID]]:
    """Take the (job, company) locks that are free; yields the companies this run may do."""
    keys = {lock_key(job, cid): cid for cid in company_ids}
    client = connections.get("default")
    if dialect_of(client) != "postgres":
        mine = [k for k in keys if k not in _held_here]
        _held_here.update(mine)  # no await since the check: atomic within the event loop
        try:
            yield [keys[k] for k in mine]
        finally:
            _held_here.difference_update(mine)
        return
    async with client.acquire_connection() as conn:
        rows = await conn.fetch(
            "SELECT k, pg_try_advisory_lock(k) AS got FROM unnest($1::bigint[]) AS k", list(keys)
        )
        mine = [r["k"] for r in rows if r["got"]]
        try:
            yield [keys[k] for k in mine]
        finally:
            await conn.execute("SELECT pg_advisory_unlock(k) FROM unnest($1::bigint[]) AS k", mine)


def dialect_of(client) -> str:
    return "postgres" if client.capabilities.dialect == "postgres" else "sqlite"
