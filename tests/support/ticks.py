"""Waiting for the wall clock, where a test needs time to have passed (not to measure it)."""

import asyncio
import time


async def next_second() -> None:
    """Punches are to the second and a shift must last: let the clock leave this second."""
    await asyncio.sleep(1.01 - time.time() % 1)
