"""Settings, read from the environment (and a `.env` file when there is one)."""

import os
from dataclasses import dataclass

from dotenv import load_dotenv

SLACK_API_URL = "https://slack.com/api/"
JWT_SECRET_MIN = 32  # bytes: HS256 wants a key at least as long as its hash


class ConfigError(ValueError):
    """A setting has a value clockbot cannot use; the message names it."""


def _number(env: dict[str, str], name: str, default, kind=int):
    raw = env.get(name)
    if not raw:
        return default
    try:
        return kind(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {raw!r}") from None


def _flag(env: dict[str, str], name: str) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if raw in ("", "0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite://clockbot.sqlite3"
    host: str = "127.0.0.1"
    port: int = 9154
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = SLACK_API_URL
    slack_api_timeout: float = 10.0
    default_timezone: str = "America/New_York"
    jwt_secret: str | None = None
    access_token_ttl: int = 15 * 60
    refresh_token_ttl: int = 14 * 24 * 3600
    https: bool = False
    slack_team_id: str | None = None  # for `clockbot role` when several workspaces are known

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Settings":
        if env is None:
            load_dotenv()
            env = dict(os.environ)

        def get(name: str) -> str | None:
            return env.get(name) or None

        api_url = get("SLACK_API_URL") or SLACK_API_URL
        jwt_secret = get("JWT_SECRET")
        if jwt_secret and len(jwt_secret.encode()) < JWT_SECRET_MIN:
            raise ConfigError(f"JWT_SECRET must be at least {JWT_SECRET_MIN} bytes long")
        settings = cls(
            database_url=get("DATABASE_URL") or cls.database_url,
            host=get("HOST") or cls.host,
            port=_number(env, "PORT", cls.port),
            slack_bot_token=get("SLACK_BOT_TOKEN"),
            slack_signing_secret=get("SLACK_SIGNING_SECRET"),
            slack_app_token=get("SLACK_APP_TOKEN"),
            slack_api_url=api_url if api_url.endswith("/") else api_url + "/",
            slack_api_timeout=_number(env, "SLACK_API_TIMEOUT", cls.slack_api_timeout, float),
            default_timezone=get("CLOCKBOT_TIMEZONE") or cls.default_timezone,
            jwt_secret=jwt_secret,
            access_token_ttl=_number(env, "ACCESS_TOKEN_TTL", cls.access_token_ttl),
            refresh_token_ttl=_number(env, "REFRESH_TOKEN_TTL", cls.refresh_token_ttl),
            https=_flag(env, "CLOCKBOT_HTTPS"),
            slack_team_id=get("SLACK_TEAM_ID"),
        )
        for name, ttl in (
            ("ACCESS_TOKEN_TTL", settings.access_token_ttl),
            ("REFRESH_TOKEN_TTL", settings.refresh_token_ttl),
        ):
            if ttl <= 0:
                raise ConfigError(f"{name} must be a positive number of seconds")
        return settings

    @property
    def slack_mode(self) -> str | None:
        """'socket', 'http', or None when Slack is not configured."""
        if not self.slack_bot_token:
            return None
        if self.slack_app_token:
            return "socket"
        return "http" if self.slack_signing_secret else None

    def slack_missing(self) -> list[str]:
        """What must be set to turn Slack on, in the words of the README."""
        missing = [] if self.slack_bot_token else ["SLACK_BOT_TOKEN"]
        if not (self.slack_signing_secret or self.slack_app_token):
            missing.append("SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)")
        return missing
