"""Work a REST answer does not wait for (telling Slack), kept until done and ended with the app."""

import asyncio
import logging
from collections.abc import AsyncIterator, Coroutine

from aiohttp import web

log = logging.getLogger(__name__)
TASKS = web.AppKey("background_tasks", set)


def spawn(app: web.Application, work: Coroutine) -> None:
    tasks: set[asyncio.Task] = app[TASKS]
    task = asyncio.get_running_loop().create_task(_logged(work))
    tasks.add(task)  # a task nobody references can be collected before it runs
    task.add_done_callback(tasks.discard)


async def _logged(work: Coroutine) -> None:
    try:
        await work
    except Exception:
        log.exception("background work failed")


async def background_tasks(app: web.Application) -> AsyncIterator[None]:
    app[TASKS] = set()
    yield
    tasks = list(app[TASKS])
    if tasks:
        # Give Slack calls in flight a moment (they have their own timeouts), then stop them.
        _, pending = await asyncio.wait(tasks, timeout=2)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
