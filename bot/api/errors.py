"""REST errors: one JSON shape, `{"message": ...}`, whatever went wrong, and never a traceback.

Handlers raise `ApiError`, or let a domain error through: the middleware turns either into a
response (`api_error` says which status each kind of refusal gets). Anything else on an API
route is logged and answered with a plain 500.
"""

import logging

from aiohttp import web

from models import approval, clock
from models.access import NotPermitted
from models.errors import DomainError, NotAllowed, WeekLocked
from models.errors import NotFound as DomainNotFound
from models.notes import DuplicateReport
from models.permissions import WrongPhase
from models.shift_records import ShiftNotOpen

log = logging.getLogger(__name__)
API_ROUTE_PREFIX = "api."  # route names of the REST API start with this

UNAUTHORIZED = "Unauthorized API access"
PERMISSION_REQUIRED = "Permission required"


class ApiError(Exception):
    status = 400

    def __init__(self, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}

    def response(self) -> web.Response:
        return web.json_response(
            {"message": self.message}, status=self.status, headers=self.headers
        )


class BadRequest(ApiError):
    status = 400


class Unauthorized(ApiError):
    status = 401

    def __init__(self, message: str = UNAUTHORIZED) -> None:
        super().__init__(message)


class Forbidden(ApiError):
    status = 403

    def __init__(self, message: str = PERMISSION_REQUIRED) -> None:
        super().__init__(message)


class NotFound(ApiError):
    status = 404


class Conflict(ApiError):
    status = 409


class TooManyRequests(ApiError):
    status = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message, {"Retry-After": str(retry_after)})


def from_domain_error(error: DomainError, not_found: str = "Shift not found") -> ApiError:
    """A refused shift operation, in the words of shifts-api.txt where it has them."""
    match error:
        case clock.AlreadyClockedIn():
            return Conflict("There is already an open shift")
        case clock.Overlap():
            return Conflict("The shift overlaps another shift of this user")
        case clock.EndsBeforeStart():
            return BadRequest("end_time must be after start_time")
        case clock.FutureTime():
            return BadRequest("Shift times can't be in the future")
        case ShiftNotOpen() | clock.NotClockedIn():
            return NotFound("Shift not found or already closed")
        case DomainNotFound():
            return NotFound(not_found)
        case _:
            return api_error(error)


def api_error(error: DomainError) -> ApiError:
    """Any refusal of the domain, with its own sentence: what a handler need not word itself."""
    match error:
        case (
            WeekLocked()
            | WrongPhase()
            | approval.StillClockedIn()
            | approval.UnsettledConflicts()
            | approval.WeekNotStarted()
            | DuplicateReport()
        ):
            return Conflict(str(error))  # the week's state refuses it, not the person's rights
        case NotAllowed():
            return Forbidden(str(error))
        case DomainNotFound():
            return NotFound(str(error))
        case _:
            return BadRequest(str(error))


def _is_api(request: web.Request) -> bool:
    name = request.match_info.route.name
    return bool(name and name.startswith(API_ROUTE_PREFIX))


@web.middleware
async def error_middleware(request: web.Request, handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except ApiError as error:
        return error.response()
    except NotPermitted:
        return Forbidden().response()
    except DomainError as error:
        return api_error(error).response()
    except web.HTTPException:
        raise
    except Exception:
        if not _is_api(request):
            raise
        log.exception("%s %s failed", request.method, request.path)
        return web.json_response({"message": "Internal server error"}, status=500)
