"""Calling the REST API over real HTTP, and people to call it as.

`World` is two companies with every role in the first and an admin and an associate in the
second. Each person can log in with PASSWORD; `token` is an access token of a sign-in made
through the domain (logging in over HTTP costs an argon2 verification; the auth tests do that).
"""

import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import aiohttp

from bot.api.tokens import ACCESS, REFRESH, TokenKeys, issue
from models import sessions
from models.accounts import HASHER, Login
from models.companies import Company
from models.timeutil import utcnow
from models.users import Membership, Privilege, TeamRole, User

PASSWORD = "correct horse battery staple"


@cache
def password_hash() -> str:
    return HASHER.hash(PASSWORD)


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str]
    raw: bytes = b""
    set_cookies: list[str] = field(default_factory=list)

    def cookie(self, name: str) -> str | None:
        """The Set-Cookie line for `name`, attributes and all."""
        return next((c for c in self.set_cookies if c.startswith(f"{name}=")), None)

    @property
    def message(self) -> str:
        return self.body.get("message", "") if isinstance(self.body, dict) else ""


@dataclass
class Api:
    base_url: str
    session: aiohttp.ClientSession

    async def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        token: str | None = None,
        headers: dict[str, str] | None = None,
        data: bytes | str | None = None,
        params: dict[str, str] | None = None,
        cookies: dict[str, str] | None = None,
    ) -> Reply:
        sent = dict(headers or {})
        if token:
            sent["Authorization"] = f"Bearer {token}"
        if body is not None:
            data = json.dumps(body)
            sent.setdefault("Content-Type", "application/json")
        if cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        async with self.session.request(
            method, self.base_url + path, data=data, headers=sent, params=params
        ) as response:
            raw = await response.read()
            try:
                parsed = json.loads(raw) if raw else None
            except ValueError:
                parsed = raw.decode(errors="replace")
            return Reply(
                response.status,
                parsed,
                dict(response.headers),
                raw,
                response.headers.getall("Set-Cookie", []),
            )


@dataclass
class Person:
    user: User
    token: str = ""
    refresh: str = ""
    companies: list[Company] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.user.id)

    @property
    def email(self) -> str:
        return self.user.email or ""


async def person(
    name: str,
    *,
    companies: list[tuple[Company, TeamRole]],
    keys: TokenKeys,
    privilege: Privilege = Privilege.ASSOCIATE,
    slack_user_id: str | None = None,
    slack_team_id: str | None = None,
    with_login: bool = True,
) -> Person:
    email = f"{name.lower()}@example.org"
    user = await User.create(
        name=name,
        email=email,
        timezone="America/New_York",
        privilege=privilege,
        slack_user_id=slack_user_id,
        slack_team_id=slack_team_id,
    )
    for company, role in companies:
        await Membership.create(user=user, company=company, role=role)
    if with_login:
        await Login.create(
            user=user,
            email=email,
            username=name.lower(),
            password_hash=password_hash(),
            password_changed_at=utcnow(),
        )
    return await signed_in(user, keys, [c for c, _ in companies])


async def signed_in(user: User, keys: TokenKeys, companies: list[Company] | None = None) -> Person:
    """`user` with the tokens of a new sign-in (no login over HTTP needed)."""
    family = await sessions.start(user)
    return Person(
        user,
        token=issue(keys, ACCESS, user.id, family.id),
        refresh=issue(keys, REFRESH, user.id, family.id, family.current_jti),
        companies=companies or [],
    )


@dataclass
class World:
    acme: Company
    bolt: Company
    ada: Person  # admin of Acme
    sam: Person  # supervisor of Acme
    ana: Person  # associate of Acme
    abe: Person  # associate of Acme
    bea: Person  # admin of Bolt
    bob: Person  # associate of Bolt


async def build_world(keys: TokenKeys) -> World:
    acme = await Company.create(name="Acme", timezone="America/New_York")
    bolt = await Company.create(name="Bolt", timezone="Europe/Lisbon")
    A, S = TeamRole.ASSOCIATE, TeamRole.SUPERVISOR
    return World(
        acme=acme,
        bolt=bolt,
        ada=await person("Ada", companies=[(acme, S)], keys=keys, privilege=Privilege.ADMIN),
        sam=await person("Sam", companies=[(acme, S)], keys=keys),
        ana=await person("Ana", companies=[(acme, A)], keys=keys),
        abe=await person("Abe", companies=[(acme, A)], keys=keys),
        bea=await person("Bea", companies=[(bolt, S)], keys=keys, privilege=Privilege.ADMIN),
        bob=await person("Bob", companies=[(bolt, A)], keys=keys),
    )
