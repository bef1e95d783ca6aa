"""The stages of a weekly timesheet (Breaktime's Status object) and the phase they add up to."""

from enum import StrEnum


class Stage(StrEnum):
    """The keys of Breaktime's Status object; each is `{Date, AuthorID}` or absent."""

    HOURS_SUBMITTED = "HoursSubmitted"
    HOURS_REVIEWED = "HoursReviewed"
    SCHEDULE_SUBMITTED = "ScheduleSubmitted"
    FINALIZED = "Finalized"


class Phase(StrEnum):
    """Where a week stands in the approval, from its stages; decides what may still change."""

    OPEN = "open"  # not submitted, or sent back
    SUBMITTED = "submitted"  # waiting for a supervisor
    REVIEWED = "reviewed"  # approved by a supervisor, waiting for an admin
    FINALIZED = "finalized"  # locked

    @property
    def label(self) -> str:
        return {
            Phase.OPEN: "not submitted",
            Phase.SUBMITTED: "submitted",
            Phase.REVIEWED: "reviewed",
            Phase.FINALIZED: "finalized",
        }[self]
