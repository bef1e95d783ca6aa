"""The OpenAPI document matches the routes the app really has, and /docs works offline."""

import json
import re

from bot.config import Settings
from bot.server import build_app

NOT_REST = {"/slack/events"}  # Slack's own signed protocol, not part of the REST API


def app_operations() -> set[tuple[str, str]]:
    app = build_app(Settings(database_url="sqlite://:memory:"))
    found = set()
    for route in app.router.routes():
        path = re.sub(r"\{(\w+):[^}]*\}", r"{\1}", route.resource.canonical)  # drop regexes
        if route.method != "HEAD" and path not in NOT_REST:
            found.add((route.method.lower(), path))
    return found


def documented_operations(document: dict) -> set[tuple[str, str]]:
    return {
        (method, path)
        for path, item in document["paths"].items()
        for method in item
        if method != "parameters"
    }


async def test_every_route_is_documented_and_every_documented_route_exists(api):
    document = (await api.call("GET", "/openapi.json")).body
    assert document["openapi"] == "3.1.0"
    assert documented_operations(document) == app_operations()


async def test_every_reference_resolves_and_every_operation_is_complete(api):
    document = (await api.call("GET", "/openapi.json")).body
    schemas = document["components"]["schemas"]
    refs = re.findall(r'"\$ref": "#/components/schemas/(\w+)"', json.dumps(document))
    assert refs and set(refs) <= set(schemas)
    ids = []
    for path, item in document["paths"].items():
        for method, op in item.items():
            if method == "parameters":
                continue
            ids.append(op["operationId"])
            assert op["summary"] and op["responses"], (method, path)
            secured = op.get("security", document["security"]) != []
            if secured:
                assert "401" in op["responses"], (method, path)
            for name in re.findall(r"\{(\w+)\}", path):
                params = item.get("parameters", []) + op.get("parameters", [])
                assert any(p["name"] == name and p["in"] == "path" for p in params), (path, name)
    assert len(ids) == len(set(ids))


async def test_the_auth_routes_need_no_token_and_the_rest_do(api):
    document = (await api.call("GET", "/openapi.json")).body
    for path, item in document["paths"].items():
        for method, op in item.items():
            if method == "parameters":
                continue
            public = op.get("security") == []
            assert public == (
                path.startswith("/auth/") or path in {"/openapi.json", "/docs", "/healthz"}
            )


async def test_docs_page_is_self_contained(api):
    page = await api.call("GET", "/docs")
    assert page.status == 200
    assert page.headers["Content-Type"].startswith("text/html")
    html = page.raw.decode()
    assert "/openapi.json" in html
    # Nothing fetched from elsewhere: no absolute URLs, no protocol-relative ones.
    assert not re.search(r"""(src|href)\s*=\s*["'](https?:)?//""", html)
    assert "http://" not in html and "https://" not in html
