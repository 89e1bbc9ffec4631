"""The shapes of an author's own question: what the editor sends, and what the API answers.

A question is a challenge folder written in the browser (the same files as `challenges/<id>/`),
owned by one account. Every field is bounded here, so an oversized or malformed draft is a 422
that names the field before any sandbox job runs.
"""

from __future__ import annotations

import itertools
import keyword
import re
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationInfo, field_validator, model_validator

from app.cases import CRITERIA, Criterion

# A built-in challenge id matches `^[a-z0-9]+(-[a-z0-9]+)*$` (lowercase, digits and hyphens), so
# `q_<n>` (an underscore) can never be one: a question id and a challenge id are never confused.
# At most nine digits: every such row id fits the table's 32-bit integer key (PostgreSQL's INTEGER).
QUESTION_ID_PATTERN = r"^q_[1-9][0-9]{0,8}$"
QUESTION_ID_PREFIX = "q_"

MAX_TITLE_CHARS = 120
MAX_SUMMARY_CHARS = 200
MAX_SIGNATURE_CHARS = 300
MAX_STATEMENT_CHARS = 20_000
MAX_CODE_CHARS = 64 * 1024  # starter, reference, generator, naive: each (the sandbox's code ceiling)
MAX_HINTS = 3
MAX_HINT_CHARS = 2_000
MAX_FOLLOWUPS = 10
MAX_FOLLOWUP_CHARS = 500
MAX_PROBE_CASES = 10  # case names per criterion
MAX_CASE_NAME_CHARS = 120
# Timing sizes: the generator's `sized_input(n, rng)` builds inputs of these sizes in the sandbox,
# where they must fit its memory (256 MiB) next to the reference's own work.
MAX_TIMING_SIZE = 10_000_000
MAX_LOOP_SIZE = 10_000

Difficulty = Literal["easy", "medium", "hard"]


def is_question_id(value: str) -> bool:
    """Whether `value` has the form of a question id (never the form of a built-in challenge id)."""
    return re.fullmatch(QUESTION_ID_PATTERN, value) is not None


def _strictly_increasing(value: list[int], name: str) -> list[int]:
    if value[0] <= 0 or any(b <= a for a, b in itertools.pairwise(value)):
        raise ValueError(f"{name} must be positive and strictly increasing, e.g. [1000, 10000, 100000]")
    return value


