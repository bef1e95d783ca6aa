"""The auth router over HTTP: sign-up, log-in and its throttle, refresh rotation, log-out."""

import asyncio
from datetime import timedelta

import pytest
from aiohttp import web

from bot.api.auth import set_token_cookies
from bot.api.tokens import ACCESS, TokenKeys, issue
from models import sessions
from models.accounts import Login, LoginThrottle, lock_length
from models.sessions import TokenFamily
from models.shifts import Shift
from models.timeutil import utcnow
from models.users import User
from tests.support.rest import PASSWORD

SIGNUP = {
    "username": "cleo",
    "email": "Cleo@Example.org",
    "password": "a long enough password",
    "firstName": "Cleo",
    "lastName": "Costa",
}


async def test_signup_signs_in_with_tokens_in_body_and_cookies(api, db):
    reply = await api.call("POST", "/auth/signup", SIGNUP)
    assert reply.status == 201
    body = reply.body
    assert body["tokenType"] == "Bearer" and body["expiresIn"] == db.settings.access_token_ttl
    assert body["user"]["email"] == "cleo@example.org" and body["user"]["name"] == "Cleo Costa"
    access, refresh = reply.cookie("accessToken"), reply.cookie("refreshToken")
    assert access and body["accessToken"] in access and "HttpOnly" in access
    assert refresh and body["refreshToken"] in refresh and "Path=/auth" in refresh
    me = await api.call("GET", "/users/me/companies", token=body["accessToken"])
    assert me.status == 200 and me.body["UserID"] == body["user"]["id"]
    login = await Login.get(email="cleo@example.org")
    assert login.password_hash.startswith("$argon2id$")
    assert SIGNUP["password"] not in login.password_hash


def test_cookies_are_httponly_lax_and_secure_only_over_https():
    keys = TokenKeys("k" * 40, 900, 3600)
    for secure in (False, True):
        response = web.Response()
        set_token_cookies(response, "A", "R", keys, secure=secure)
        access, refresh = response.cookies["accessToken"], response.cookies["refreshToken"]
        for cookie in (access, refresh):
            assert cookie["httponly"] is True and cookie["samesite"] == "Lax"
            assert bool(cookie["secure"]) is secure
        assert (access["path"], refresh["path"]) == ("/", "/auth")
        assert (access["max-age"], refresh["max-age"]) == ("900", "3600")


async def test_signup_with_a_taken_email_is_409_even_for_a_slack_account(api, db):
    slack_user = await User.create(
        name="Cleo in Slack",
        email="CLEO@example.org",
        timezone="UTC",
        slack_team_id="T1",
        slack_user_id="U1",
    )
    reply = await api.call("POST", "/auth/signup", SIGNUP)
    assert reply.status == 409
    assert reply.message == "An account with this email already exists"
    assert await Login.all().count() == 0  # the Slack account was not taken over
    assert await User.all().count() == 1
    assert (await User.get(id=slack_user.id)).name == "Cleo in Slack"


async def test_signup_with_a_taken_username_is_409(api, db):
    assert (await api.call("POST", "/auth/signup", SIGNUP)).status == 201
    other = SIGNUP | {"email": "someone@example.org", "username": "CLEO"}
    reply = await api.call("POST", "/auth/signup", other)
    assert reply.status == 409 and reply.message == "This username is taken"
    assert await User.all().count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"password": "short"},
        {"email": "not-an-email"},
        {"username": "has spaces"},
        {"firstName": "   "},
        {"firstName": None},
        {"extra": "field"},
    ],
)
async def test_malformed_signup_is_400_and_makes_nobody(api, db, change):
    body = SIGNUP | change
    reply = await api.call("POST", "/auth/signup", body)
    assert reply.status == 400 and reply.message
    assert await User.all().count() == 0


async def test_missing_signup_field_is_400(api, db):
    body = {k: v for k, v in SIGNUP.items() if k != "lastName"}
    reply = await api.call("POST", "/auth/signup", body)
    assert (reply.status, reply.message) == (400, "Missing field: lastName")


