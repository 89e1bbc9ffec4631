"""What the question editor's pages need beyond the questions API: the worked example a new question starts from."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from app.questions_models import QuestionDraft

TEMPLATE_FOLDER = Path(__file__).resolve().parent.parent / "question_template"


@cache
def new_question_template() -> QuestionDraft:
    """The example folder (challenge files) as a draft, validated: a broken example fails here, not on save."""
    fields = tomllib.loads((TEMPLATE_FOLDER / "question.toml").read_text(encoding="utf-8"))
    files = {"statement": "statement.md", "starter": "starter.py", "reference": "reference.py",
             "generator": "tests.py", "naive": "naive.py"}
    fields |= {name: (TEMPLATE_FOLDER / file).read_text(encoding="utf-8") for name, file in files.items()}
    return QuestionDraft.model_validate(fields)
