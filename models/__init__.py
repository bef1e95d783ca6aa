"""The domain: Tortoise models, their invariants, and the operations on them.

Nothing here imports `bot` or `jobs`; both call into this package.
"""

APP = "clockbot"
MODEL_MODULES = [
    "models.companies",
    "models.users",
    "models.shifts",
    "models.timesheets",
    "models.entries",
    "models.pto",
    "models.schedules",
    "models.notes",
    "models.messages",
    "models.audit",
    "models.reminder_settings",
    "models.reminders",
    "models.shift_flags",
    "models.accounts",
    "models.sessions",
    "models.password_resets",
    "models.keys",
    "aerich.models",
]


def tortoise_config(db_url: str) -> dict:
    """The one Tortoise config used by the server, the migrations and the tests."""
    return {
        "connections": {"default": db_url},
        "apps": {APP: {"models": MODEL_MODULES, "default_connection": "default"}},
        "use_tz": True,
        "timezone": "UTC",
    }
