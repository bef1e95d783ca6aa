"""Reading the text after /clockin and /clockout: an optional time of day, then a note."""

import re
from dataclasses import dataclass
from datetime import time

HELP_WORDS = {"help", "-h", "--help", "?"}
_TIME = re.compile(
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<half>[ap])?(?:\.?m\.?)?", re.IGNORECASE
)
_LEADING_TIME = re.compile(r"(\d\S*?(?:\s*[ap]\.?m\.?)?)(?:\s+(.*))?", re.IGNORECASE | re.DOTALL)


class PunchArgError(ValueError):
    """The text could not be read; the message says what was wrong."""


@dataclass(frozen=True)
class PunchArgs:
    wall_time: time | None = None
    note: str = ""
    help: bool = False


def parse_time(text: str) -> time:
    """'8:45am', '8:45 AM', '08:45', '17:30', '5pm' -> a time of day."""
    match = _TIME.fullmatch(text.strip())
    if not match or not (match["minute"] or match["half"]):
        raise PunchArgError(f"I couldn't read “{text}” as a time of day.")
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["half"]:
        if not 1 <= hour <= 12:
            raise PunchArgError(f"“{text}”: with am/pm the hour goes from 1 to 12.")
        hour = hour % 12 + (12 if match["half"].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        raise PunchArgError(f"“{text}” is not a time of day.")
    return time(hour, minute)


def parse_punch_args(text: str) -> PunchArgs:
    text = (text or "").strip()
    if not text:
        return PunchArgs()
    if text.lower() in HELP_WORDS:
        return PunchArgs(help=True)
    if text.startswith("-"):
        raise PunchArgError(f"I don't know the option “{text.split()[0]}”.")
    if text[0].isdigit():
        match = _LEADING_TIME.fullmatch(text)
        wall = parse_time(match[1] if match else text)
        return PunchArgs(wall_time=wall, note=(match[2] or "").strip() if match else "")
    return PunchArgs(note=text)
