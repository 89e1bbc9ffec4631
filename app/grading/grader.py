"""Grade a submission: parse, one sandbox job for all cases, evidence jobs, timing; the report built once.

The steps gather facts (sandbox jobs); the verdict rules (verdict.py), the rubric (rubric.py)
and the assembly below are pure functions of those facts.
"""

from __future__ import annotations

import ast
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from app.cases import CRITERIA, Case, Mode, SizedInput
from app.catalog import Catalog, Challenge, UnknownChallengeError
from app.grading.banned import find_banned
from app.grading.cost import CostEvidence
from app.grading.memory import (
    Baseline,
    ProbeProfile,
    probe_call,
    random_fraction,
    scaled_probe,
    with_trusted_peak,
    worse,
)
from app.grading.probes import axis_probe, offset_probe
from app.grading.report import CriterionResult, GradeReport
from app.grading.rubric import Evidence, MemoryEvidence, materialised_copies, overall_score, rate
from app.grading.timing import SolutionTiming, Timekeeper, timing_cpu, timing_report
from app.grading.verdict import (
    Correctness,
    Expected,
    banned_tests,
    compile_error,
    expected_answer,
    judge_run,
)
from app.labels import load_labels
from app.question_challenge import QuestionChallenge, StoredQuestion, question_challenge
from app.questions_models import is_question_id
from sandbox import Call, CallOptions, Job, Limits, RunResult, Sandbox
from sandbox.limits import MIB

__all__ = ["Expected", "Grader", "Mode", "ReferenceProfile", "assemble_report", "challenge_limits"]
# Outcomes whose code ran far enough for the rubric's evidence: a time limit is usually the loop to name.
EVIDENCE_OUTCOMES = ("ok", "cpu_timeout", "wall_timeout")
# Authors' questions whose cases, profiles and timing inputs stay cached (the built-in ones all do).
MAX_CACHED_QUESTIONS = 8
# Told each part of a report as soon as it is known ("tests", "rubric", "timing"), with the report so far.
OnPart = Callable[[str, GradeReport], None]


def _no_part(name: str, report: GradeReport) -> None:
    pass


