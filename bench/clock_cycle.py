"""Clock cycles per second: clockbot on SQLite against a bare Bolt app, over signed HTTP.

    python bench/clock_cycle.py [--users 50] [--seconds 10] [--pause 0] [--client process|inline]
                                [--pragmas synchronous=NORMAL]

One process serves three apps on loopback: the fake Slack Web API (tests/support/fakeslack.py),
the real clockbot (`bot.server.build_app`) on a fresh SQLite file, and the *floor*: a bare Bolt
AsyncApp on aiohttp, no database, that verifies the signature, acks with a fixed text and
publishes a fixed App Home to the fake, for the same two commands. The sides are measured one
after the other, the same way: every virtual user (its own Slack user id) does one warm-up
cycle, then sends /clockin, /clockout, /clockin, ... for `--seconds`, each command after the
reply to the previous one (and `--pause` seconds). A reply is good when it has status 200 and
the text the user must read in the ack body, where both apps answer; two good replies make a
cycle. Any other reply is an error, counted and printed.

Where the load comes from (`--client`): by default its own process, so that building, signing
and parsing requests takes no time from the servers' event loop; `inline` runs it on that loop.
Measured on the 2-core dev box (50 users, 10 s, two runs of each): inline, the floor lost 15 to
30 % (435 and 535 → 355 and 378 cycles/s) while clockbot hardly moved, so the ratio rose from
0.09 and 0.16 to 0.18 and 0.19. The client's cost weighs most on the faster server, so inline
flatters clockbot; the separate process is the fairer way, and the default. Both sides always
use the same client.
"""

import argparse
import asyncio
import logging
import math
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from anywhere

import aiohttp
from aiohttp import web
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.server import build_app, new_event_loop
from tests.support.fakeslack import FakeSlack

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench"
COMMANDS = ("/clockin", "/clockout")
# What the user must read for a reply to count: "already clocked in" does not match the first.
EXPECTED = {"/clockin": "You're clocked in since", "/clockout": "Clocked out"}
QUIET = 0.3  # the App Homes have all landed once the fake Slack has had no call for this long


# --- the floor: a bare Bolt app -------------------------------------------------------------

FLOOR_REPLY = {
    "/clockin": ":large_green_circle: You're clocked in since *9:00 AM*.",
    "/clockout": ":red_circle: Clocked out at *5:00 PM*. This shift: *8h 00m*.",
}


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


FLOOR_HOME = {
    "type": "home",
    "blocks": [
        {"type": "header", "text": {"type": "plain_text", "text": "Time clock"}},
        _section(":red_circle: *Clocked out*"),
        {"type": "divider"},
        _section("*Week total: 8h 00m*"),
    ],
}


def floor_app(api_url: str, session: aiohttp.ClientSession) -> web.Application:
    """Verify, ack, publish an App Home: what any Bolt app answering these commands must do."""
    bolt = AsyncApp(
        client=AsyncWebClient(token=TOKEN, base_url=api_url, session=session),
        signing_secret=SECRET,
        logger=logging.getLogger("bench.floor"),
    )

    async def punch(ack: AsyncAck, command: dict, client: AsyncWebClient) -> None:
        await ack(text=FLOOR_REPLY[command["command"]])
        await client.views_publish(user_id=command["user_id"], view=FLOOR_HOME)

    for name in COMMANDS:
        bolt.command(name)(punch)
    return bolt.web_app(path="/slack/events")


# --- the load: virtual users ----------------------------------------------------------------


@dataclass
class Result:
    seconds: float = 0.0
    good_replies: int = 0  # within the window: status 200 and the text the user must read
    latencies_ms: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)

    @property
    def cycles_per_second(self) -> float:
        # Two good replies make a cycle. Counting replies rather than whole cycles keeps users
        # who move in step (they do, queued behind SQLite's one writer) from rounding the rate
        # down to multiples of users/seconds.
        return self.good_replies / 2 / self.seconds


def signed_command(command: str, user: str, team: str) -> tuple[bytes, dict]:
    body = urlencode(
        {
            "team_id": team,
            "team_domain": "bench",
            "channel_id": "C0001",
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": "",
            "api_app_id": "A0001",
            "response_url": "http://127.0.0.1:9/unused",  # both apps answer in the ack body
            "trigger_id": "1.2.3",
        }
    )
    timestamp = str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(timestamp=timestamp, body=body)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature,
    }
    return body.encode(), headers


async def load(url: str, users: list[str], team: str, seconds: float, pause: float) -> Result:
    result = Result()
    timeout = aiohttp.ClientTimeout(total=10)
    connector = aiohttp.TCPConnector(limit=0)  # one keep-alive connection per virtual user
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as http:

        async def request(command: str, user: str, deadline: float) -> None:
            """Send one command and judge its reply; a reply after `deadline` is not counted."""
            body, headers = signed_command(command, user, team)
            started = time.perf_counter()
            try:
                async with http.post(url, data=body, headers=headers) as response:
                    status, payload = response.status, await response.text()
            except (aiohttp.ClientError, TimeoutError) as error:
                status, payload = 0, type(error).__name__
            done = time.perf_counter()
            result.latencies_ms.append((done - started) * 1000)
            if status == 200 and EXPECTED[command] in payload:
                result.good_replies += done <= deadline
            else:
                result.errors[f"{command}: {status} {payload[:80]}"] += 1

        async def virtual_user(user: str, deadline: float) -> None:
            await asyncio.sleep(random.uniform(0, pause))  # users who pause don't march in step
            while time.perf_counter() < deadline:
                for command in COMMANDS:
                    await request(command, user, deadline)
                    await asyncio.sleep(pause)

        for command in COMMANDS:  # warm-up: one cycle each; clockbot meets its users here
            await asyncio.gather(*(request(command, user, math.inf) for user in users))
        result.latencies_ms.clear()
        result.good_replies = 0
        started = time.perf_counter()
        await asyncio.gather(*(virtual_user(user, started + seconds) for user in users))
        result.seconds = seconds
    return result


