"""The app factory: create_app(settings) wires the database, catalog, sandbox and routes together."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
import redis
from celery import Celery
from fastapi import FastAPI
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.middleware.gzip import GZipMiddleware
from starlette.templating import Jinja2Templates

from app import store
from app.admission import SharedAdmission, SharedGradingQueue
from app.assets import Assets
from app.broker import create_celery, redis_client_url
from app.catalog import load_catalog
from app.charts import format_seconds
from app.config import Settings
from app.content import MarkdownRenderer
from app.context import AppContext
from app.database import Database
from app.edge import EdgeFastAPI, edge_layers
from app.errors import install_error_handlers
from app.grading.grader import Grader
from app.grading_queue import GradingQueue
from app.labels import load_labels
from app.login_limit import LoginLimiter, WindowLimiter
from app.middleware import ProfileMiddleware
from app.rate_limit import BucketStore, MemoryBucketStore, build_rate_limiter
from app.routes import (
    account_pages,
    accounts_api,
    challenges_api,
    docs,
    health,
    interview_pages,
    markdown_api,
    pages,
    pairing_api,
    progress_api,
    question_pages,
    questions_api,
    scorecards_api,
    sessions_api,
)
from app.services.attempts import Grading, LocalGrading
from app.services.profiles import TokenSigner
from app.services.questions import LocalValidator, QuestionLoader, QuestionValidator
from app.services.recovery import interrupt_abandoned_gradings
from app.services.remote_grading import BrokerGrading, BrokerValidator
from app.shared_limits import RedisBucketStore, RedisWindowLimiter
from app.sweeper import sweep_sessions
from app.wakeups import RedisWakeups, Wakeups
from app.wording import duration, plural, ratio
from sandbox import Sandbox

log = logging.getLogger("arraydojo")

DESCRIPTION = """Practise NumPy / ML interview challenges: hidden tests graded in a sandbox, with
rubric feedback on vectorization, numerical stability, axes, broadcasting and memory.

Profiles are anonymous: the `arraydojo_profile` cookie names yours, and is set on your first request.
Interviewers may have an account (`POST /api/accounts`, `POST /api/login`): its `arraydojo_account` cookie
lists their sessions (`GET /api/me/sessions`) and opens them as the interviewer without a token.
Errors always have the shape `{"error": {"status", "code", "message", ...}}`."""


def build_templates(settings: Settings, assets: Assets) -> Jinja2Templates:
    environment = Environment(
        loader=FileSystemLoader(settings.templates_dir),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["static_url"] = assets.url
    environment.globals["labels"] = load_labels()
    environment.filters["seconds"] = format_seconds
    environment.filters["plural"] = plural
    environment.filters["ratio"] = ratio
    environment.filters["duration"] = duration
    return Jinja2Templates(env=environment)


def create_app(settings: Settings | None = None) -> FastAPI:
    """A new app; nothing starts until the lifespan runs (uvicorn, or a TestClient context)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        context = await anyio.to_thread.run_sync(_start, settings)
        app.state.arraydojo = context
        app.state.templates = context.templates
        restore = _watch_stop_signals(context.stopping, then=context.wakeups.wake_all)
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(sweep_sessions, context)
            try:
                yield
            finally:
                tasks.cancel_scope.cancel()
                restore()
        await anyio.to_thread.run_sync(_stop, context)

    # /docs is served by routes/docs.py from the pinned Swagger UI files (no CDN).
    app = EdgeFastAPI(title="ArrayDojo", version="0.1.0", description=DESCRIPTION, lifespan=lifespan,
                      docs_url=None, redoc_url=None, edge=edge_layers(settings))
    install_error_handlers(app)
    app.state.settings = settings
    app.state.rate_limiter = build_rate_limiter(settings, shared_buckets(settings.broker_url))
    for router in (health.router, challenges_api.router, progress_api.router, sessions_api.router, pages.router,
                   interview_pages.router, docs.router, pairing_api.router, accounts_api.router,
                   scorecards_api.router, account_pages.router, questions_api.router,
                   markdown_api.router, question_pages.router):
        app.include_router(router)
    # Outermost last: gzip wraps the pages. Headers, hosts, origin and body limits are edge layers (app/edge.py).
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(ProfileMiddleware, secure=settings.secure_cookies)
    return app


def _watch_stop_signals(stopping: threading.Event, *, then: Callable[[], None] = lambda: None
                        ) -> Callable[[], None]:
    """Chain onto the server's SIGINT/SIGTERM handlers to set `stopping` first.

    uvicorn waits for open responses before it runs the lifespan's shutdown, and a live stream
    never ends by itself: without this, one open interviewer tab would hold a stopping server up.
    Only handlers a server installed are chained; a bare process keeps its defaults.
    """
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous: dict[int, Any] = {}

    def on_signal(signum: int, frame: Any) -> None:
        stopping.set()
        then()  # waiters sleeping out a poll interval see `stopping` now
        previous[signum](signum, frame)

    for signum in (signal.SIGINT, signal.SIGTERM):
        handler = signal.getsignal(signum)
        if callable(handler):
            previous[signum] = handler
            signal.signal(signum, on_signal)

    def restore() -> None:
        for signum, handler in previous.items():
            if signal.getsignal(signum) is on_signal:
                signal.signal(signum, handler)

    return restore


