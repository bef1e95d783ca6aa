"""Logins that last: a token family per sign-in, rotated on every refresh, revoked as a whole.

Each sign-in starts a family. Only the family's current refresh token id (`current_jti`) may be
exchanged, and exchanging it replaces it. Presenting an earlier one means it was copied: the
whole family is revoked, so both the thief and the user must sign in again. Logging out revokes
the family too; access tokens name their family and die with it.
"""

import secrets
from uuid import UUID

from tortoise import connections, fields
from tortoise.models import Model
from tortoise.transactions import in_transaction

from models.timeutil import utcnow
from models.users import Privilege, TeamRole, User


class SessionError(Exception):
    """The refresh token is not (or no longer) good for anything."""


class TokenFamily(Model):
    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "clockbot.User", related_name="token_families", on_delete=fields.CASCADE
    )
    current_jti = fields.CharField(max_length=64)
    created_at = fields.DatetimeField(auto_now_add=True)
    rotated_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)
    revoked_reason = fields.CharField(max_length=32, null=True)

    class Meta:
        table = "token_families"


def new_jti() -> str:
    return secrets.token_urlsafe(24)


async def start(user: User) -> TokenFamily:
    return await TokenFamily.create(user=user, current_jti=new_jti())


async def rotate(family_id: UUID, jti: str) -> tuple[TokenFamily, User]:
    """Exchange the family's current refresh token id for a new one.

    A conditional update is the whole exchange, so of two requests presenting the same token
    exactly one wins, on every database; the other is treated as reuse.
    """
    fresh = new_jti()
    async with in_transaction():
        swapped = await TokenFamily.filter(
            id=family_id, current_jti=jti, revoked_at__isnull=True
        ).update(current_jti=fresh, rotated_at=utcnow())
    if not swapped:
        await revoke(family_id, "reuse")
        raise SessionError("refresh token was already used or revoked")
    family = await TokenFamily.get(id=family_id).select_related("user")
    return family, family.user


async def revoke(family_id: UUID, reason: str = "logout") -> None:
    await TokenFamily.filter(id=family_id, revoked_at__isnull=True).update(
        revoked_at=utcnow(), revoked_reason=reason
    )


async def revoke_all(user_id: UUID, reason: str) -> None:
    await TokenFamily.filter(user_id=user_id, revoked_at__isnull=True).update(
        revoked_at=utcnow(), revoked_reason=reason
    )


# Every API request runs this, so it is one hand-written query: building it through the ORM cost
# five times what the database took to answer it.
_SIGNED_IN = """
    SELECT u.id, u.privilege, m.company_id, m.role
    FROM token_families f
    JOIN users u ON u.id = f.user_id
    LEFT JOIN memberships m ON m.user_id = u.id
    WHERE f.id = {param} AND f.revoked_at IS NULL
"""


async def signed_in(
    family_id: UUID,
) -> tuple[UUID, Privilege, list[tuple[UUID, TeamRole]]] | None:
    """(user id, privilege, [(company id, team role)]) of a family that was not revoked."""
    client = connections.get("default")
    param = "$1" if client.capabilities.dialect == "postgres" else "?"
    _, rows = await client.execute_query(_SIGNED_IN.format(param=param), [str(family_id)])
    if not rows:
        return None
    user_id, privilege = UUID(str(rows[0][0])), Privilege(rows[0][1])
    memberships = [(UUID(str(r[2])), TeamRole(r[3])) for r in rows if r[2] is not None]
    return user_id, privilege, memberships
