"""A fake Slack Web API on loopback: records every call, answers like Slack, fails on request.

`FakeSlack.url` is what SLACK_API_URL points at; `response_url(...)` gives URLs that record what
the app sends back to a slash command or a button.
"""

import asyncio
import itertools
import json
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str | None


@dataclass
class Fault:
    kind: str  # "429", "500" or "hang"
    retry_after: int = 1


@dataclass
class FakeSlack:
    team_id: str = "T0001"
    users: dict[str, dict] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    responses: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    faults: dict[str, deque[Fault]] = field(default_factory=lambda: defaultdict(deque))
    url: str = ""
    _changed: asyncio.Condition | None = None
    _stopping: asyncio.Event = field(default_factory=asyncio.Event)
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    _acks: dict[str, dict] = field(default_factory=dict)
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

    def fail(self, method: str, kind: str, times: int = 1, retry_after: int = 1) -> None:
        """The next `times` calls of `method` answer with `kind` instead of succeeding."""
        self.faults[method].extend(Fault(kind, retry_after) for _ in range(times))

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

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

    async def socket_request(self, kind: str, payload: dict, timeout: float = 10.0) -> dict:
        """Send an envelope to the app connected in Socket Mode; returns the app's ack."""
        socket = await self._wait(lambda: self._sockets[-1] if self._sockets else None, timeout)
        envelope_id = f"env-{next(self._ids)}"
        await socket.send_json(
            {
                "envelope_id": envelope_id,
                "type": kind,
                "payload": payload,
                "accepts_response_payload": True,
            }
        )
        return await self._wait(lambda: self._acks.get(envelope_id), timeout)

    async def _wait(self, found, timeout: float):
        assert self._changed is not None
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: found() is not None), timeout)
        return found()

    def reset(self) -> None:
        self.calls.clear()
        self.responses.clear()
        self.faults.clear()

    # --- the server ------------------------------------------------------------------------

    async def start(self) -> None:
        self._changed = asyncio.Condition()
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{name}", self._response)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/"

    async def stop(self) -> None:
        self._stopping.set()
        for socket in self._sockets:
            await socket.close()
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
        await self._record(Call(method, params, token))
        if self.faults[method]:
            fault = self.faults[method].popleft()
            if fault.kind == "429":
                return web.json_response(
                    {"ok": False, "error": "ratelimited"},
                    status=429,
                    headers={"Retry-After": str(fault.retry_after)},
                )
            if fault.kind == "500":
                return web.Response(status=500, text="internal error")
            await self._stopping.wait()  # "hang" until the fake stops: the client must time out
        return web.json_response(self._answer(method, params))

    def _answer(self, method: str, params: dict) -> dict:
        match method:
            case "apps.connections.open":
                return {"ok": True, "url": self.url.replace("http", "ws", 1) + "socket"}
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

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_json({"type": "hello", "num_connections": 1})
        async with self._changed:
            self._sockets.append(socket)
            self._changed.notify_all()
        async for message in socket:
            ack = message.json()
            async with self._changed:
                self._acks[ack["envelope_id"]] = ack
                self._changed.notify_all()
        return socket

    async def _response(self, request: web.Request) -> web.Response:
        await self._record(reply=(request.match_info["name"], await request.json()))
        return web.Response(text="ok")
