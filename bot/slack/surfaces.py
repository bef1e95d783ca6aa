"""Where an interaction came from (an ephemeral reply, a DM, a modal, the App Home), and drawing
the week again there once it changed. Slack failures here are logged, never raised: the change
is already recorded, and the App Home shows it the next time it is drawn."""

import logging
from dataclasses import asdict, dataclass

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.slack.week_views import week_message, week_modal
from bot.slack.weeks import WeekKey, week_for
from models.errors import DomainError
from models.users import User

log = logging.getLogger(__name__)
SLACK_FAILURES = (SlackApiError, TimeoutError, OSError)


@dataclass(frozen=True)
class Origin:
    kind: str = "none"  # "ephemeral" (a reply), "message" (a DM), "home", "modal" or "none"
    response_url: str = ""
    channel: str = ""
    ts: str = ""
    view_id: str = ""

    @classmethod
    def of(cls, body: dict) -> "Origin":
        """Where a block_actions payload came from."""
        container = body.get("container") or {}
        if container.get("type") == "view":
            view = body.get("view") or {}
            kind = "home" if view.get("type") == "home" else "modal"
            return cls(kind=kind, view_id=view.get("id", ""))
        if container.get("type") == "message":
            return cls(
                kind="ephemeral" if container.get("is_ephemeral") else "message",
                response_url=body.get("response_url", ""),
                channel=(body.get("channel") or {}).get("id", "")
                or container.get("channel_id", ""),
                ts=container.get("message_ts", "") or (body.get("message") or {}).get("ts", ""),
            )
        return cls()

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v}

    @classmethod
    def from_dict(cls, data: dict | None) -> "Origin":
        data = data or {}
        return cls(**{k: str(v) for k, v in data.items() if k in cls.__dataclass_fields__})


async def open_modal(client: AsyncWebClient, body: dict, view: dict) -> None:
    """Open `view` from an interaction: on top of the modal it came from, or fresh."""
    try:
        if (body.get("view") or {}).get("type") == "modal":
            await client.views_push(trigger_id=body["trigger_id"], view=view)
        else:
            await client.views_open(trigger_id=body["trigger_id"], view=view)
    except SLACK_FAILURES as error:
        log.warning("opening a modal failed: %s", error)


async def reply(client: AsyncWebClient, origin: Origin, text: str) -> None:
    """Tell the person who acted something only they see, where they acted."""
    if origin.response_url:
        await post_to_response_url(
            client,
            origin.response_url,
            {"text": text, "response_type": "ephemeral", "replace_original": False},
        )


async def post_to_response_url(client: AsyncWebClient, url: str, payload: dict) -> None:
    webhook = AsyncWebhookClient(url, timeout=10, session=client.session)
    try:
        await webhook.send_dict(payload)
    except SLACK_FAILURES as error:
        log.warning("response_url post failed: %s", error)


async def redraw(client: AsyncWebClient, actor: User, key: WeekKey, origin: Origin) -> None:
    """Draw the week again where the actor is looking at it: their /timesheet reply or the week's
    modal. (DMs are redrawn by `notify.update_decisions`, the App Home by `home.publish`.)"""
    if origin.kind not in ("ephemeral", "modal"):
        return
    try:
        sheet, viewer = await week_for(actor, key)
    except DomainError:
        return
    if origin.kind == "modal" and origin.view_id:
        try:
            await client.views_update(view_id=origin.view_id, view=week_modal(sheet, viewer))
        except SLACK_FAILURES as error:
            log.warning("views.update failed: %s", error)
    elif origin.response_url:
        message = week_message(sheet, viewer)
        await post_to_response_url(
            client, origin.response_url, {**message, "replace_original": True}
        )
