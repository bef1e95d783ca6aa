"""Slack's Block Kit limits, checked the way Slack's API refuses a payload ("invalid_blocks").

Used by the fake Slack on every message and view the app sends, and by the view tests.
Limits from api.slack.com/reference/block-kit (blocks, block elements, composition objects).
"""

from typing import Any

MAX_BLOCKS = {"message": 50, "modal": 100, "home": 100}


def problems(surface: str, payload: dict[str, Any]) -> list[str]:
    """Everything Slack would refuse in `payload` (a message's params or a view)."""
    found: list[str] = []
    blocks = payload.get("blocks") or []
    if len(blocks) > MAX_BLOCKS[surface]:
        found.append(f"{len(blocks)} blocks in a {surface} (max {MAX_BLOCKS[surface]})")
    if surface == "message":
        text = payload.get("text") or ""
        if not text and not blocks:
            found.append("a message needs text or blocks")
        if len(text) > 40000:
            found.append("message text over 40000 characters")
    else:
        found += _view(payload)
    block_ids: set[str] = set()
    for i, block in enumerate(blocks):
        where = f"block {i} ({block.get('type')})"
        block_id = block.get("block_id")
        if block_id is not None:
            if len(block_id) > 255:
                found.append(f"{where}: block_id over 255")
            if block_id in block_ids:
                found.append(f"{where}: duplicate block_id {block_id}")
            block_ids.add(block_id)
        found += [f"{where}: {p}" for p in _block(block, surface)]
    return found


def _view(view: dict) -> list[str]:
    found = []
    if view.get("type") == "modal":
        found += _text(view.get("title"), 24, "title", plain=True)
        for key in ("submit", "close"):
            if view.get(key) is not None:
                found += _text(view[key], 24, key, plain=True)
        if any(b.get("type") == "input" for b in view.get("blocks", [])) and not view.get("submit"):
            found.append("a modal with inputs needs a submit button")
    if len(view.get("private_metadata") or "") > 3000:
        found.append("private_metadata over 3000 characters")
    if len(view.get("callback_id") or "") > 255:
        found.append("callback_id over 255")
    return found


def _text(obj: Any, limit: int, what: str, plain: bool = False) -> list[str]:
    if not isinstance(obj, dict) or obj.get("type") not in ("plain_text", "mrkdwn"):
        return [f"{what}: not a text object"]
    if plain and obj["type"] != "plain_text":
        return [f"{what}: must be plain_text"]
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        return [f"{what}: empty text"]
    if len(text) > limit:
        return [f"{what}: {len(text)} characters (max {limit})"]
    return []


def _block(block: dict, surface: str) -> list[str]:
    kind = block.get("type")
    found: list[str] = []
    if kind == "section":
        if "text" not in block and "fields" not in block:
            found.append("section without text or fields")
        if "text" in block:
            found += _text(block["text"], 3000, "section text")
        fields = block.get("fields") or []
        if len(fields) > 10:
            found.append("more than 10 fields")
        for f in fields:
            found += _text(f, 2000, "field")
        if block.get("accessory"):
            found += _element(block["accessory"])
    elif kind == "header":
        found += _text(block.get("text"), 150, "header", plain=True)
    elif kind == "context":
        elements = block.get("elements") or []
        if not elements or len(elements) > 10:
            found.append(f"context with {len(elements)} elements (1 to 10)")
        for e in elements:
            if e.get("type") in ("plain_text", "mrkdwn"):
                found += _text(e, 3000, "context text")
    elif kind == "actions":
        elements = block.get("elements") or []
        if not elements or len(elements) > 25:
            found.append(f"actions with {len(elements)} elements (1 to 25)")
        ids = [e.get("action_id") for e in elements if e.get("action_id")]
        if len(ids) != len(set(ids)):
            found.append("duplicate action_id in one actions block")
        for e in elements:
            found += _element(e)
    elif kind == "input":
        if surface == "message":
            found.append("input blocks belong in views")
        found += _text(block.get("label"), 2000, "input label", plain=True)
        if block.get("hint") is not None:
            found += _text(block["hint"], 2000, "input hint", plain=True)
        found += _element(block.get("element") or {})
    elif kind == "divider":
        pass
    else:
        found.append(f"unexpected block type {kind!r}")
    return found


def _element(e: dict) -> list[str]:
    kind = e.get("type")
    found: list[str] = []
    if len(e.get("action_id") or "") > 255:
        found.append("action_id over 255")
    if kind == "button":
        found += _text(e.get("text"), 75, "button", plain=True)
        if len(e.get("value") or "") > 2000:
            found.append("button value over 2000")
        if e.get("confirm"):
            found += _confirm(e["confirm"])
    elif kind in ("static_select", "overflow", "checkboxes", "radio_buttons"):
        options = e.get("options") or []
        low, high = {"overflow": (1, 5), "checkboxes": (1, 10), "radio_buttons": (1, 10)}.get(
            kind, (1, 100)
        )
        if not low <= len(options) <= high:
            found.append(f"{kind} with {len(options)} options ({low} to {high})")
        for o in options:
            found += _text(o.get("text"), 75, f"{kind} option", plain=kind != "checkboxes")
            if len(o.get("value") or "") > 150:
                found.append(f"{kind} option value over 150")
        if kind == "static_select":
            found += _text(e.get("placeholder"), 150, "placeholder", plain=True)
    elif kind == "number_input":
        if not isinstance(e.get("is_decimal_allowed"), bool):
            found.append("number_input needs is_decimal_allowed")
        for key in ("initial_value", "min_value", "max_value"):
            if key in e and not isinstance(e[key], str):
                found.append(f"number_input {key} must be a string")
    elif kind in ("datepicker", "timepicker", "datetimepicker", "users_select", "plain_text_input"):
        if kind == "plain_text_input":
            max_length = e.get("max_length") or 3000
            if max_length > 3000:
                found.append("plain_text_input max_length over 3000")
            initial = e.get("initial_value") or ""
            if len(initial) > max_length:
                found.append(f"initial_value over max_length ({len(initial)} > {max_length})")
    else:
        found.append(f"unexpected element type {kind!r}")
    return found


def _confirm(c: dict) -> list[str]:
    return (
        _text(c.get("title"), 100, "confirm title", plain=True)
        + _text(c.get("text"), 300, "confirm text")
        + _text(c.get("confirm"), 30, "confirm button", plain=True)
        + _text(c.get("deny"), 30, "deny button", plain=True)
    )
