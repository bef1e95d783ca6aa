"""With SLACK_APP_TOKEN, Slack reaches clockbot over a Socket Mode connection instead of HTTP."""

import asyncio

from tests.support.processes import clockbot_command, clockbot_env, free_port


async def test_clockin_over_socket_mode(fake_slack, tmp_path):
    fake_slack.reset()
    fake_slack.add_user("U0SOCK", "Sol Socket")
    proc = await asyncio.create_subprocess_exec(
        *clockbot_command(),
        "serve",
        cwd=tmp_path,
        env=clockbot_env(
            PORT=str(free_port()),
            SLACK_BOT_TOKEN="xoxb-test-token",
            SLACK_APP_TOKEN="xapp-test-token",
            SLACK_API_URL=fake_slack.url + "api/",
        ),
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        ack = await fake_slack.socket_request(
            "slash_commands",
            {
                "team_id": fake_slack.team_id,
                "team_domain": "acme",
                "user_id": "U0SOCK",
                "command": "/clockin",
                "text": "",
                "response_url": fake_slack.response_url(),
            },
            timeout=20,
        )
        assert "You're clocked in since" in ack["payload"]["text"]
        [opened] = fake_slack.calls_to("apps.connections.open")
        assert opened.token == "xapp-test-token"
        await fake_slack.wait_for("views.publish")
    finally:
        proc.terminate()
        await proc.wait()
