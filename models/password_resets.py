"""Password reset tokens: random, stored only as a hash, single use, good for an hour.

The same path gives a Slack-made user (who has no password) access to the REST API.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from tortoise import fields
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models import accounts, sessions
from models.accounts import Login, normalize_email
from models.timeutil import utcnow
from models.users import User

RESET_LIFETIME = timedelta(hours=1)
# Unused, unexpired tokens a user may have at once: a stranger can't flood someone's DMs.
MAX_PENDING = 3


class ResetTokenInvalid(Exception):
    """Unknown, already used, or expired."""


class PasswordReset(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "clockbot.User", related_name="password_resets", on_delete=fields.CASCADE
    )
    token_hash = fields.CharField(max_length=64, unique=True)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "password_resets"


def _digest(token: str) -> str:
    # The token has 256 random bits: a plain digest is as good as a slow hash here, and indexable.
    return hashlib.sha256(token.encode()).hexdigest()


async def account_for_email(email: str) -> User | None:
    """Whose password a reset for `email` sets: the login's owner, else the oldest Slack-made
    user with that email."""
    email = normalize_email(email)
    login = await Login.get_or_none(email=email).select_related("user")
    if login:
        return login.user
    return await User.filter(email__iexact=email).order_by("created_at").first()


async def request_reset(email: str, now: datetime | None = None) -> tuple[User, str] | None:
    """A new token for the account with `email`, to be delivered to its owner; None when there
    is no such account or it already has enough tokens waiting."""
    now = now or utcnow()
    user = await account_for_email(email)
    if user is None:
        return None
    token = secrets.token_urlsafe(32)
    async with in_transaction():
        # Requests for one user take turns here, so the cap holds however many arrive at once.
        await User.filter(id=user.id).select_for_update().first()
        pending = await PasswordReset.filter(
            user_id=user.id, used_at__isnull=True, expires_at__gt=now
        ).count()
        if pending >= MAX_PENDING:
            return None
        await PasswordReset.create(
            user=user, token_hash=_digest(token), expires_at=now + RESET_LIFETIME
        )
    return user, token


async def confirm_reset(token: str, password: str, now: datetime | None = None) -> User:
    """Set the password with a token, once; every login of the user is signed out."""
    now = now or utcnow()
    digest = _digest(token)
    if not await PasswordReset.exists(token_hash=digest, used_at__isnull=True, expires_at__gt=now):
        raise ResetTokenInvalid()
    password_hash = await accounts.hash_password(password)
    async with in_transaction():
        # The conditional update is the spend: of two requests with one token, one wins.
        spent = await PasswordReset.filter(
            token_hash=digest, used_at__isnull=True, expires_at__gt=now
        ).update(used_at=now)
        if not spent:
            raise ResetTokenInvalid()
        reset = await PasswordReset.get(token_hash=digest).select_related("user")
        await accounts.store_password_hash(reset.user, password_hash)
        await sessions.revoke_all(reset.user.id, "password reset")
    return reset.user
