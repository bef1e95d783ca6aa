"""The auth router (Breaktime's, with the statuses of SCHEMAS.md), and who is asking.

Tokens travel both as HttpOnly cookies (`accessToken`, `refreshToken`) and in the JSON body;
requests may authenticate with `Authorization: Bearer <access token>` or the `accessToken` cookie.
"""

import re
from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

from aiohttp import web

from bot.api import inputs, to_slack
from bot.api.background import spawn
from bot.api.errors import BadRequest, Conflict, TooManyRequests, Unauthorized
from bot.api.spec import PUBLIC, errors, json_body, json_response, no_content, ref
from bot.api.tokens import ACCESS, REFRESH, Claims, TokenKeys, decode, issue
from bot.appkeys import SETTINGS
from models import accounts, password_resets, sessions
from models.access import Actor, actor_for_session
from models.accounts import EMAIL_PATTERN, PASSWORD_MAX, PASSWORD_MIN, USERNAME_PATTERN
from models.keys import JWT_SECRET, kept_secret
from models.users import User

routes = web.RouteTableDef()
KEYS = web.AppKey("token_keys", TokenKeys)
ACCESS_COOKIE = "accessToken"
REFRESH_COOKIE = "refreshToken"
REFRESH_COOKIE_PATH = "/auth"  # the refresh token is only ever needed here
NAME_MAX = 100


async def token_keys(app: web.Application) -> AsyncIterator[None]:
    """After the database opens: JWT_SECRET, else the secret generated once and kept there."""
    settings = app[SETTINGS]
    secret = settings.jwt_secret or await kept_secret(JWT_SECRET)
    app[KEYS] = TokenKeys(secret, settings.access_token_ttl, settings.refresh_token_ttl)
    yield


# --- who is asking -------------------------------------------------------------------------


def presented_access_token(request: web.Request) -> str | None:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.cookies.get(ACCESS_COOKIE) or None


async def current_actor(request: web.Request) -> Actor:
    """The signed-in user and their roles, or 401. Every protected handler starts here."""
    token = presented_access_token(request)
    if not token:
        raise Unauthorized()
    claims = decode(request.app[KEYS], token, ACCESS)
    actor = await actor_for_session(claims.family_id)
    if actor is None or actor.id != claims.user_id:
        raise Unauthorized()
    return actor


# --- issuing tokens ------------------------------------------------------------------------


async def _user_json(user: User) -> dict[str, Any]:
    username = await accounts.Login.filter(user_id=user.id).values_list("username", flat=True)
    return {
        "id": str(user.id),
        "email": user.email,
        "username": username[0] if username else None,
        "name": user.name,
    }


async def _token_response(
    request: web.Request, user: User, family: sessions.TokenFamily, status: int = 201
) -> web.Response:
    keys, settings = request.app[KEYS], request.app[SETTINGS]
    access = issue(keys, ACCESS, user.id, family.id)
    refresh = issue(keys, REFRESH, user.id, family.id, family.current_jti)
    response = web.json_response(
        {
            "accessToken": access,
            "refreshToken": refresh,
            "tokenType": "Bearer",
            "expiresIn": keys.access_ttl,
            "user": await _user_json(user),
        },
        status=status,
    )
    set_token_cookies(response, access, refresh, keys, secure=settings.https)
    return response


def set_token_cookies(
    response: web.Response, access: str, refresh: str, keys: TokenKeys, *, secure: bool
) -> None:
    # HttpOnly: page scripts can't read them; Lax: other sites' forms and fetches don't carry them.
    common = {"httponly": True, "samesite": "Lax", "secure": secure}
    response.set_cookie(ACCESS_COOKIE, access, max_age=keys.access_ttl, path="/", **common)
    response.set_cookie(
        REFRESH_COOKIE, refresh, max_age=keys.refresh_ttl, path=REFRESH_COOKIE_PATH, **common
    )


def _string(body: dict, name: str, *, max_length: int, pattern: str | None = None) -> str:
    value = inputs.text(body[name], name, max_length=max_length)
    if pattern and not re.fullmatch(pattern, value):
        raise BadRequest(f"{name} is not valid")
    return value


