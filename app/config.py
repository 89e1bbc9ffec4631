"""Settings from ARRAYDOJO_* environment variables, with defaults that work on a fresh checkout."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

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
    isolation: Literal["full", "rlimits"] | None = None
    # Sandbox jobs run at this nice value, so page loads stay fast while every slot grades.
    sandbox_nice: int = Field(default=5, ge=0, le=19)
    max_code_bytes: int = Field(default=64 * KIB, ge=1)
    max_import_bytes: int = Field(default=16 * 1024 * KIB, ge=1)
    secure_cookies: bool = False
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

    # Interviewer accounts. With require_accounts, only a logged-in account can create a session.
    require_accounts: bool = False
    account_session_days: float = Field(default=14.0, gt=0, le=365)
    # Login attempts: per client address (any outcome), and failed ones per account, within the window.
    login_attempts_per_client: int = Field(default=20, ge=1)
    login_failures_per_account: int = Field(default=5, ge=1)
    login_window_seconds: float = Field(default=300.0, gt=0)

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
