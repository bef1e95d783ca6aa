"""GET /shifts/{id} per second: clockbot against a bare aiohttp handler returning the same JSON.

    python bench/get_shift.py [--seconds 5] [--rounds 3] [--concurrency 16]
                              [--database sqlite|postgres://…] [--client process|inline]

One process serves two apps on loopback: the real clockbot (`bot.server.build_app`, Slack off)
on a fresh database holding one company, one user and one shift, and the *floor*: a bare aiohttp
app whose one handler answers `web.json_response` with the very dict clockbot returned for that
shift. Both get the same requests, `Authorization: Bearer <access token>` included, for
`--seconds` each, alternating floor and clockbot for `--rounds` rounds; a request counts when it
is 200 with the shift's JSON. What clockbot does beyond the floor is the price of the route:
verifying the JWT, looking up the sign-in and the user's roles, loading the shift, checking the
permission, and serializing it.

The load comes from a separate process by default, so that making requests does not take the
servers' event-loop time (`inline` runs it on the servers' loop, which flatters the slower side).
Prints requests per second for each side (median of the rounds) and the ratio floor/clockbot.
"""

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from anywhere

import aiohttp
from aiohttp import web

from bot.api.tokens import ACCESS, TokenKeys, issue
from bot.config import Settings
from bot.server import build_app, new_event_loop
from models import sessions, shift_records
from models.companies import Company
from models.users import Membership, Privilege, TeamRole, User

JWT_SECRET = "bench-jwt-secret-" + "x" * 48


# --- the load --------------------------------------------------------------------------------


async def _load(url: str, token: str, shift_id: str, seconds: float, concurrency: int) -> dict:
    ok = errors = 0
    deadline = time.monotonic() + seconds
    headers = {"Authorization": f"Bearer {token}"}
    connector = aiohttp.TCPConnector(limit=concurrency)

    async def user(session: aiohttp.ClientSession) -> None:
        nonlocal ok, errors
        while time.monotonic() < deadline:
            async with session.get(url, headers=headers) as response:
                body = await response.json(content_type=None)
                if response.status == 200 and body.get("id") == shift_id:
                    ok += 1
                else:
                    errors += 1

    started = time.monotonic()
    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.gather(*(user(session) for _ in range(concurrency)))
    return {"ok": ok, "errors": errors, "elapsed": time.monotonic() - started}


def _load_in_process(url: str, token: str, shift_id: str, seconds: float, concurrency: int) -> dict:
    return asyncio.run(_load(url, token, shift_id, seconds, concurrency))


# --- the two servers -------------------------------------------------------------------------


async def _serve(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    return runner, f"http://127.0.0.1:{port}"


async def _one_shift(settings: Settings) -> tuple[str, str]:
    """A company, an associate with a closed shift, and an access token for them."""
    company = await Company.create(name="Bench", timezone="UTC")
    user = await User.create(name="Bea Bench", timezone="UTC", privilege=Privilege.ASSOCIATE)
    await Membership.create(user=user, company=company, role=TeamRole.ASSOCIATE)
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=9)
    shift = await shift_records.create_shift(
        user.id,
        user.id,
        company.id,
        start=start,
        end=start + timedelta(hours=8),
        notes="Morning shift",
    )
    family = await sessions.start(user)
    keys = TokenKeys(JWT_SECRET, settings.access_token_ttl, settings.refresh_token_ttl)
    return str(shift.id), issue(keys, ACCESS, user.id, family.id)


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        database = args.database
        if database == "sqlite":
            database = f"sqlite://{Path(tmp) / 'bench.sqlite3'}"
        settings = Settings(database_url=database, jwt_secret=JWT_SECRET)
        app_runner, app_url = await _serve(build_app(settings))
        try:
            shift_id, token = await _one_shift(settings)
            app_target = f"{app_url}/shifts/{shift_id}"
            async with (
                aiohttp.ClientSession() as session,
                session.get(app_target, headers={"Authorization": f"Bearer {token}"}) as reply,
            ):
                assert reply.status == 200, await reply.text()
                same_json = await reply.json()

            async def floor_handler(request: web.Request) -> web.Response:
                return web.json_response(same_json)

            floor = web.Application()
            floor.router.add_get("/shifts/{id}", floor_handler)
            floor_runner, floor_url = await _serve(floor)
            floor_target = f"{floor_url}/shifts/{shift_id}"
            await _measure(args, {"floor": floor_target, "clockbot": app_target}, token, shift_id)
            await floor_runner.cleanup()
        finally:
            await app_runner.cleanup()


async def _measure(args: argparse.Namespace, targets: dict, token: str, shift_id: str) -> None:
    rates: dict[str, list[float]] = {name: [] for name in targets}
    pool = (
        ProcessPoolExecutor(1, mp_context=get_context("spawn"))
        if args.client == "process"
        else None
    )
    loop = asyncio.get_running_loop()
    try:
        for url in targets.values():  # warm up both, not counted
            await _run(pool, loop, url, token, shift_id, 1.0, args.concurrency)
        for round_ in range(1, args.rounds + 1):
            for name, url in targets.items():
                result = await _run(
                    pool, loop, url, token, shift_id, args.seconds, args.concurrency
                )
                rate = result["ok"] / result["elapsed"]
                rates[name].append(rate)
                note = f", {result['errors']} errors" if result["errors"] else ""
                print(f"round {round_}  {name:8}  {rate:9.0f} req/s{note}", flush=True)
    finally:
        if pool:
            pool.shutdown()
    floor, app = (statistics.median(rates[n]) for n in ("floor", "clockbot"))
    print(
        f"\nGET /shifts/{{id}}: clockbot {app:.0f} req/s, bare aiohttp {floor:.0f} req/s "
        f"(median of {args.rounds}, {args.concurrency} concurrent, client: {args.client})"
    )
    print(f"ratio floor/clockbot: {floor / app:.2f}x")


async def _run(pool, loop, url, token, shift_id, seconds, concurrency) -> dict:
    if pool is None:
        return await _load(url, token, shift_id, seconds, concurrency)
    return await loop.run_in_executor(
        pool, _load_in_process, url, token, shift_id, seconds, concurrency
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="per side per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight")
    parser.add_argument("--database", default="sqlite", help="'sqlite' (a fresh file) or a URL")
    parser.add_argument("--client", choices=["process", "inline"], default="process")
    return parser.parse_args(argv)


if __name__ == "__main__":
    with asyncio.Runner(loop_factory=new_event_loop) as runner:  # both sides on serve's loop
        runner.run(main(parse_args()))
