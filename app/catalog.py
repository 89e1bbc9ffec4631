"""Load the challenge folders into frozen models, failing loudly on a malformed folder."""

from __future__ import annotations

import difflib
import importlib.util
import itertools
import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from app.cases import Case, Criterion, SizedInput

REQUIRED_FILES = (
    "challenge.toml",
    "statement.md",
    "starter.py",
    "reference.py",
    "naive.py",
    "tests.py",
    "hints.md",
    "followups.md",
)
DEFAULT_CHALLENGES_DIR = Path(__file__).resolve().parent.parent / "challenges"
DEFAULT_LESSONS_DIR = Path(__file__).resolve().parent.parent / "lessons"


class CatalogError(Exception):
    """A challenge folder is malformed; the message names the file and the field."""


class UnknownChallengeError(LookupError):
    """No challenge has the requested id; carries the closest ids for a did-you-mean."""

    def __init__(self, challenge_id: str, suggestions: list[str]) -> None:
        self.challenge_id = challenge_id
        self.suggestions = suggestions
        hint = f" Did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"No challenge {challenge_id!r}.{hint}")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LimitOverrides(_Frozen):
    """Per-challenge sandbox limits; the sandbox still clamps them to its hard ceilings."""

    cpu_seconds: float | None = Field(default=None, gt=0)
    wall_seconds: float | None = Field(default=None, gt=0)
    memory_mib: int | None = Field(default=None, gt=0)


class OffsetProbe(_Frozen):
    """A stability probe drawn afresh for every grade (app/grading/probes.py): an ordinary case's input
    shifted by large offsets of mixed sign and magnitude, constant along one axis, varying along the others."""

    case: str  # the ordinary case whose inputs are shifted
    arguments: tuple[int, ...] = (0,)  # which positional arguments get the (same) offsets
    constant_along: int = -1  # softmax rows: -1; covariance columns: 0
    magnitudes: tuple[float, float] = (1e3, 1e4)  # offsets are drawn log-uniformly between these, either sign
    # The probe's absolute tolerance, where float64's rounding of the shifted input alone exceeds the
    # challenge's: zscore's 1e8 offsets leave the textbook mean 2e-8 off, and code more exact than the
    # reference (a shifted sum) differed from it by that much. None: the challenge's own.
    atol: float | None = None


class AxisProbe(_Frozen):
    """An axis-awareness probe drawn afresh for every grade (app/grading/probes.py): a random input of a
    rank the examples never show, reduced along a random middle axis, so axes hard-coded per rank are found out."""

    ranks: tuple[int, int] = (3, 5)  # the rank is drawn between these (inclusive)
    argument: str = "axis"  # the keyword argument that names the axis

    @model_validator(mode="after")
    def _ranks_have_a_middle_axis(self) -> AxisProbe:
        if not 3 <= self.ranks[0] <= self.ranks[1]:
            raise ValueError("axis_probe ranks must run from at least 3 upwards: the probe reduces a middle axis")
        return self


class RubricConfig(_Frozen):
    """Which criteria this challenge exercises, and the named probe cases behind each."""

    applies: tuple[Criterion, ...]
    probes: dict[Criterion, tuple[str, ...]] = Field(default_factory=dict)
    # What to do about a failure on this criterion, in this challenge's terms (shown in feedback).
    fixes: dict[Criterion, str] = Field(default_factory=dict)
    offset_probe: OffsetProbe | None = None
    axis_probe: AxisProbe | None = None

    @model_validator(mode="after")
    def _probes_belong_to_applied_criteria(self) -> RubricConfig:
        stray = sorted((set(self.probes) | set(self.fixes)) - set(self.applies))
        if stray:
            raise ValueError(f"probes or fixes given for criteria not in 'applies': {', '.join(stray)}")
        return self


