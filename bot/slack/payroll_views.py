"""Block Kit for the payroll export: the admin's App Home entry, the modal that picks the weeks
and the rounding, and the words that go with the files."""

from datetime import date, timedelta

from bot.slack import kit
from models.payroll import PayrollExport
from models.weeks import Week

PAYROLL_OPEN = "payroll_open"
PAYROLL_MODAL = "payroll_modal"
EXPORT_FAILED = "Something went wrong making the payroll files. Please try again in a minute."
WEEKS_OFFERED = 12  # the most recent weeks that ended, newest first
ROUNDING_LABELS = {
    "none": "No rounding (exact)",
    "5": "Nearest 5 minutes",
    "6": "Nearest 6 minutes (a tenth of an hour)",
    "15": "Nearest 15 minutes (a quarter hour)",
}


def payroll_blocks() -> list[dict]:
    """For admins, in the App Home."""
    return [
        kit.header("Payroll"),
        kit.section(
            "Hours of a week (or several) as CSV files for payroll: a summary per person and "
            "the detail of every shift, sent to you here.",
            kit.button("Export payroll…", PAYROLL_OPEN),
        ),
    ]


def week_label(first_day: date) -> str:
    last = first_day + timedelta(days=6)
    return f"{first_day:%a %b} {first_day.day} – {last:%a %b} {last.day}, {last.year}"


def payroll_modal(last_week: Week, *, count: int = WEEKS_OFFERED) -> dict:
    days = [last_week.first_day - timedelta(days=7 * i) for i in range(count)]
    weeks = [kit.option(week_label(d), d.isoformat()) for d in days]
    roundings = [kit.option(label, value) for value, label in ROUNDING_LABELS.items()]
    return kit.modal(
        PAYROLL_MODAL,
        "Export payroll",
        [
            kit.input_block(
                "week", "Week", kit.static_select("week", "Pick a week", weeks, initial=weeks[0])
            ),
            kit.input_block(
                "through",
                "Through week",
                kit.static_select("through", "The same week", weeks),
                optional=True,
                hint="For several weeks in one file: the last of them.",
            ),
            kit.input_block(
                "rounding",
                "Rounding",
                kit.static_select("rounding", "Rounding", roundings, initial=roundings[0]),
                hint="Applies to the files only: the recorded punches never change.",
            ),
        ],
        submit="Send CSV",
    )


def span_label(export: PayrollExport) -> str:
    """The week's days with the year, or from the first day to the last of several weeks."""
    first = export.weeks[0].first_day
    if len(export.weeks) == 1:
        return week_label(first)
    last = export.weeks[-1].first_day + timedelta(days=6)
    return f"{first:%a %b} {first.day}, {first.year} – {last:%a %b} {last.day}, {last.year}"


def export_comment(export: PayrollExport) -> str:
    """What goes with the files in the DM."""
    people = len({s.owner.id for s in export.sheets})
    text = (
        f"Payroll for {export.company.name}, {span_label(export)}: "
        f"{people} {_plural(people, 'person')}"
    )
    if export.rounding:
        text += f", punches rounded to the nearest {export.rounding} minutes"
    text += "."
    if export.not_finalized:
        n = export.not_finalized
        text += (
            f"\n:warning: {n} {_plural(n, 'week')} in it {'is' if n == 1 else 'are'} not "
            "finalized: their rows say NOT FINALIZED in the status column."
        )
    return text


def nothing_to_export(export: PayrollExport) -> str:
    return f"Nothing to export for {export.company.name}, {span_label(export)}: nobody has hours."


def upload_failed() -> str:
    return "The payroll files could not be sent (Slack refused the upload). Please try again."


def _plural(n: int, word: str) -> str:
    return word if n == 1 else ("people" if word == "person" else word + "s")
