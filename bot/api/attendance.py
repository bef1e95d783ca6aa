"""Attendance over REST: the summary of `models.attendance` (shifts planned, worked, late, early,
absent) per associate and for the company.

Its supervisors and admins see it (`models.attendance.check_may_see`); its associates are
refused (403) and for anyone else the company does not exist (404).
"""

from aiohttp import web

from bot.api import inputs
from bot.api.auth import current_actor
from bot.api.spec import day, errors, json_response, ref
from models import attendance
from models.attendance import AttendanceSummary, Tally

routes = web.RouteTableDef()


def _counts(tally: Tally) -> dict[str, int]:
    return {
        "Planned": tally.planned,
        "Worked": tally.worked,
        "Late": tally.late,
        "Early": tally.early,
        "Absent": tally.absent,
    }


def summary_document(summary: AttendanceSummary) -> dict:
    return {
        "CompanyID": str(summary.company.id),
        "From": summary.first_day.isoformat(),
        "To": summary.last_day.isoformat(),
        "Total": _counts(summary.total),
        "People": [
            {"UserID": str(user.id), "Name": user.name, **_counts(tally)}
            for user, tally in summary.people
        ],
    }


@routes.get("/attendance", name="api.attendance")
async def get_attendance(request: web.Request) -> web.Response:
    actor = await current_actor(request)
    company_id = inputs.query_uuid(request, "company_id")
    first, last = inputs.query_day(request, "from"), inputs.query_day(request, "to")
    summary = await attendance.summary(actor, company_id, first, last)
    return web.json_response(summary_document(summary))


# --- OpenAPI -------------------------------------------------------------------------------

_COUNT = {"type": "integer", "minimum": 0}
_COUNTS = {
    "Planned": {**_COUNT, "description": "Planned shifts that have ended"},
    "Worked": {**_COUNT, "description": "Shifts punched"},
    "Late": {**_COUNT, "description": "Active Late Arrival reports"},
    "Early": {**_COUNT, "description": "Active Early Departure reports"},
    "Absent": {**_COUNT, "description": "Active No Show reports"},
}
_DAY = day("Any day of the week")

SCHEMAS = {
    "AttendanceCounts": {
        "type": "object",
        "required": sorted(_COUNTS),
        "properties": _COUNTS,
    },
    "AttendancePerson": {
        "type": "object",
        "required": ["UserID", "Name", *sorted(_COUNTS)],
        "properties": {
            "UserID": {"type": "string", "format": "uuid"},
            "Name": {"type": "string"},
            **_COUNTS,
        },
    },
    "Attendance": {
        "type": "object",
        "required": ["CompanyID", "From", "To", "Total", "People"],
        "properties": {
            "CompanyID": {"type": "string", "format": "uuid"},
            "From": {"type": "string", "format": "date", "description": "The first week's Sunday"},
            "To": {"type": "string", "format": "date", "description": "The last week's Saturday"},
            "Total": ref("AttendanceCounts"),
            "People": {
                "type": "array",
                "items": ref("AttendancePerson"),
                "description": "Everyone with something to count, most incidents first, then "
                "by name",
            },
        },
    },
}

PATHS = {
    "/attendance": {
        "get": {
            "tags": ["attendance"],
            "summary": "A company's attendance (its supervisors and admins)",
            "description": (
                "Per person and in total over the weeks holding `from` through `to` (default: "
                f"this week and the {attendance.SUMMARY_WEEKS - 1} before; at most "
                f"{attendance.MAX_SUMMARY_WEEKS} weeks): planned shifts that have ended, shifts "
                "worked, and the active Late Arrival, Early Departure and No Show reports, "
                "filed by clockbot once a planned shift is over or by hand."
            ),
            "operationId": "getAttendance",
            "parameters": [
                {
                    "name": "company_id",
                    "in": "query",
                    "required": True,
                    "schema": {"type": "string", "format": "uuid"},
                },
                {"name": "from", "in": "query", "schema": _DAY},
                {"name": "to", "in": "query", "schema": _DAY},
            ],
            "responses": {
                "200": json_response("The summary", ref("Attendance")),
                **errors(400, 401, 403, 404),
            },
        }
    },
}
