"""Errors the domain raises when it refuses something; nothing was written when one is raised.

Every refusal is a `DomainError` whose `str()` is a sentence a user can act on, so an interface
that has nothing better to say can show it as is. Interfaces map the kinds to their own terms
(Slack: an ephemeral reply or an inline modal error; REST: 403, 404, 409...).
"""

from datetime import date, datetime


class DomainError(Exception):
    """A refused operation. `field` names the input at fault, when there is one."""

    field: str | None = None


class NotFound(DomainError):
    """The thing does not exist, or the actor may not know it exists."""

    def __init__(self, what: str = "That") -> None:
        super().__init__(f"{what} was not found.")
        self.what = what


class NotAllowed(DomainError):
    """The actor has no right to do this (to this week, in this company)."""

    def __init__(self, message: str, action: str = "") -> None:
        super().__init__(message)
        self.action = action


class InvalidInput(DomainError):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class WeekLocked(DomainError):
    """A finalized week: nothing in it may change until an admin reopens it."""

    field = "date"

    def __init__(self, week_start: date, finalized_at: datetime | None = None) -> None:
        super().__init__(
            f"The week of {week_start:%a %b} {week_start.day} is finalized and locked; "
            "an admin can reopen it."
        )
        self.week_start = week_start
        self.finalized_at = finalized_at