def _password(body: dict, name: str = "password") -> str:
    value = inputs.text(body[name], name, max_length=PASSWORD_MAX)
    if len(value) < PASSWORD_MIN:
        raise BadRequest(f"{name} must have at least {PASSWORD_MIN} characters")
    return value


def _name(body: dict, name: str) -> str:
    value = _string(body, name, max_length=NAME_MAX).strip()
    if not value:
        raise BadRequest(f"{name} must not be empty")
    return value


# --- the routes ----------------------------------------------------------------------------

SIGNUP_FIELDS = frozenset({"username", "email", "password", "firstName", "lastName"})


@routes.post("/auth/signup", name="api.auth.signup")
async def signup(request: web.Request) -> web.Response:
    body = await inputs.json_object(request, allowed=SIGNUP_FIELDS, required=SIGNUP_FIELDS)
    username = _string(body, "username", max_length=64, pattern=USERNAME_PATTERN)
    email = _string(body, "email", max_length=254, pattern=EMAIL_PATTERN)
    password = _password(body)
    name = f"{_name(body, 'firstName')} {_name(body, 'lastName')}"
    try:
        user = await accounts.sign_up(
            username=username,
            email=email,
            password=password,
            name=name,
            timezone=request.app[SETTINGS].default_timezone,
        )
    except accounts.EmailTaken:
        raise Conflict("An account with this email already exists") from None
    except accounts.UsernameTaken:
        raise Conflict("This username is taken") from None
    return await _token_response(request, user, await sessions.start(user))


LOGIN_FIELDS = frozenset({"email", "password"})


@routes.post("/auth/login", name="api.auth.login")
async def login(request: web.Request) -> web.Response:
    body = await inputs.json_object(request, allowed=LOGIN_FIELDS, required=LOGIN_FIELDS)
    email = _string(body, "email", max_length=254)
    password = inputs.text(body["password"], "password", max_length=PASSWORD_MAX)
    try:
        user = await accounts.log_in(email, password)
    except accounts.LoginLocked as locked:
        raise TooManyRequests(
            "Too many failed logins for this account. Try again later.", locked.retry_after
        ) from None
    except accounts.BadCredentials:
        raise Unauthorized("Wrong email or password") from None
    return await _token_response(request, user, await sessions.start(user))


REFRESH_FIELDS = frozenset({"refreshToken"})


def _presented_refresh_token(request: web.Request, body: dict) -> str | None:
    if "refreshToken" in body:
        return inputs.text(body["refreshToken"], "refreshToken", max_length=4096) or None
    return request.cookies.get(REFRESH_COOKIE) or None


@routes.post("/auth/refresh", name="api.auth.refresh")
async def refresh(request: web.Request) -> web.Response:
    body = await inputs.json_object(request, allowed=REFRESH_FIELDS, body_optional=True)
    token = _presented_refresh_token(request, body)
    if not token:
        raise Unauthorized()
    claims = decode(request.app[KEYS], token, REFRESH)
    try:
        family, user = await sessions.rotate(claims.family_id, claims.jti)
    except sessions.SessionError:
        raise Unauthorized() from None
    if user.id != claims.user_id:
        raise Unauthorized()
    return await _token_response(request, user, family)


@routes.post("/auth/logout", name="api.auth.logout")
async def logout(request: web.Request) -> web.Response:
    """Ends the sign-in the presented tokens belong to; always 204, signed in or not."""
    body = await inputs.json_object(request, allowed=REFRESH_FIELDS, body_optional=True)
    keys = request.app[KEYS]
    families: set[UUID] = set()
    for token, typ in (
        (_presented_refresh_token(request, body), REFRESH),
        (presented_access_token(request), ACCESS),
    ):
        if token:
            try:
                claims: Claims = decode(keys, token, typ)
            except Unauthorized:
                continue
            families.add(claims.family_id)
    for family_id in families:
        await sessions.revoke(family_id, "logout")
    response = web.Response(status=204)
    response.del_cookie(ACCESS_COOKIE, path="/")
    response.del_cookie(REFRESH_COOKIE, path=REFRESH_COOKIE_PATH)
    return response


