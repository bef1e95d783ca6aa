"""Read a database's schema back, to compare what migrations built with what the models say."""

import sqlite3

import asyncpg


async def describe(db_url: str) -> dict[str, set[tuple]]:
    """{'columns': {(table, column, type, nullable)}, 'indexes': {...}, 'constraints': {...}}."""
    if db_url.startswith("sqlite://"):
        return _describe_sqlite(db_url.removeprefix("sqlite://"))
    return await _describe_postgres(db_url)


def _describe_sqlite(path: str) -> dict[str, set[tuple]]:
    with sqlite3.connect(path) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        columns = {
            (t, c[1], c[2], not c[3], c[5])
            for t in tables
            for c in conn.execute(f'PRAGMA table_info("{t}")')
        }
        indexes = set()
        for t in tables:
            for _, name, unique, origin, partial in conn.execute(f'PRAGMA index_list("{t}")'):
                cols = tuple(r[2] for r in conn.execute(f'PRAGMA index_info("{name}")'))
                # Autoindex names are numbered by creation order; the columns identify them.
                label = name if origin == "c" else origin
                indexes.add((t, label, cols, bool(unique), bool(partial)))
        foreign_keys = {
            (t, fk[3], fk[2], fk[4], fk[6])
            for t in tables
            for fk in conn.execute(f'PRAGMA foreign_key_list("{t}")')
        }
        triggers = {
            (r[0],) for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
    return {
        "columns": columns,
        "indexes": indexes,
        "constraints": foreign_keys,
        "triggers": triggers,
    }


async def _describe_postgres(db_url: str) -> dict[str, set[tuple]]:
    conn = await asyncpg.connect(db_url.replace("postgres://", "postgresql://", 1))
    try:
        columns = {
            tuple(r)
            for r in await conn.fetch(
                # Defaults aside: aerich keeps the DEFAULT it used to fill existing rows.
                "SELECT table_name, column_name, data_type, is_nullable"
                " FROM information_schema.columns WHERE table_schema = 'public'"
            )
        }
        indexes = {
            tuple(r)
            for r in await conn.fetch(
                "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
            )
        }
        constraints = {
            tuple(r)
            for r in await conn.fetch(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
                " FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
            )
        }
        triggers = {
            (r[0],)
            for r in await conn.fetch(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
                " AND tgrelid::regclass::text NOT LIKE 'pg_%'"
            )
        }
    finally:
        await conn.close()
    return {
        "columns": columns,
        "indexes": indexes,
        "constraints": constraints,
        "triggers": triggers,
    }
