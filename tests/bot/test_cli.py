"""The command line as the README tells a newcomer to use it."""

import asyncio
import subprocess

import aiohttp
import pytest

from tests.support.databases import fresh_database
from tests.support.processes import clockbot_command, clockbot_env, free_port


def test_help_lists_the_commands():
    result = subprocess.run(
        [*clockbot_command(), "--help"], capture_output=True, text=True, env=clockbot_env()
    )
    assert result.returncode == 0
    for command in ("serve", "migrate", "scheduler", "run-job"):
        assert command in result.stdout


def test_jobs_without_slack_say_what_to_set(tmp_path):
    result = subprocess.run(
        [*clockbot_command(), "run-job", "forgotten-clockouts"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clockbot_env(),
    )
    assert result.returncode == 2
    assert "set SLACK_BOT_TOKEN" in result.stderr and "Traceback" not in result.stderr


def test_a_bad_setting_is_a_message_not_a_traceback(tmp_path):
    result = subprocess.run(
        [*clockbot_command(), "migrate"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clockbot_env(PORT="ninety"),
    )
    assert result.returncode == 2
    assert "PORT must be a number" in result.stderr and "Traceback" not in result.stderr


async def test_serve_from_nothing_migrates_a_new_sqlite_file_and_answers_healthz(tmp_path):
    port = free_port()
    proc = await asyncio.create_subprocess_exec(
        *clockbot_command(),
        "serve",
        cwd=tmp_path,
        env=clockbot_env(PORT=str(port)),
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        body = await _wait_healthy(port)
        assert body == {"status": "ok", "database": "ok", "slack": "off"}
        assert (tmp_path / "clockbot.sqlite3").exists()
    finally:
        proc.terminate()
        _, stderr = await proc.communicate()
    said = stderr.decode()
    assert "Slack is off: set SLACK_BOT_TOKEN" in said
    assert "applied migrations: 0_" in said


async def test_migrate_brings_an_empty_database_up_to_date_once(backend, tmp_path):
    async with fresh_database(backend, tmp_path) as db_url:
        env = clockbot_env(DATABASE_URL=db_url)
        first = await _run(env, "migrate")
        again = await _run(env, "migrate")
    assert first.startswith("applied: 0_")
    assert again == "the database is up to date"


async def _run(env: dict, *args: str) -> str:
    proc = await asyncio.create_subprocess_exec(
        *clockbot_command(), *args, env=env, stdout=asyncio.subprocess.PIPE
    )
    out, _ = await proc.communicate()
    assert proc.returncode == 0
    return out.decode().strip()


async def _wait_healthy(port: int) -> dict:
    async with aiohttp.ClientSession() as session:
        for _ in range(150):
            try:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                    if response.status == 200:
                        return await response.json()
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.1)
    pytest.fail("clockbot serve did not answer /healthz within 15 s")
