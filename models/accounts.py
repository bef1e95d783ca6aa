"""Password logins for the REST API: argon2id hashes, sign-up, log-in, and login throttling.

A login belongs to a user. Users made through Slack have none until they set a password with a
reset token (see `models.password_resets`); sign-up never attaches a login to an existing user.
"""

import asyncio
import re
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models.timeutil import utcnow
from models.users import Privilege, User

# argon2-cffi's defaults are RFC 9106's low-memory profile, and its type is argon2id.
HASHER = PasswordHasher()
PASSWORD_MIN = 8
PASSWORD_MAX = 1024  # hashing is deliberately slow; a megabyte password should not be
# Read the same by Python's re and by JSON Schema (ECMA) validators: no \s, whose meanings differ.
EMAIL_PATTERN = r"^[^@\u0000-\u0020\u007f]+@[^@\u0000-\u0020\u007f]+$"
USERNAME_PATTERN = r"^[A-Za-z0-9._-]{1,64}$"
FAILURES_ALLOWED = 5
FIRST_LOCK = timedelta(seconds=30)
LONGEST_LOCK = timedelta(hours=1)
_COUNT_TRIES = 20  # compare-and-set rounds before an attempt lost in a crowd is refused


class AccountError(Exception):
    """A sign-up or log-in that was refused; nothing was written (but a counted failure)."""


class EmailTaken(AccountError):
    pass


class UsernameTaken(AccountError):
    pass


class BadCredentials(AccountError):
    pass


class LoginLocked(AccountError):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed logins; retry after {retry_after} s")
        self.retry_after = retry_after


class Login(Model):
    id = fields.IntField(primary_key=True)
    user: fields.OneToOneRelation[User] = fields.OneToOneField(
        "clockbot.User", related_name="login", on_delete=fields.CASCADE
    )
    email = fields.CharField(max_length=254, unique=True)  # normalized: see normalize_email
    username = fields.CharField(max_length=64, unique=True, null=True)
    password_hash = fields.CharField(max_length=255)
    password_changed_at = fields.DatetimeField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "logins"


class LoginThrottle(Model):
    """Failed logins per email, whether or not it has an account (so the lock tells nothing)."""

    email = fields.CharField(max_length=254, primary_key=True)
    failures = fields.IntField(default=0)
    locked_until = fields.DatetimeField(null=True)

    class Meta:
        table = "login_throttles"


@cache
def _dummy_hash() -> str:
    """Verified when the email has no login: a wrong email costs what a wrong password does."""
    return HASHER.hash("no such account, but take as long as if there were one")


def normalize_email(email: str) -> str:
    return email.strip().lower()


def is_email(email: str) -> bool:
    return len(email) <= 254 and re.fullmatch(EMAIL_PATTERN, email) is not None


async def hash_password(password: str) -> str:
    # ~50 ms of CPU by design: off the event loop, so other requests keep moving.
    return await asyncio.to_thread(HASHER.hash, password)


async def _verify(password_hash: str, password: str) -> bool:
    def verify() -> bool:
        try:
            return HASHER.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(verify)


async def sign_up(*, username: str, email: str, password: str, name: str, timezone: str) -> User:
    """A new user with a password. An email or username already in use is refused, whoever
    holds it (a Slack-made user included: sign-up never takes over an existing account)."""
    email = normalize_email(email)
    username = username.strip().lower()
    password_hash = await hash_password(password)
    try:
        async with in_transaction():
            await _refuse_taken(email, username)
            user = await User.create(
                name=name, email=email, timezone=timezone, privilege=Privilege.ASSOCIATE
            )
            await Login.create(
                user=user,
                email=email,
                username=username,
                password_hash=password_hash,
                password_changed_at=utcnow(),
            )
            return user
    except IntegrityError:
        await _refuse_taken(email, username)  # a simultaneous sign-up won
        raise


async def _refuse_taken(email: str, username: str) -> None:
    if await Login.exists(email=email) or await User.exists(email__iexact=email):
        raise EmailTaken()
    if await Login.exists(username=username):
        raise UsernameTaken()


async def log_in(email: str, password: str, now: datetime | None = None) -> User:
    """The user whose login this is; counts failures and locks the email after too many."""
    now = now or utcnow()
    email = normalize_email(email)
    await _count_attempt(email, now)
    login = await Login.get_or_none(email=email).select_related("user")
    if login and await _verify(login.password_hash, password):
        await LoginThrottle.filter(email=email).delete()
        if HASHER.check_needs_rehash(login.password_hash):
            login.password_hash = await hash_password(password)
            await login.save(update_fields=["password_hash"])
        return login.user
    if login is None:
        await _verify(_dummy_hash(), password)
    raise BadCredentials()


async def _count_attempt(email: str, now: datetime) -> None:
    """Count this attempt as a failure before its password is checked (a success forgets the
    count), or raise LoginLocked. Counted after the ~50 ms check instead, parallel guesses would
    all pass the lock before the first was counted. The count is a compare-and-set on
    `failures`, so each attempt takes its own number; the one that reaches the limit sets the
    lock in the same UPDATE, and the next ones see it."""
    for _ in range(_COUNT_TRIES):
        throttle = await LoginThrottle.get_or_none(email=email)
        if throttle is None:
            try:
                await LoginThrottle.create(email=email, failures=1)
                return
            except IntegrityError:
                continue  # a simultaneous attempt made the row first
        if throttle.locked_until and throttle.locked_until > now:
            raise LoginLocked(_seconds_until(throttle.locked_until, now))
        failures = throttle.failures + 1
        locked_until = now + lock_length(failures) if failures >= FAILURES_ALLOWED else None
        counted = await LoginThrottle.filter(email=email, failures=throttle.failures).update(
            failures=failures, locked_until=locked_until
        )
        if counted:
            return
    raise LoginLocked(1)  # lost every race: so many attempts at once are refused, not checked


def lock_length(failures: int) -> timedelta:
    """30 s at the fifth failure, doubling with each one after it, up to an hour."""
    doubling = min(failures - FAILURES_ALLOWED, 16)
    return min(FIRST_LOCK * 2**doubling, LONGEST_LOCK)


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, int((moment - now).total_seconds() + 0.999))


async def store_password_hash(user: User, password_hash: str) -> None:
    """Give `user` this password, making their login on first use (Slack-made users)."""
    now = utcnow()
    login = await Login.get_or_none(user_id=user.id)
    if login:
        login.password_hash, login.password_changed_at = password_hash, now
        await login.save(update_fields=["password_hash", "password_changed_at"])
    else:
        login = await Login.create(
            user=user,
            email=normalize_email(user.email or ""),
            password_hash=password_hash,
            password_changed_at=now,
        )
    await LoginThrottle.filter(email=login.email).delete()
