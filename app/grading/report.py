"""The grade report: the one JSON shape shared by the CLI, the API and the pages."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from app.cases import CRITERIA, Mode

Verdict = Literal[
    "accepted",
    "wrong_answer",
    "compile_error",
    "runtime_error",
    "time_limit_exceeded",
    "memory_limit_exceeded",
    "output_limit_exceeded",
    "internal_error",
]
Rating = Literal["pass", "warn", "fail", "n/a"]
REPORT_VERSION = 2  # 2: compile_error, score null until every test passes, provisional criteria


class FeedbackItem(BaseModel):
    """One piece of rubric feedback, pointing at a line of the candidate's code when it can."""

    id: str
    message: str
    line: int | None = None
    severity: str = "informative"


class CriterionResult(BaseModel):
    """One criterion's rating. `provisional`: evidence that holds whatever the outputs (a loop that
    grows with the data, a materialised copy), shown while tests still fail; it never counts in a score."""

    rating: Rating = "n/a"
    feedback: list[FeedbackItem] = []
    provisional: bool = False


class TestReport(BaseModel):
    """One test. Hidden tests carry only name, category and a data-free message."""

    model_config = ConfigDict(frozen=True)

    name: str
    category: str
    visible: bool
    passed: bool
    message: str
    line: int | None = None
    input: str | None = None
    expected: str | None = None
    actual: str | None = None


class ErrorReport(BaseModel):
    type: str
    message: str
    line: int | None = None
    traceback: list[tuple[int, str, str]] = []


class GradeReport(BaseModel):
    """Everything a candidate is told about one grading of their code."""

    version: int = REPORT_VERSION
    challenge: str
    mode: Mode = "submit"
    verdict: Verdict
    summary: str
    tests: list[TestReport] = []
    rubric: dict[str, CriterionResult] = {name: CriterionResult() for name in CRITERIA}
    score: float | None = None  # None until every test passes: broken code is not rated
    score_note: str | None = None  # why there is no score, in words
    timing: dict[str, Any] | None = None
    error: ErrorReport | None = None
    output: str = ""
    output_truncated: bool = False
    cpu_seconds: float = 0.0
    wall_seconds: float = 0.0

    def public_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
