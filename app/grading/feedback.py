"""Rubric feedback texts, kept as data: one TOML file per feedback id, with a severity."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from app.grading.report import FeedbackItem

FEEDBACK_DIR = Path(__file__).resolve().parent / "feedback"
SEVERITIES = ("essential", "actionable", "informative", "celebratory")


class FeedbackError(ValueError):
    """A feedback file is malformed, or a message was rendered without a value it needs."""


@cache
def load_feedback(folder: Path = FEEDBACK_DIR) -> dict[str, tuple[str, str]]:
    """Feedback id -> (severity, message template); ids look like `criterion.some-name`."""
    texts: dict[str, tuple[str, str]] = {}
    for path in sorted(folder.glob("*.toml")):
        feedback_id = path.stem
        if not re.fullmatch(r"[a-z_]+\.[a-z0-9-]+", feedback_id):
            raise FeedbackError(f"{path}: the file name must be a feedback id like 'vectorization.python-loop'")
        data = tomllib.loads(path.read_text())
        if data.get("severity") not in SEVERITIES or not isinstance(data.get("message"), str):
            raise FeedbackError(f"{path}: needs severity (one of {', '.join(SEVERITIES)}) and message")
        texts[feedback_id] = (data["severity"], data["message"])
    return texts


def feedback(feedback_id: str, *, line: int | None = None, **values: Any) -> FeedbackItem:
    """Render one feedback item; a missing template value is our bug, so it raises."""
    severity, template = load_feedback()[feedback_id]
    try:
        message = template.format(line=line, **values)
    except (KeyError, IndexError, ValueError) as exc:
        raise FeedbackError(f"feedback {feedback_id!r} needs a value for {exc}") from exc
    return FeedbackItem(id=feedback_id, message=message.strip(), line=line, severity=severity)
