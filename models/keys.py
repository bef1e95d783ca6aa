"""Secrets the server makes for itself once and keeps in the database, shared by every replica."""

import secrets

from tortoise import fields
from tortoise.exceptions import IntegrityError
from tortoise.models import Model

JWT_SECRET = "jwt_secret"


class Secret(Model):
    name = fields.CharField(max_length=64, primary_key=True)
    value = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "secrets"


async def kept_secret(name: str) -> str:
    """The secret called `name`, generated on first use; replicas starting together agree."""
    found = await Secret.get_or_none(name=name)
    if found:
        return found.value
    try:
        return (await Secret.create(name=name, value=secrets.token_urlsafe(64))).value
    except IntegrityError:  # another replica made it first: use theirs
        return (await Secret.get(name=name)).value
