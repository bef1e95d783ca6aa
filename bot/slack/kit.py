"""Block Kit pieces that respect Slack's limits, so no builder has to think about them.

The limits are Slack's published ones (api.slack.com/reference/block-kit); text past a limit is
cut with an ellipsis rather than refused by Slack.
"""

import json
from datetime import datetime

MAX_BLOCKS_MESSAGE = 50
MAX_BLOCKS_VIEW = 100  # modals and the App Home
MAX_SECTION_TEXT = 3000
MAX_CONTEXT_TEXT = 3000
MAX_CONTEXT_ELEMENTS = 10
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_OPTION_TEXT = 75
MAX_OPTION_VALUE = 150
MAX_OPTIONS = 100
MAX_OVERFLOW_OPTIONS = 5
MAX_ACTIONS_ELEMENTS = 25
MAX_VALUE = 2000
MAX_VIEW_TITLE = 24
MAX_VIEW_BUTTON = 24
MAX_PRIVATE_METADATA = 3000
MAX_INPUT_LABEL = 2000
MAX_MESSAGE_TEXT = 4000  # the notification text; Slack truncates longer ones


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plain(text: str, limit: int = MAX_SECTION_TEXT) -> dict:
    return {"type": "plain_text", "text": clip(text, limit) or " ", "emoji": True}


def mrkdwn(text: str, limit: int = MAX_SECTION_TEXT) -> dict:
    return {"type": "mrkdwn", "text": clip(text, limit) or " "}


def section(text: str, accessory: dict | None = None) -> dict:
    block = {"type": "section", "text": mrkdwn(text)}
    if accessory:
        block["accessory"] = accessory
    return block


def header(text: str) -> dict:
    return {"type": "header", "text": plain(text, MAX_HEADER_TEXT)}


def context(*texts: str) -> dict:
    return {
        "type": "context",
        "elements": [mrkdwn(t, MAX_CONTEXT_TEXT) for t in texts[:MAX_CONTEXT_ELEMENTS]],
    }


def divider() -> dict:
    return {"type": "divider"}


def actions(*elements: dict) -> dict:
    return {"type": "actions", "elements": list(elements[:MAX_ACTIONS_ELEMENTS])}


def confirm(title: str, text: str, yes: str, no: str = "Cancel", danger: bool = True) -> dict:
    dialog = {
        "title": plain(title, 100),
        "text": mrkdwn(text, 300),
        "confirm": plain(yes, 30),
        "deny": plain(no, 30),
    }
    if danger:
        dialog["style"] = "danger"
    return dialog


def button(
    label: str,
    action_id: str,
    value: str = "",
    style: str | None = None,
    confirm_with: dict | None = None,
) -> dict:
    element = {
        "type": "button",
        "text": plain(label, MAX_BUTTON_TEXT),
        "action_id": action_id,
        "value": (value or action_id)[:MAX_VALUE],
    }
    if style:
        element["style"] = style
    if confirm_with:
        element["confirm"] = confirm_with
    return element


def option(text: str, value: str) -> dict:
    return {"text": plain(text, MAX_OPTION_TEXT), "value": value[:MAX_OPTION_VALUE]}


def overflow(action_id: str, options: list[dict]) -> dict:
    return {"type": "overflow", "action_id": action_id, "options": options[:MAX_OVERFLOW_OPTIONS]}


def static_select(
    action_id: str, placeholder: str, options: list[dict], initial: dict | None = None
) -> dict:
    element = {
        "type": "static_select",
        "action_id": action_id,
        "placeholder": plain(placeholder, 150),
        "options": options[:MAX_OPTIONS],
    }
    if initial:
        element["initial_option"] = initial
    return element


def input_block(
    block_id: str, label: str, element: dict, *, optional: bool = False, hint: str = ""
) -> dict:
    block = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label, MAX_INPUT_LABEL),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(hint, 2000)
    return block


def modal(
    callback_id: str,
    title: str,
    blocks: list[dict],
    *,
    submit: str | None = None,
    close: str = "Cancel",
    metadata: dict | None = None,
) -> dict:
    view = {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(title, MAX_VIEW_TITLE),
        "close": plain(close, MAX_VIEW_BUTTON),
        "blocks": blocks[:MAX_BLOCKS_VIEW],
        "private_metadata": pack(metadata or {}),
    }
    if submit:
        view["submit"] = plain(submit, MAX_VIEW_BUTTON)
    return view


def pack(metadata: dict) -> str:
    text = json.dumps(metadata, separators=(",", ":"))
    if len(text) > MAX_PRIVATE_METADATA:
        raise ValueError("private_metadata too long")  # a bug of ours, never user input
    return text


def unpack(text: str | None) -> dict:
    try:
        data = json.loads(text or "{}")
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def slack_date(at: datetime, form: str = "{date_short_pretty} at {time}") -> str:
    """A time Slack shows in each reader's own zone ("Today at 10:02 AM")."""
    fallback = at.strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(at.timestamp())}^{form}|{fallback}>"


def mention(user) -> str:
    """`<@U123>` for a Slack user (Slack shows their name), else the plain name."""
    if user is None:
        return "someone"
    return f"<@{user.slack_user_id}>" if getattr(user, "slack_user_id", None) else user.name
