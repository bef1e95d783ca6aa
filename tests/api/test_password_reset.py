"""Password reset: the same answer for everyone, a single-use hour-long token, DM'd or logged."""

import asyncio
import logging
import re
from datetime import timedelta

import pytest

from models.accounts import Login
from models.password_resets import PasswordReset
from models.sessions import TokenFamily
from models.timeutil import utcnow
from models.users import User
from tests.support.rest import PASSWORD

NEW_PASSWORD = "a brand new password"
TOKEN_IN_TEXT = re.compile(r"`([A-Za-z0-9_-]{20,})`")
TOKEN_IN_LOG = re.compile(r"single use: ([A-Za-z0-9_-]{20,})")


async def logged_token(caplog, timeout: float = 5.0) -> str:
    """The token the server wrote to its log for the operator."""
    for _ in range(int(timeout / 0.05)):
        for record in caplog.records:
            found = TOKEN_IN_LOG.search(record.getMessage())
            if found:
                return found.group(1)
        await asyncio.sleep(0.05)
    raise AssertionError("no reset token was logged")


async def dm_token(fake_slack, user_id: str) -> str:
    [call] = await fake_slack.wait_for("chat.postMessage")
    assert call.params["channel"] == user_id
    return TOKEN_IN_TEXT.search(call.params["text"]).group(1)


@pytest.fixture
def logs(caplog):
    caplog.set_level(logging.WARNING, logger="bot.api.to_slack")
    return caplog


async def test_the_answer_is_the_same_whether_or_not_the_email_has_an_account(api, world, logs):
    known = await api.call("POST", "/auth/password-reset", {"email": world.ana.email})
    unknown = await api.call("POST", "/auth/password-reset", {"email": "ghost@example.org"})
    assert known.status == unknown.status == 200
    assert known.body == unknown.body
    await logged_token(logs)
    assert await PasswordReset.all().count() == 1


@pytest.mark.parametrize("body", [{}, {"email": "nope"}, {"email": 5}, {"mail": "a@b.c"}])
async def test_a_malformed_request_is_400(api, db, body):
    assert (await api.call("POST", "/auth/password-reset", body)).status == 400


async def test_a_logged_token_sets_the_password_once_and_signs_out_everywhere(api, world, logs):
    await api.call("POST", "/auth/password-reset", {"email": world.ana.email})
    token = await logged_token(logs)
    stored = await PasswordReset.get(user_id=world.ana.id)
    assert token not in stored.token_hash and len(stored.token_hash) == 64  # only a digest is kept
    assert stored.expires_at - stored.created_at <= timedelta(hours=1, seconds=1)

    body = {"token": token, "password": NEW_PASSWORD}
    done = await api.call("POST", "/auth/password-reset/confirm", body)
    assert done.status == 200
    again = await api.call("POST", "/auth/password-reset/confirm", body | {"password": "x" * 12})
    assert again.status == 400 and "already used" in again.message

    assert (await api.call("GET", "/shifts/open", token=world.ana.token)).status == 401
    assert await TokenFamily.filter(user_id=world.ana.id, revoked_at__isnull=True).count() == 0
    old = await api.call("POST", "/auth/login", {"email": world.ana.email, "password": PASSWORD})
    assert old.status == 401
    new = await api.call(
        "POST", "/auth/login", {"email": world.ana.email, "password": NEW_PASSWORD}
    )
    assert new.status == 201


async def test_a_late_token_is_refused_and_changes_nothing(api, world, logs):
    await api.call("POST", "/auth/password-reset", {"email": world.ana.email})
    token = await logged_token(logs)
    await PasswordReset.filter(user_id=world.ana.id).update(
        expires_at=utcnow() - timedelta(seconds=1)
    )
    before = (await Login.get(user_id=world.ana.id)).password_hash
    reply = await api.call(
        "POST", "/auth/password-reset/confirm", {"token": token, "password": NEW_PASSWORD}
    )
    assert reply.status == 400
    assert (await Login.get(user_id=world.ana.id)).password_hash == before
    assert (await api.call("GET", "/shifts/open", token=world.ana.token)).status == 204


async def test_an_unknown_token_or_a_short_password_is_400(api, world):
    unknown = {"token": "A" * 43, "password": NEW_PASSWORD}
    assert (await api.call("POST", "/auth/password-reset/confirm", unknown)).status == 400
    short = {"token": "A" * 43, "password": "short"}
    assert (await api.call("POST", "/auth/password-reset/confirm", short)).status == 400


async def test_a_slack_user_gets_the_token_by_dm_and_with_it_rest_access(api, slack):
    """Made through Slack, no password: a reset is how they get into the REST API."""
    slack.fake.add_user("U0SOL", "Sol Reyes")
    await slack.command("/clockin", "U0SOL", "from slack")
    user = await User.get(slack_user_id="U0SOL")
    assert not await Login.exists(user_id=user.id)
    slack.fake.reset()

    reply = await api.call("POST", "/auth/password-reset", {"email": "SOL@example.org"})
    assert reply.status == 200
    token = await dm_token(slack.fake, "U0SOL")
    done = await api.call(
        "POST", "/auth/password-reset/confirm", {"token": token, "password": NEW_PASSWORD}
    )
    assert done.status == 200
    login = await api.call(
        "POST", "/auth/login", {"email": "sol@example.org", "password": NEW_PASSWORD}
    )
    assert login.status == 201
    assert login.body["user"]["id"] == str(user.id)
    open_shift = await api.call("GET", "/shifts/open", token=login.body["accessToken"])
    assert open_shift.status == 200 and open_shift.body["notes"] == "from slack"


async def test_a_failed_dm_falls_back_to_the_log(api, slack, logs):
    slack.fake.add_user("U0SOL", "Sol Reyes")
    await slack.command("/clockin", "U0SOL")
    slack.fake.reset()
    slack.fake.fail("chat.postMessage", "500", times=5)
    await api.call("POST", "/auth/password-reset", {"email": "sol@example.org"})
    assert await logged_token(logs, timeout=15)


async def test_tokens_waiting_are_capped_so_nobody_floods_a_users_dms(api, world, logs):
    body = {"email": world.ana.email}
    replies = await asyncio.gather(
        *(api.call("POST", "/auth/password-reset", body) for _ in range(8))
    )
    assert {r.status for r in replies} == {200}
    for _ in range(100):  # the tokens are made after the answers, in the background
        if sum("single use" in r.getMessage() for r in logs.records) >= 3:
            break
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.3)
    assert await PasswordReset.all().count() == 3
