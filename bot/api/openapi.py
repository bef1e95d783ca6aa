"""The OpenAPI 3.1 document, assembled from the fragments each API module keeps, and /docs.

/docs is one self-contained page (docs.html, no CDN) that reads /openapi.json and renders it.
"""

from pathlib import Path
from types import ModuleType
from typing import Any

from aiohttp import web

from bot.api.spec import PUBLIC, json_response, ref

routes = web.RouteTableDef()
DOCS_PAGE = Path(__file__).with_name("docs.html")
DOCUMENT = web.AppKey("openapi_document", dict)

INFO = {
    "title": "clockbot",
    "version": "0.1.0",
    "summary": "A time clock: shifts, timesheets and companies, the same data as the Slack app.",
    "description": (
        "Authenticate with `POST /auth/login` (or `/auth/signup`), then send the access token as "
        "`Authorization: Bearer <token>` or let the `accessToken` cookie travel. Access tokens "
        "last `ACCESS_TOKEN_TTL` seconds; exchange the refresh token at `/auth/refresh` for new "
        'ones. Errors are `{"message": ...}`. Shift instants are epoch milliseconds (strings out; '
        "numbers or strings in); timesheets keep Breaktime's shape, with epoch seconds "
        "(whole numbers). Stored instants are whole seconds."
    ),
}
COMMON_SCHEMAS = {
    "Message": {
        "type": "object",
        "required": ["message"],
        "properties": {"message": {"type": "string"}},
    },
}
SECURITY_SCHEMES = {
    "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
    "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "accessToken"},
}
OWN_PATHS = {
    "/openapi.json": {
        "get": {
            "tags": ["meta"],
            "summary": "This document",
            "operationId": "openapi",
            "security": PUBLIC,
            "responses": {"200": json_response("OpenAPI 3.1", {"type": "object"})},
        }
    },
    "/docs": {
        "get": {
            "tags": ["meta"],
            "summary": "This document, readable (works offline)",
            "operationId": "docs",
            "security": PUBLIC,
            "responses": {
                "200": {
                    "description": "An HTML page",
                    "content": {"text/html": {"schema": {"type": "string"}}},
                }
            },
        }
    },
    "/healthz": {
        "get": {
            "tags": ["meta"],
            "summary": "Is the server up and its database reachable",
            "operationId": "healthz",
            "security": PUBLIC,
            "responses": {
                "200": json_response("Up", ref("Health")),
                "503": json_response("The database is unreachable", ref("Health")),
            },
        }
    },
}
HEALTH_SCHEMA = {
    "type": "object",
    "required": ["status", "database"],
    "properties": {
        "status": {"enum": ["ok", "error"]},
        "database": {"enum": ["ok", "unreachable"]},
        "slack": {"enum": ["http", "socket", "off"]},
    },
}


def build_document(modules: list[ModuleType]) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {**COMMON_SCHEMAS, "Health": HEALTH_SCHEMA}
    for module in modules:
        paths.update(module.PATHS)
        schemas.update(module.SCHEMAS)
    paths.update(OWN_PATHS)
    tags = sorted(
        {tag for item in paths.values() for op in _operations(item) for tag in op["tags"]}
    )
    return {
        "openapi": "3.1.0",
        "info": INFO,
        "tags": [{"name": tag} for tag in tags],
        "security": [{"bearerAuth": []}, {"cookieAuth": []}],
        "paths": dict(sorted(paths.items())),
        "components": {"schemas": schemas, "securitySchemes": SECURITY_SCHEMES},
    }


def _operations(path_item: dict) -> list[dict]:
    return [op for method, op in path_item.items() if method != "parameters"]


@routes.get("/openapi.json", name="api.openapi")
async def openapi(request: web.Request) -> web.Response:
    return web.json_response(request.app[DOCUMENT])


@routes.get("/docs", name="api.docs")
async def docs(request: web.Request) -> web.Response:
    return web.Response(text=DOCS_PAGE.read_text(encoding="utf-8"), content_type="text/html")
