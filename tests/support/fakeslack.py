"""A fake Slack Web API on loopback: records every call, answers like Slack, fails on request.

`FakeSlack.url` is what SLACK_API_URL points at; `response_url(...)` gives URLs that record what
the app sends back to a slash command or a button.
"""

import asyncio
import itertools
import json
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str | None
    status: int | None = None  # the HTTP status answered; None while unanswered (or hung)
    error: str | None = None  # Slack's "error" when it answered ok: false

    @property
    def delivered(self) -> bool:
        """Slack accepted it: answered 200 ok (a hung or refused call delivered nothing)."""
        return self.status == 200 and self.error is None


@dataclass
class Fault:
    kind: str  # "429", "500", "hang", or a Slack error name answered as ok: false
    retry_after: int = 1
    only: dict[str, Any] | None = None  # only for calls whose params include these

    def applies(self, params: dict[str, Any]) -> bool:
        return all(params.get(k) == v for k, v in (self.only or {}).items())


@dataclass
class RateLimit:
    """A token bucket: `per_second` calls on average, `burst` at once; beyond, 429."""

    per_second: float
    burst: int
    tokens: float = 0.0
    stamp: float = 0.0
    refused: int = 0

    def take(self) -> float:
        """0 when the call may go; otherwise the seconds until it could."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.per_second)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        self.refused += 1
        return (1 - self.tokens) / self.per_second


@dataclass
class FakeSlack:
    team_id: str = "T0001"
    users: dict[str, dict] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    responses: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    faults: dict[str, deque[Fault]] = field(default_factory=lambda: defaultdict(deque))
    limits: dict[str, RateLimit] = field(default_factory=dict)
    delays: dict[str, float] = field(default_factory=dict)
    url: str = ""
    _changed: asyncio.Condition | None = None
    _stopping: asyncio.Event = field(default_factory=asyncio.Event)
    _runner: web.AppRunner | None = None
    _ids = itertools.count(1)

    # --- the test's side -------------------------------------------------------------------

    def add_user(
        self, user_id: str, name: str, tz: str = "America/New_York", admin: bool = False
    ) -> None:
        self.users[user_id] = {
            "id": user_id,
            "team_id": self.team_id,
            "name": name.lower().replace(" ", "."),
            "real_name": name,
            "tz": tz,
            "is_admin": admin,
            "is_owner": False,
            "profile": {"real_name": name, "email": f"{name.split()[0].lower()}@example.org"},
        }

    def fail(
        self,
        method: str,
        kind: str,
        times: int = 1,
        retry_after: int = 1,
        only: dict[str, Any] | None = None,
    ) -> None:
        """The next `times` calls of `method` answer with `kind` instead of succeeding:
        "429" (with Retry-After), "500", "hang", or any other word as Slack's ok: false error.

        With `only` (e.g. {"channel": "U1"}), just the calls whose params include those values.
        """
        self.faults[method].extend(Fault(kind, retry_after, only) for _ in range(times))

    def rate_limit(self, method: str, per_second: float, burst: int = 1) -> RateLimit:
        """Answer `method` with 429 and Retry-After beyond `per_second` (Slack's own behaviour)."""
        limit = self.limits[method] = RateLimit(per_second, burst, burst, time.monotonic())
        return limit

    def slow(self, method: str, seconds: float) -> None:
        """Answer every call of `method` only after `seconds` (a slow but working Slack)."""
        self.delays[method] = seconds

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def delivered(self, method: str = "chat.postMessage") -> list[Call]:
        return [c for c in self.calls_to(method) if c.delivered]

    def delivered_per_channel(self, method: str = "chat.postMessage") -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for call in self.delivered(method):
            counts[call.params["channel"]] += 1
        return dict(counts)

    def response_url(self, name: str = "") -> str:
        return f"{self.url}response/{name or next(self._ids)}"

    def replies(self, response_url: str) -> list[dict]:
        return self.responses[response_url.rsplit("/", 1)[-1]]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until `method` was called `count` times (the app calls Slack after it acks)."""
        assert self._changed is not None
        async with self._changed:
            await asyncio.wait_for(
                self._changed.wait_for(lambda: len(self.calls_to(method)) >= count), timeout
            )
        return self.calls_to(method)

    async def wait_reply(self, response_url: str, count: int = 1, timeout: float = 5.0) -> dict:
        assert self._changed is not None
        async with self._changed:
            await asyncio.wait_for(
                self._changed.wait_for(lambda: len(self.replies(response_url)) >= count), timeout
            )
        return self.replies(response_url)[count - 1]

    def reset(self) -> None:
        self.calls.clear()
        self.responses.clear()
        self.faults.clear()
        self.limits.clear()
        self.delays.clear()

    # --- the server ------------------------------------------------------------------------

    async def start(self) -> None:
        self._changed = asyncio.Condition()
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{name}", self._response)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/"

    async def stop(self) -> None:
        self._stopping.set()
        if self._runner:
            await self._runner.cleanup()

    async def _record(self, call: Call | None = None, reply: tuple[str, dict] | None = None):
        assert self._changed is not None
        async with self._changed:
            if call:
                self.calls.append(call)
            if reply:
                self.responses[reply[0]].append(reply[1])
            self._changed.notify_all()

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        elif request.method == "POST":
            params.update(await request.post())
        for key in ("blocks", "view"):
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") or params.get("token")
        call = Call(method, params, token)
        await self._record(call)
        response, call.error = await self._respond(method, params)
        call.status = response.status
        await self._record()
        return response

    async def _respond(self, method: str, params: dict) -> tuple[web.StreamResponse, str | None]:
        if method in self.delays:
            await asyncio.sleep(self.delays[method])
        fault = self._take_fault(method, params)
        if fault is None and method in self.limits:
            wait = self.limits[method].take()
            if wait:
                fault = Fault("429", retry_after=max(1, int(wait + 0.999)))
        if fault is not None:
            if fault.kind == "429":
                headers = {"Retry-After": str(fault.retry_after)}
                body = {"ok": False, "error": "ratelimited"}
                return web.json_response(body, status=429, headers=headers), "ratelimited"
            if fault.kind == "500":
                return web.Response(status=500, text="internal error"), "internal_error"
            if fault.kind != "hang":  # e.g. "channel_not_found": Slack's own refusal
                return web.json_response({"ok": False, "error": fault.kind}), fault.kind
            await self._stopping.wait()  # "hang" until the fake stops: the client must time out
        return web.json_response(self._answer(method, params)), None

    def _take_fault(self, method: str, params: dict) -> Fault | None:
        queue = self.faults[method]
        for fault in queue:
            if fault.applies(params):
                queue.remove(fault)
                return fault
        return None

    def _answer(self, method: str, params: dict) -> dict:
        match method:
            case "auth.test":
                return {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": self.team_id}
            case "users.info":
                user = self.users.get(params.get("user", ""))
                return (
                    {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}
                )
            case "chat.postMessage" | "chat.update":
                return {"ok": True, "channel": params.get("channel"), "ts": f"{next(self._ids)}.0"}
            case "views.publish" | "views.open" | "views.update":
                return {"ok": True, "view": {"id": f"V{next(self._ids)}"}}
            case _:
                return {"ok": True}

    async def _response(self, request: web.Request) -> web.Response:
        await self._record(reply=(request.match_info["name"], await request.json()))
        return web.Response(text="ok")
