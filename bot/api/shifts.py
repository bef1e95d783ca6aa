"""Shifts over REST, as shifts-api.txt has them, through the same operations as Slack's punches.

Keys are snake_case; instants go out as epoch-millisecond strings and come in as numbers or
strings. Permissions: read needs `shifts_read`, create and close `shifts_create`, update
`shifts_update`, delete `shifts_delete` (models.access says which role has which).
"""

import base64
import binascii
import json
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from aiohttp import web
from tortoise.expressions import Q

from bot.api import inputs, to_slack
from bot.api.auth import current_actor
from bot.api.errors import BadRequest, Forbidden, NotFound, from_domain_error
from bot.api.spec import errors, json_body, json_response, no_content, path_id, ref
from models import shift_records
from models.access import Actor, Permission
from models.errors import DomainError
from models.shift_records import CLIENT_CLOCK_SKEW
from models.shifts import MAX_NOTE, Shift
from models.timeutil import to_instant, utcnow
from models.users import Membership

routes = web.RouteTableDef()
SHIFT_NOT_FOUND = "Shift not found"
USER_NOT_FOUND = "User not found"
MAX_LIMIT = 1000
# `open` is not an id: PUT /shifts/open is 405, not "Shift not found".
SHIFT_PATH = "/shifts/{id:(?!open$)[^/]+}"


def shift_json(shift: Shift) -> dict[str, Any]:
    return {
        "id": str(shift.id),
        "user_id": str(shift.user_id),
        "company_id": str(shift.company_id),
        "shift_date": inputs.to_epoch_ms(shift.shift_date),
        "start_time": inputs.to_epoch_ms(shift.start_time),
        "end_time": inputs.to_epoch_ms(shift.end_time),
        "notes": shift.notes,
        "initial_amount": inputs.amount_out(shift.initial_amount),
        "final_amount": inputs.amount_out(shift.final_amount),
        "difference": inputs.amount_out(shift.difference),
    }


def _done(shift_id: UUID, message: str, status: int = 200) -> web.Response:
    return web.json_response({"id": str(shift_id), "message": message}, status=status)


async def _visible_shift(request: web.Request, permission: Permission) -> tuple[Actor, Shift]:
    """The shift in the path, if the caller may see it (else 404) and act on it (else 403)."""
    actor = await current_actor(request)
    shift_id = inputs.path_uuid(request)
    shift = await Shift.live().get_or_none(id=shift_id) if shift_id else None
    if shift is None or not actor.sees(shift.user_id, shift.company_id):
        raise NotFound(SHIFT_NOT_FOUND)
    if not actor.may(permission, shift.user_id, shift.company_id):
        raise Forbidden()
    return actor, shift


async def owner_company(
    actor: Actor, permission: Permission, user_id: UUID, company_id: UUID | None
) -> UUID:
    """The company a record of `user_id` goes in (`company_id`, or the only one that fits), if
    the caller may do `permission` to their records there; else why not (404, 400, 403)."""
    if not await actor.sees_user(user_id):
        raise NotFound(USER_NOT_FOUND)
    member_of = await Membership.filter(user_id=user_id).values_list("company_id", flat=True)
    allowed = [c for c in member_of if actor.may(permission, user_id, c)]
    if company_id is not None:
        if company_id in allowed:
            return company_id
        if company_id not in actor.roles:
            raise NotFound("Company not found")
        if company_id not in member_of:
            raise BadRequest("user_id is not a member of company_id")
        raise Forbidden()
    if len(allowed) == 1:
        return allowed[0]
    if allowed:
        raise BadRequest("This user belongs to several companies: give company_id")
    if not member_of:
        raise BadRequest("This user belongs to no company yet: an admin must add them first")
    raise Forbidden()


def _query_uuid(request: web.Request, name: str) -> UUID | None:
    raw = request.query.get(name)
    return None if raw is None else inputs.uuid(raw, name)


def _visible(actor: Actor) -> Q | None:
    """Which shifts the caller sees, as a filter; None when they see none."""
    wide, own = actor.wide_companies(), actor.own_companies()
    parts = []
    if wide:
        parts.append(Q(company_id__in=wide))
    if own:
        parts.append(Q(user_id=actor.id, company_id__in=own))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Q(*parts, join_type="OR")


# --- reading -------------------------------------------------------------------------------


@routes.get("/shifts/open", name="api.shifts.open")
async def open_shift(request: web.Request) -> web.Response:
    actor = await current_actor(request)
    actor.require(Permission.SHIFTS_READ)
    user_id = _query_uuid(request, "user_id") or actor.id
    if not await actor.sees_user(user_id):
        raise NotFound(USER_NOT_FOUND)
    shift = await Shift.live().filter(user_id=user_id, end_time__isnull=True).first()
    if shift is None or not actor.may(Permission.SHIFTS_READ, shift.user_id, shift.company_id):
        return web.Response(status=204)
    return web.json_response(shift_json(shift))