def _start(settings: Settings) -> AppContext:
    """Blocking start-up: migrate, recover, load the catalog, start the sandbox (or reach the broker)."""
    db = Database(settings.database_url)
    db.migrate()
    interrupt_abandoned_gradings(db=db)
    signer = TokenSigner(_profile_key(settings, db))
    catalog = load_catalog(settings.challenges_dir, settings.lessons_dir)
    # Room for every admitted grade: the GradingQueue lets in at most slots + queue_size at once.
    sandbox = Sandbox(slots=settings.slots, queue_size=settings.queue_size + settings.slots,
                      isolation=settings.isolation)
    # Authors' questions are found in the database, for sessions and grading (never for practice).
    catalog.question_loader = QuestionLoader(db, sandbox)
    grader = Grader(catalog, sandbox)
    grading: Grading
    queue: GradingQueue | SharedGradingQueue
    celery: Celery | None = None
    if settings.broker_url:
        # Worker hosts grade: this host runs no submission code, so its sandbox never starts.
        celery = create_celery(settings.broker_url, visibility_timeout_seconds=settings.broker_visibility_seconds)
        capacity = settings.broker_slots + settings.queue_size
        admission = SharedAdmission(redis.Redis.from_url(redis_client_url(settings.broker_url), socket_timeout=5),
                                    slots=settings.broker_slots, capacity=capacity,
                                    share=min(settings.queue_share, capacity))
        grading = BrokerGrading(celery, wait_seconds=settings.broker_wait_seconds, catalog=catalog)
        validator: QuestionValidator = BrokerValidator(celery, wait_seconds=settings.broker_wait_seconds)
        queue = SharedGradingQueue(admission)
        where = f"grading on worker hosts through {settings.broker_url.split('@')[-1]}"
    else:
        _start_niced(sandbox, settings.sandbox_nice)
        grading = LocalGrading(grader)
        validator = LocalValidator(sandbox)
        queue = GradingQueue(slots=sandbox.slots, queue_size=settings.queue_size, share=settings.queue_share)
        where = f"sandbox isolation {sandbox.isolation} with {sandbox.slots} slots"
    log.info("ArrayDojo: %d challenges, %d lessons, %s, database %s", len(catalog), len(catalog.lessons()), where,
             db.url.render_as_string())
    wakeups = _wakeups(settings)
    db.on_commit = wakeups.notify
    wakeups.start()
    assets = Assets(settings.static_dir)
    return AppContext(
        settings=settings, db=db, catalog=catalog, sandbox=sandbox, grader=grader, grading=grading, queue=queue,
        profile_signer=signer, question_validator=validator, wakeups=wakeups,
        templates=build_templates(settings, assets), markdown=MarkdownRenderer(), assets=assets, celery=celery,
        login_limiter=LoginLimiter(per_client=settings.login_attempts_per_client,
                                   per_account=settings.login_failures_per_account,
                                   window_seconds=settings.login_window_seconds,
                                   make_window=shared_windows(settings.broker_url)),
    )


def _profile_key(settings: Settings, db: Database) -> bytes:
    if settings.secret_key is not None:
        return str(settings.secret_key.get_secret_value()).encode()
    with db.write() as conn:
        return store.shared_secret(conn, name="profile-tokens").encode()


def _start_niced(sandbox: Sandbox, nice: int) -> None:
    """Start the sandbox from a thread of lower priority: its slot threads, executors and jobs inherit it.

    On Linux the nice value belongs to a thread and is inherited by the threads and processes it
    starts, so the server's own threads (pages, API) keep theirs and win the CPU when it is short.
    """

    def start() -> None:
        if nice:
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), nice)
        sandbox.start()

    starter = threading.Thread(target=start, name="sandbox-start")
    starter.start()
    starter.join()


def _limits_client(broker_url: str) -> redis.Redis:
    # Short timeouts: a limit decision waits on Redis at most this long before this host's own limiter decides.
    return redis.Redis.from_url(redis_client_url(broker_url), socket_timeout=2, socket_connect_timeout=1)


def shared_buckets(broker_url: str | None) -> Callable[[str], BucketStore]:
    """Where the rate limits' buckets live: this process, or Redis for every host (with a broker)."""
    if not broker_url:
        return lambda _name: MemoryBucketStore()
    client = _limits_client(broker_url)
    return lambda name: RedisBucketStore(client, name=name)


def shared_windows(broker_url: str | None) -> Callable[[str, int, float], WindowLimiter] | None:
    """Where the login limits' windows live: this process (None), or Redis for every host (with a broker)."""
    if not broker_url:
        return None
    client = _limits_client(broker_url)
    return lambda name, limit, seconds: RedisWindowLimiter(client, name=name, limit=limit, window_seconds=seconds)


def _wakeups(settings: Settings) -> Wakeups:
    """In-process wake-ups, or Redis pub/sub shared by every web host when a broker is set."""
    if not settings.broker_url:
        return Wakeups()
    client = redis.Redis.from_url(redis_client_url(settings.broker_url), socket_timeout=5, socket_connect_timeout=2,
                                  health_check_interval=10)
    return RedisWakeups(client, safety_poll_seconds=settings.wakeup_poll_seconds)


def _stop(context: AppContext) -> None:
    context.db.on_commit = None
    context.wakeups.close()
    context.sandbox.close()
    context.db.close()


def uvicorn_log_config(level: str) -> dict[str, Any]:
    """uvicorn's logging plus ours at the same level, so start-up lines (isolation level) show."""
    from uvicorn.config import LOGGING_CONFIG

    config: dict[str, Any] = {**LOGGING_CONFIG, "loggers": dict(LOGGING_CONFIG["loggers"])}
    config["loggers"]["arraydojo"] = {"handlers": ["default"], "level": level.upper(), "propagate": False}
    return config
