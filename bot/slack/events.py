"""Events: the App Home tab is drawn when its owner opens it."""

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.slack import home, identity


def register(app: AsyncApp, settings: Settings) -> None:
    @app.event("app_home_opened")
    async def app_home_opened(event: dict, body: dict, client: AsyncWebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        user, company = await identity.member(
            client, body["team_id"], event["user"], "", settings.default_timezone
        )
        await home.publish(client, user, company)
