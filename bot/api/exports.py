"""Payroll export over REST: the CSV files of `models.payroll`, as a download.

Only the company's admins get it (`models.payroll.check_may_export`): its other members are
refused (403) and anyone else is told it does not exist (404).
"""

from aiohttp import web

from bot.api import inputs
from bot.api.auth import current_actor
from bot.api.errors import BadRequest
from bot.api.spec import day, errors
from models import payroll

routes = web.RouteTableDef()
NOT_FINALIZED_HEADER = "X-Not-Finalized"


def _rounding(request: web.Request) -> int | None:
    raw = request.query.get("rounding")
    if raw is None:
        return None
    if raw not in {str(r) for r in payroll.ROUNDINGS}:
        raise BadRequest("rounding must be 5, 6 or 15 (minutes)")
    return int(raw)


def _flag(request: web.Request, name: str) -> bool:
    raw = request.query.get(name, "false")
    if raw not in ("true", "false"):
        raise BadRequest(f"{name} must be true or false")
    return raw == "true"


@routes.get("/exports/payroll", name="api.exports.payroll")
async def payroll_csv(request: web.Request) -> web.Response:
    actor = await current_actor(request)
    company_id = inputs.query_uuid(request, "company_id")
    first, last = inputs.query_day(request, "from"), inputs.query_day(request, "to")
    rounding, detail = _rounding(request), _flag(request, "detail")
    export = await payroll.payroll_export(actor, company_id, first, last, rounding)
    text = export.detail_csv() if detail else export.summary_csv()
    return web.Response(
        text=text,
        content_type="text/csv",
        charset="utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{export.filename(detail)}"',
            NOT_FINALIZED_HEADER: str(export.not_finalized),
        },
    )


# --- OpenAPI -------------------------------------------------------------------------------

_DATE = day()

SCHEMAS: dict = {}

PATHS = {
    "/exports/payroll": {
        "get": {
            "tags": ["exports"],
            "summary": "Payroll CSV of a company's weeks (admins of the company)",
            "description": (
                "The weeks holding `from` through `to` (default: the last week that ended; `to` "
                "defaults to `from`; at most 53 weeks). Summary: one row per person and week "
                "with regular, overtime, PTO and total hours (decimal, to the hundredth) and "
                "the week's status; a week that is not finalized reads `NOT FINALIZED (...)` "
                "in its status column. With `detail=true`, one row per entry instead: raw "
                "punches (associate, supervisor, admin), the times that counted and their "
                "hours. `rounding` moves each counted punch to the nearest 5, 6 or 15 minutes "
                "of the local clock (half up) in the file only; stored punches never change."
            ),
            "operationId": "exportPayroll",
            "parameters": [
                {
                    "name": "company_id",
                    "in": "query",
                    "required": True,
                    "schema": {"type": "string", "format": "uuid"},
                },
                {"name": "from", "in": "query", "schema": _DATE},
                {"name": "to", "in": "query", "schema": _DATE},
                {"name": "rounding", "in": "query", "schema": {"enum": list(payroll.ROUNDINGS)}},
                {"name": "detail", "in": "query", "schema": {"type": "boolean"}},
            ],
            "responses": {
                "200": {
                    "description": "The CSV file (RFC 4180, UTF-8, a header row first)",
                    "headers": {
                        "Content-Disposition": {
                            "description": 'attachment; filename="payroll-….csv"',
                            "required": True,
                            "schema": {"type": "string"},
                        },
                        NOT_FINALIZED_HEADER: {
                            "description": "How many person-weeks in the file are not finalized",
                            "required": True,
                            "schema": {"type": "string", "pattern": "^[0-9]+$"},
                        },
                    },
                    "content": {"text/csv": {"schema": {"type": "string"}}},
                },
                **errors(400, 401, 403, 404),
            },
        }
    },
}