RESET_REQUESTED = (
    "If an account has this email, a reset token is on its way: "
    "as a Slack message when the account uses Slack, otherwise from your operator."
)


@routes.post("/auth/password-reset", name="api.auth.password_reset")
async def password_reset(request: web.Request) -> web.Response:
    body = await inputs.json_object(request, allowed=frozenset({"email"}), required={"email"})
    email = _string(body, "email", max_length=254, pattern=EMAIL_PATTERN)
    # The answer leaves before the lookup: it can't tell, even by its timing, who has an account.
    spawn(request.app, _send_reset(request.app, email))
    return web.json_response({"message": RESET_REQUESTED})


async def _send_reset(app: web.Application, email: str) -> None:
    found = await password_resets.request_reset(email)
    if found:
        to_slack.deliver_reset_token(app, *found)


CONFIRM_FIELDS = frozenset({"token", "password"})


@routes.post("/auth/password-reset/confirm", name="api.auth.password_reset_confirm")
async def password_reset_confirm(request: web.Request) -> web.Response:
    body = await inputs.json_object(request, allowed=CONFIRM_FIELDS, required=CONFIRM_FIELDS)
    token = _string(body, "token", max_length=256)
    password = _password(body)
    try:
        await password_resets.confirm_reset(token, password)
    except password_resets.ResetTokenInvalid:
        raise BadRequest("This reset token is invalid, already used, or expired") from None
    return web.json_response({"message": "Password changed. Sign in with the new password."})


# --- OpenAPI -------------------------------------------------------------------------------

_TOKENS_SET = {
    "Set-Cookie": {
        "description": "`accessToken` (path /) and `refreshToken` (path /auth): HttpOnly, "
        "SameSite=Lax, Secure when CLOCKBOT_HTTPS is on",
        "schema": {"type": "string"},
    }
}
_TAG = ["auth"]

SCHEMAS = {
    "SignupRequest": {
        "type": "object",
        "additionalProperties": False,
        "required": sorted(SIGNUP_FIELDS),
        "properties": {
            "username": {"type": "string", "pattern": USERNAME_PATTERN, "maxLength": 64},
            "email": {"type": "string", "pattern": EMAIL_PATTERN, "maxLength": 254},
            "password": {"type": "string", "minLength": PASSWORD_MIN, "maxLength": PASSWORD_MAX},
            "firstName": {"type": "string", "minLength": 1, "maxLength": NAME_MAX},
            "lastName": {"type": "string", "minLength": 1, "maxLength": NAME_MAX},
        },
    },
    "LoginRequest": {
        "type": "object",
        "additionalProperties": False,
        "required": sorted(LOGIN_FIELDS),
        "properties": {
            "email": {"type": "string", "maxLength": 254},
            "password": {"type": "string", "maxLength": PASSWORD_MAX},
        },
    },
    "RefreshRequest": {
        "type": "object",
        "additionalProperties": False,
        "description": "The refresh token; without it, the `refreshToken` cookie is used.",
        "properties": {"refreshToken": {"type": "string", "maxLength": 4096}},
    },
    "PasswordResetRequest": {
        "type": "object",
        "additionalProperties": False,
        "required": ["email"],
        "properties": {"email": {"type": "string", "pattern": EMAIL_PATTERN, "maxLength": 254}},
    },
    "PasswordResetConfirm": {
        "type": "object",
        "additionalProperties": False,
        "required": sorted(CONFIRM_FIELDS),
        "properties": {
            "token": {"type": "string", "maxLength": 256},
            "password": {"type": "string", "minLength": PASSWORD_MIN, "maxLength": PASSWORD_MAX},
        },
    },
    "Tokens": {
        "type": "object",
        "required": ["accessToken", "refreshToken", "tokenType", "expiresIn", "user"],
        "properties": {
            "accessToken": {"type": "string", "description": "JWT (HS256), `typ: access`"},
            "refreshToken": {
                "type": "string",
                "description": "JWT (HS256), `typ: refresh`; single use, rotated by /auth/refresh",
            },
            "tokenType": {"const": "Bearer"},
            "expiresIn": {"type": "integer", "description": "Seconds the access token lasts"},
            "user": ref("AuthUser"),
        },
    },
    "AuthUser": {
        "type": "object",
        "required": ["id", "email", "username", "name"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "email": {"type": ["string", "null"]},
            "username": {"type": ["string", "null"]},
            "name": {"type": "string"},
        },
    },
}