class QuestionDraft(BaseModel):
    """The body of POST and PUT /api/questions: every file of a challenge folder, as fields."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    title: str = Field(min_length=1, max_length=MAX_TITLE_CHARS)
    summary: str = Field(min_length=1, max_length=MAX_SUMMARY_CHARS, description="One line shown in lists")
    difficulty: Difficulty = "medium"
    function: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$",
                          description="The name of the function the candidate writes")
    signature: str = Field(min_length=3, max_length=MAX_SIGNATURE_CHARS,
                           description="Shown to the candidate; starts with `function(`")
    statement: str = Field(min_length=1, max_length=MAX_STATEMENT_CHARS, description="Markdown")
    starter: str = Field(default="", max_length=MAX_CODE_CHARS, description="The candidate's code at the start")
    reference: str = Field(min_length=1, max_length=MAX_CODE_CHARS,
                           description="reference.py: defines `function`; runs only in the sandbox")
    generator: str = Field(
        min_length=1, max_length=MAX_CODE_CHARS,
        description="tests.py: `cases()` (visible examples first), optional `sized_input(n, rng)`, "
                    "`loop_input(n, rng)`, `memory_probe()`; runs only in the sandbox")
    naive: str | None = Field(default=None, max_length=MAX_CODE_CHARS,
                              description="naive.py: a loop baseline for timing (optional)")
    hints: list[str] = Field(default_factory=list, max_length=MAX_HINTS, description="0-3 hint tiers, in order")
    followups: list[str] = Field(default_factory=list, max_length=MAX_FOLLOWUPS)
    criteria: list[Criterion] = Field(default_factory=lambda: list[Criterion](["vectorization"]),
                                      max_length=len(CRITERIA),
                                      description="The rubric criteria this question exercises")
    rtol: float = Field(default=1e-6, ge=0, le=1)
    atol: float = Field(default=1e-8, ge=0, le=1)
    timing_sizes: list[int] = Field(default_factory=lambda: [1_000, 10_000, 100_000], min_length=3, max_length=3,
                                    description="Three input sizes for `sized_input(n, rng)`, increasing")
    loop_sizes: list[int] = Field(default_factory=lambda: [16, 64], min_length=2, max_length=2,
                                  description="Two sizes for loop detection (`loop_input`, else `sized_input`)")
    probes: dict[Criterion, list[str]] = Field(
        default_factory=dict, description="Case names per criterion, as challenge.toml's [rubric.probes]")

    @field_validator("hints", "followups")
    @classmethod
    def _bounded_items(cls, value: list[str], info: ValidationInfo) -> list[str]:
        limit = MAX_HINT_CHARS if info.field_name == "hints" else MAX_FOLLOWUP_CHARS
        for index, item in enumerate(value):
            if not item.strip():
                raise ValueError(f"item {index + 1} is empty")
            if len(item) > limit:
                raise ValueError(f"item {index + 1} is {len(item)} characters; at most {limit}")
            # What the folder format can carry: a follow-up is one bullet, a hint one '## ' section.
            if info.field_name == "followups" and "\n" in item.strip():
                raise ValueError(f"item {index + 1} spans several lines; a follow-up is one line")
            if info.field_name == "hints" and re.search(r"^## ", item, flags=re.MULTILINE):
                raise ValueError(f"item {index + 1} has a '## ' heading line, which separates hints in hints.md")
        return [item.strip() for item in value]

    @field_validator("naive")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value if value is not None and value.strip() else None

    @field_validator("criteria")
    @classmethod
    def _distinct_criteria(cls, value: list[Criterion]) -> list[Criterion]:
        if len(set(value)) != len(value):
            raise ValueError("each criterion may be named once")
        return value

    @field_validator("timing_sizes")
    @classmethod
    def _timing_sizes(cls, value: list[int]) -> list[int]:
        if value[-1] > MAX_TIMING_SIZE:
            raise ValueError(f"timing sizes are at most {MAX_TIMING_SIZE}")
        return _strictly_increasing(value, "timing_sizes")

    @field_validator("loop_sizes")
    @classmethod
    def _loop_sizes(cls, value: list[int]) -> list[int]:
        if value[-1] > MAX_LOOP_SIZE:
            raise ValueError(f"loop sizes are at most {MAX_LOOP_SIZE}")
        return _strictly_increasing(value, "loop_sizes")

    @field_validator("function")
    @classmethod
    def _not_a_keyword(cls, value: str) -> str:
        if keyword.iskeyword(value):
            raise ValueError(f"{value!r} is a Python keyword, not a function name")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> QuestionDraft:
        if not self.signature.startswith(self.function + "("):
            raise ValueError(f"signature must start with {self.function}( (the function's name), "
                             f"got {self.signature[:40]!r}")
        stray = sorted(set(self.probes) - set(self.criteria))
        if stray:
            raise ValueError(f"probes given for criteria not in 'criteria': {', '.join(stray)}")
        for criterion, names in self.probes.items():
            if not names or len(names) > MAX_PROBE_CASES:
                raise ValueError(f"probes.{criterion}: name 1 to {MAX_PROBE_CASES} cases")
            for name in names:
                if not 0 < len(name) <= MAX_CASE_NAME_CHARS:
                    raise ValueError(f"probes.{criterion}: case names are 1 to {MAX_CASE_NAME_CHARS} characters")
        return self


class QuestionValidation(BaseModel):
    """What the sandbox derived when the question was last saved (the reference ran on every case, twice)."""

    case_count: int = Field(description="Every case the generator made")
    visible_count: int = Field(description="The visible examples among them")
    case_names: list[str] = Field(description="In order; probes name these")
    timing_sizes: list[int] = Field(description="The sizes timing uses")
    has_naive: bool = Field(description="Whether timing also compares with a naive loop (else the reference only)")
    has_memory_probe: bool
    reference_seconds: float = Field(description="The reference's CPU time over every case, in the sandbox")
    validated_at: datetime


class QuestionSummary(BaseModel):
    """One row of GET /api/questions."""

    id: str = Field(pattern=QUESTION_ID_PATTERN)
    title: str
    summary: str
    difficulty: Difficulty
    function: str
    case_count: int
    visible_count: int
    created_at: datetime
    updated_at: datetime


class QuestionPublic(BaseModel):
    """GET /api/questions/{id}: the author's whole draft, with the last validation's summary."""

    id: str = Field(pattern=QUESTION_ID_PATTERN)
    draft: QuestionDraft
    validation: QuestionValidation
    created_at: datetime
    updated_at: datetime


class QuestionCreated(BaseModel):
    """POST /api/questions and POST /api/questions/import: the new question's id."""

    id: str = Field(pattern=QUESTION_ID_PATTERN)


class QuestionDeleted(BaseModel):
    """DELETE /api/questions/{id}: sessions that used it keep working."""

    id: str
    deleted: bool


class QuestionZip(RootModel[bytes]):
    """GET /api/questions/{id}/export: a zip of the question's folder (challenge.toml, statement.md, tests.py...)."""
