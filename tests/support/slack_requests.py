"""Requests to /slack/events, signed exactly as Slack signs them, sent over real HTTP."""

import json
import time
from dataclasses import dataclass
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
    ) -> Reply:
        """Press the button `action_id` found in `blocks`, as Slack reports it (block_actions)."""
        button, block_id = find_button(blocks, action_id)
        payload = {
            "type": "block_actions",
            "team": {"id": self.fake.team_id, "domain": "acme"},
            "user": {"id": user, "team_id": self.fake.team_id, "username": user.lower()},
            "api_app_id": "A0001",
            "trigger_id": "1.2.3",
            "container": {"type": container},
            "actions": [
                {
                    "type": "button",
                    "action_id": button["action_id"],
                    "block_id": block_id,
                    "value": button.get("value", ""),
                    "text": button["text"],
                    "action_ts": str(time.time()),
                }
            ],
        }
        if container == "message":
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


def find_button(blocks: list[dict], action_id: str) -> tuple[dict, str]:
    for block in blocks:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("type") == "button" and element.get("action_id") == action_id:
                return element, block.get("block_id") or "generated-by-slack"
    raise AssertionError(f"no button {action_id!r} in {json.dumps(blocks)[:500]}")
