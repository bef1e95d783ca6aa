"""What a job run is given: the Slack client, the time it runs as, and a stop signal."""

import asyncio
from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk.web.async_client import AsyncWebClient


@dataclass(frozen=True)
class JobContext:
    client: AsyncWebClient
    now: datetime  # "now" for every decision of the run: real time, or `run-job --at`
    stopping: asyncio.Event = field(default_factory=asyncio.Event)
