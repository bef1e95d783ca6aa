"""Companies (Breaktime's CompanySchema) and a user's companies (UserCompaniesSchema).

A member of a company sees it and its roster; only its admins change the roster. A company the
caller does not belong to does not exist for them (404).
"""

import re
from uuid import UUID

from aiohttp import web

from bot.api import inputs
from bot.api.auth import current_actor
from bot.api.errors import BadRequest, Conflict, Forbidden, NotFound
from bot.api.spec import errors, json_body, json_response, path_id, ref
from models.access import Actor, Permission
from models.accounts import EMAIL_PATTERN
from models.companies import Company
from models.errors import NotAllowed
from models.password_resets import account_for_email
from models.roles import Role, set_role
from models.users import Membership, TeamRole, User, rosters

routes = web.RouteTableDef()
COMPANY_NOT_FOUND = "Company not found"


async def companies_json(company_ids: list[UUID]) -> list[dict]:
    companies = {c.id: c for c in await Company.filter(id__in=company_ids).order_by("name")}
    members = await rosters(list(companies))
    return [
        {
            "CompanyID": str(company.id),
            "CompanyName": company.name,
            "AssociateIDs": [str(u) for u in members[company.id][TeamRole.ASSOCIATE]],
            "SupervisorIDs": [str(u) for u in members[company.id][TeamRole.SUPERVISOR]],
        }
        for company in companies.values()
    ]


def _company_in_path(request: web.Request, actor: Actor, permission: Permission) -> UUID:
    """The company in the path, if the caller belongs to it (else 404) and may (else 403)."""
    company_id = inputs.path_uuid(request)
    if company_id is None or company_id not in actor.roles:
        raise NotFound(COMPANY_NOT_FOUND)
    if permission not in actor.permissions_in(company_id):
        raise Forbidden()
    return company_id


@routes.get("/companies", name="api.companies.list")
async def list_companies(request: web.Request) -> web.Response:
    actor = await current_actor(request)
    actor.require(Permission.COMPANIES_READ)
    return web.json_response(await companies_json(list(actor.roles)))


@routes.get("/companies/{id}", name="api.companies.get")
async def get_company(request: web.Request) -> web.Response:
    actor = await current_actor(request)
    company_id = _company_in_path(request, actor, Permission.COMPANIES_READ)
    [company] = await companies_json([company_id])
    return web.json_response(company)


MEMBER_FIELDS = frozenset({"email", "role"})
ROLES = {"Associate": Role.ASSOCIATE, "Supervisor": Role.SUPERVISOR, "Admin": Role.ADMIN}


@routes.post("/companies/{id}/members", name="api.companies.set_member")
async def set_member(request: web.Request) -> web.Response:
    """Give a person (found by the email of their account) a role in the company: they become a
    member if they were not. The same operation as assigning roles in Slack."""
    actor = await current_actor(request)
    company_id = _company_in_path(request, actor, Permission.COMPANIES_MANAGE)
    body = await inputs.json_object(request, allowed=MEMBER_FIELDS, required=MEMBER_FIELDS)
    email = inputs.text(body["email"], "email", max_length=254)
    if not re.fullmatch(EMAIL_PATTERN, email):
        raise BadRequest("email is not valid")
    role = ROLES.get(body["role"]) if isinstance(body["role"], str) else None
    if role is None:
        raise BadRequest("role must be one of: " + ", ".join(ROLES))
    target = await account_for_email(email)
    if target is None:
        raise NotFound("No account has this email")
    try:
        await set_role(
            target,
            await Company.get(id=company_id),
            role,
            actor=await User.get(id=actor.id),
        )
    except NotAllowed as refusal:
        raise Conflict(str(refusal)) from None
    [company] = await companies_json([company_id])
    return web.json_response(company)


