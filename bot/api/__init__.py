"""The REST API: routes on the same aiohttp app as Slack, calling the same domain operations.

Each module in MODULES has `routes` (an aiohttp RouteTableDef whose route names start with
"api."), and `PATHS` and `SCHEMAS`: its part of the OpenAPI document. A new resource is one
more module in that list, written the same way (timesheets.py is a complete example):
  - a handler starts with `actor = await auth.current_actor(request)` (401 without a valid
    access token); `actor.id` and `actor.privilege` are what `models.permissions.relations`
    reads, `actor.roles` the user's role per company;
  - bodies and parameters through `inputs` (every malformed input a 400 that says why);
  - refusals: raise `errors.*`, or let a `models.errors.DomainError` through (the middleware
    answers 404, 403, 409 or 400 with its sentence, see `errors.api_error`);
  - tests/api/test_openapi.py checks the routes against the document, and
    tests/api/test_schemathesis.py fuzzes every documented operation.
"""

from aiohttp import web

from bot.api import (
    attendance,
    auth,
    background,
    companies,
    exports,
    openapi,
    shifts,
    timesheets,
)
from bot.api.errors import error_middleware
from bot.config import Settings

MODULES = [auth, shifts, companies, timesheets, exports, attendance]


def setup(app: web.Application, settings: Settings) -> None:
    """Add the REST routes; `build_app` calls this after adding the database to cleanup_ctx."""
    app.middlewares.append(error_middleware)
    app.cleanup_ctx.append(background.background_tasks)
    app.cleanup_ctx.append(auth.token_keys)
    app[openapi.DOCUMENT] = openapi.build_document(MODULES)
    for module in MODULES:
        app.router.add_routes(module.routes)
    app.router.add_routes(openapi.routes)
