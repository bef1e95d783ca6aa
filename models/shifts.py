"""Shifts: one stretch of work by one user, with the fields of shifts-api.txt.

Two invariants hold per user, checked by `models.clock` in a transaction and backed by the
database so that concurrent requests cannot both win (see the migration that adds them):
  - `shift_one_open_per_user`: at most one shift with no end;
  - `shift_no_overlap`: no two live shifts share an instant (an open shift runs to infinity).
Deleted shifts (`deleted_at` set) are kept and take part in neither.
"""

from datetime import datetime

from tortoise import fields
from tortoise.models import Model
from tortoise.queryset import QuerySet

from models.errors import InvalidInput
from models.users import User

MAX_NOTE = 2000  # characters in an entry's note (a shift's or a PTO day's), however it is typed


def clean_note(note: str | None) -> str:
    """A note as it is stored: trimmed, and refused when longer than MAX_NOTE."""
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise InvalidInput(
            f"A note can be at most {MAX_NOTE} characters; this one has {len(note)}.", field="note"
        )
    return note


class Shift(Model):
    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "clockbot.User", related_name="shifts", on_delete=fields.CASCADE
    )
    company = fields.ForeignKeyField(
        "clockbot.Company", related_name="shifts", on_delete=fields.CASCADE
    )
    shift_date = fields.DatetimeField()
    start_time = fields.DatetimeField()
    end_time = fields.DatetimeField(null=True)
    notes = fields.TextField(default="")
    initial_amount = fields.DecimalField(max_digits=12, decimal_places=2, default=0)
    final_amount = fields.DecimalField(max_digits=12, decimal_places=2, null=True)
    difference = fields.DecimalField(max_digits=12, decimal_places=2, null=True)
    deleted_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "shifts"
        # A person's shifts and a company's, by start and by end. A shift shares an instant with
        # [a, b) when it starts before b and ends after a or is open: SQLite reads the starts
        # (it cannot serve that OR from an index), PostgreSQL the ends and the open shifts.
        # SQLite keeps no statistics: a read that names the people leaves the company out of
        # SQL, or it may go by the company's index (see `clock.overlapping_in`).
        indexes = (
            ("user_id", "start_time"),
            ("company_id", "start_time"),
            ("user_id", "end_time"),
            ("company_id", "end_time"),
        )

    @classmethod
    def live(cls) -> QuerySet["Shift"]:
        """Shifts that were not deleted."""
        return cls.filter(deleted_at__isnull=True)

    @property
    def is_open(self) -> bool:
        return self.end_time is None

    def seconds_worked(self, now: datetime) -> int:
        return int(((self.end_time or now) - self.start_time).total_seconds())
