"""Planning schedules from Slack: /schedule, the App Home's "Plan schedules…", and the Schedule
modal (pick a person, set each day, copy last week, publish). Publishing calls
`models.schedules.set_schedule` and tells the associate what changed."""

import logging
from datetime import date

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.slack import forms, home, identity, kit, notify, surfaces
from bot.slack import schedule_views as sv
from bot.slack import week_views as wv
from bot.slack.views import message
from bot.slack.week_args import WeekArgError, parse_week_arg
from models.access import Permission, actor_for
from models.companies import Company
from models.errors import DomainError
from models.schedules import last_weeks_plan, plan_of, set_schedule
from models.timesheets import company_week
from models.timeutil import utcnow, zone
from models.users import User

log = logging.getLogger(__name__)
SORRY = "Something went wrong on our side; nothing was changed. Please try again in a minute."


async def may_plan(user: User, company: Company) -> bool:
    """Supervisors and admins plan; the domain checks each plan again (`Action.SCHEDULE`)."""
    actor = await actor_for(user)
    return Permission.SCHEDULES_PLAN in actor.permissions_in(company.id)


def register(app: AsyncApp, settings: Settings) -> None:
    async def member(body: dict, client: AsyncWebClient, user_id: str | None = None):
        return await identity.member_of(body, client, settings.default_timezone, user_id)

    async def form(
        body: dict,
        client: AsyncWebClient,
        company: Company,
        first_day: date,
        slack_id: str | None,
        *,
        copy: bool = False,
    ) -> sv.PlanForm:
        """The modal for `slack_id`'s week holding `first_day`: their plan, or last week's."""
        week = company_week(company, first_day)
        if not slack_id:
            return sv.PlanForm(company.id, week)
        owner, _ = await member(body, client, slack_id)
        if copy:
            plan = await last_weeks_plan(owner.id, company, week.first_day)
            notice = (
                "Last week's plan is filled in: change what you like, then Publish."
                if plan
                else f"{owner.name} had nothing planned last week."
            )
        else:
            plan, notice = [e.span for e in await plan_of(owner.id, company.id, week)], ""
        return sv.PlanForm(company.id, week, slack_id, owner.name, tuple(plan), notice)

    async def update(client: AsyncWebClient, body: dict, view: dict) -> None:
        try:
            await client.views_update(
                view_id=body["view"]["id"], hash=body["view"].get("hash"), view=view
            )
        except surfaces.SLACK_FAILURES as error:
            log.warning("updating the schedule modal failed: %s", error)

    @app.command("/schedule")
    async def schedule_command(ack: AsyncAck, command: dict, client: AsyncWebClient) -> None:
        try:
            user, company = await member(command, client)
            tz = zone(user.timezone, company.timezone)
            today = utcnow().astimezone(tz).date()
            try:
                day = parse_week_arg(command.get("text", ""), today)
            except WeekArgError as error:
                await ack(**message(f"{error}\n\nHere is how it works:\n{sv.SCHEDULE_FORMS}"))
                return
            if day is None:
                await ack(**message(sv.SCHEDULE_FORMS))
                return
            week = company_week(company, day)
            if not await may_plan(user, company):
                plan = [e.span for e in await plan_of(user.id, company.id, week)]
                await ack(**sv.own_schedule(week.first_day, plan, tz))
                return
            await ack()
            view = sv.schedule_modal(await form(command, client, company, week.first_day, None))
            await surfaces.open_modal(client, command, view)
        except Exception:
            log.exception("/schedule failed")
            await ack(text=SORRY)

    @app.action(sv.OPEN)
    async def open_pressed(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        await ack()
        user, company = await member(body, client)
        if not await may_plan(user, company):
            notice = "Only supervisors and admins plan schedules."
            await home.publish(client, user, company, notice=notice)
            return
        today = utcnow().astimezone(zone(company.timezone)).date()
        view = sv.schedule_modal(await form(body, client, company, today, None))
        await surfaces.open_modal(client, body, view)

    def picked(body: dict) -> tuple[date, str | None]:
        meta = kit.unpack(body["view"].get("private_metadata"))
        state = forms.values(body["view"])
        slack_id = forms.selected_user(state, sv.PERSON) or meta.get("owner") or None
        return date.fromisoformat(meta["week"]), slack_id

    @app.action(sv.PERSON)
    async def person_picked(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        await ack()
        _, company = await member(body, client)
        first_day, _ = picked(body)
        slack_id = (body.get("actions") or [{}])[0].get("selected_user")
        await update(
            client, body, sv.schedule_modal(await form(body, client, company, first_day, slack_id))
        )

    async def other_week(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        await ack()
        _, company = await member(body, client)
        _, slack_id = picked(body)
        value = (body.get("actions") or [{}])[0].get("value", "")
        try:
            first_day = date.fromisoformat(value)
        except ValueError:
            return
        await update(
            client, body, sv.schedule_modal(await form(body, client, company, first_day, slack_id))
        )

    app.action(sv.PREVIOUS_WEEK)(other_week)
    app.action(sv.NEXT_WEEK)(other_week)

    @app.action(sv.COPY)
    async def copy_pressed(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        await ack()
        _, company = await member(body, client)
        first_day, slack_id = picked(body)
        view = sv.schedule_modal(await form(body, client, company, first_day, slack_id, copy=True))
        await update(client, body, view)

    @app.view(sv.SCHEDULE_MODAL)
    async def published(ack: AsyncAck, body: dict, view: dict, client: AsyncWebClient) -> None:
        actor, company = await member(body, client)
        state = forms.values(view)
        meta = kit.unpack(view.get("private_metadata"))
        slack_id = forms.selected_user(state, sv.PERSON) or meta.get("owner")
        if not slack_id:
            await ack(response_action="errors", errors={sv.PERSON_BLOCK: "Pick a person."})
            return
        try:
            week = company_week(company, date.fromisoformat(meta["week"]))
            owner, _ = await member(body, client, slack_id)
            times = [
                (
                    forms.picked_time(state, sv.start_action(i)),
                    forms.picked_time(state, sv.end_action(i)),
                )
                for i in range(7)
            ]
            spans = sv.read_plan(times, week)
            change = await set_schedule(actor, owner.id, company.id, week.first_day, spans)
        except sv.PlanFormError as error:
            await ack(response_action="errors", errors={error.block: str(error)})
            return
        except DomainError as error:
            text = wv.describe(error, zone(actor.timezone, company.timezone), utcnow())
            await ack(response_action="errors", errors={sv.PERSON_BLOCK: kit.clip(text, 500)})
            return
        except Exception:
            log.exception("publishing a schedule failed")
            await ack(response_action="errors", errors={sv.PERSON_BLOCK: SORRY})
            return
        await ack()
        await notify.schedule_changed(client, change, actor)
        await home.publish(client, owner, company)
        if owner.id != actor.id:
            week_of = wv.day_label(week.first_day)
            done = f"{owner.name}'s schedule for the week of {week_of} is published."
            await home.publish(client, actor, company, notice=done)
