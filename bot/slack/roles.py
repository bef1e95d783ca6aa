"""Assigning roles from the App Home: an admin picks a person and a role."""

import logging

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.slack import forms, home, identity, views
from models.errors import DomainError
from models.roles import Role, set_role

log = logging.getLogger(__name__)


def register(app: AsyncApp, settings: Settings) -> None:
    async def member(body: dict, client: AsyncWebClient, user_id: str | None = None):
        return await identity.member_of(body, client, settings.default_timezone, user_id)

    @app.action(views.ROLE_OPEN)
    async def role_open(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        await ack()
        actor, company = await member(body, client)
        if not actor.is_admin:
            await home.publish(client, actor, company, notice="Only an admin can assign roles.")
            return
        await client.views_open(trigger_id=body["trigger_id"], view=views.role_modal())

    @app.view(views.ROLE_MODAL)
    async def role_chosen(ack: AsyncAck, body: dict, view: dict, client: AsyncWebClient) -> None:
        actor, company = await member(body, client)
        state = forms.values(view)
        picked, role = forms.selected_user(state, "user"), forms.selected(state, "role")
        if not picked:
            await ack(response_action="errors", errors={"user": "Pick a person."})
            return
        if role not in {r.value for r in Role}:
            await ack(response_action="errors", errors={"role": "Pick a role."})
            return
        try:
            # First contact for someone Slack has not shown clockbot yet makes them a user.
            target, _ = await member(body, client, picked)
            await set_role(target, company, Role(role), actor=actor)
        except DomainError as error:
            await ack(response_action="errors", errors={"role": str(error)})
            return
        await ack()
        notice = f"{target.name} is now {'an' if role == 'admin' else 'a'} {role}."
        await home.publish(client, actor, company, notice=notice)
        if target.id != actor.id:
            await home.publish(client, target, company)