class Grader:
    """Holds the catalog and the sandbox; caches each challenge's cases and expected answers."""

    def __init__(self, catalog: Catalog, sandbox: Sandbox) -> None:
        self.catalog = catalog
        self.sandbox = sandbox
        self._cache: dict[str, tuple[list[Case], dict[str, Expected]]] = {}
        self._profiles: dict[str, ReferenceProfile] = {}
        self._sized_inputs: dict[tuple[str, str, int], SizedInput] = {}
        self._lock = threading.Lock()
        self._question_order: list[str] = []  # cache keys of authors' questions, least recently graded first
        # Timing jobs run one at a time, each in its turn, so parallel gradings neither distort
        # each other's figures nor wait for each other's whole timing.
        self._timekeeper = Timekeeper(sandbox)

    def cases_and_expected(self, challenge: Challenge) -> tuple[list[Case], dict[str, Expected]]:
        """Build the cases and compute their answers with the reference, once per challenge.

        Computed outside the lock (two first requests may both compute; the results are equal),
        so a page that needs one challenge's examples never waits behind another's work.
        """
        with self._lock:
            cached = self._cache.get(challenge.cache_key)
        if cached is None:
            cases = challenge.cases()
            if isinstance(challenge, QuestionChallenge):  # derived in the sandbox when saved: no author code here
                stored = challenge.expected_answers()
                cached = (cases, {name: Expected(value=e.value, shape=e.shape, raises=e.raises)
                                  for name, e in stored.items()})
            else:
                reference = challenge.reference()
                cached = (cases, {c.name: expected_answer(reference, c) for c in cases})
            with self._lock:
                cached = self._cache.setdefault(challenge.cache_key, cached)
        return cached

    def resolve(self, challenge_id: str, question: StoredQuestion | None = None) -> Challenge:
        """A built-in challenge, or an author's question: given (a worker's request) or through the catalog."""
        if question is not None:
            if question.id != challenge_id:
                raise UnknownChallengeError(challenge_id, [])
            found: Challenge | None = question_challenge(question, self.sandbox)
        elif is_question_id(challenge_id):
            found = self.catalog.get_question(challenge_id)
        else:
            return self.catalog.get(challenge_id)
        if found is None:
            raise UnknownChallengeError(challenge_id, [])
        self._keep_questions(found.cache_key)
        return found

    def _keep_questions(self, current: str) -> None:
        """Authors' questions come and go (and change): keep the caches of the latest MAX_CACHED_QUESTIONS only,
        and of one revision each, so updates and new questions cannot grow this process's memory without end."""
        with self._lock:
            order = [key for key in self._question_order if key != current and
                     key.split("@")[0] != current.split("@")[0]]
            self._question_order = [*order[-(MAX_CACHED_QUESTIONS - 1):], current]
            kept = set(self._question_order)

        def keep(key: str) -> bool:
            return not is_question_id(key.split("@")[0]) or key in kept

        with self._lock:
            self._cache = {k: v for k, v in self._cache.items() if keep(k)}
            self._profiles = {k: v for k, v in self._profiles.items() if keep(k)}
            self._sized_inputs = {k: v for k, v in self._sized_inputs.items() if keep(k[0])}
        self._timekeeper.forget(keep)

    def grade(self, challenge_id: str, code: str, *, mode: Mode = "submit", on_part: OnPart = _no_part,
              question: StoredQuestion | None = None) -> GradeReport:
        challenge = self.resolve(challenge_id, question)
        try:
            tree = ast.parse(code, filename="solution.py")
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:  # null bytes, absurd nesting
            return assemble_report(challenge, mode, compile_error(exc))
        cases, expected = self._cases_for_this_grade(challenge, mode)
        limits = challenge_limits(challenge)
        result = self._run_tests(challenge, code, cases, limits)
        correctness = judge_run(challenge, cases, expected, result,
                                banned_tests(find_banned(tree, challenge.config.banned)), mode=mode, limits=limits)
        on_part("tests", assemble_report(challenge, mode, correctness, result=result))
        rubric: dict[str, CriterionResult] | None = None
        timing: dict[str, Any] | None = None
        if mode == "submit" and result.outcome in EVIDENCE_OUTCOMES and correctness.verdict != "compile_error":
            timed = correctness.verdict == "accepted" and challenge.has_sized_input
            evidence, memory = self._gather_evidence(challenge, tree, code, cases, expected, result, correctness,
                                                     beside_timing=timed)
            # Timed first: what the calls cost is vectorization evidence (a question without sized_input is not timed).
            if timed:
                evidence.cost, timing = self._time_accepted(challenge, code)
            if memory is not None:
                evidence.memory = memory()
            rubric = rate(evidence, works=correctness.verdict == "accepted")
            on_part("rubric", assemble_report(challenge, mode, correctness, result=result, rubric=rubric))
        report = assemble_report(challenge, mode, correctness, result=result, rubric=rubric, timing=timing)
        if timing is not None:
            on_part("timing", report)
        return report

    def _cases_for_this_grade(self, challenge: Challenge,
                              mode: Mode) -> tuple[list[Case], dict[str, Expected]]:
        """The cached cases, plus stability and axis probes drawn afresh for this grade (submit only)."""
        cases, expected = self.cases_and_expected(challenge)
        if mode == "run":
            return [c for c in cases if c.visible], expected
        rubric = challenge.config.rubric
        fresh = ([offset_probe(rubric.offset_probe, cases)] if rubric.offset_probe is not None else []) + (
            [axis_probe(rubric.axis_probe)] if rubric.axis_probe is not None else [])
        return [*cases, *fresh], {**expected, **{f.name: expected_answer(challenge.reference(), f) for f in fresh}}

    def _run_tests(self, challenge: Challenge, code: str, cases: list[Case], limits: Limits) -> RunResult:
        """The one job that runs every case; only plain outputs come back."""
        job = Job(
            code=code,
            function=challenge.config.function,
            banned=challenge.config.banned,
            calls=tuple(
                Call(args=c.args, kwargs=c.kwargs,
                     options=CallOptions(cpu_seconds=limits.cpu_seconds / 2, sample_rows=c.sample_rows))
                for c in cases
            ),
        )
        return self.sandbox.run(job, limits=limits)

    def _gather_evidence(self, challenge: Challenge, tree: ast.Module, code: str, cases: list[Case],
                         expected: dict[str, Expected], result: RunResult, correctness: Correctness, *,
                         beside_timing: bool) -> tuple[Evidence, Callable[[], MemoryEvidence] | None]:
        """The rubric's facts: the tests' outputs, then loops and copies, in jobs of their own; and the
        memory probes, started but not awaited (they run while the timing runs, when it does)."""
        profile = self.profile(challenge)
        evidence = Evidence(
            challenge=challenge, tree=tree, cases=cases, tests=correctness.tests, failures=correctness.failures,
            calls={case.name: call for case, call in zip(cases, result.calls, strict=False)},
            expected={name: e.value for name, e in expected.items()},
        )
        if challenge.has_sized_input:  # loops are found by growing the inputs
            self._trace_loops_and_broadcasting(challenge, code, evidence, profile)
        memory = None
        if profile.memory_probe is not None:
            memory = self._start_memory_probes(challenge, code, profile, beside_timing=beside_timing)
        return evidence, memory

    def _time_accepted(self, challenge: Challenge, code: str) -> tuple[CostEvidence, dict[str, Any]]:
        """Timing against the reference and the naive loop (accepted code only), and what it says of the cost."""
        profile = self.profile(challenge)
        sizes = challenge.config.timing.sizes
        candidate, reference = self._timekeeper.time_submission(challenge, code, profile.overhead_cpu_seconds)
        cost = CostEvidence(sizes=sizes, candidate=candidate, reference=reference)
        return cost, timing_report(sizes, candidate, reference, profile.naive_timing)

    def _trace_loops_and_broadcasting(self, challenge: Challenge, code: str, evidence: Evidence,
                                      profile: ReferenceProfile) -> None:
        small, large = challenge.config.timing.loop_sizes[:2]
        options = CallOptions(trace_lines=True, cpu_seconds=0.5, discard_value=True)
        calls = [Call(args=i.args, kwargs=i.kwargs, options=options)
                 for i in (self._loop_input(challenge, small), self._loop_input(challenge, large))]
        if "broadcasting" in challenge.config.rubric.applies:  # its peak memory, then the copies it holds
            calls.append(self._sized_call(challenge, challenge.config.timing.sizes[0],
                                          CallOptions(measure_memory=True, cpu_seconds=1.0, discard_value=True)))
            calls.append(self._sized_call(challenge, challenge.config.timing.sizes[0],
                                          CallOptions(find_copies=True, cpu_seconds=1.0, discard_value=True)))
        traced = self.sandbox.run(Job(code=code, function=challenge.config.function, calls=tuple(calls),
                                      banned=challenge.config.banned), limits=Limits(cpu_seconds=4, wall_seconds=10))
        if traced.outcome != "ok":
            return
        counts = [call.lines for call in traced.calls[:2]]
        if counts[0] is not None and counts[1] is not None:
            evidence.loop_counts = (counts[0], counts[1])
        evidence.loop_timed_out = any(call.status == "timeout" for call in traced.calls[:2])
        evidence.tracer_removed = not all(call.tracer_intact for call in traced.calls[:2])
        if len(traced.calls) > 3:
            evidence.broadcast_peaks = (traced.calls[2].peak_bytes, profile.broadcast_peak_bytes)
            evidence.materialised = materialised_copies(traced.calls[3])

    def _start_memory_probes(self, challenge: Challenge, code: str, profile: ReferenceProfile, *,
                             beside_timing: bool) -> Callable[[], MemoryEvidence]:
        """The candidate on each memory probe (two sizes), each in a job of its own: the worse one counts.

        Both jobs start at once, on both slots. Beside a timing they keep off its CPU: kmeans-step's
        probe alone takes 0.8 s, and a submit waited for it before timing began. Timing already
        shares the machine with other submits' jobs; this is one more, on the other CPU.
        """
        limits = challenge_limits(challenge)
        spare_cpu = timing_cpu() if beside_timing else None
        futures = [self.sandbox.submit(_probe_job(challenge, code, probe.probe, banned=challenge.config.banned,
                                                  spare_cpu=spare_cpu), limits=limits)
                   for probe in profile.memory_probes]

        def evidence() -> MemoryEvidence:
            measured = [(probe, probe_call(future.result(), probe.baseline))
                        for probe, future in zip(profile.memory_probes, futures, strict=True)]
            probe, call = measured[0]
            if len(measured) > 1 and worse((measured[0][1], measured[0][0].reference_peak_bytes),
                                           (measured[1][1], measured[1][0].reference_peak_bytes)):
                probe, call = measured[1]
            return MemoryEvidence(probe=probe.probe.name, call=call, reference_peak=probe.reference_peak_bytes,
                                  reference_is_view=probe.reference_is_view, limit_bytes=limits.memory_bytes)
        return evidence

    def _profile_probe(self, challenge: Challenge, probe: Case) -> ProbeProfile:
        """The reference's peak on a memory probe, and a job that only receives the probe (the baseline)."""
        limits = challenge_limits(challenge)
        reference = self.sandbox.run(_probe_job(challenge, challenge.reference_code, probe), limits=limits)
        noop = self.sandbox.run(_probe_job(challenge, "def noop(*args, **kwargs):\n    return None\n", probe,
                                           function="noop"), limits=limits)
        if reference.outcome != "ok":
            return ProbeProfile(probe, None, Baseline.of(noop), reference_is_view=False)
        call = with_trusted_peak(reference.calls[0], reference, Baseline.of(noop))
        return ProbeProfile(probe, call.peak_bytes, Baseline.of(noop), reference_is_view=any(call.shares_memory))

    def profile(self, challenge: Challenge) -> ReferenceProfile:
        """The naive loop's timing and the reference's memory figures, measured in the sandbox once per challenge."""
        with self._lock:
            cached = self._profiles.get(challenge.cache_key)
        if cached is not None:
            return cached
        profile = self._measure_profile(challenge)
        with self._lock:
            self._profiles[challenge.cache_key] = profile
        return profile

    def _measure_profile(self, challenge: Challenge) -> ReferenceProfile:
        config = challenge.config
        if not challenge.has_sized_input:  # an author's question without sized_input: no timing, no copies
            probe = challenge.memory_probe() if "memory_efficiency" in config.rubric.applies else None
            return ReferenceProfile(
                naive_timing=SolutionTiming([None] * len(config.timing.sizes)), overhead_cpu_seconds=[],
                broadcast_peak_bytes=None,
                memory_probes=() if probe is None else (self._profile_probe(challenge, probe),))
        overhead = self._timekeeper.overhead_cpu_seconds(challenge)
        naive_timing = self._timekeeper.time_naive(challenge, overhead)
        probe = challenge.memory_probe() if "memory_efficiency" in config.rubric.applies else None
        measured = self.sandbox.run(Job(code=challenge.reference_code, function=config.function, calls=(
            self._sized_call(challenge, config.timing.sizes[0], CallOptions(measure_memory=True, discard_value=True)),
        )), limits=challenge_limits(challenge))
        probes = () if probe is None else tuple(self._profile_probe(challenge, p)
                                                for p in (probe, scaled_probe(probe, random_fraction())))
        return ReferenceProfile(
            naive_timing=naive_timing,
            overhead_cpu_seconds=overhead,
            broadcast_peak_bytes=measured.calls[0].peak_bytes if measured.outcome == "ok" else None,
            memory_probes=probes,
        )

    def _sized(self, challenge: Challenge, size: int) -> SizedInput:
        return self._cached_input((challenge.cache_key, "timing", size), lambda: challenge.sized_input(size))

    def _loop_input(self, challenge: Challenge, size: int) -> SizedInput:
        return self._cached_input((challenge.cache_key, "loops", size), lambda: challenge.loop_input(size))

    def _cached_input(self, key: tuple[str, str, int], build: Callable[[], SizedInput]) -> SizedInput:
        with self._lock:
            cached = self._sized_inputs.get(key)
        if cached is None:  # built outside the lock: large inputs take a while
            cached = replace(build(), key=":".join(map(str, key)))
            with self._lock:
                cached = self._sized_inputs.setdefault(key, cached)
        return cached

    def _sized_call(self, challenge: Challenge, size: int, options: CallOptions) -> Call:
        sized = self._sized(challenge, size)
        return Call(args=sized.args, kwargs=sized.kwargs, options=options)


