"""What the app holds while it runs, built in the lifespan and reached by routes through request.app.state."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from celery import Celery
from starlette.templating import Jinja2Templates

from app.admission import SharedGradingQueue
from app.assets import Assets
from app.catalog import Catalog
from app.config import Settings
from app.content import MarkdownRenderer
from app.database import Database
from app.grading.grader import Grader
from app.grading_queue import GradingQueue
from app.login_limit import LoginLimiter
from app.services.attempts import Grading
from app.services.profiles import TokenSigner
from app.services.questions import LocalValidator, QuestionValidator
from sandbox import Sandbox


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    db: Database
    catalog: Catalog
    sandbox: Sandbox
    grader: Grader  # examples and expected answers for pages; grades only through `grading`
    grading: Grading
    profile_signer: TokenSigner
    queue: GradingQueue | SharedGradingQueue
    templates: Jinja2Templates
    markdown: MarkdownRenderer
    assets: Assets
    # In this process only (see rate_limit.py): each worker process keeps its own counts.
    login_limiter: LoginLimiter
    # Set when the server is asked to stop: live streams end at once instead of holding it up.
    stopping: threading.Event = field(default_factory=threading.Event)
    # Set when attempts go to worker hosts: every host's sweep collects the results left behind.
    celery: Celery | None = None
    # Where authors' questions are validated: this host's sandbox, or the workers' when they grade.
    question_validator: QuestionValidator | None = None

    @property
    def validator(self) -> QuestionValidator:
        return self.question_validator or LocalValidator(self.sandbox)
