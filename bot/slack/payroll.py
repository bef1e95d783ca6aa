"""The payroll export from Slack: an admin's button in the App Home opens a modal (weeks and
rounding); the CSV files come back in a DM, uploaded with `files_upload_v2`.

The request is checked before the modal closes (a refusal shows under the field); the files are
built after, so a large company does not run into Slack's 3-second window.
"""

import logging
from datetime import date

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.slack import forms, home, identity, notify
from bot.slack import payroll_views as pv
from bot.slack.surfaces import SLACK_FAILURES
from models import payroll
from models.access import actor_for
from models.errors import DomainError
from models.timeutil import utcnow
from models.users import User

log = logging.getLogger(__name__)
FIELDS = {"from": "week", "to": "through", "rounding": "rounding"}  # domain field -> block


async def send_export(client: AsyncWebClient, user: User, export: payroll.PayrollExport) -> None:
    """Upload the summary and detail files in the app's DM with `user`; a failure is told there."""
    if not export.sheets:
        await notify.dm(client, user, {"text": pv.nothing_to_export(export)})
        return
    try:
        opened = await client.conversations_open(users=user.slack_user_id)
        await client.files_upload_v2(
            channel=opened["channel"]["id"],
            initial_comment=pv.export_comment(export),
            file_uploads=[
                {
                    "filename": export.filename(),
                    "content": export.summary_csv(),
                    "title": f"Payroll summary, {pv.span_label(export)}",
                },
                {
                    "filename": export.filename(detail=True),
                    "content": export.detail_csv(),
                    "title": f"Payroll detail, {pv.span_label(export)}",
                },
            ],
        )
    except SLACK_FAILURES as error:
        log.warning("payroll upload to %s failed: %s", user.slack_user_id, error)
        await notify.dm(client, user, {"text": pv.upload_failed()})


def register(app: AsyncApp, settings: Settings) -> None:
    async def member(body: dict, client: AsyncWebClient):
        return await identity.member_of(body, client, settings.default_timezone)

    @app.action(pv.PAYROLL_OPEN)
    async def payroll_open(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
        await ack()
        user, company = await member(body, client)
        try:
            payroll.check_may_export(await actor_for(user), company.id, company.name)
        except DomainError as error:
            await home.publish(client, user, company, notice=str(error))
            return
        view = pv.payroll_modal(payroll.last_week(company, utcnow()))
        try:
            await client.views_open(trigger_id=body["trigger_id"], view=view)
        except SLACK_FAILURES as error:
            log.warning("opening the payroll modal failed: %s", error)

    @app.view(pv.PAYROLL_MODAL)
    async def payroll_requested(
        ack: AsyncAck, body: dict, view: dict, client: AsyncWebClient
    ) -> None:
        user, company = await member(body, client)
        state = forms.values(view)
        rounding = forms.selected(state, "rounding")
        try:
            request = await payroll.check_request(
                await actor_for(user),
                company.id,
                _day(forms.selected(state, "week")),
                _day(forms.selected(state, "through")),
                int(rounding) if rounding and rounding.isdigit() else None,
            )
        except DomainError as error:
            block = FIELDS.get(error.field or "", "week")
            await ack(response_action="errors", errors={block: str(error)})
            return
        await ack()
        try:
            export = await payroll.build_export(request)
        except Exception:
            log.exception("payroll export for %s failed", company.id)
            await notify.dm(client, user, {"text": pv.EXPORT_FAILED})
            return
        await send_export(client, user, export)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
