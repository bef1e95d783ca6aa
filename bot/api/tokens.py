"""JSON Web Tokens for the REST API: HS256 only, with expiry, a type, an id and a login family.

An access token (`typ: access`) and a refresh token (`typ: refresh`) are never interchangeable;
both name the token family (`fam`) of the sign-in they belong to, so revoking the family ends both.
"""

import secrets
import time
from dataclasses import dataclass
from uuid import UUID

import jwt

from bot.api.errors import Unauthorized

ALGORITHM = "HS256"
ISSUER = "clockbot"
ACCESS = "access"
REFRESH = "refresh"
REQUIRED_CLAIMS = ["exp", "iat", "iss", "sub", "typ", "jti", "fam"]


@dataclass(frozen=True)
class TokenKeys:
    secret: str
    access_ttl: int
    refresh_ttl: int

    def ttl(self, typ: str) -> int:
        return self.access_ttl if typ == ACCESS else self.refresh_ttl


@dataclass(frozen=True)
class Claims:
    user_id: UUID
    family_id: UUID
    jti: str
    typ: str


def issue(keys: TokenKeys, typ: str, user_id: UUID, family_id: UUID, jti: str | None = None) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "sub": str(user_id),
        "fam": str(family_id),
        "typ": typ,
        "jti": jti or secrets.token_urlsafe(16),
        "iat": now,
        "exp": now + keys.ttl(typ),
    }
    return jwt.encode(claims, keys.secret, algorithm=ALGORITHM)


def decode(keys: TokenKeys, token: str, typ: str) -> Claims:
    """The claims of a valid token of type `typ`; anything else is 401."""
    try:
        claims = jwt.decode(
            token,
            keys.secret,
            algorithms=[ALGORITHM],  # pinned: "none" and every other algorithm are refused
            issuer=ISSUER,
            options={"require": REQUIRED_CLAIMS},
        )
        if claims["typ"] != typ:
            raise Unauthorized()
        return Claims(UUID(claims["sub"]), UUID(claims["fam"]), str(claims["jti"]), typ)
    except (jwt.PyJWTError, ValueError, TypeError, AttributeError):
        raise Unauthorized() from None