class TimingConfig(_Frozen):
    """Input sizes for the timing comparison and for detecting loops that grow with the data."""

    sizes: tuple[int, ...] = Field(min_length=3)
    loop_sizes: tuple[int, ...] = Field(default=(16, 64), min_length=2)

    @field_validator("sizes", "loop_sizes")
    @classmethod
    def _increasing(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if any(b <= a for a, b in itertools.pairwise(value)) or value[0] <= 0:
            raise ValueError("sizes must be positive and strictly increasing")
        return value


class ChallengeConfig(_Frozen):
    """The contents of challenge.toml."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    lesson: int = Field(ge=2)  # any lesson after the introduction; the lessons folder says which exist
    title: str = Field(min_length=1)
    difficulty: Literal["easy", "medium", "hard"]
    function: str = Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    signature: str
    summary: str = Field(min_length=1, max_length=200)
    banned: tuple[str, ...] = ()
    rtol: float = Field(default=1e-6, ge=0)
    atol: float = Field(default=1e-8, ge=0)
    limits: LimitOverrides = LimitOverrides()
    rubric: RubricConfig
    timing: TimingConfig

    @model_validator(mode="after")
    def _signature_names_function(self) -> ChallengeConfig:
        if not self.signature.startswith(self.function + "("):
            raise ValueError(f"signature {self.signature!r} must start with {self.function}(")
        for name in self.banned:
            if not re.fullmatch(r"numpy(\.[A-Za-z_][A-Za-z0-9_]*)+", name):
                raise ValueError(f"banned name {name!r} must be a dotted numpy name such as 'numpy.cov'")
        return self


class Challenge(_Frozen):
    """A loaded challenge: its configuration, texts, and the paths of its trusted code."""

    config: ChallengeConfig
    folder: Path
    statement: str
    starter: str
    hints: tuple[str, ...]
    followups: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.config.id

    @property
    def cache_key(self) -> str:
        """What the grader's caches are keyed on: an author's question adds its revision to its id."""
        return self.id

    @property
    def has_naive(self) -> bool:
        """Whether timing compares with a naive loop too (an author's question may have none)."""
        return True

    @property
    def has_sized_input(self) -> bool:
        """Whether inputs by size exist (timing, loop detection); an author's question may have none."""
        return True

    @property
    def reference_code(self) -> str:
        return (self.folder / "reference.py").read_text()

    @property
    def naive_code(self) -> str:
        return (self.folder / "naive.py").read_text()

    def cases(self) -> list[Case]:
        """The challenge's test cases, in order (visible examples first by convention)."""
        return _tests_module(self.folder).cases()  # type: ignore[no-any-return]

    def sized_input(self, size: int, seed: int = 0) -> SizedInput:
        """Inputs of the given size, built from the challenge's generator with a fixed seed."""
        import numpy as np

        return _tests_module(self.folder).sized_input(size, np.random.default_rng(seed))  # type: ignore[no-any-return]

    def loop_input(self, size: int, seed: int = 0) -> SizedInput:
        """Inputs for loop detection: every dimension a loop could walk grows with `size`.

        Falls back to sized_input, which may grow only the dimension timing cares about.
        """
        import numpy as np

        module = _tests_module(self.folder)
        factory = getattr(module, "loop_input", module.sized_input)
        return factory(size, np.random.default_rng(seed))  # type: ignore[no-any-return]

    def memory_probe(self) -> Case | None:
        """The large input of the memory criterion, when the challenge has one."""
        factory = getattr(_tests_module(self.folder), "memory_probe", None)
        return factory() if factory else None

    def reference(self) -> Callable[..., Any]:
        """The trusted reference function; it only ever runs outside the sandbox."""
        return _function_from(self.folder / "reference.py", self.config.function)


class Lesson(_Frozen):
    """A lesson page: its number, title and Markdown body."""

    number: int
    slug: str
    title: str
    body: str


class Catalog:
    """All challenges by id, plus the lessons, loaded once at start-up."""

    def __init__(self, challenges: Mapping[str, Challenge], lessons: Mapping[int, Lesson]) -> None:
        self._challenges = dict(challenges)
        self._lessons = dict(lessons)
        # Authors' questions (q_<n>), found by id for sessions and grading, never listed or served in
        # practice: the web app sets a loader reading the database; workers get questions in requests.
        self.question_loader: Callable[[str], Challenge | None] | None = None

    def get_question(self, question_id: str) -> Challenge | None:
        """An author's question by id (deleted ones too: sessions keep working), or None."""
        return self.question_loader(question_id) if self.question_loader is not None else None

    def __iter__(self) -> Iterator[Challenge]:
        return iter(sorted(self._challenges.values(), key=lambda c: (c.config.lesson, c.id)))

    def __len__(self) -> int:
        return len(self._challenges)

    @cached_property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self)

    def get(self, challenge_id: str) -> Challenge:
        """The challenge with this id, or UnknownChallengeError with close matches."""
        try:
            return self._challenges[challenge_id]
        except KeyError:
            suggestions = difflib.get_close_matches(challenge_id, self._challenges, n=2, cutoff=0.6)
            raise UnknownChallengeError(challenge_id, suggestions) from None

    def lessons(self) -> list[Lesson]:
        return [self._lessons[n] for n in sorted(self._lessons)]

    def lesson(self, number: int) -> Lesson:
        return self._lessons[number]

    def in_lesson(self, number: int) -> list[Challenge]:
        return [c for c in self if c.config.lesson == number]


def load_catalog(
    challenges_dir: Path = DEFAULT_CHALLENGES_DIR, lessons_dir: Path = DEFAULT_LESSONS_DIR
) -> Catalog:
    """Read every challenge folder and lesson file; raise CatalogError naming what is wrong."""
    challenges: dict[str, Challenge] = {}
    for folder in sorted(p for p in challenges_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        challenge = load_challenge(folder)
        challenges[challenge.id] = challenge
    lessons = {lesson.number: lesson for lesson in _load_lessons(lessons_dir)} if lessons_dir.is_dir() else {}
    return Catalog(challenges, lessons)


def load_challenge(folder: Path) -> Challenge:
    """Load one challenge folder, validating challenge.toml against the schema."""
    for name in REQUIRED_FILES:
        if not (folder / name).is_file():
            raise CatalogError(f"{folder / name}: missing required file")
    toml_path = folder / "challenge.toml"
    try:
        raw = tomllib.loads(toml_path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"{toml_path}: invalid TOML: {exc}") from exc
    try:
        config = ChallengeConfig.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise CatalogError(f"{toml_path}: field '{field}': {first['msg']}") from exc
    if config.id != folder.name:
        raise CatalogError(f"{toml_path}: field 'id': {config.id!r} does not match the folder name {folder.name!r}")
    return Challenge(
        config=config,
        folder=folder,
        statement=(folder / "statement.md").read_text(),
        starter=(folder / "starter.py").read_text(),
        hints=_sections(folder / "hints.md", expected=3),
        followups=_bullets(folder / "followups.md"),
    )


def _sections(path: Path, *, expected: int) -> tuple[str, ...]:
    """Split a Markdown file on its level-2 headings (one section per hint tier)."""
    parts = re.split(r"^## .*$", path.read_text(), flags=re.MULTILINE)[1:]
    sections = tuple(part.strip() for part in parts if part.strip())
    if len(sections) != expected:
        raise CatalogError(f"{path}: expected {expected} '## ' sections, found {len(sections)}")
    return sections


def _bullets(path: Path) -> tuple[str, ...]:
    items = tuple(m.strip() for m in re.findall(r"^- (.+)$", path.read_text(), flags=re.MULTILINE))
    if not items:
        raise CatalogError(f"{path}: expected a bulleted list of follow-up questions")
    return items


def _load_lessons(lessons_dir: Path) -> Iterator[Lesson]:
    for path in sorted(lessons_dir.glob("*.md")):
        match = re.fullmatch(r"(\d+)-([a-z0-9-]+)\.md", path.name)
        if not match:
            raise CatalogError(f"{path}: lesson files are named NN-slug.md")
        body = path.read_text()
        title = re.search(r"^# (.+)$", body, flags=re.MULTILINE)
        if not title:
            raise CatalogError(f"{path}: a lesson starts with a '# Title' heading")
        yield Lesson(number=int(match[1]), slug=match[2], title=title[1].strip(), body=body)


_MODULES: dict[Path, ModuleType] = {}


def _load_module(path: Path) -> ModuleType:
    """Import a trusted challenge file once (tests.py, reference.py) under a private name."""
    if path not in _MODULES:
        name = "_challenge_" + re.sub(r"\W", "_", f"{path.parent.name}_{path.stem}")
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise CatalogError(f"{path}: cannot be imported")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _MODULES[path] = module
    return _MODULES[path]


def _tests_module(folder: Path) -> ModuleType:
    return _load_module(folder / "tests.py")


def _function_from(path: Path, name: str) -> Callable[..., Any]:
    function = getattr(_load_module(path), name, None)
    if not callable(function):
        raise CatalogError(f"{path}: no function named {name!r}")
    return function  # type: ignore[no-any-return]
