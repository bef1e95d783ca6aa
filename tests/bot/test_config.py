"""Settings: DESIGN.md's defaults, and clear words for values that cannot work."""

import pytest

from bot.config import ConfigError, Settings


def test_defaults_are_the_documented_ones():
    settings = Settings.from_env({})
    assert settings.database_url == "sqlite://clockbot.sqlite3"
    assert (settings.host, settings.port) == ("127.0.0.1", 9154)
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.default_timezone == "America/New_York"
    assert settings.slack_mode is None


@pytest.mark.parametrize(
    ("env", "mode"),
    [
        ({"SLACK_BOT_TOKEN": "xoxb", "SLACK_SIGNING_SECRET": "s"}, "http"),
        ({"SLACK_BOT_TOKEN": "xoxb", "SLACK_APP_TOKEN": "xapp"}, "socket"),
        ({"SLACK_BOT_TOKEN": "xoxb"}, None),
        ({"SLACK_SIGNING_SECRET": "s"}, None),
    ],
)
def test_slack_mode_follows_the_tokens(env, mode):
    assert Settings.from_env(env).slack_mode == mode


def test_api_url_gets_its_trailing_slash():
    assert Settings.from_env({"SLACK_API_URL": "http://x/api"}).slack_api_url == "http://x/api/"


def test_a_port_that_is_not_a_number_is_named():
    with pytest.raises(ConfigError, match="PORT must be a number"):
        Settings.from_env({"PORT": "ninety"})
