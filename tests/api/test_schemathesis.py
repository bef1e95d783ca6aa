"""Schemathesis against the live app: every operation, signed in, no 5xx, every response as
documented (status, headers, content type, body schema), auth enforced, 405 for other methods.

Bounded (a few examples per operation, fixed seed) so the suite stays fast; for a deeper run,
start a server and run the same command with a larger --max-examples.
"""

import asyncio
import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.support.processes import REPO
from tests.support.rest import PASSWORD

MAX_EXAMPLES = "6"
# Every check but positive_data_acceptance: a schema cannot say "not overlapping another shift",
# "not in the future" or "a reset token that exists", so valid-looking data is rightly refused.
CHECKS = ["--checks", "all", "--exclude-checks", "positive_data_acceptance"]


def schemathesis_command() -> list[str]:
    found = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    assert found, "schemathesis is in the test extra: pip install '.[test]'"
    return [found]


@pytest.mark.timeout(600)
async def test_schemathesis_finds_nothing_wrong(api, world, db, tmp_path):
    document = (await api.call("GET", "/openapi.json")).body
    # Schemathesis leaves out the operation that serves the document it reads.
    operations = sum(
        1
        for path, item in document["paths"].items()
        for method in item
        if method != "parameters" and path != "/openapi.json"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "SCHEMATHESIS_HOOKS": "tests.api.schemathesis_hooks",
        "CLOCKBOT_ST_URL": db.url,
        "CLOCKBOT_ST_EMAIL": world.ada.email,  # an admin: every operation is reachable
        "CLOCKBOT_ST_PASSWORD": PASSWORD,
    }
    proc = await asyncio.create_subprocess_exec(
        *schemathesis_command(),
        "run",
        f"{db.url}/openapi.json",
        *CHECKS,
        "--max-examples",
        MAX_EXAMPLES,
        "--seed",
        "20261122",
        "--workers",
        "1",
        cwd=str(tmp_path),
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await proc.communicate()
    text = output.decode(errors="replace")
    assert proc.returncode == 0, text[-8000:]
    assert f"Tested: {operations}" in text, text[-3000:]  # every documented operation
