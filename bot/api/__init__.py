"""The REST API: routes on the same aiohttp app as Slack, calling the same domain operations.

Each module in MODULES has `routes` (aiohttp), and `PATHS` and `SCHEMAS` (its part of the OpenAPI
document). A new resource (timesheets) is one more module in that list.
"""

from aiohttp import web

from bot.api import auth, background, companies, openapi, shifts
from bot.api.errors import error_middleware
from bot.config import Settings

MODULES = [auth, shifts, companies]


def setup(app: web.Application, settings: Settings) -> None:
    """Add the REST routes; `build_app` calls this after adding the database to cleanup_ctx."""
    app.middlewares.append(error_middleware)
    app.cleanup_ctx.append(background.background_tasks)
    app.cleanup_ctx.append(auth.token_keys)
    app[openapi.DOCUMENT] = openapi.build_document(MODULES)
    for module in MODULES:
        app.router.add_routes(module.routes)
    app.router.add_routes(openapi.routes)