async def test_login_gives_tokens_that_work(api, world):
    reply = await api.call(
        "POST", "/auth/login", {"email": "ANA@example.org", "password": PASSWORD}
    )
    assert reply.status == 201
    token = reply.body["accessToken"]
    assert (await api.call("GET", "/shifts", token=token)).status == 204
    assert reply.body["user"]["id"] == world.ana.id


@pytest.mark.parametrize("email", ["ana@example.org", "nobody@example.org"])
async def test_wrong_credentials_are_401_alike(api, world, email):
    reply = await api.call("POST", "/auth/login", {"email": email, "password": "wrong password"})
    assert (reply.status, reply.message) == (401, "Wrong email or password")
    assert "Set-Cookie" not in reply.headers


@pytest.mark.parametrize(
    "body", [{"email": "ana@example.org"}, {"email": 1, "password": "x"}, {"password": "x"}]
)
async def test_malformed_login_is_400(api, world, body):
    assert (await api.call("POST", "/auth/login", body)).status == 400


async def test_six_wrong_passwords_lock_the_account_with_a_growing_retry_after(api, world):
    wrong = {"email": world.ana.email, "password": "not the password"}
    statuses = [(await api.call("POST", "/auth/login", wrong)).status for _ in range(5)]
    assert statuses == [401] * 5
    sixth = await api.call("POST", "/auth/login", wrong)
    assert sixth.status == 429
    first_wait = int(sixth.headers["Retry-After"])
    assert 0 < first_wait <= 30
    right = await api.call("POST", "/auth/login", {**wrong, "password": PASSWORD})
    assert right.status == 429  # even the right password waits: that is the point
    assert await TokenFamily.filter(user_id=world.ana.id).count() == 1  # only the fixture's

    # The lock runs out (we skip the wait), and the next failure locks for longer.
    await LoginThrottle.filter(email=world.ana.email).update(locked_until=utcnow())
    assert (await api.call("POST", "/auth/login", wrong)).status == 401
    locked = await api.call("POST", "/auth/login", wrong)
    assert locked.status == 429 and int(locked.headers["Retry-After"]) > first_wait

    # After the lock, the right password works and the count starts over.
    await LoginThrottle.filter(email=world.ana.email).update(locked_until=utcnow())
    assert (await api.call("POST", "/auth/login", {**wrong, "password": PASSWORD})).status == 201
    assert not await LoginThrottle.exists(email=world.ana.email)


async def test_emails_without_an_account_are_throttled_the_same(api, world):
    wrong = {"email": "ghost@example.org", "password": "whatever it is"}
    statuses = [(await api.call("POST", "/auth/login", wrong)).status for _ in range(6)]
    assert statuses == [401] * 5 + [429]


@pytest.mark.parametrize("email", ["ana", "ghost@example.org"])
async def test_parallel_wrong_passwords_get_no_more_guesses_than_sequential_ones(api, world, email):
    """Each attempt is counted before its password is checked: however many arrive at once,
    at most five are checked, and the others wait out the lock."""
    wrong = {"email": world.ana.email if email == "ana" else email, "password": "a guess"}
    replies = await asyncio.gather(*(api.call("POST", "/auth/login", wrong) for _ in range(30)))
    statuses = sorted(reply.status for reply in replies)
    assert statuses.count(401) <= 5 and set(statuses) <= {401, 429}, statuses
    assert all(0 < int(r.headers["Retry-After"]) <= 30 for r in replies if r.status == 429)
    right = await api.call("POST", "/auth/login", {**wrong, "password": PASSWORD})
    assert right.status == 429


