"""The scorecard's vocabulary: criteria rated 1-4 against anchor texts, read from `scorecard.toml`."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from app.cases import CRITERIA

SCORECARD_FILE = Path(__file__).resolve().parent / "scorecard.toml"
MAX_CRITERIA = 12
KEY_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"


class CriterionDefinition(BaseModel):
    """One criterion: a stable key, what the page calls it, and what each of 1, 2, 3 and 4 means."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(pattern=KEY_PATTERN, examples=["communication"])
    label: str = Field(min_length=1, max_length=80, examples=["Communication"])
    rubric: bool = Field(default=False, description="The grader's rating of this rubric criterion is evidence")
    anchors: tuple[str, str, str, str] = Field(description="What a rating of 1, 2, 3 and 4 means, in that order")


class _ScorecardFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    criteria: tuple[CriterionDefinition, ...]


@cache
def default_criteria() -> tuple[CriterionDefinition, ...]:
    """The default scorecard; a test checks it holds every rubric criterion, marked as one."""
    with SCORECARD_FILE.open("rb") as file:
        criteria = _ScorecardFile.model_validate(tomllib.load(file)).criteria
    rubric = [c.key for c in criteria if c.rubric]
    if rubric != list(CRITERIA):
        raise ValueError(f"{SCORECARD_FILE.name}: the rubric criteria must be {list(CRITERIA)} in order; got {rubric}")
    return criteria