def _encode_cursor(shift: Shift) -> str:
    raw = json.dumps([shift.start_time.isoformat(), str(shift.id)]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[datetime, UUID]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        start, shift_id = json.loads(raw)
        return to_instant(datetime.fromisoformat(start)), UUID(shift_id)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise BadRequest("cursor is not one this API gave out") from None


def _limit(request: web.Request) -> int | None:
    raw = request.query.get("limit")
    if raw is None:
        return None
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
        raise BadRequest(f"limit must be a whole number from 1 to {MAX_LIMIT}")
    return int(raw)


@routes.get("/shifts", name="api.shifts.list")
async def list_shifts(request: web.Request) -> web.Response:
    actor = await current_actor(request)
    actor.require(Permission.SHIFTS_READ)
    limit = _limit(request)
    cursor = request.query.get("cursor")
    user_id = _query_uuid(request, "user_id")
    visible = _visible(actor)
    if visible is None:
        return web.Response(status=204)
    query = Shift.live().filter(visible)
    if user_id is not None:
        query = query.filter(user_id=user_id)
    if cursor is not None:
        start, after_id = _decode_cursor(cursor)
        query = query.filter(
            Q(start_time__lt=start) | Q(start_time=start, id__lt=after_id, join_type="AND")
        )
    query = query.order_by("-start_time", "-id")
    shifts = await (query.limit(limit + 1) if limit else query)
    headers = {}
    if limit and len(shifts) > limit:
        shifts = shifts[:limit]
        headers["X-Next-Cursor"] = _encode_cursor(shifts[-1])
    if not shifts:
        return web.Response(status=204)
    return web.json_response([shift_json(s) for s in shifts], headers=headers)


@routes.get(SHIFT_PATH, name="api.shifts.get")
async def get_shift(request: web.Request) -> web.Response:
    _, shift = await _visible_shift(request, Permission.SHIFTS_READ)
    return web.json_response(shift_json(shift))


# --- writing -------------------------------------------------------------------------------

CREATE_FIELDS = frozenset(
    {
        "user_id",
        "company_id",
        "shift_date",
        "start_time",
        "end_time",
        "notes",
        "initial_amount",
        "final_amount",
        "difference",
    }
)


def _times_and_amounts(body: dict) -> dict[str, Any]:
    """The shift fields in `body`, parsed; absent ones stay absent."""
    parsers = {
        "shift_date": inputs.epoch_ms,
        "start_time": inputs.epoch_ms,
        "end_time": inputs.optional_epoch_ms,
        "initial_amount": inputs.amount,
        "final_amount": inputs.optional_amount,
        "difference": inputs.optional_amount,
    }
    out = {name: parse(body[name], name) for name, parse in parsers.items() if name in body}
    if "notes" in body:
        out["notes"] = inputs.text(body["notes"], "notes", max_length=MAX_NOTE, allow_null=True)
    return out


@routes.post("/shifts", name="api.shifts.create")
async def create_shift(request: web.Request) -> web.Response:
    actor = await current_actor(request)
    actor.require(Permission.SHIFTS_CREATE)
    body = await inputs.json_object(request, allowed=CREATE_FIELDS)
    fields = _times_and_amounts(body)
    user_id = inputs.uuid(body["user_id"], "user_id") if "user_id" in body else actor.id
    company_id = inputs.uuid(body["company_id"], "company_id") if "company_id" in body else None
    company_id = await owner_company(actor, Permission.SHIFTS_CREATE, user_id, company_id)
    now = utcnow()
    try:
        shift = await shift_records.create_shift(
            actor.id,
            user_id,
            company_id,
            start=fields.get("start_time") or now,
            end=fields.get("end_time"),
            shift_date=fields.get("shift_date"),
            notes=fields.get("notes", ""),
            initial_amount=fields.get("initial_amount", Decimal(0)),
            final_amount=fields.get("final_amount"),
            difference=fields.get("difference"),
            now=now,
            skew=CLIENT_CLOCK_SKEW,
        )
    except DomainError as error:
        raise from_domain_error(error) from None
    to_slack.republish_home(request.app, user_id)
    return _done(shift.id, "Shift added successfully", 201)


@routes.put(SHIFT_PATH, name="api.shifts.update")
async def update_shift(request: web.Request) -> web.Response:
    actor, shift = await _visible_shift(request, Permission.SHIFTS_UPDATE)
    body = await inputs.json_object(request, allowed=shift_records.EDITABLE)
    if not body:
        raise BadRequest("Give at least one field to change")
    changes = _times_and_amounts(body)
    if "user_id" in body:
        new_owner = inputs.uuid(body["user_id"], "user_id")
        if new_owner != shift.user_id:
            await owner_company(actor, Permission.SHIFTS_UPDATE, new_owner, shift.company_id)
        changes["user_id"] = new_owner
    try:
        await shift_records.update_shift(actor.id, shift.id, changes, skew=CLIENT_CLOCK_SKEW)
    except DomainError as error:
        raise from_domain_error(error) from None
    for user_id in {shift.user_id, changes.get("user_id", shift.user_id)}:
        to_slack.republish_home(request.app, user_id)
    return _done(shift.id, "Shift updated successfully")


CLOSE_FIELDS = frozenset({"final_amount", "difference", "end_time"})


@routes.post(SHIFT_PATH + "/close", name="api.shifts.close")
async def close_shift(request: web.Request) -> web.Response:
    actor, shift = await _visible_shift(request, Permission.SHIFTS_CREATE)
    body = await inputs.json_object(request, allowed=CLOSE_FIELDS, body_optional=True)
    fields = _times_and_amounts(body)
    try:
        await shift_records.close_shift(
            actor.id,
            shift.id,
            at=fields.get("end_time"),
            final_amount=fields.get("final_amount"),
            difference=fields.get("difference"),
            skew=CLIENT_CLOCK_SKEW,
        )
    except DomainError as error:
        raise from_domain_error(error, "Shift not found or already closed") from None
    to_slack.republish_home(request.app, shift.user_id)
    return _done(shift.id, "Shift closed successfully")


@routes.delete(SHIFT_PATH, name="api.shifts.delete")
async def delete_shift(request: web.Request) -> web.Response:
    actor, shift = await _visible_shift(request, Permission.SHIFTS_DELETE)
    try:
        await shift_records.delete_shift(actor.id, shift.id)
    except DomainError as error:
        raise from_domain_error(error) from None
    to_slack.republish_home(request.app, shift.user_id)
    return web.Response(status=204)


# --- OpenAPI -------------------------------------------------------------------------------

EPOCH_MS_IN = {
    "description": "Epoch milliseconds, as a number or a string of digits",
    "oneOf": [
        {"type": "integer", "minimum": 0, "maximum": inputs.MAX_EPOCH_MS},
        {"type": "string", "pattern": inputs.EPOCH_MS_PATTERN},
    ],
}
AMOUNT_IN = {
    "description": "An amount of money, kept to the cent",
    "oneOf": [
        {"type": "number", "minimum": -9999999999.99, "maximum": 9999999999.99},
        {"type": "string", "pattern": inputs.AMOUNT_PATTERN},
    ],
}


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


_EPOCH_MS_OUT = {"type": "string", "pattern": "^[0-9]+$", "description": "Epoch milliseconds"}
_NOTES = {"type": ["string", "null"], "maxLength": MAX_NOTE}
_UUID = {"type": "string", "format": "uuid"}
_TAG = ["shifts"]

SCHEMAS = {
    "Shift": {
        "type": "object",
        "required": [
            "id",
            "user_id",
            "company_id",
            "shift_date",
            "start_time",
            "end_time",
            "notes",
            "initial_amount",
            "final_amount",
            "difference",
        ],
        "properties": {
            "id": _UUID,
            "user_id": _UUID,
            "company_id": _UUID,
            "shift_date": _EPOCH_MS_OUT,
            "start_time": _EPOCH_MS_OUT,
            "end_time": {
                **_EPOCH_MS_OUT,
                "type": ["string", "null"],
                "description": "null while open",
            },
            "notes": {"type": "string"},
            "initial_amount": {"type": "number", "description": "Cash in the drawer at open"},
            "final_amount": {"type": ["number", "null"]},
            "difference": {"type": ["number", "null"]},
        },
    },
    "ShiftList": {"type": "array", "items": ref("Shift")},
    "ShiftCreate": {
        "type": "object",
        "additionalProperties": False,
        "description": "Every field is optional: user_id defaults to the caller, start_time to "
        "now, shift_date to start_time; company_id is needed only when the user belongs to "
        "several companies. Without end_time the shift is open.",
        "properties": {
            "user_id": _UUID,
            "company_id": _UUID,
            "shift_date": EPOCH_MS_IN,
            "start_time": EPOCH_MS_IN,
            "end_time": _nullable(EPOCH_MS_IN),
            "notes": _NOTES,
            "initial_amount": AMOUNT_IN,
            "final_amount": _nullable(AMOUNT_IN),
            "difference": _nullable(AMOUNT_IN),
        },
    },
    "ShiftUpdate": {
        "type": "object",
        "additionalProperties": False,
        "minProperties": 1,
        "description": "The fields to change. `end_time: null` reopens the shift. Changing "
        "final_amount alone recomputes difference.",
        "properties": {
            "user_id": _UUID,
            "shift_date": EPOCH_MS_IN,
            "start_time": EPOCH_MS_IN,
            "end_time": _nullable(EPOCH_MS_IN),
            "notes": _NOTES,
            "initial_amount": AMOUNT_IN,
            "final_amount": _nullable(AMOUNT_IN),
            "difference": _nullable(AMOUNT_IN),
        },
    },
    "ShiftClose": {
        "type": "object",
        "additionalProperties": False,
        "description": "end_time defaults to now; difference to final_amount - initial_amount.",
        "properties": {
            "final_amount": AMOUNT_IN,
            "difference": AMOUNT_IN,
            "end_time": EPOCH_MS_IN,
        },
    },
    "ShiftDone": {
        "type": "object",
        "required": ["id", "message"],
        "properties": {"id": _UUID, "message": {"type": "string"}},
    },
}

_SHIFT_ID = path_id("ID of the shift")
_CONFLICT = json_response(
    "There is already an open shift, the shift would overlap another of the user's, or its "
    "week no longer takes changes to hours (approved, or finalized and locked)",
    ref("Message"),
)
_WEEK_CONFLICT = json_response(
    "The shift's week no longer takes changes to hours (approved, or finalized and locked)",
    ref("Message"),
)

PATHS = {
    "/shifts": {
        "get": {
            "tags": _TAG,
            "summary": "List the shifts the caller may see",
            "description": "Newest first. Without `limit`, every shift (the plain form of "
            "shifts-api.txt); with it, one page, and the `X-Next-Cursor` header when there is "
            "more: pass it as `cursor` for the next page.",
            "operationId": "listShifts",
            "parameters": [
                {
                    "name": "limit",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
                },
                {"name": "cursor", "in": "query", "schema": {"type": "string"}},
                {"name": "user_id", "in": "query", "schema": _UUID},
            ],
            "responses": {
                "200": json_response(
                    "The shifts",
                    ref("ShiftList"),
                    {
                        "X-Next-Cursor": {
                            "description": "Cursor of the next page, when there is one",
                            "schema": {"type": "string"},
                        }
                    },
                ),
                "204": no_content("No shifts found"),
                **errors(400, 401, 403),
            },
        },
        "post": {
            "tags": _TAG,
            "summary": "Create a shift",
            "operationId": "createShift",
            "requestBody": json_body(ref("ShiftCreate")),
            "responses": {
                "201": {
                    **json_response("Shift added successfully", ref("ShiftDone")),
                    "links": {
                        name: {"operationId": op, "parameters": {"id": "$response.body#/id"}}
                        for name, op in [
                            ("GetShift", "getShift"),
                            ("UpdateShift", "updateShift"),
                            ("CloseShift", "closeShift"),
                            ("DeleteShift", "deleteShift"),
                        ]
                    },
                },
                **errors(400, 401, 403, 404),
                "409": _CONFLICT,
            },
        },
    },
    "/shifts/open": {
        "get": {
            "tags": _TAG,
            "summary": "The open shift of the caller, or of `user_id`",
            "operationId": "getOpenShift",
            "parameters": [{"name": "user_id", "in": "query", "schema": _UUID}],
            "responses": {
                "200": json_response("The open shift", ref("Shift")),
                "204": no_content("No open shift"),
                **errors(400, 401, 403, 404),
            },
        }
    },
    "/shifts/{id}": {
        "parameters": [_SHIFT_ID],
        "get": {
            "tags": _TAG,
            "summary": "One shift",
            "operationId": "getShift",
            "responses": {
                "200": json_response("The shift", ref("Shift")),
                **errors(401, 403, 404),
            },
        },
        "put": {
            "tags": _TAG,
            "summary": "Change a shift",
            "operationId": "updateShift",
            "requestBody": json_body(ref("ShiftUpdate")),
            "responses": {
                "200": json_response("Shift updated successfully", ref("ShiftDone")),
                **errors(400, 401, 403, 404),
                "409": _CONFLICT,
            },
        },
        "delete": {
            "tags": _TAG,
            "summary": "Delete a shift (soft: it is kept, marked deleted, and counts nowhere)",
            "operationId": "deleteShift",
            "responses": {
                "204": no_content("Deleted"),
                **errors(401, 403, 404),
                "409": _WEEK_CONFLICT,
            },
        },
    },
    "/shifts/{id}/close": {
        "parameters": [_SHIFT_ID],
        "post": {
            "tags": _TAG,
            "summary": "Close an open shift",
            "operationId": "closeShift",
            "requestBody": json_body(ref("ShiftClose"), required=False),
            "responses": {
                "200": json_response("Shift closed successfully", ref("ShiftDone")),
                **errors(400, 401, 403),
                "404": json_response("Shift not found or already closed", ref("Message")),
                "409": _WEEK_CONFLICT,
            },
        },
    },
}
