"""The service's settings, in one typed object read from the environment (``ASSISTANT_*``).

Every part of the service (the web app, the chat, the staff pages, the e-mail worker, the CLI)
reads :func:`settings`; a value that cannot be used is refused with the variable's name, before
the server starts. Data paths default to a ``var/`` folder beside the checkout (or the user's data
folder for an installed package), never inside the installed package.
"""

from __future__ import annotations

import ipaddress
import os
import re
import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .config import ROOT
from .errors import UsageError

SECURITY = ("none", "starttls", "ssl")
OFF = ("0", "no", "non", "false", "off")


def default_data_dir() -> Path:
    """``var/`` beside a checkout; the user's data folder for an installed package."""
    if (ROOT / "pyproject.toml").is_file():
        return ROOT / "var"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "assistant-ess"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    #: where the database (SQLite), the spool, the chat's element files and the secret live
    data_dir: Path = Field(default_factory=default_data_dir)
    #: sqlite:///path or postgresql://user:password@host/name (default: data_dir/assistant.db)
    database_url: str | None = None
    #: handoff requests written while the database is down (default: data_dir/spool)
    spool: Path | None = None
    #: this server's name, to tell several servers apart (claims, element files, logs)
    server_id: str = Field(default_factory=lambda: f"{os.uname().nodename}-{os.getpid()}")
    #: signs the chat's forms and buttons; several servers behind one proxy need the same one
    #: (default: made once and kept in data_dir/secret)
    secret: SecretStr | None = None
    #: addresses (or networks) of reverse proxies whose X-Forwarded-For is believed
    trusted_proxies: str = ""
    retention_days: int = Field(default=365, ge=1)
    worker_interval: float = Field(default=30.0, ge=1)
    #: the address people open the chat at, for the links in follow-up e-mails
    public_url: str | None = None
    smtp_host: str | None = None
    #: 25, or 465 with smtp_security=ssl
    smtp_port: int | None = Field(default=None, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_security: str = "none"
    mail_from: str = "assistant@localhost"
    mail_cc: str | None = None
    mail_redirect: str | None = None
    mail_ack: str = "1"

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, v: str | None) -> str | None:
        v = (v or "").strip()
        if not v:
            return None
        if not re.match(r"^https?://[^\s/?#]+(/[^\s?#]*)?$", v):
            raise ValueError("give the address people open the chat at, e.g. https://assistant.example.org")
        return v.rstrip("/")

    @field_validator("smtp_security")
    @classmethod
    def _security(cls, v: str) -> str:
        v = v.strip().lower() or "none"
        if v not in SECURITY:
            raise ValueError("must be none, starttls or ssl")
        return v

    @field_validator("mail_from", "mail_cc", "mail_redirect")
    @classmethod
    def _address(cls, v: str | None) -> str | None:
        if v is None or not v.strip():
            return None if v is not None and not v.strip() else v
        if not re.match(r"^[^@\s<>\"']+@[^@\s<>\"']+$", v.strip()):
            raise ValueError("not an e-mail address")
        return v.strip()

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies(cls, v: str) -> str:
        for item in _split(v):
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError as err:
                raise ValueError(f"{item!r} is not an address or a network ({err})") from None
        return v

    @model_validator(mode="after")
    def _paths(self) -> Settings:
        self.data_dir = Path(self.data_dir).expanduser()
        if self.spool is None:
            self.spool = self.data_dir / "spool"
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir / 'assistant.db'}"
        return self

    # -- derived -----------------------------------------------------------------------------
    @property
    def mail_ack_on(self) -> bool:
        return self.mail_ack.strip().lower() not in OFF

    @property
    def proxies(self) -> list:
        return [ipaddress.ip_network(p, strict=False) for p in _split(self.trusted_proxies)]

    def files_dir(self) -> Path:
        """This server's own folder for the chat's element files (Chainlit deletes it when the
        server stops: no other server's files are in it)."""
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", self.server_id)
        return self.data_dir / "servers" / safe

    def signing_key(self) -> bytes:
        """The secret that signs forms and buttons: the configured one, or one made once and
        kept in the data folder (enough for one machine; several machines must share one)."""
        if self.secret is not None and self.secret.get_secret_value():
            return self.secret.get_secret_value().encode()
        path = self.data_dir / "secret"
        try:
            return path.read_bytes().strip()
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f"secret.{os.getpid()}.tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(secrets.token_urlsafe(48).encode())
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.link(tmp, path)  # atomic, and never replaces one another server made
            except FileExistsError:
                pass
            finally:
                tmp.unlink(missing_ok=True)
            return path.read_bytes().strip()


#: what a value must be, for the variables whose check is a type or a bound
HELP = {
    "smtp_port": "must be a port number (1-65535)",
    "retention_days": "must be a whole number of days (at least 1)",
    "worker_interval": "must be a number of seconds (at least 1)",
    "data_dir": "must be a folder path",
}


def _split(value: str) -> list[str]:
    return [x for x in re.split(r"[\s,;]+", value or "") if x]


class _Given(Settings):
    """Settings from a mapping only (tests, checks), never from the process environment."""

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, *args, **kwargs):
        return (init_settings,)


def load(env: dict | None = None) -> Settings:
    """Read the settings (from ``env`` instead of the process environment when given); a value
    that cannot be used raises a UsageError naming its variable."""
    try:
        if env is None:
            return Settings()
        given = {
            k[len("ASSISTANT_"):].lower(): v for k, v in env.items() if k.startswith("ASSISTANT_")
        }
        return _Given(**given)
    except ValidationError as err:
        first = err.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else ""
        name = f"ASSISTANT_{field.upper()}" if field else "a setting"
        msg = first["msg"].removeprefix("Value error, ")
        if first["type"] != "value_error":  # a type or a bound: said in words, not pydantic's
            msg = HELP.get(field, msg)
        given = first.get("input")
        shown = f"{name}={given!r}" if isinstance(given, str) else name
        raise UsageError(f"{shown} is not usable: {msg}.") from None


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The settings of this process (read once)."""
    return load()
