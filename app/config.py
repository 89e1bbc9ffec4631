"""Settings from ARRAYDOJO_* environment variables, with defaults that work on a fresh checkout."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

KIB = 1024


def default_home() -> Path:
    """The checkout that holds challenges/, lessons/, templates/ and static/.

    An editable install finds it beside the `app` package; an installed copy (the container)
    sets ARRAYDOJO_HOME, or runs from that folder.
    """
    beside_package = Path(__file__).resolve().parent.parent
    return beside_package if (beside_package / "challenges").is_dir() else Path.cwd()


def _default_database_url(data: dict[str, Any]) -> str:
    home = Path(data.get("home") or default_home())
    return f"sqlite:///{home / 'var' / 'arraydojo.sqlite3'}"


class Settings(BaseSettings):
    """Everything the app factory needs; passed in, never read from a global."""

    model_config = SettingsConfigDict(env_prefix="ARRAYDOJO_", frozen=True, extra="ignore")

    home: Path = Field(default_factory=default_home)
    database_url: str = Field(default_factory=_default_database_url)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    # One sandbox slot per core: a job is CPU-bound and single-threaded (one BLAS thread).
    slots: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1, le=64)
    # Jobs waiting for a slot; past this the API answers 503 with Retry-After instead of piling up.
    queue_size: int = Field(default=32, ge=0, le=1024)
    isolation: Literal["full", "userns", "rlimits"] | None = None
    # Sandbox jobs run at this nice value, so page loads stay fast while every slot grades.
    sandbox_nice: int = Field(default=5, ge=0, le=19)
    max_code_bytes: int = Field(default=64 * KIB, ge=1)
    max_import_bytes: int = Field(default=16 * 1024 * KIB, ge=1)
    # Every other request body (session settings, notes, scorecards, forms): refused past this, unread.
    max_json_bytes: int = Field(default=64 * KIB, ge=1)
    # Host headers answered (comma-separated; `*.example.org` for subdomains, `*` for any). Empty means
    # the loopback names plus the host of public_base_url: a rebinding DNS name gets a 400.
    allowed_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Where users reach the app (https://dojo.example.org), for absolute links; empty: the request's own.
    public_base_url: str = ""
    # Per client: session creations allowed in a burst, then one every this many seconds.
    session_creates_burst: int = Field(default=30, ge=1)
    session_create_seconds: float = Field(default=10.0, gt=0)
    # Per client: question saves (each runs sandbox jobs to validate) in a burst, then one every this many s.
    question_saves_burst: int = Field(default=10, ge=1)
    question_save_seconds: float = Field(default=6.0, gt=0)
    # A zip of a question folder (its files together are at most 1 MiB uncompressed).
    max_question_zip_bytes: int = Field(default=2 * 1024 * KIB, ge=1)
    secure_cookies: bool = False
    # Signs profile tokens. Unset: a key made on first start and kept in the database, which every
    # web host of one deployment shares; set it to rotate the key (every anonymous profile starts anew).
    secret_key: SecretStr | None = None
    # Mock interviews. The shortest session allowed (tests lower it to run a session in seconds).
    session_min_seconds: float = Field(default=60.0, gt=0)
    session_max_seconds: float = Field(default=8 * 3600.0, gt=0)
    # Snapshots of the candidate's code: one post is at most this big, and at most this many a minute
    # (the page sends one per pause in typing, about 3 a second at most).
    snapshot_max_bytes: int = Field(default=64 * KIB, ge=1)
    snapshots_per_minute: int = Field(default=300, ge=1)
    # After the deadline, snapshots still land for this long (the last keystrokes in flight), then
    # the session ends and the last code of each challenge is submitted.
    session_grace_seconds: float = Field(default=2.0, ge=0)
    # Integrity reports from the candidate's page (a large paste, the page away and back): a burst of
    # this many, then this many a minute per session and address; real use is a few a minute.
    integrity_reports_burst: int = Field(default=20, ge=1)
    integrity_reports_per_minute: int = Field(default=30, ge=1)
    # Pair programming: pushes of edits a minute per person (each carries every pending keystroke),
    # how often a waiting pull reads the database, and how long it waits before answering "nothing new".
    collab_pushes_per_minute: int = Field(default=1200, ge=1)
    collab_poll_seconds: float = Field(default=0.05, gt=0)
    collab_wait_seconds: float = Field(default=20.0, gt=0, le=60)
    # How often the live stream reads the database, and how often the deadline sweep runs.
    stream_poll_seconds: float = Field(default=0.25, gt=0)
    session_sweep_seconds: float = Field(default=1.0, gt=0)
    # uvicorn worker processes for `arraydojo serve`; they share only the database (sessions, streams, sweep).
    workers: int = Field(default=1, ge=1, le=64)
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    # Set (redis://...): web hosts queue attempts for `arraydojo worker` hosts instead of grading them.
    broker_url: str | None = None
    # A job whose worker died is delivered again after this long; longer than any one grade takes.
    broker_visibility_seconds: float = Field(default=300.0, ge=1.0, le=86400.0)
    # With a broker: the grading slots of all workers together (for queue positions), and how long a web
    # host waits for a worker's answer before the attempt counts as lost ("interrupted, please retry").
    broker_slots: int = Field(default=2, ge=1, le=4096)
    broker_wait_seconds: float = Field(default=600.0, ge=5.0, le=86400.0)
    # With a broker, writes wake live streams and waiting pulls on every host through Redis pub/sub;
    # they still read the database this often in case a wake-up was lost (the safety net). While the
    # channel is down they fall back to stream_poll_seconds / collab_poll_seconds.
    wakeup_poll_seconds: float = Field(default=2.0, gt=0, le=600)
    # How many runs or submits one client address may have queued or grading at once (a 429 past it),
    # so one client cannot fill the queue for everyone.
    queue_share: int = Field(default=8, ge=1, le=1024)

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: Any) -> Any:
        """`a.org, *.b.org` or a JSON list."""
        if isinstance(value, str):
            return json.loads(value) if value.lstrip().startswith("[") else [
                part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("public_base_url")
    @classmethod
    def _check_base_url(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://, like https://dojo.example.org")
        return value.rstrip("/")

    # Interviewer accounts. With require_accounts, only a logged-in account can create a session.
    require_accounts: bool = False
    account_session_days: float = Field(default=14.0, gt=0, le=365)
    # Login attempts: per client address (any outcome), and failed ones per account, within the window.
    login_attempts_per_client: int = Field(default=20, ge=1)
    login_failures_per_account: int = Field(default=5, ge=1)
    login_window_seconds: float = Field(default=300.0, gt=0)
    # Sign-ups per client address: this many at once, then one every this many seconds (429 past it).
    signups_burst: int = Field(default=5, ge=1)
    signup_seconds: float = Field(default=60.0, gt=0)

    # OpenID Connect login (optional): the provider's issuer URL and this app's client there. The
    # provider must redirect back to <this server>/login/oidc/callback.
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: str | None = None
    oidc_scopes: str = "openid email profile"
    oidc_name: str = Field(default="single sign-on", max_length=60)

    @property
    def is_oidc_configured(self) -> bool:
        return bool(self.oidc_issuer and self.oidc_client_id)

    @property
    def challenges_dir(self) -> Path:
        return self.home / "challenges"

    @property
    def lessons_dir(self) -> Path:
        return self.home / "lessons"

    @property
    def templates_dir(self) -> Path:
        return self.home / "templates"

    @property
    def static_dir(self) -> Path:
        return self.home / "static"
