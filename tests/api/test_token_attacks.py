"""Forged, stale and misused tokens: each is 401 with the spec's body, and nothing changes."""

import base64
import json
import time

import jwt
import pytest

from bot.api.tokens import ACCESS, REFRESH
from models.shifts import Shift

UNAUTHORIZED = {"message": "Unauthorized API access"}


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def claims_of(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def forged(kind: str, person, keys) -> str:
    """A token for `person` made the way an attacker would try."""
    good = claims_of(person.token)
    now = int(time.time())
    match kind:
        case "alg none":
            return f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(good)}."
        case "alg None, signed":
            return f"{b64({'alg': 'None', 'typ': 'JWT'})}.{b64(good)}.{person.token.split('.')[2]}"
        case "expired":
            stale = good | {"iat": now - 7200, "exp": now - 3600}
            return jwt.encode(stale, keys.secret, algorithm="HS256")
        case "refresh as access":
            return person.refresh
        case "tampered signature":
            head, body, sig = person.token.split(".")
            flipped = ("A" if sig[0] != "A" else "B") + sig[1:]
            return f"{head}.{body}.{flipped}"
        case "tampered claims":
            head, _, sig = person.token.split(".")
            return f"{head}.{b64(good | {'exp': now + 10**8})}.{sig}"
        case "other secret":
            return jwt.encode(good, "x" * 64, algorithm="HS256")
        case "HS512 with our secret":
            return jwt.encode(good, keys.secret, algorithm="HS512")
        case "no type":
            return jwt.encode({k: v for k, v in good.items() if k != "typ"}, keys.secret, "HS256")
        case "no expiry":
            return jwt.encode({k: v for k, v in good.items() if k != "exp"}, keys.secret, "HS256")
        case "garbage":
            return "not.a.token"
    raise AssertionError(kind)


KINDS = [
    "alg none",
    "alg None, signed",
    "expired",
    "refresh as access",
    "tampered signature",
    "tampered claims",
    "other secret",
    "HS512 with our secret",
    "no type",
    "no expiry",
    "garbage",
]


@pytest.mark.parametrize("kind", KINDS)
async def test_a_bad_access_token_is_refused_and_writes_nothing(api, world, keys, kind):
    token = forged(kind, world.ana, keys)
    for method, path, body in [
        ("POST", "/shifts", {}),
        ("GET", "/shifts", None),
        ("GET", "/companies", None),
    ]:
        reply = await api.call(method, path, body, token=token)
        assert (reply.status, reply.body) == (401, UNAUTHORIZED), (method, path)
    cookie = await api.call("POST", "/shifts", {}, cookies={"accessToken": token})
    assert cookie.status == 401
    assert await Shift.all().count() == 0


async def test_the_genuine_token_works_so_the_refusals_above_mean_something(api, world):
    assert claims_of(world.ana.token)["typ"] == ACCESS
    reply = await api.call("POST", "/shifts", {}, token=world.ana.token)
    assert reply.status == 201


@pytest.mark.parametrize("kind", ["access as refresh", "alg none", "expired", "tampered"])
async def test_a_bad_refresh_token_is_refused(api, world, keys, kind):
    good = claims_of(world.ana.refresh)
    assert good["typ"] == REFRESH
    token = {
        "access as refresh": world.ana.token,
        "alg none": f"{b64({'alg': 'none'})}.{b64(good)}.",
        "expired": jwt.encode(good | {"exp": int(time.time()) - 1}, keys.secret, "HS256"),
        "tampered": world.ana.refresh[:-2]
        + ("AA" if not world.ana.refresh.endswith("AA") else "BB"),
    }[kind]
    reply = await api.call("POST", "/auth/refresh", {"refreshToken": token})
    assert reply.status == 401
    # A forged token can't spend the real one: it still works afterwards.
    assert (
        await api.call("POST", "/auth/refresh", {"refreshToken": world.ana.refresh})
    ).status == 201