@dataclass(frozen=True)
class ReferenceProfile:
    """What the trusted solutions measure in the sandbox, for comparison with each submission."""

    naive_timing: SolutionTiming
    overhead_cpu_seconds: list[float]  # per timing size: what a job that does nothing costs
    broadcast_peak_bytes: int | None
    memory_probes: tuple[ProbeProfile, ...] = ()  # the challenge's memory probe, then one cut to a random size

    @property
    def memory_probe(self) -> Case | None:
        return self.memory_probes[0].probe if self.memory_probes else None


def _probe_job(challenge: Challenge, code: str, probe: Case, *, function: str | None = None,
               banned: tuple[str, ...] = (), spare_cpu: int | None = None) -> Job:
    """A job that measures `code` on a memory probe. Its inputs are named, so they cross the pipe
    once per slot: kmeans-step's 100 MB probe took 0.6 s of wall time to send on a loaded host."""
    call = Call(args=probe.args, kwargs=probe.kwargs,
                options=CallOptions(measure_memory=True, cpu_seconds=1.0, sample_rows=probe.sample_rows or (0,)))
    return Job(code=code, function=function or challenge.config.function, calls=(call,), banned=banned,
               inputs_key=f"{challenge.id}:memory:{probe.name}", spare_cpu=spare_cpu)