PATHS = {
    "/auth/signup": {
        "post": {
            "tags": _TAG,
            "summary": "Sign up",
            "description": "Creates a user with a password and signs them in. An email that "
            "belongs to any existing account (including one made through Slack) is 409: sign-up "
            "never takes over an account; use a password reset for that.",
            "operationId": "signup",
            "security": PUBLIC,
            "requestBody": json_body(ref("SignupRequest")),
            "responses": {
                "201": json_response("Signed up and signed in", ref("Tokens"), _TOKENS_SET),
                **errors(400),
                "409": json_response("The email or the username is taken", ref("Message")),
            },
        }
    },
    "/auth/login": {
        "post": {
            "tags": _TAG,
            "summary": "Log in",
            "description": "After 5 failed attempts for an email, further attempts are refused "
            "with 429 for 30 s, doubling with each failure after that (up to an hour).",
            "operationId": "login",
            "security": PUBLIC,
            "requestBody": json_body(ref("LoginRequest")),
            "responses": {
                "201": json_response("Signed in", ref("Tokens"), _TOKENS_SET),
                **errors(400),
                "401": json_response("Wrong email or password", ref("Message")),
                **errors(429),
            },
        }
    },
    "/auth/logout": {
        "post": {
            "tags": _TAG,
            "summary": "Log out",
            "description": "Revokes the sign-in of the refresh token (body or cookie) and of the "
            "access token presented, and clears the cookies. 204 even when nothing was signed in.",
            "operationId": "logout",
            "security": PUBLIC,
            "requestBody": json_body(ref("RefreshRequest"), required=False),
            "responses": {"204": no_content("Signed out"), **errors(400)},
        }
    },
    "/auth/refresh": {
        "post": {
            "tags": _TAG,
            "summary": "Refresh the access token",
            "description": "Exchanges a refresh token for a new access token and a new refresh "
            "token. Each refresh token works once: presenting one that was already exchanged "
            "revokes the whole sign-in it belongs to.",
            "operationId": "refresh",
            "security": PUBLIC,
            "requestBody": json_body(ref("RefreshRequest"), required=False),
            "responses": {
                "201": json_response("New tokens", ref("Tokens"), _TOKENS_SET),
                **errors(400, 401),
            },
        }
    },
    "/auth/password-reset": {
        "post": {
            "tags": _TAG,
            "summary": "Request a password reset",
            "description": "Always the same answer, whether or not the email has an account. "
            "The token (single use, valid one hour) goes to the user as a Slack DM when the "
            "account is linked to Slack, else to the server log for the operator. A Slack user "
            "with no password gets REST access this way.",
            "operationId": "passwordReset",
            "security": PUBLIC,
            "requestBody": json_body(ref("PasswordResetRequest")),
            "responses": {
                "200": json_response("Request taken", ref("Message")),
                **errors(400),
            },
        }
    },
    "/auth/password-reset/confirm": {
        "post": {
            "tags": _TAG,
            "summary": "Set a new password with a reset token",
            "description": "Spends the token and signs the user out everywhere.",
            "operationId": "passwordResetConfirm",
            "security": PUBLIC,
            "requestBody": json_body(ref("PasswordResetConfirm")),
            "responses": {
                "200": json_response("Password changed", ref("Message")),
                "400": json_response(
                    "Malformed request, or the token is invalid, used or expired", ref("Message")
                ),
            },
        }
    },
}
