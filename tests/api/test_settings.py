"""REST settings: the JWT secret kept in the database when none is given, and the checks on them."""

import asyncio

import aiohttp
import pytest

from bot.config import ConfigError, Settings
from models.keys import JWT_SECRET, Secret, kept_secret
from tests.support.processes import clockbot_command, clockbot_env, free_port

SIGNUP = {
    "username": "rae",
    "email": "rae@example.org",
    "password": "a long enough password",
    "firstName": "Rae",
    "lastName": "Rest",
}


async def _serve(tmp_path, port: int) -> asyncio.subprocess.Process:
    proc = await asyncio.create_subprocess_exec(
        *clockbot_command(),
        "serve",
        cwd=tmp_path,
        env=clockbot_env(PORT=str(port)),  # no Slack, no JWT_SECRET
        stderr=asyncio.subprocess.DEVNULL,
    )
    async with aiohttp.ClientSession() as session:
        for _ in range(200):
            try:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                    if response.status == 200:
                        return proc
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.05)
    proc.terminate()
    raise AssertionError("the server did not come up")


async def _stop(proc: asyncio.subprocess.Process) -> None:
    proc.terminate()
    await proc.wait()


async def test_without_jwt_secret_one_is_made_once_and_survives_a_restart(tmp_path):
    """REST alone, no Slack: a token from before a restart still works after it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = await _serve(tmp_path, port)
    try:
        async with aiohttp.ClientSession() as session:
            async with session.post(f"{url}/auth/signup", json=SIGNUP) as response:
                assert response.status == 201
                token = (await response.json())["accessToken"]
    finally:
        await _stop(proc)
    proc = await _serve(tmp_path, port)
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.get(
                f"{url}/users/me/companies", headers={"Authorization": f"Bearer {token}"}
            ) as response,
        ):
            assert response.status == 200
    finally:
        await _stop(proc)


async def test_kept_secret_is_made_once(db):
    first = await kept_secret(JWT_SECRET)
    assert len(first) >= 64
    assert await kept_secret(JWT_SECRET) == first
    assert await Secret.filter(name=JWT_SECRET).count() == 1


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"JWT_SECRET": "short"}, "JWT_SECRET must be at least 32 bytes"),
        ({"ACCESS_TOKEN_TTL": "0"}, "ACCESS_TOKEN_TTL must be a positive"),
        ({"REFRESH_TOKEN_TTL": "soon"}, "REFRESH_TOKEN_TTL must be a number"),
        ({"CLOCKBOT_HTTPS": "maybe"}, "CLOCKBOT_HTTPS must be true or false"),
    ],
)
def test_bad_rest_settings_are_named(env, message):
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)


def test_rest_settings_from_the_environment():
    settings = Settings.from_env(
        {
            "JWT_SECRET": "s" * 32,
            "ACCESS_TOKEN_TTL": "60",
            "REFRESH_TOKEN_TTL": "3600",
            "CLOCKBOT_HTTPS": "true",
        }
    )
    assert (settings.jwt_secret, settings.access_token_ttl) == ("s" * 32, 60)
    assert (settings.refresh_token_ttl, settings.https) == (3600, True)
    defaults = Settings.from_env({})
    assert (defaults.jwt_secret, defaults.access_token_ttl, defaults.https) == (None, 900, False)
