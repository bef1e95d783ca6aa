"""The schema that the migrations build is the schema the models describe, on both databases."""

import asyncio
import sys

from tests.support.databases import fresh_database
from tests.support.processes import clockbot_command, clockbot_env
from tests.support.schema import describe

# What the models cannot say and hand-written migrations add. Tortoise makes no triggers, so
# every trigger is hand-written; these are the indexes and constraints.
HAND_WRITTEN = {
    "postgres": {
        "shift_one_open_per_user",
        "shift_no_overlap",
        "shift_end_not_before_start",
        "note_one_active_report",
        "pto_one_per_day",
        "note_one_active_plan_report",
    },
    "sqlite": {
        "shift_one_open_per_user",
        "note_one_active_report",
        "pto_one_per_day",
        "note_one_active_plan_report",
    },
}
TRIGGERS = {
    "postgres": {
        "shift_week_lock",
        "entry_times_week_lock",
        "audit_log_append_only",
        "pto_week_lock",
        "schedule_week_lock",
    },
    "sqlite": {
        "shift_no_overlap_insert",
        "shift_no_overlap_update",
        "shift_end_not_before_start_insert",
        "shift_end_not_before_start_update",
        "shift_week_locked_insert",
        "shift_week_locked_update",
        "shift_week_locked_delete",
        "audit_log_no_update",
        "audit_log_no_delete",
        "pto_week_locked_insert",
        "pto_week_locked_update",
        "pto_week_locked_delete",
        "schedule_week_locked_insert",
        "schedule_week_locked_update",
        "schedule_week_locked_delete",
    },
}
GENERATE = """
import asyncio, sys
from tortoise import Tortoise
from models import tortoise_config
async def main():
    await Tortoise.init(config=tortoise_config(sys.argv[1]))
    await Tortoise.generate_schemas()
    await Tortoise.close_connections()
asyncio.run(main())
"""


async def _run(*command: str, env: dict) -> None:
    proc = await asyncio.create_subprocess_exec(*command, env=env)
    assert await proc.wait() == 0


def _without(names: set[str], schema: dict[str, set[tuple]]) -> dict[str, set[tuple]]:
    return {
        kind: {row for row in rows if not names.intersection(map(str, row))}
        for kind, rows in schema.items()
    }


async def test_migrated_schema_matches_the_models(backend, tmp_path):
    async with (
        fresh_database(backend, tmp_path) as migrated,
        fresh_database(backend, tmp_path) as generated,
    ):
        await _run(*clockbot_command(), "migrate", env=clockbot_env(DATABASE_URL=migrated))
        await _run(sys.executable, "-c", GENERATE, generated, env=clockbot_env())
        by_migrations = await describe(migrated)
        by_models = await describe(generated)

    names = {str(part) for rows in by_migrations.values() for row in rows for part in row}
    assert HAND_WRITTEN[backend] <= names
    assert TRIGGERS[backend] <= {name for (name,) in by_migrations.pop("triggers")}
    assert by_models.pop("triggers") == set()
    assert _without(HAND_WRITTEN[backend], by_migrations) == by_models