async def test_refresh_rotates_and_a_reused_refresh_token_revokes_the_login(api, world):
    ana = world.ana
    first = await api.call("POST", "/auth/refresh", {"refreshToken": ana.refresh})
    assert first.status == 201
    new_access, new_refresh = first.body["accessToken"], first.body["refreshToken"]
    assert new_refresh != ana.refresh
    assert (await api.call("GET", "/shifts/open", token=new_access)).status == 204

    reused = await api.call("POST", "/auth/refresh", {"refreshToken": ana.refresh})
    assert reused.status == 401
    # The whole login is gone: the tokens the rotation gave are dead too.
    assert (await api.call("POST", "/auth/refresh", {"refreshToken": new_refresh})).status == 401
    assert (await api.call("GET", "/shifts/open", token=new_access)).status == 401
    family = await TokenFamily.get(user_id=ana.id)
    assert family.revoked_reason == "reuse"
    # Other people's logins are untouched.
    assert (await api.call("GET", "/shifts/open", token=world.abe.token)).status == 204


async def test_refresh_from_the_cookie(api, world):
    reply = await api.call("POST", "/auth/refresh", cookies={"refreshToken": world.ana.refresh})
    assert reply.status == 201
    assert reply.body["refreshToken"] in (reply.cookie("refreshToken") or "")


async def test_simultaneous_refreshes_with_one_token_cannot_both_win(api, world):
    replies = await asyncio.gather(
        *(api.call("POST", "/auth/refresh", {"refreshToken": world.ana.refresh}) for _ in range(8))
    )
    assert sorted(r.status for r in replies).count(201) <= 1
    assert any(r.status == 401 for r in replies)
    # Someone presented a spent token, so the login is revoked: nobody keeps a working token.
    assert (await TokenFamily.get(user_id=world.ana.id)).revoked_at is not None


async def test_refresh_without_a_token_is_401(api, world):
    assert (await api.call("POST", "/auth/refresh")).status == 401
    assert (await api.call("POST", "/auth/refresh", {"refreshToken": "junk"})).status == 401


async def test_logout_revokes_the_login(api, world):
    ana = world.ana
    reply = await api.call("POST", "/auth/logout", token=ana.token)
    assert reply.status == 204
    assert "Max-Age=0" in (reply.cookie("accessToken") or "")
    assert "Max-Age=0" in (reply.cookie("refreshToken") or "")
    assert (await api.call("GET", "/shifts/open", token=ana.token)).status == 401
    assert (await api.call("POST", "/auth/refresh", {"refreshToken": ana.refresh})).status == 401
    assert (await TokenFamily.get(user_id=ana.id)).revoked_reason == "logout"


async def test_logout_with_the_refresh_cookie(api, world):
    reply = await api.call("POST", "/auth/logout", cookies={"refreshToken": world.abe.refresh})
    assert reply.status == 204
    assert (await api.call("GET", "/shifts/open", token=world.abe.token)).status == 401


async def test_logout_with_nothing_is_still_204(api, world):
    assert (await api.call("POST", "/auth/logout")).status == 204
    assert (await api.call("POST", "/auth/logout", {"refreshToken": "junk"})).status == 204
    assert await TokenFamily.filter(revoked_at__isnull=False).count() == 0


async def test_access_tokens_expire(api, world, keys):
    short = TokenKeys(keys.secret, access_ttl=-1, refresh_ttl=keys.refresh_ttl)
    family = await sessions.start(world.ana.user)
    token = issue(short, ACCESS, world.ana.user.id, family.id)
    reply = await api.call("POST", "/shifts", {}, token=token)
    assert reply.status == 401
    assert await Shift.all().count() == 0


def test_lock_lengths_grow_and_stop_at_an_hour():
    lengths = [lock_length(n) for n in range(5, 20)]
    assert lengths[0] == timedelta(seconds=30)
    assert lengths == sorted(lengths)
    assert lengths[-1] == timedelta(hours=1)


async def test_simultaneous_signups_with_one_email_make_one_account(api, db):
    bodies = [SIGNUP | {"username": f"cleo{i}"} for i in range(6)]
    replies = await asyncio.gather(*(api.call("POST", "/auth/signup", b) for b in bodies))
    assert sorted(r.status for r in replies) == [201] + [409] * 5
    assert await User.all().count() == 1 and await Login.all().count() == 1
