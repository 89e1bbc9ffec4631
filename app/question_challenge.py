"""An author's question as a Challenge the grader accepts, whose code runs only in the sandbox.

A built-in challenge's reference and tests.py are trusted and run in the server; a question's
never do. Here its cases and expected answers are the ones derived in the sandbox when it was
saved (stored), its timing and loop inputs and memory probe are made by its generator in a
sandbox job when first needed, and its `reference()` is a callable that runs each call in the
sandbox. `StoredQuestion` is everything a grading needs, so a worker without a database gets it
in the grade request.
"""

from __future__ import annotations

import base64
import threading
from pathlib import Path
from typing import Any

from pydantic import BaseModel, PrivateAttr

from app.cases import Case, SizedInput
from app.catalog import Challenge, ChallengeConfig
from app.question_jobs import (
    ExpectedData,
    GeneratorKind,
    build_case,
    build_sized,
    decode_cases,
    decode_expected,
    run_generator,
)
from app.questions_models import QuestionDraft
from sandbox import Call, CallOptions, Job, Limits, Sandbox

REFERENCE_CALL_SECONDS = 2.0  # one call of the reference on a grader's behalf (a timing input is the largest)
# A question is no lesson's; the config's field needs a valid number. Questions are never listed in practice.
_NO_LESSON = 2


class StoredQuestion(BaseModel):
    """A question as saved: the author's draft and what the sandbox derived from it (codec bytes, base64)."""

    id: str
    revision: int
    draft: QuestionDraft
    cases: str
    expected: str
    has_sized_input: bool
    has_loop_input: bool
    has_memory_probe: bool

    @staticmethod
    def pack(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")


class ReferenceJobError(RuntimeError):
    """The question's reference did not return a value for these inputs in the sandbox."""


class SandboxedReference:
    """The author's reference as a function: every call is a sandbox job (never the server process)."""

    def __init__(self, sandbox: Sandbox, code: str, function: str) -> None:
        self.sandbox, self.code, self.function = sandbox, code, function

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        job = Job(code=self.code, function=self.function,
                  calls=(Call(args=args, kwargs=kwargs, options=CallOptions(cpu_seconds=REFERENCE_CALL_SECONDS)),))
        result = self.sandbox.run(job, limits=Limits(cpu_seconds=REFERENCE_CALL_SECONDS + 1, wall_seconds=10))
        if result.outcome != "ok" or not result.calls or result.calls[0].status != "ok":
            call = result.calls[0] if result.calls else None
            reason = call.error.summary() if call is not None and call.error else result.message
            raise ReferenceJobError(f"the question's reference failed: {reason}")
        return result.calls[0].value


class QuestionChallenge(Challenge):
    """A Challenge built from a StoredQuestion; the grader reads its stored answers instead of running code."""

    _question: StoredQuestion = PrivateAttr()
    _sandbox: Sandbox = PrivateAttr()
    _cases: list[Case] = PrivateAttr()
    _expected: list[ExpectedData] = PrivateAttr()
    _prefetched: dict[tuple[str, int, int], SizedInput] = PrivateAttr(default_factory=dict)
    _prefetch_lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def question(self) -> StoredQuestion:
        return self._question

    @property
    def cache_key(self) -> str:
        return f"{self.id}@{self._question.revision}"

    @property
    def reference_code(self) -> str:
        return self._question.draft.reference

    @property
    def naive_code(self) -> str:
        return self._question.draft.naive or ""

    @property
    def has_naive(self) -> bool:
        return bool(self._question.draft.naive)

    @property
    def has_sized_input(self) -> bool:
        return self._question.has_sized_input

    def cases(self) -> list[Case]:
        return list(self._cases)

    def expected_answers(self) -> dict[str, ExpectedData]:
        """The reference's answers, derived in the sandbox when the question was saved."""
        return {case.name: answer for case, answer in zip(self._cases, self._expected, strict=True)}

    def sized_input(self, size: int, seed: int = 0) -> SizedInput:
        return self._generated("sized", size, seed)

    def loop_input(self, size: int, seed: int = 0) -> SizedInput:
        return self._generated("loop", size, seed)  # the driver falls back to sized_input

    def _generated(self, kind: GeneratorKind, size: int, seed: int) -> SizedInput:
        """One job makes what the grader asks for next as well (timing's fresh seed, the other loop size);
        those wait here until asked for, once: a prefetch, never a second cache of large inputs."""
        if not self._question.has_sized_input:
            raise LookupError(f"question {self.id} has no sized_input(n, rng)")
        with self._prefetch_lock:
            ready = self._prefetched.pop((kind, size, seed), None)
        if ready is not None:
            return ready
        calls = [(kind, size, seed), *self._next_after(kind, size, seed)]
        values = run_generator(self._sandbox, self._question.draft.generator, calls)
        made = [build_sized(value, f"{k}_input({n}, rng)") for (k, n, _), value in zip(calls, values, strict=True)]
        with self._prefetch_lock:
            for call, sized in zip(calls[1:], made[1:], strict=True):
                self._prefetched[call] = sized
        return made[0]

    def _next_after(self, kind: GeneratorKind, size: int, seed: int) -> list[tuple[GeneratorKind, int, int]]:
        """What the grader asks for after this: the timing seeds in order, the larger loop size after the smaller."""
        if kind == "sized" and seed == 0 and size in self.config.timing.sizes:
            return [("sized", size, 1)]
        small, large = self.config.timing.loop_sizes[:2]
        if kind == "loop" and size == small and seed == 0:
            return [("loop", large, 0)]
        return []

    def memory_probe(self) -> Case | None:
        if not self._question.has_memory_probe:
            return None
        value = run_generator(self._sandbox, self._question.draft.generator, [("memory", 0, 0)])[0]
        return build_case(value, "memory_probe()")

    def reference(self) -> SandboxedReference:
        return SandboxedReference(self._sandbox, self._question.draft.reference, self._question.draft.function)


def question_config(question_id: str, draft: QuestionDraft) -> ChallengeConfig:
    """The challenge.toml a question would have. Validated with a placeholder id: a question id (q_<n>) is
    deliberately not of the built-in form, which the config's pattern enforces."""
    config = ChallengeConfig.model_validate({
        "id": "question", "lesson": _NO_LESSON, "title": draft.title, "difficulty": draft.difficulty,
        "function": draft.function, "signature": draft.signature, "summary": draft.summary,
        "rtol": draft.rtol, "atol": draft.atol,
        "rubric": {"applies": draft.criteria, "probes": draft.probes},
        "timing": {"sizes": draft.timing_sizes, "loop_sizes": draft.loop_sizes},
    })
    return config.model_copy(update={"id": question_id})


def question_challenge(question: StoredQuestion, sandbox: Sandbox) -> QuestionChallenge:
    """The stored question as a Challenge for the grader, whose jobs run in `sandbox`."""
    draft = question.draft
    challenge = QuestionChallenge(
        config=question_config(question.id, draft), folder=Path("questions") / question.id,
        statement=draft.statement, starter=draft.starter, hints=tuple(draft.hints), followups=tuple(draft.followups))
    challenge._question = question
    challenge._sandbox = sandbox
    challenge._cases = decode_cases(base64.b64decode(question.cases))
    challenge._expected = decode_expected(base64.b64decode(question.expected))
    if len(challenge._cases) != len(challenge._expected):
        raise ValueError(f"question {question.id}: {len(challenge._cases)} cases but {len(challenge._expected)} "
                         "expected answers stored")
    return challenge
