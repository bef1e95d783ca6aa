"""Reading what follows /clockin and /clockout."""

from datetime import time

import pytest

from bot.slack.punch_args import PunchArgError, PunchArgs, parse_punch_args


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", PunchArgs()),
        ("  ", PunchArgs()),
        ("help", PunchArgs(help=True)),
        ("HELP", PunchArgs(help=True)),
        ("8:45am", PunchArgs(time(8, 45))),
        ("8:45 AM", PunchArgs(time(8, 45))),
        ("08:45", PunchArgs(time(8, 45))),
        ("5:30pm", PunchArgs(time(17, 30))),
        ("5pm", PunchArgs(time(17, 0))),
        ("12am", PunchArgs(time(0, 0))),
        ("12:15pm", PunchArgs(time(12, 15))),
        ("17:30 closing up", PunchArgs(time(17, 30), "closing up")),
        ("8:45 amazing day", PunchArgs(time(8, 45), "amazing day")),
        ("opening the shop", PunchArgs(note="opening the shop")),
    ],
)
def test_forms(text, expected):
    assert parse_punch_args(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("25:00", "not a time of day"),
        ("9:60", "not a time of day"),
        ("13:00pm", "1 to 12"),
        ("0am", "1 to 12"),
        ("8", "couldn't read"),
        ("8:7", "couldn't read"),
        ("3 boxes", "couldn't read"),
        ("--now", "don't know the option"),
    ],
)
def test_what_cannot_be_read_says_why(text, reason):
    with pytest.raises(PunchArgError, match=reason):
        parse_punch_args(text)
