"""Timesheet buttons, menus and modals. Each listener parses the interaction, calls one domain
operation, and draws the result where it is seen; refusals are told to the person who acted,
and nothing changed."""

import logging
from collections.abc import Awaitable, Callable
from uuid import UUID

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.slack import forms, home, identity, kit, notify, surfaces
from bot.slack import week_views as wv
from bot.slack.surfaces import Origin
from bot.slack.week_views import WeekKey
from bot.slack.weeks import week_for, week_of_shift
from models import approval, entries, notes, pto
from models.companies import Company
from models.entries import TimeSource
from models.errors import DomainError, NotAllowed, NotFound
from models.messages import MessageKind
from models.notes import ReportReason
from models.permissions import Action, check, check_relation
from models.timesheets import company_week, find_timesheet
from models.timeutil import utcnow, zone
from models.users import User

log = logging.getLogger(__name__)
SORRY = "Something went wrong on our side; nothing was changed. Please try again in a minute."
SHIFT_FIELDS = {"date", "start", "end", "note"}
PTO_FIELDS = {"date", "hours", "note"}
TIMES_FIELDS = {"date", "start", "end", "not_worked"}


def register(app: AsyncApp, settings: Settings) -> None:
    async def member(body: dict, client: AsyncWebClient) -> tuple[User, Company]:
        return await identity.member_of(body, client, settings.default_timezone)

    def tz_of(actor: User, company: Company):
        return zone(actor.timezone, company.timezone)

    async def tell(
        client: AsyncWebClient, body: dict, actor: User, company: Company, text: str
    ) -> None:
        """Say something only the actor sees, where they acted."""
        origin = Origin.of(body)
        if origin.kind == "home":
            await home.publish(client, actor, company, notice=text)
        elif origin.kind == "modal":
            await surfaces.open_modal(
                client, body, kit.modal("ts_info", "Timesheet", [kit.section(text)], close="OK")
            )
        else:
            await surfaces.reply(client, origin, text)

    async def after_change(
        client: AsyncWebClient,
        actor: User,
        company: Company,
        key: WeekKey,
        origin: Origin,
        notice: str = "",
    ) -> None:
        """Redraw everything that shows the week: where the actor is, the requests about it,
        and the App Homes of its owner and of the actor."""
        await surfaces.redraw(client, actor, key, origin)
        sheet = await find_timesheet(key.owner_id, key.company_id, key.first_day)
        if sheet is not None:
            await notify.update_decisions(client, sheet.id)
        await home.publish(client, actor, company, notice=notice if origin.kind == "home" else "")
        if key.owner_id != actor.id:
            owner = await User.get_or_none(id=key.owner_id)
            owner_company = await Company.get_or_none(id=key.company_id)
            if owner and owner_company:
                await home.publish(client, owner, owner_company)

    def guarded(
        handler: Callable[[dict, AsyncWebClient, User, Company], Awaitable[None]],
    ) -> Callable:
        """A block action: ack first, then the handler; a refusal is told, a crash logged."""

        async def listener(ack: AsyncAck, body: dict, client: AsyncWebClient) -> None:
            await ack()
            actor, company = await member(body, client)
            try:
                await handler(body, client, actor, company)
            except DomainError as error:
                await tell(
                    client,
                    body,
                    actor,
                    company,
                    wv.describe(error, tz_of(actor, company), utcnow()),
                )
            except Exception:
                log.exception("timesheet action %s failed", body.get("actions", [{}])[0])
                await tell(client, body, actor, company, SORRY)

        return listener

    def submitted_view(
        handler: Callable[[dict, dict, AsyncWebClient, User, Company], Awaitable[Callable | None]],
        fields: set[str],
        default_field: str,
    ) -> Callable:
        """A modal submission: the handler does the change and returns what to do after the
        modal closed; a refusal is shown under the field at fault and the modal stays open."""

        async def listener(ack: AsyncAck, body: dict, view: dict, client: AsyncWebClient) -> None:
            actor, company = await member(body, client)
            try:
                then = await handler(body, view, client, actor, company)
            except forms.FormError as error:
                await ack(response_action="errors", errors=error.errors)
                return
            except DomainError as error:
                text = wv.describe(error, tz_of(actor, company), utcnow())
                await ack(**refusal(view, forms.errors_for(error, text, fields, default_field)))
                return
            except Exception:
                log.exception("timesheet modal %s failed", view.get("callback_id"))
                errors = {"response_action": "errors", "errors": {default_field: SORRY}}
                await ack(**refusal(view, errors))
                return
            await ack()
            if then is not None:
                await then()

        return listener

    def refusal(view: dict, errors: dict) -> dict:
        """Inline errors when the modal has the field; a modal without inputs (delete) is
        replaced by one that says why instead."""
        inputs = {b.get("block_id") for b in view.get("blocks", []) if b.get("type") == "input"}
        if set(errors["errors"]) <= inputs:
            return errors
        text = " ".join(errors["errors"].values())
        return {
            "response_action": "update",
            "view": kit.modal("ts_info", "Timesheet", [kit.section(text)], close="OK"),
        }

    def key_of(body: dict) -> WeekKey:
        key = WeekKey.decode((body.get("actions") or [{}])[0].get("value", ""))
        if key is None:
            raise NotFound("That week")
        return key

    def chosen(body: dict) -> tuple[str, UUID]:
        value = ((body.get("actions") or [{}])[0].get("selected_option") or {}).get("value", "")
        verb, _, ident = value.partition(":")
        try:
            return verb, UUID(ident)
        except ValueError:
            raise NotFound("That entry") from None

    def metadata(view: dict) -> tuple[dict, WeekKey, Origin]:
        meta = kit.unpack(view.get("private_metadata"))
        key = WeekKey.decode(meta.get("week", ""))
        if key is None:
            raise NotFound("That week")
        return meta, key, Origin.from_dict(meta.get("origin"))

    async def require(actor: User, key: WeekKey, action: Action) -> tuple:
        """The week and the viewer, or the refusal `action` would meet."""
        sheet, viewer = await week_for(actor, key)
        if action not in viewer.allowed:
            check(action, viewer.relations, sheet.phase, week_start=sheet.week.first_day)
        return sheet, viewer

    # --- correcting the week ------------------------------------------------------------

    async def add_shift_pressed(body, client, actor, company):
        key = key_of(body)
        sheet, viewer = await require(actor, key, Action.EDIT_HOURS)
        today = utcnow().astimezone(sheet.week.tz).date()
        day = today if today in sheet.week.days() else sheet.week.days()[1]
        meta = {"week": key.encode(), "origin": Origin.of(body).to_dict()}
        await surfaces.open_modal(client, body, wv.shift_modal(meta, viewer.tz, day=day))

    app.action(wv.ADD_SHIFT)(guarded(add_shift_pressed))

    async def add_pto_pressed(body, client, actor, company):
        key = key_of(body)
        sheet, _viewer = await require(actor, key, Action.EDIT_HOURS)
        today = utcnow().astimezone(sheet.week.tz).date()
        day = today if today in sheet.week.days() else sheet.week.days()[1]
        meta = {"week": key.encode(), "origin": Origin.of(body).to_dict()}
        await surfaces.open_modal(client, body, wv.pto_modal(meta, day=day))

    app.action(wv.ADD_PTO)(guarded(add_pto_pressed))

    async def pto_chosen(body, client, actor, verb: str, pto_id: UUID) -> None:
        entry = await pto.Pto.live().get_or_none(id=pto_id).select_related("company")
        if entry is None:
            raise NotFound("That PTO entry")
        first_day = company_week(entry.company, entry.day).first_day
        key = WeekKey(entry.user_id, entry.company_id, first_day)
        await require(actor, key, Action.EDIT_HOURS)
        meta = {"week": key.encode(), "pto": str(entry.id), "origin": Origin.of(body).to_dict()}
        if verb == "ptodelete":
            label = f"{wv.day_label(entry.day)}, {wv.pto_label(entry)}"
            view = wv.delete_modal(meta, label, what="PTO")
        else:
            view = wv.pto_modal(meta, day=entry.day, minutes=entry.minutes, note=entry.note)
        await surfaces.open_modal(client, body, view)

    async def entry_chosen(body, client, actor, company):
        verb, shift_id = chosen(body)
        if verb in wv.PTO_VERBS:
            await pto_chosen(body, client, actor, verb, shift_id)
            return
        sheet, viewer, shift = await week_of_shift(actor, shift_id)
        entry = next(e for e in sheet.entries if e.shift.id == shift.id)
        key = WeekKey.of(sheet)
        needed = wv.ENTRY_VERBS.get(verb, ("", Action.VIEW))[1]
        if needed not in viewer.allowed:
            check(needed, viewer.relations, sheet.phase, week_start=sheet.week.first_day)
        meta = {
            "week": key.encode(),
            "shift": str(shift.id),
            "origin": Origin.of(body).to_dict(),
        }
        tz = viewer.tz
        day = shift.start_time.astimezone(tz).date()
        label = f"{wv.day_label(day)}, {wv.span_text(entry.associate, tz)}"
        if verb == "edit":
            view = wv.shift_modal(
                meta, tz, day=day, start=shift.start_time, end=shift.end_time, note=shift.notes
            )
        elif verb == "delete":
            view = wv.delete_modal(meta, label)
        elif verb in ("sup", "adm"):
            source = TimeSource.SUPERVISOR if verb == "sup" else TimeSource.ADMIN
            view = wv.times_modal({**meta, "source": source.value}, tz, source, entry, day)
        else:
            view = wv.note_modal(
                meta,
                title="Report" if verb == "report" else "Comment",
                about=f"On the entry {label}",
                reports=Action.REPORT in viewer.allowed,
            )
        await surfaces.open_modal(client, body, view)

    app.action(wv.ENTRY_MENU)(guarded(entry_chosen))

    async def shift_saved(body, view, client, actor, company):
        meta, key, origin = metadata(view)
        state = forms.values(view)
        start, end = forms.span(state, tz_of(actor, company))
        note = forms.text(state, "note")
        if meta.get("shift"):
            await entries.edit_shift(actor, UUID(meta["shift"]), start, end, note)
        else:
            await entries.add_shift(actor, key.company_id, start, end, note)
        return lambda: after_change(client, actor, company, key, origin)

    app.view(wv.SHIFT_MODAL)(submitted_view(shift_saved, SHIFT_FIELDS, "date"))

    async def pto_saved(body, view, client, actor, company):
        meta, key, origin = metadata(view)
        state = forms.values(view)
        day = forms.picked_date(state, "date")
        if day is None:
            raise forms.FormError({"date": "Pick the date."})
        minutes = pto.minutes_from_hours(forms.text(state, "hours"))
        note = forms.text(state, "note")
        if meta.get("pto"):
            await pto.edit_pto(actor, UUID(meta["pto"]), day, minutes, note)
        else:
            await pto.add_pto(actor, key.company_id, day, minutes, note)
        return lambda: after_change(client, actor, company, key, origin)

    app.view(wv.PTO_MODAL)(submitted_view(pto_saved, PTO_FIELDS, "date"))

    async def shift_deleted(body, view, client, actor, company):
        meta, key, origin = metadata(view)
        if meta.get("pto"):
            await pto.delete_pto(actor, UUID(meta["pto"]))
        else:
            await entries.delete_shift(actor, UUID(meta["shift"]))
        return lambda: after_change(client, actor, company, key, origin)

    app.view(wv.DELETE_MODAL)(submitted_view(shift_deleted, set(), "none"))

    async def times_saved(body, view, client, actor, company):
        meta, key, origin = metadata(view)
        state = forms.values(view)
        if forms.checked(state, "not_worked"):
            start = end = None
        else:
            span = forms.span(state, tz_of(actor, company), optional=True)
            if span is None:
                raise forms.FormError({"date": "Give the times, or tick “Not worked”."})
            start, end = span
        source = TimeSource(meta.get("source", TimeSource.SUPERVISOR.value))
        await entries.set_times(actor, UUID(meta["shift"]), source, start, end)
        return lambda: after_change(client, actor, company, key, origin)

    app.view(wv.TIMES_MODAL)(submitted_view(times_saved, TIMES_FIELDS, "date"))

    # --- notes ----------------------------------------------------------------------------

    async def add_note_pressed(body, client, actor, company):
        key = key_of(body)
        sheet, _viewer = await require(actor, key, Action.COMMENT)
        meta = {"week": key.encode(), "origin": Origin.of(body).to_dict()}
        about = f"On the week of {wv.day_label(sheet.week.first_day)}"
        view = wv.note_modal(meta, title="Note on the week", about=about, reports=False)
        await surfaces.open_modal(client, body, view)

    app.action(wv.ADD_NOTE)(guarded(add_note_pressed))

    async def note_chosen(body, client, actor, company):
        verb, note_id = chosen(body)
        note = await notes.Note.get_or_none(id=note_id, state=notes.NoteState.ACTIVE)
        if note is None:
            raise NotFound("That note")
        origin = Origin.of(body)
        sheet = await note.timesheet
        key = WeekKey(sheet.user_id, sheet.company_id, sheet.start_date)
        if verb == "ndelete":
            await notes.delete_note(actor, note_id)
            await after_change(client, actor, company, key, origin)
            return
        if note.author_id != actor.id:
            raise NotAllowed("Only its author can change a note.")
        meta = {"week": key.encode(), "note": str(note.id), "origin": origin.to_dict()}
        view = wv.note_modal(
            meta,
            title="Edit note",
            about="Editing keeps the old text in the record.",
            reports=False,
            content=note.content,
        )
        await surfaces.open_modal(client, body, view)

    app.action(wv.NOTE_MENU)(guarded(note_chosen))

    async def explain_chosen(body, client, actor, company):
        _verb, report_id = chosen(body)
        report = await notes.Note.get_or_none(
            id=report_id, type=notes.NoteType.REPORT, state=notes.NoteState.ACTIVE
        )
        if report is None:
            raise NotFound("That report")
        sheet = await report.timesheet
        key = WeekKey(sheet.user_id, sheet.company_id, sheet.start_date)
        await require(actor, key, Action.COMMENT)
        meta = {
            "week": key.encode(),
            "explains": str(report.id),
            "origin": Origin.of(body).to_dict(),
        }
        about = f"*{report.reason}*: {kit.clip(report.content, 2000)}"
        view = wv.note_modal(meta, title="Explain report", about=about, reports=False)
        await surfaces.open_modal(client, body, view)

    app.action(wv.EXPLAIN)(guarded(explain_chosen))

    async def note_saved(body, view, client, actor, company):
        meta, key, origin = metadata(view)
        state = forms.values(view)
        content = forms.text(state, "content")
        if meta.get("note"):
            await notes.edit_note(actor, UUID(meta["note"]), content)
        elif meta.get("explains"):
            await notes.explain_report(actor, UUID(meta["explains"]), content)
        elif meta.get("shift"):
            kind = forms.selected(state, "reason")
            report = ReportReason(kind) if kind and kind != "comment" else None
            await notes.add_note(actor, content, shift_id=UUID(meta["shift"]), report=report)
        else:
            await notes.add_note(
                actor,
                content,
                owner_id=key.owner_id,
                company_id=key.company_id,
                week_day=key.first_day,
            )
        return lambda: after_change(client, actor, company, key, origin)

    app.view(wv.NOTE_MODAL)(submitted_view(note_saved, {"content", "reason"}, "content"))

    # --- the approval ---------------------------------------------------------------------

    async def submit_pressed(body, client, actor, company):
        key = key_of(body)
        if key.owner_id != actor.id:
            raise NotAllowed("Only its owner can submit a week.")
        done = await approval.submit(actor, key.company_id, key.first_day)
        await notify.status_changed(client, done.timesheet.id, notify.SUBMITTED, actor)
        notice = (
            f":large_yellow_circle: Your week of {wv.day_label(key.first_day)} was "
            "submitted; your supervisors were asked to review it."
        )
        await after_change(client, actor, company, key, Origin.of(body), notice)

    app.action(wv.SUBMIT)(guarded(submit_pressed))

    async def decide(
        body: dict,
        client: AsyncWebClient,
        actor: User,
        company: Company,
        kind: MessageKind,
        operation,
        event: str,
    ) -> None:
        key = key_of(body)
        origin = Origin.of(body)
        sheet = await find_timesheet(key.owner_id, key.company_id, key.first_day)
        if sheet is None:
            raise NotFound("That week")
        try:
            await operation(actor, sheet.id)
        except approval.AlreadyDecided:
            if origin.kind == "message" and origin.channel and origin.ts:
                # The pressed message may be stale: draw it as the week is now.
                await notify.redraw_message(
                    client, await notify.sheet_of(sheet.id), kind, origin.channel, origin.ts, actor
                )
            raise
        await notify.status_changed(client, sheet.id, event, actor)
        await after_change(client, actor, company, key, origin)

    async def approve_pressed(body, client, actor, company):
        await decide(body, client, actor, company, MessageKind.REVIEW, approval.approve, "approved")

    app.action(wv.APPROVE)(guarded(approve_pressed))

    async def finalize_pressed(body, client, actor, company):
        await decide(
            body, client, actor, company, MessageKind.FINALIZE, approval.finalize, "finalized"
        )

    app.action(wv.FINALIZE)(guarded(finalize_pressed))

    async def ask_reason(body, client, actor, action: Action, do: str) -> None:
        key = key_of(body)
        sheet, viewer = await week_for(actor, key)
        if action not in viewer.allowed:
            check_relation(action, viewer.relations, sheet.company.name)
            # They may, but not now: someone decided first (say who), or it's not time yet.
            kind = MessageKind.REVIEW if action is Action.REVIEW else MessageKind.FINALIZE
            outcome = wv.outcome_text(sheet, kind)
            origin = Origin.of(body)
            if origin.kind == "message" and origin.channel and origin.ts:
                await notify.redraw_message(client, sheet, kind, origin.channel, origin.ts, actor)
            if not outcome.startswith(wv.NO_LONGER):
                raise NotAllowed(wv.too_late(outcome))
            check(action, viewer.relations, sheet.phase)
        meta = {"do": do, "week": key.encode(), "origin": Origin.of(body).to_dict()}
        if do == "send_back":
            view = wv.reason_modal(
                meta, "Send back", f"What should {sheet.owner.name} fix?", "Send back"
            )
        else:
            view = wv.reason_modal(meta, "Reopen week", "Why reopen this week?", "Reopen")
        await surfaces.open_modal(client, body, view)

    async def send_back_pressed(body, client, actor, company):
        await ask_reason(body, client, actor, Action.REVIEW, "send_back")

    app.action(wv.SEND_BACK)(guarded(send_back_pressed))

    async def reopen_pressed(body, client, actor, company):
        await ask_reason(body, client, actor, Action.REOPEN, "reopen")

    app.action(wv.REOPEN)(guarded(reopen_pressed))

    async def reason_given(body, view, client, actor, company):
        meta, key, origin = metadata(view)
        reason = forms.text(forms.values(view), "reason")
        sheet = await find_timesheet(key.owner_id, key.company_id, key.first_day)
        if sheet is None:
            raise NotFound("That week")
        if meta.get("do") == "reopen":
            await approval.reopen(actor, sheet.id, reason)
            event = "reopened"
        else:
            await approval.send_back(actor, sheet.id, reason)
            event = "sent_back"

        async def then() -> None:
            await notify.status_changed(client, sheet.id, event, actor, reason)
            await after_change(client, actor, company, key, origin)

        return then

    app.view(wv.REASON_MODAL)(submitted_view(reason_given, {"reason"}, "reason"))

    async def details_pressed(body, client, actor, company):
        sheet, viewer = await week_for(actor, key_of(body))
        await surfaces.open_modal(client, body, wv.week_modal(sheet, viewer))

    app.action(wv.DETAILS)(guarded(details_pressed))
