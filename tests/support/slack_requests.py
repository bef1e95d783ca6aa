"""Requests to /slack/events, signed exactly as Slack signs them, sent over real HTTP."""

import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import aiohttp
from slack_sdk.signature import SignatureVerifier

from tests.support.fakeslack import FakeSlack


@dataclass
class Reply:
    status: int
    body: dict | str

    @property
    def text(self) -> str:
        assert isinstance(self.body, dict), self.body
        return self.body.get("text", "")


@dataclass
class SlackSender:
    base_url: str
    signing_secret: str
    session: aiohttp.ClientSession
    fake: FakeSlack

    def sign(self, body: str, timestamp: int | None = None, secret: str | None = None) -> dict:
        timestamp = int(time.time()) if timestamp is None else timestamp
        verifier = SignatureVerifier(secret or self.signing_secret)
        return {
            "X-Slack-Request-Timestamp": str(timestamp),
            "X-Slack-Signature": verifier.generate_signature(timestamp=str(timestamp), body=body),
        }

    async def post(self, body: str, content_type: str, headers: dict | None = None) -> Reply:
        headers = {"Content-Type": content_type, **(headers or self.sign(body))}
        async with self.session.post(
            f"{self.base_url}/slack/events", data=body.encode(), headers=headers
        ) as response:
            raw = await response.text()
            try:
                parsed = json.loads(raw) if raw else {}
            except json.JSONDecodeError:
                parsed = raw
            return Reply(response.status, parsed)

    async def command(
        self, name: str, user: str, text: str = "", response_url: str | None = None
    ) -> Reply:
        body = urlencode(
            {
                "token": "legacy-verification-token",
                "team_id": self.fake.team_id,
                "team_domain": "acme",
                "channel_id": "C0001",
                "channel_name": "general",
                "user_id": user,
                "user_name": user.lower(),
                "command": name,
                "text": text,
                "api_app_id": "A0001",
                "response_url": response_url or self.fake.response_url(),
                "trigger_id": "1.2.3",
            }
        )
        return await self.post(body, "application/x-www-form-urlencoded")

    async def press(
        self,
        blocks: list[dict],
        action_id: str,
        user: str,
        container: str = "message",
        response_url: str | None = None,
        *,
        message: Any = None,
        view: dict | None = None,
    ) -> Reply:
        """Press the button `action_id` found in `blocks`, as Slack reports it (block_actions).

        By default the button is in an ephemeral reply (`container="message"`) or the App Home
        (`container="view"`). Pass `message` (a `fakeslack.Message` the app posted, e.g. a DM)
        or `view` (a modal the app opened, with its `id`) to press it there.
        """
        button, block_id = find_button(blocks, action_id)
        action = {
            "type": "button",
            "action_id": button["action_id"],
            "block_id": block_id,
            "value": button.get("value", ""),
            "text": button["text"],
            "action_ts": str(time.time()),
        }
        return await self._actions(action, user, container, response_url, message, view, blocks)

    async def choose(
        self,
        blocks: list[dict],
        action_id: str,
        value: str,
        user: str,
        container: str = "message",
        response_url: str | None = None,
        *,
        message: Any = None,
        view: dict | None = None,
    ) -> Reply:
        """Pick the option `value` of the menu (overflow or static_select) `action_id`."""
        element, block_id, option = find_option(blocks, action_id, value)
        action = {
            "type": element["type"],
            "action_id": action_id,
            "block_id": block_id,
            "selected_option": option,
            "action_ts": str(time.time()),
        }
        return await self._actions(action, user, container, response_url, message, view, blocks)

    async def pick_user(self, view: dict, action_id: str, picked: str, user: str) -> Reply:
        """Pick `picked` in the user picker `action_id` of the modal `view` (one that dispatches
        its action), as Slack reports it (block_actions)."""
        block = next(
            b for b in view["blocks"] if (b.get("element") or {}).get("action_id") == action_id
        )
        assert block.get("dispatch_action"), "the picker does not dispatch its action"
        action = {
            "type": "users_select",
            "action_id": action_id,
            "block_id": block["block_id"],
            "selected_user": picked,
            "action_ts": str(time.time()),
        }
        return await self._actions(action, user, "view", None, None, view, view["blocks"])

    async def submit(self, view: dict, user: str, values: dict[str, Any] | None = None) -> Reply:
        """Submit the modal `view` (as the app opened it, with its `id`) as Slack does
        (view_submission): `values` by action id, the rest as the modal's initial values."""
        payload = {
            "type": "view_submission",
            "team": {"id": self.fake.team_id, "domain": "acme"},
            "user": {"id": user, "team_id": self.fake.team_id, "username": user.lower()},
            "api_app_id": "A0001",
            "trigger_id": "1.2.3",
            "view": {
                **view,
                "team_id": self.fake.team_id,
                "state": {"values": state_of(view, values or {})},
                "hash": "h",
            },
            "response_urls": [],
        }
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded")

    async def _actions(
        self,
        action: dict,
        user: str,
        container: str,
        response_url: str | None,
        message: Any,
        view: dict | None,
        blocks: list[dict],
    ) -> Reply:
        payload: dict[str, Any] = {
            "type": "block_actions",
            "team": {"id": self.fake.team_id, "domain": "acme"},
            "user": {"id": user, "team_id": self.fake.team_id, "username": user.lower()},
            "api_app_id": "A0001",
            "trigger_id": "1.2.3",
            "container": {"type": "view" if view is not None else container},
            "actions": [action],
        }
        if message is not None:
            payload["response_url"] = response_url or self.fake.response_url()
            payload["channel"] = {"id": message.channel}
            payload["message"] = {"ts": message.ts, "text": message.text, "blocks": message.blocks}
            payload["container"] = {
                "type": "message",
                "message_ts": message.ts,
                "channel_id": message.channel,
                "is_ephemeral": False,
            }
        elif view is not None:
            payload["view"] = {**view, "state": {"values": {}}}
            payload["container"]["view_id"] = view["id"]
        elif container == "message":
            payload["response_url"] = response_url or self.fake.response_url()
            payload["channel"] = {"id": "C0001"}
            payload["container"].update({"channel_id": "C0001", "is_ephemeral": True})
        else:
            payload["view"] = {"id": "VHOME", "type": "home", "blocks": blocks}
            payload["container"]["view_id"] = "VHOME"
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded")

    async def submit_view(self, view: dict, user: str, values: dict[str, dict[str, dict]]) -> Reply:
        """Submit the modal `view` (as the app opened it) with `values` filled in, as Slack does.

        `values` is Slack's state shape: {block_id: {action_id: {"type": ..., <value>: ...}}}.
        The reply carries `response_action` when the app keeps the modal open (errors).
        """
        payload = {
            "type": "view_submission",
            "team": {"id": self.fake.team_id, "domain": "acme"},
            "user": {"id": user, "team_id": self.fake.team_id, "username": user.lower()},
            "api_app_id": "A0001",
            "trigger_id": "1.2.4",
            "view": {
                "id": "VMODAL",
                "team_id": self.fake.team_id,
                "type": view.get("type", "modal"),
                "callback_id": view.get("callback_id", ""),
                "private_metadata": view.get("private_metadata", ""),
                "blocks": view.get("blocks", []),
                "title": view.get("title"),
                "state": {"values": values},
                "hash": "1.abc",
                "app_id": "A0001",
                "bot_id": "BBOT",
            },
            "response_urls": [],
        }
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded")

    async def event(self, event: dict) -> Reply:
        body = json.dumps(
            {
                "token": "legacy-verification-token",
                "team_id": self.fake.team_id,
                "api_app_id": "A0001",
                "type": "event_callback",
                "event_id": f"Ev{time.time_ns()}",
                "event_time": int(time.time()),
                "event": event,
            }
        )
        return await self.post(body, "application/json")


