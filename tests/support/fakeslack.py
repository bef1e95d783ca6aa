"""A fake Slack Web API on loopback: records every call, answers like Slack, fails on request.

`FakeSlack.url` is what SLACK_API_URL points at; `response_url(...)` gives URLs that record what
the app sends back to a slash command or a button. DMs (`conversations.open` + `chat.postMessage`)
are kept as messages that `chat.update` rewrites, and every message or view is checked against
Block Kit's limits: what Slack would refuse is answered "invalid_blocks" and kept in `violations`.
Files go up as `files_upload_v2` sends them: `files.getUploadURLExternal` gives an upload URL on
the fake, the bytes are POSTed there (recorded as the call "upload"), and
`files.completeUploadExternal` shares them in a channel; `uploads(channel)` reads them back.
"""

import asyncio
import itertools
import json
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.support.blockkit import problems


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str | None
    result: dict[str, Any] | None = None  # what the fake answered, when it answered
    status: int | None = None  # the HTTP status answered; None while unanswered (or hung)
    error: str | None = None  # Slack's "error" when it answered ok: false

    @property
    def delivered(self) -> bool:
        """Slack accepted it: answered 200 ok (a hung or refused call delivered nothing)."""
        return self.status == 200 and self.error is None


@dataclass
class Message:
    """A message the app posted, as it reads now (after any chat.update)."""

    channel: str
    ts: str
    text: str
    blocks: list[dict]
    updates: int = 0