def challenge_limits(challenge: Challenge) -> Limits:
    overrides = challenge.config.limits
    return Limits().with_overrides(
        cpu_seconds=overrides.cpu_seconds,
        wall_seconds=overrides.wall_seconds,
        memory_bytes=overrides.memory_mib * MIB if overrides.memory_mib else None,
    )


def assemble_report(challenge: Challenge, mode: Mode, correctness: Correctness, *, result: RunResult | None = None,
                    rubric: dict[str, CriterionResult] | None = None,
                    timing: dict[str, Any] | None = None) -> GradeReport:
    """The report, built once from the parts. Only working code gets a score; code that did not
    compile has no run figures at all."""
    ran = result is not None and correctness.verdict != "compile_error"
    score = overall_score(rubric) if rubric is not None and correctness.verdict == "accepted" else None
    return GradeReport(
        challenge=challenge.id,
        mode=mode,
        verdict=correctness.verdict,
        summary=correctness.summary,
        tests=correctness.tests,
        error=correctness.error,
        rubric=rubric if rubric is not None else {name: CriterionResult() for name in CRITERIA},
        score=score,
        score_note=_not_rated(mode, correctness),
        timing=timing,
        output=result.output if result is not None else "",
        output_truncated=result.output_truncated if result is not None else False,
        cpu_seconds=result.cpu_seconds if ran and result is not None else 0.0,
        wall_seconds=result.wall_seconds if ran and result is not None else 0.0,
    )


def _not_rated(mode: Mode, correctness: Correctness) -> str | None:
    """Why a submit has no score: only working code is rated."""
    if mode == "submit" and correctness.verdict != "accepted":
        return load_labels().explanations["not_rated"]
    return None