def find_option(blocks: list[dict], action_id: str, value: str) -> tuple[dict, str, dict]:
    for block in blocks:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("action_id") != action_id:
                continue
            for option in element.get("options", []):
                if option.get("value") == value:
                    return element, block.get("block_id") or "generated-by-slack", option
    raise AssertionError(f"no option {value!r} in a menu {action_id!r}: {json.dumps(blocks)[:800]}")


def state_of(view: dict, values: dict[str, Any]) -> dict:
    """`view.state.values` as Slack sends it: what was typed, else what the modal started with."""
    state: dict[str, dict] = {}
    for i, block in enumerate(view.get("blocks", [])):
        if block.get("type") != "input":
            continue
        element = block["element"]
        action_id, kind = element["action_id"], element["type"]
        given = values.get(action_id, ...)
        entry: dict[str, Any] = {"type": kind}
        if kind in ("plain_text_input", "number_input"):
            entry["value"] = element.get("initial_value") if given is ... else given
        elif kind == "datepicker":
            entry["selected_date"] = element.get("initial_date") if given is ... else given
        elif kind == "timepicker":
            entry["selected_time"] = element.get("initial_time") if given is ... else given
        elif kind == "checkboxes":
            if given is ...:
                entry["selected_options"] = element.get("initial_options", [])
            else:
                entry["selected_options"] = element["options"][:1] if given else []
        elif kind == "static_select":
            if given is ...:
                entry["selected_option"] = element.get("initial_option")
            else:
                entry["selected_option"] = next(
                    o for o in element["options"] if o["value"] == given
                )
        elif kind == "users_select":
            entry["selected_user"] = element.get("initial_user") if given is ... else given
        state[block.get("block_id") or f"b{i}"] = {action_id: entry}
    return state


def find_button(blocks: list[dict], action_id: str) -> tuple[dict, str]:
    for block in blocks:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("type") == "button" and element.get("action_id") == action_id:
                return element, block.get("block_id") or "generated-by-slack"
    raise AssertionError(f"no button {action_id!r} in {json.dumps(blocks)[:500]}")