def load_in_process(*args) -> Result:
    return asyncio.run(load(*args))


# --- running both sides ---------------------------------------------------------------------


async def serve(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=1)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}/slack/events"


async def measure(args: argparse.Namespace) -> dict[str, Result]:
    fake = FakeSlack()
    await fake.start()
    users = [f"UBENCH{n:04d}" for n in range(args.users)]
    for n, user in enumerate(users):
        fake.add_user(user, f"Bench User{n}")
    results: dict[str, Result] = {}
    with (
        tempfile.TemporaryDirectory() as tmp,
        ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool,
    ):
        settings = Settings(
            database_url=f"sqlite://{tmp}/bench.sqlite3"
            + (f"?{args.pragmas}" if args.pragmas else ""),
            slack_bot_token=TOKEN,
            slack_signing_secret=SECRET,
            slack_api_url=fake.url + "api/",
        )
        await asyncio.get_running_loop().run_in_executor(pool, int)  # spawn it before timing
        async with aiohttp.ClientSession() as session:
            sides = {
                "clockbot": await serve(build_app(settings)),
                "floor": await serve(floor_app(fake.url + "api/", session)),
            }
            for name, (_, url) in sides.items():
                if args.only and name != args.only:
                    continue
                before = len(fake.calls_to("views.publish"))
                side_load = (url, users, fake.team_id, args.seconds, args.pause)
                cpu, wall = time.process_time(), time.perf_counter()
                if args.client == "inline":
                    results[name] = await load(*side_load)
                else:
                    results[name] = await asyncio.get_running_loop().run_in_executor(
                        pool, load_in_process, *side_load
                    )
                cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                stopped = time.perf_counter()
                await fake.settle(quiet=QUIET, timeout=60)  # the App Homes still on their way
                catch_up = max(0.0, time.perf_counter() - stopped - QUIET)
                published = len(fake.calls_to("views.publish")) - before
                requests = len(results[name].latencies_ms) + 2 * len(users)  # with warm-up
                print(
                    f"{name}: {published} App Home publishes, the last {catch_up:.1f} s after "
                    f"the load stopped; server process busy {cpu / wall:.0%} of a core, "
                    f"{cpu / requests * 1000:.2f} ms CPU per request",
                    flush=True,
                )
                fake.reset()
            for runner, _ in sides.values():
                await runner.cleanup()
    await fake.stop()
    return results


def percentile(values: list[float], p: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def report(results: dict[str, Result], args: argparse.Namespace) -> None:
    print(
        f"\n/clockin + /clockout cycles, {args.users} users, {args.seconds:g} s per side, "
        f"{f'{args.pause:g} s pause after each reply, ' if args.pause else ''}"
        f"load from {'the servers’ process' if args.client == 'inline' else 'its own process'}"
        f"{f', clockbot’s SQLite with {args.pragmas}' if args.pragmas else ''}"
    )
    print(f"{'':10}{'cycles/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'replies':>9}{'errors':>8}")
    for name, r in results.items():
        print(
            f"{name:10}{r.cycles_per_second:10.1f}{percentile(r.latencies_ms, 50):9.1f}"
            f"{percentile(r.latencies_ms, 99):9.1f}{len(r.latencies_ms):9}"
            f"{sum(r.errors.values()):8}"
        )
    for name, r in results.items():
        if r.errors:
            print(f"{name}: THIS RUN HAD {sum(r.errors.values())} ERRORS, e.g.:")
            for error, count in r.errors.most_common(5):
                print(f"  {count:6} × {error}")
    if len(results) < 2:
        return
    bot, floor = results["clockbot"], results["floor"]
    ratio = bot.cycles_per_second / floor.cycles_per_second if floor.good_replies else 0
    p99 = percentile(bot.latencies_ms, 99)
    if args.pause:  # the users set the pace, so the ratio says nothing
        print(f"users paused {args.pause:g} s after each reply: compare reply times, not cycles/s")
    else:
        met = "met" if ratio >= 0.6 else "NOT met"
        print(f"ratio clockbot/floor: {ratio:.2f}  (target ≥ 0.6: {met})")
    print(f"clockbot p99: {p99:.1f} ms  (target < 100 ms: {'met' if p99 < 100 else 'NOT met'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="virtual users at once (50)")
    parser.add_argument("--seconds", type=float, default=10, help="measured time per side (10)")
    parser.add_argument(
        "--client",
        choices=("process", "inline"),
        default="process",
        help="where the load generator runs: its own process (fairer, default) or the servers'",
    )
    parser.add_argument(
        "--only", choices=("clockbot", "floor"), help="measure one side (to profile it)"
    )
    parser.add_argument(
        "--pause",
        type=float,
        default=0,
        help="seconds each user waits after a reply (0: back to back, a saturation test)",
    )
    parser.add_argument(
        "--pragmas",
        default="",
        help="SQLite pragmas for clockbot's database, as in DATABASE_URL: synchronous=NORMAL",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with asyncio.Runner(loop_factory=new_event_loop) as runner:  # both sides on serve's loop
        report(runner.run(measure(args)), args)


if __name__ == "__main__":
    main()
