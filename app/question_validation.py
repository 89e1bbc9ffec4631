"""Everything a save of a question derives in the sandbox, as data that can cross the broker.

A leaf of the question modules: the web host runs it on its own sandbox, or a grading worker runs
it for a web host whose sandbox never starts (workers hold the untrusted code; web hosts the data).
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime

from pydantic import BaseModel

from app.question_jobs import (
    QuestionRefused,
    build_case,
    build_cases,
    build_sized,
    check_reference_on,
    derive_expected,
    encode_cases,
    encode_expected,
    read_info,
    run_generator,
)
from app.questions_models import QuestionDraft, QuestionValidation
from sandbox import Sandbox

__all__ = ["Derived", "QuestionRefused", "derive_question"]


class Derived(BaseModel):
    """What the sandbox derived from a draft, stored beside it: the cases and the reference's answers
    (codec bytes, base64), which optional functions tests.py defines, and the summary the author sees."""

    validation: QuestionValidation
    has_sized_input: bool
    has_loop_input: bool
    has_memory_probe: bool  # defined, and memory_efficiency applies
    cases: str
    expected: str

    def cases_bytes(self) -> bytes:
        return base64.b64decode(self.cases)

    def expected_bytes(self) -> bytes:
        return base64.b64decode(self.expected)


def derive_question(sandbox: Sandbox, draft: QuestionDraft) -> Derived:
    """Run the author's generator and reference in `sandbox`; QuestionRefused says why a draft cannot be saved.

    The generator makes the cases (plain data, rebuilt as real Cases here), the reference answers
    each twice (a different second answer is non-determinism), then runs within its budget on the
    timing and loop inputs and the memory probe, which the generator makes at the draft's sizes.
    """
    info_value, cases_value = run_generator(sandbox, draft.generator, [("info", 0, 0), ("cases", 0, 0)])
    info = read_info(info_value)
    cases = build_cases(cases_value)
    needs_sizes = sorted({"vectorization", "broadcasting"} & set(draft.criteria))
    if needs_sizes and not info.has_sized_input:
        verb = "need" if len(needs_sizes) > 1 else "needs"
        raise QuestionRefused(f"{' and '.join(needs_sizes)} {verb} inputs by size: define sized_input(n, rng) in "
                              "tests.py (and optionally loop_input(n, rng)).")
    if "memory_efficiency" in draft.criteria and not info.has_memory_probe:
        raise QuestionRefused("memory_efficiency needs a large input: define memory_probe() returning a Case.")
    probe = None
    if "memory_efficiency" in draft.criteria:
        probe = build_case(run_generator(sandbox, draft.generator, [("memory", 0, 0)])[0], "memory_probe()")
    names = {case.name for case in cases} | ({probe.name} if probe is not None else set())
    for criterion, probe_names in draft.probes.items():
        unknown = [name for name in probe_names if name not in names]
        if unknown:
            raise QuestionRefused(f"probes.{criterion} names {unknown[0]!r}, which is neither a case of cases() "
                                  "nor memory_probe().")
    expected, seconds = derive_expected(sandbox, reference=draft.reference, function=draft.function, cases=cases)
    if info.has_sized_input:
        _check_sized_inputs(sandbox, draft)
    if probe is not None:
        check_reference_on(sandbox, reference=draft.reference, function=draft.function,
                           inputs=[("memory_probe()", build_sized({"args": probe.args, "kwargs": probe.kwargs},
                                                                   "memory_probe()"))])
    validation = QuestionValidation(
        case_count=len(cases), visible_count=sum(case.visible for case in cases),
        case_names=[case.name for case in cases],
        timing_sizes=list(draft.timing_sizes) if info.has_sized_input else [], has_naive=bool(draft.naive),
        has_memory_probe=probe is not None, reference_seconds=round(seconds, 6), validated_at=datetime.now(UTC))
    return Derived(validation=validation, has_sized_input=info.has_sized_input, has_loop_input=info.has_loop_input,
                   has_memory_probe=probe is not None,
                   cases=base64.b64encode(encode_cases(cases)).decode("ascii"),
                   expected=base64.b64encode(encode_expected(expected)).decode("ascii"))


def _check_sized_inputs(sandbox: Sandbox, draft: QuestionDraft) -> None:
    """Each timing size in a job of its own (inputs may be large), then both loop sizes, with the reference on each."""
    for size in draft.timing_sizes:
        sized = build_sized(run_generator(sandbox, draft.generator, [("sized", size, 0)])[0],
                            f"sized_input({size}, rng)")
        check_reference_on(sandbox, reference=draft.reference, function=draft.function,
                           inputs=[(f"sized_input({size}, rng)", sized)])
    small, large = draft.loop_sizes
    values = run_generator(sandbox, draft.generator, [("loop", small, 0), ("loop", large, 0)])
    loops = [(f"loop_input({n}, rng)", build_sized(v, f"loop_input({n}, rng)"))
             for n, v in zip((small, large), values, strict=True)]
    check_reference_on(sandbox, reference=draft.reference, function=draft.function, inputs=loops)
