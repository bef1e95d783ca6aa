"""Helpers for the OpenAPI fragments each API module keeps next to its handlers."""

from typing import Any

from bot.api import inputs

Schema = dict[str, Any]

ERROR_DESCRIPTIONS = {
    400: "Malformed request: the message says what is wrong; nothing changed",
    401: 'Not signed in, or the token is invalid: {"message": "Unauthorized API access"}',
    403: 'Signed in, but the role lacks the permission: {"message": "Permission required"}',
    404: "No such record, or not one the caller may see",
    409: "Conflicts with the user's other shifts; nothing changed",
    429: "Too many failed logins for this account; wait `Retry-After` seconds",
}


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def json_body(schema: Schema, *, required: bool = True) -> Schema:
    return {"required": required, "content": {"application/json": {"schema": schema}}}


def json_response(description: str, schema: Schema, headers: Schema | None = None) -> Schema:
    response: Schema = {
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }
    if headers:
        response["headers"] = headers
    return response


def no_content(description: str, headers: Schema | None = None) -> Schema:
    response: Schema = {"description": description}
    if headers:
        response["headers"] = headers
    return response


def errors(*codes: int) -> dict[str, Schema]:
    """The error responses an operation can give, all `{"message": ...}`."""
    out = {}
    for code in codes:
        headers = None
        if code == 429:
            headers = {
                "Retry-After": {
                    "description": "Seconds until the next attempt is allowed",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 1},
                }
            }
        out[str(code)] = json_response(ERROR_DESCRIPTIONS[code], ref("Message"), headers)
    return out


def path_id(description: str, name: str = "id") -> Schema:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string", "format": "uuid"},
    }


PUBLIC: list = []  # `security` of an operation that needs no token


def day(description: str = "") -> Schema:
    """A day as the API reads it (`inputs`): YYYY-MM-DD within the range it accepts."""
    lead = f"{description}, " if description else ""
    return {
        "type": "string",
        "format": "date",
        "pattern": inputs.DAY_PATTERN,
        "description": f"{lead}YYYY-MM-DD ({inputs.FIRST_DAY} to {inputs.LAST_DAY})",
    }
