"""What the app holds while it runs, built in the lifespan and reached by routes through request.app.state."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from starlette.templating import Jinja2Templates

from app.assets import Assets
from app.catalog import Catalog
from app.config import Settings
from app.content import MarkdownRenderer
from app.database import Database
from app.grading.grader import Grader
from app.grading_queue import GradingQueue
from app.rate_limit import LoginLimiter
from sandbox import Sandbox


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    db: Database
    catalog: Catalog
    sandbox: Sandbox
    grader: Grader
    queue: GradingQueue
    templates: Jinja2Templates
    markdown: MarkdownRenderer
    assets: Assets
    # In this process only (see rate_limit.py): each worker process keeps its own counts.
    login_limiter: LoginLimiter
    # Set when the server is asked to stop: live streams end at once instead of holding it up.
    stopping: threading.Event = field(default_factory=threading.Event)