@routes.get("/users/{id}/companies", name="api.users.companies")
async def user_companies(request: web.Request) -> web.Response:
    """`id` may be `me`. Only companies the caller shares with the user are listed."""
    actor = await current_actor(request)
    actor.require(Permission.USERS_READ)
    raw = request.match_info["id"]
    user_id = actor.id if raw == "me" else inputs.path_uuid(request)
    if user_id is None or not await actor.sees_user(user_id):
        raise NotFound("User not found")
    memberships = await Membership.filter(user_id=user_id).order_by("id")
    shared = [m for m in memberships if user_id == actor.id or m.company_id in actor.roles]
    return web.json_response(
        {
            "UserID": str(user_id),
            "AssociateCompanyIDs": [
                str(m.company_id) for m in shared if m.role == TeamRole.ASSOCIATE
            ],
            "SupervisorCompanyIDs": [
                str(m.company_id) for m in shared if m.role == TeamRole.SUPERVISOR
            ],
        }
    )


# --- OpenAPI -------------------------------------------------------------------------------

_UUIDS = {"type": "array", "items": {"type": "string", "format": "uuid"}}
_TAG = ["companies"]

SCHEMAS = {
    "Company": {
        "type": "object",
        "required": ["CompanyID", "CompanyName", "AssociateIDs", "SupervisorIDs"],
        "properties": {
            "CompanyID": {"type": "string", "format": "uuid"},
            "CompanyName": {"type": "string"},
            "AssociateIDs": _UUIDS,
            "SupervisorIDs": _UUIDS,
        },
    },
    "CompanyList": {"type": "array", "items": ref("Company")},
    "UserCompanies": {
        "type": "object",
        "required": ["UserID", "AssociateCompanyIDs", "SupervisorCompanyIDs"],
        "properties": {
            "UserID": {"type": "string", "format": "uuid"},
            "AssociateCompanyIDs": _UUIDS,
            "SupervisorCompanyIDs": _UUIDS,
        },
    },
    "MemberRequest": {
        "type": "object",
        "additionalProperties": False,
        "required": sorted(MEMBER_FIELDS),
        "properties": {
            "email": {"type": "string", "pattern": EMAIL_PATTERN, "maxLength": 254},
            "role": {
                "enum": list(ROLES),
                "description": "Admin makes them an admin of every company they belong to",
            },
        },
    },
}

_COMPANY_ID = path_id("ID of the company")

PATHS = {
    "/companies": {
        "get": {
            "tags": _TAG,
            "summary": "The companies the caller belongs to",
            "operationId": "listCompanies",
            "responses": {
                "200": {
                    **json_response("The companies, by name", ref("CompanyList")),
                    # So that a stateful run reaches a company the caller belongs to.
                    "links": {
                        "GetCompany": {
                            "operationId": "getCompany",
                            "parameters": {"id": "$response.body#/0/CompanyID"},
                        },
                        "GetAttendance": {
                            "operationId": "getAttendance",
                            "parameters": {"query.company_id": "$response.body#/0/CompanyID"},
                        },
                    },
                },
                **errors(401, 403),
            },
        }
    },
    "/companies/{id}": {
        "parameters": [_COMPANY_ID],
        "get": {
            "tags": _TAG,
            "summary": "One company and its roster",
            "operationId": "getCompany",
            "responses": {
                "200": json_response("The company", ref("Company")),
                **errors(401, 403, 404),
            },
        },
    },
    "/companies/{id}/members": {
        "parameters": [_COMPANY_ID],
        "post": {
            "tags": _TAG,
            "summary": "Give a person a role in the company, adding them if needed (admins)",
            "description": "The person is found by the email of their account. A company keeps "
            "at least one admin: demoting the last one is 409.",
            "operationId": "setCompanyMember",
            "requestBody": json_body(ref("MemberRequest")),
            "responses": {
                "200": json_response("The company with its new roster", ref("Company")),
                **errors(400, 401, 403, 404),
                "409": json_response("The company would have no admin left", ref("Message")),
            },
        },
    },
    "/users/{id}/companies": {
        "parameters": [
            {
                "name": "id",
                "in": "path",
                "required": True,
                "description": "ID of the user, or `me`",
                "schema": {
                    "anyOf": [{"type": "string", "format": "uuid"}, {"const": "me"}],
                },
            }
        ],
        "get": {
            "tags": _TAG,
            "summary": "The companies of a user that the caller shares with them",
            "operationId": "getUserCompanies",
            "responses": {
                "200": json_response("The user's companies", ref("UserCompanies")),
                **errors(401, 403, 404),
            },
        },
    },
}
