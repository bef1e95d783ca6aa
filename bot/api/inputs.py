"""Reading request bodies and parameters: every malformed input is a 400 that says what is wrong.

Times are epoch milliseconds, as numbers or as strings of digits (shifts-api.txt writes strings);
amounts are numbers or numeric strings, kept to the cent.
"""

import json
import math
import re
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any
from uuid import UUID

from aiohttp import web

from bot.api.errors import BadRequest
from models.weeks import FIRST_DAY, LAST_DAY

MAX_EPOCH_MS = 253_402_300_799_999  # 9999-12-31T23:59:59.999Z
MAX_EPOCH_SECONDS = MAX_EPOCH_MS // 1000
DAY_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
MAX_AMOUNT = Decimal("9999999999.99")  # what a NUMERIC(12, 2) column holds
CENT = Decimal("0.01")
EPOCH_MS_PATTERN = r"^[0-9]{1,15}$"
AMOUNT_PATTERN = r"^-?[0-9]{1,10}(\.[0-9]+)?$"
MAX_BODY = 64 * 1024


async def json_object(
    request: web.Request,
    *,
    allowed: frozenset[str],
    required: frozenset[str] = frozenset(),
    body_optional: bool = False,
) -> dict[str, Any]:
    """The request's JSON object, with only `allowed` keys and every `required` one."""
    if request.content_length and request.content_length > MAX_BODY:
        raise BadRequest("The request body is too large")
    raw = await request.read()
    if len(raw) > MAX_BODY:
        raise BadRequest("The request body is too large")
    if not raw.strip():
        if body_optional:
            return {}
        raise BadRequest("Send a JSON object as the request body")
    if request.content_type != "application/json":
        raise BadRequest("Send the body as JSON, with Content-Type: application/json")
    try:
        body = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise BadRequest("The request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise BadRequest("The request body must be a JSON object")
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise BadRequest(f"Unknown field: {unknown[0]}")
    missing = sorted(required - set(body))
    if missing:
        raise BadRequest(f"Missing field: {missing[0]}")
    return body


def epoch_ms(value: Any, name: str) -> datetime:
    if isinstance(value, bool):
        raise BadRequest(f"{name} must be epoch milliseconds")
    if isinstance(value, str) and re.fullmatch(EPOCH_MS_PATTERN, value):
        ms = int(value)
    elif isinstance(value, int):
        ms = value
    elif isinstance(value, float) and value.is_integer():
        ms = int(value)
    else:
        raise BadRequest(f"{name} must be epoch milliseconds, as a number or a string of digits")
    if not 0 <= ms <= MAX_EPOCH_MS:
        raise BadRequest(f"{name} is out of range")
    return datetime.fromtimestamp(ms // 1000, UTC).replace(microsecond=(ms % 1000) * 1000)


def epoch_seconds(value: Any, name: str) -> datetime | None:
    """Epoch seconds (a whole number) as Breaktime's documents have them, or null."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRequest(f"{name} must be epoch seconds (a whole number) or null")
    if not 0 <= value <= MAX_EPOCH_SECONDS:
        raise BadRequest(f"{name} is out of range")
    return datetime.fromtimestamp(value, UTC)


def day(value: Any, name: str) -> date:
    """A date as YYYY-MM-DD."""
    if not isinstance(value, str) or not re.fullmatch(DAY_PATTERN, value):
        raise BadRequest(f"{name} must be a date, YYYY-MM-DD")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{name} must be a date, YYYY-MM-DD; {value} is no such day") from None
    if not FIRST_DAY <= parsed <= LAST_DAY:
        raise BadRequest(f"{name} must be from {FIRST_DAY} to {LAST_DAY}")
    return parsed


def query_day(request: web.Request, name: str) -> date | None:
    """An optional query parameter that is a date (`day`), None when absent."""
    raw = request.query.get(name)
    return None if raw is None else day(raw, name)


def query_uuid(request: web.Request, name: str) -> UUID:
    """A query parameter that is required and a UUID."""
    if name not in request.query:
        raise BadRequest(f"{name} is required")
    return uuid(request.query[name], name)


def optional_epoch_ms(value: Any, name: str) -> datetime | None:
    return None if value is None else epoch_ms(value, name)


def to_epoch_ms(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    whole = int(moment.replace(microsecond=0).timestamp())
    return str(whole * 1000 + moment.microsecond // 1000)


def amount(value: Any, name: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise BadRequest(f"{name} must be a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise BadRequest(f"{name} must be a finite number")
    if isinstance(value, str) and not re.fullmatch(AMOUNT_PATTERN, value):
        raise BadRequest(f"{name} must be a number")
    try:
        number = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise BadRequest(f"{name} must be a number") from None
    if abs(number) > MAX_AMOUNT:
        raise BadRequest(f"{name} is out of range")
    return number


def optional_amount(value: Any, name: str) -> Decimal | None:
    return None if value is None else amount(value, name)


def text(value: Any, name: str, *, max_length: int, allow_null: bool = False) -> str:
    if value is None and allow_null:
        return ""
    if not isinstance(value, str):
        raise BadRequest(f"{name} must be a string")
    if len(value) > max_length:
        raise BadRequest(f"{name} is longer than {max_length} characters")
    if "\x00" in value:
        raise BadRequest(f"{name} must not contain NUL characters")
    try:
        value.encode()
    except UnicodeEncodeError:  # a lone surrogate, which JSON's \u escapes can smuggle in
        raise BadRequest(f"{name} is not valid Unicode") from None
    return value


def uuid(value: Any, name: str) -> UUID:
    if isinstance(value, str):
        try:
            return UUID(value)
        except ValueError:
            pass
    raise BadRequest(f"{name} must be a UUID")


def path_uuid(request: web.Request, name: str = "id") -> UUID | None:
    """A UUID from the path, or None when it isn't one (the caller answers 404 for it)."""
    try:
        return UUID(request.match_info[name])
    except ValueError:
        return None


def amount_out(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
