"""Loaded by the schemathesis CLI (SCHEMATHESIS_HOOKS): every request it makes is signed in.

It logs in over HTTP like any client, and logs in again when a response is 401 (for instance
after it called /auth/logout with its own token).
"""

import os

import requests
import schemathesis


@schemathesis.auth()
class LogIn:
    def get(self, case, context) -> str:
        response = requests.post(
            os.environ["CLOCKBOT_ST_URL"] + "/auth/login",
            json={
                "email": os.environ["CLOCKBOT_ST_EMAIL"],
                "password": os.environ["CLOCKBOT_ST_PASSWORD"],
            },
            timeout=30,
        )
        response.raise_for_status()
        return response.json()["accessToken"]

    def set(self, case, data: str, context) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}