@dataclass
class File:
    """A file the app uploaded, as `files_upload_v2` sent it."""

    id: str
    filename: str
    length: int
    content: bytes | None = None  # None until the bytes were POSTed to the upload URL
    title: str = ""
    channel: str = ""  # where it was shared; "" until completeUploadExternal
    initial_comment: str = ""

    @property
    def text(self) -> str:
        return (self.content or b"").decode("utf-8")


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
    messages: dict[str, Message] = field(default_factory=dict)  # by "channel/ts"
    files: dict[str, File] = field(default_factory=dict)  # by file id
    violations: list[str] = field(default_factory=list)
    limits: dict[str, RateLimit] = field(default_factory=dict)
    delays: dict[str, float] = field(default_factory=dict)
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

    def dm_channel(self, user_id: str) -> str:
        return f"D{user_id}"

    def uploads(self, channel: str) -> list[File]:
        """Files shared in `channel` (a DM: `dm_channel(user_id)`), oldest first."""
        return [f for f in self.files.values() if f.channel == channel]

    async def wait_uploads(self, channel: str, count: int = 1, timeout: float = 5.0) -> list[File]:
        await self.wait_until(lambda: len(self.uploads(channel)) >= count, timeout)
        return self.uploads(channel)

    def dms(self, user_id: str) -> list[Message]:
        """Messages the app posted in its DM with `user_id`, oldest first, as they read now."""
        channel = self.dm_channel(user_id)
        return [m for m in self.messages.values() if m.channel == channel]

    async def wait_dms(self, user_id: str, count: int = 1, timeout: float = 5.0) -> list[Message]:
        assert self._changed is not None
        async with self._changed:
            await asyncio.wait_for(
                self._changed.wait_for(lambda: len(self.dms(user_id)) >= count), timeout
            )
        return self.dms(user_id)

    async def wait_until(self, check, timeout: float = 5.0) -> None:
        """Wait until `check()` is true (it is re-evaluated after every call the app makes)."""
        assert self._changed is not None
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(check), timeout)

    def opened_views(self) -> list[dict]:
        """Modals the app opened or pushed, each with the `id` the fake gave it."""
        return [
            {**c.params["view"], "id": c.result["view"]["id"]}
            for c in self.calls
            if c.method in ("views.open", "views.push") and c.result and c.result.get("ok")
        ]

    async def wait_view(self, count: int = 1, timeout: float = 5.0) -> dict:
        """The `count`-th modal the app opened (or pushed)."""
        await self.wait_until(lambda: len(self.opened_views()) >= count, timeout)
        return self.opened_views()[count - 1]

    async def settle(self, quiet: float = 0.15, timeout: float = 5.0) -> None:
        """Wait until the app has made no call for `quiet` seconds: the work it does after
        acknowledging a request (DMs, App Home) is over, so it can't leak into the next test."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        seen = -1
        while loop.time() < deadline:
            count = len(self.calls) + sum(len(r) for r in self.responses.values())
            if count == seen:
                return
            seen = count
            await asyncio.sleep(quiet)

    def reset(self) -> None:
        self.calls.clear()
        self.responses.clear()
        self.faults.clear()
        self.messages.clear()
        self.files.clear()
        self.violations.clear()
        self.limits.clear()
        self.delays.clear()

    # --- the server ------------------------------------------------------------------------

    async def start(self) -> None:
        self._changed = asyncio.Condition()
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{name}", self._response)
        app.router.add_post("/upload/{file_id}", self._upload)
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
        for key in ("blocks", "view", "files"):
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") or params.get("token")
        call = Call(method, params, token)
        await self._record(call)  # seen at once, even if it hangs
        response, call.error, call.result = await self._respond(method, params)
        call.status = response.status
        await self._record()
        return response

    async def _respond(
        self, method: str, params: dict
    ) -> tuple[web.StreamResponse, str | None, dict | None]:
        """The answer, Slack's error word if any, and the body when it answered 200."""
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
                return web.json_response(body, status=429, headers=headers), "ratelimited", None
            if fault.kind == "500":
                return web.Response(status=500, text="internal error"), "internal_error", None
            if fault.kind != "hang":  # e.g. "channel_not_found": Slack's own refusal
                body = {"ok": False, "error": fault.kind}
                return web.json_response(body), fault.kind, body
            await self._stopping.wait()  # "hang" until the fake stops: the client must time out
        answer = self._answer(method, params)
        return web.json_response(answer), answer.get("error"), answer

    def _take_fault(self, method: str, params: dict) -> Fault | None:
        queue = self.faults[method]
        for fault in queue:
            if fault.applies(params):
                queue.remove(fault)
                return fault
        return None

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
            case "conversations.open":
                users = str(params.get("users", ""))
                if not users or "," in users:
                    return {"ok": False, "error": "invalid_arguments"}
                return {"ok": True, "channel": {"id": self.dm_channel(users)}}
            case "chat.postMessage":
                if invalid := self._check("message", params, method):
                    return invalid
                channel, ts = str(params.get("channel")), f"{next(self._ids)}.0"
                self.messages[f"{channel}/{ts}"] = Message(
                    channel, ts, params.get("text", ""), params.get("blocks") or []
                )
                return {"ok": True, "channel": channel, "ts": ts}
            case "chat.update":
                key = f"{params.get('channel')}/{params.get('ts')}"
                if key not in self.messages:
                    return {"ok": False, "error": "message_not_found"}
                if invalid := self._check("message", params, method):
                    return invalid
                message = self.messages[key]
                message.text = params.get("text", message.text)
                message.blocks = params.get("blocks") or message.blocks
                message.updates += 1
                return {"ok": True, "channel": message.channel, "ts": message.ts}
            case "files.getUploadURLExternal":
                try:
                    length = int(params.get("length", ""))
                except ValueError:
                    return {"ok": False, "error": "invalid_arguments"}
                if not params.get("filename") or length < 1:
                    return {"ok": False, "error": "invalid_arguments"}
                file_id = f"F{next(self._ids)}"
                self.files[file_id] = File(file_id, str(params["filename"]), length)
                return {"ok": True, "upload_url": f"{self.url}upload/{file_id}", "file_id": file_id}
            case "files.completeUploadExternal":
                return self._complete_upload(params)
            case "views.publish" | "views.open" | "views.update" | "views.push":
                view = params.get("view") or {}
                surface = "home" if view.get("type") == "home" else "modal"
                if invalid := self._check(surface, view, method):
                    return invalid
                return {"ok": True, "view": {"id": params.get("view_id") or f"V{next(self._ids)}"}}
            case _:
                return {"ok": True}

    def _complete_upload(self, params: dict) -> dict:
        listed = params.get("files")
        if not isinstance(listed, list) or not listed:
            return {"ok": False, "error": "invalid_arguments"}
        found = []
        for item in listed:
            file = self.files.get(str(item.get("id")))
            if file is None or file.content is None:  # never uploaded: Slack refuses too
                return {"ok": False, "error": "file_not_found"}
            found.append((file, item))
        for file, item in found:
            file.title = str(item.get("title") or file.filename)
            file.channel = str(params.get("channel_id") or "")
            file.initial_comment = str(params.get("initial_comment") or "")
        return {"ok": True, "files": [{"id": f.id, "title": f.title} for f, _ in found]}

    async def _upload(self, request: web.Request) -> web.Response:
        """The upload URL `files.getUploadURLExternal` handed out: the file's bytes, as is."""
        file_id = request.match_info["file_id"]
        file, content = self.files.get(file_id), await request.read()
        if file is None:
            response = web.Response(status=404, text="no such upload")
        elif len(content) != file.length:
            response = web.Response(status=400, text="length differs from the one announced")
        else:
            file.content = content
            response = web.Response(text=f"OK - {len(content)}")
        call = Call("upload", {"file_id": file_id, "length": len(content)}, None)
        call.status = response.status
        await self._record(call)
        return response

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

    def _check(self, surface: str, payload: dict, method: str) -> dict | None:
        found = problems(surface, payload)
        if not found:
            return None
        self.violations += [f"{method}: {p}" for p in found]
        return {"ok": False, "error": "invalid_blocks", "errors": found}

    async def _response(self, request: web.Request) -> web.Response:
        body = await request.json()
        if body.get("blocks") is not None:
            self.violations += [f"response_url: {p}" for p in problems("message", body)]
        await self._record(reply=(request.match_info["name"], body))
        return web.Response(text="ok")
