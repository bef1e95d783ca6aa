"""Whether a request to /slack/events has the shape Bolt relies on while it routes it.

Bolt indexes into a body before any listener of ours runs (`actions[0]["action_id"]`,
`view["type"]`, the payload as an object...), so an oddly built one, even correctly signed,
raises inside Bolt: a 500 with a traceback. Slack never sends such a body; it is refused as
malformed instead (see `bot.server.slack_events`).
"""

from typing import Any

_INTERACTIVE = frozenset(
    {
        "block_actions",
        "interactive_message",
        "view_submission",
        "view_closed",
        "shortcut",
        "message_action",
        "block_suggestion",
        "dialog_submission",
        "dialog_suggestion",
        "dialog_cancellation",
    }
)


def problem(body: Any) -> str | None:
    """What makes a parsed body malformed for Bolt's routing, or None when Bolt can route it."""
    if not isinstance(body, dict):
        return "the payload is not a JSON object"
    return _shape(body)


def _shape(body: dict[str, Any]) -> str | None:
    kind = body.get("type")
    authorizations = body.get("authorizations")
    if authorizations is not None and not _objects(authorizations):
        return "authorizations must be a list of objects"
    if kind in _INTERACTIVE:
        for key in ("team", "user", "enterprise", "channel", "container"):
            if body.get(key) is not None and not isinstance(body[key], dict):
                return f"{key} must be an object"
    if kind in ("block_actions", "interactive_message"):
        actions = body.get("actions")
        if not _objects(actions) or not actions:
            return "actions must be a non-empty list of objects"
        if kind == "block_actions" and not all(
            isinstance(a.get("action_id"), str) for a in actions
        ):
            return "every action needs an action_id"
    if kind in ("view_submission", "view_closed"):
        view = body.get("view")
        if not isinstance(view, dict) or not all(
            isinstance(view.get(key), str) for key in ("type", "callback_id")
        ):
            return "view must be an object with a type and a callback_id"
    if kind == "event_callback":
        event = body.get("event")
        if not isinstance(event, dict) or not isinstance(event.get("type"), str):
            return "event must be an object with a type"
    return None


def _objects(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)
