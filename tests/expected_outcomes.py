"""The one convention for expected outcomes, shared by the solution corpus and the golden cases.

A solution lives at `<challenge id>/<verdict>__<situation>.py`; an optional first line
`# rubric: vectorization=fail broadcasting=n/a` names ratings the report must give (`warn|pass`:
either, where the host decides: how much slower a full sort is than a partition, say). A golden
case adds `<verdict>__<situation>.json` beside it: the whole normalised report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_BYTES = re.compile(r"\d+(?:\.\d+)? (?:B|KiB|MiB|GiB)\b")
_SHAPE = re.compile(r"\((?:<n>,\s*)*<n>,?\)")  # a drawn probe's rank varies too
_HINT = re.compile(r": (?:did you|is the result)[^?]*\?")
_CUT_PROBE = re.compile(r" \(cut to \d+% of its rows\)")
_RATIO = re.compile(r"\d+(?:\.\d+)?x\b")
# Measured on rows or sizes drawn per run: where the worst ratio or the largest error showed up.
_WHERE = re.compile(r"at size \d+|at index \([^)]*\)|off by [-+0-9.e]+")
_DURATION = re.compile(r"\d+(?:\.\d+)?(?:e[-+]?\d+)? (?:ns|us|µs|ms|s)\b")
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[-+]?\d+)?")
_TIME_LIMIT = re.compile(r"ran longer than .*? over")


@dataclass(frozen=True)
class ExpectedOutcome:
    challenge: str
    verdict: str
    situation: str
    ratings: dict[str, str]  # a criterion's rating, or ratings joined by "|" where the host decides

    def allows(self, criterion: str, rating: str) -> bool:
        return rating in self.ratings[criterion].split("|")


def expected_outcome(path: Path) -> ExpectedOutcome:
    verdict, _, situation = path.stem.partition("__")
    code = path.read_text()
    first = code.splitlines()[0] if code else ""
    ratings = dict(re.findall(r"(\w+)=([\w/|]+)", first)) if first.startswith("# rubric:") else {}
    return ExpectedOutcome(challenge=path.parent.name, verdict=verdict, situation=situation, ratings=ratings)


def normalised_report(report: dict[str, Any], *, volatile_tests: tuple[str, ...] = ()) -> dict[str, Any]:
    """The report without what changes from run to run: run times, timing figures, memory sizes,
    and the numbers in the messages of tests drawn afresh for each grade."""
    out = {key: value for key, value in report.items() if key not in ("cpu_seconds", "wall_seconds")}
    if report.get("output_truncated"):  # the kept head of a flood of prints: its start says enough
        out["output"] = report["output"][:200]
    timing = report.get("timing")
    if isinstance(timing, dict):
        out["timing"] = {"keys": sorted(timing), "sizes": timing.get("sizes"), "source": timing.get("source")}
    out["tests"] = [
        {**test, "message": _drawn(test["message"])} if test["name"] in volatile_tests else test
        for test in report.get("tests", [])
    ]
    # Under load a time limit is met on the wall clock or the CPU clock, and a loop stopped by it
    # has run a varying number of times: the verdict stays, the figures are not compared.
    timed_out = report.get("verdict") == "time_limit_exceeded"
    out["summary"] = _fresh_numbers(_TIME_LIMIT.sub("ran longer than <limit> over", report.get("summary", "")),
                                    volatile_tests)
    out["rubric"] = {
        name: {**criterion, "feedback": [
            {**item, "message": _NUMBER.sub("<n>", item["message"]) if timed_out else _fresh_numbers(
                _volatile_figures(item["message"]), volatile_tests)}
            for item in criterion["feedback"]]}
        for name, criterion in report.get("rubric", {}).items()
    }
    return out


def _drawn(text: str) -> str:
    """A message about a probe drawn for this grade: its numbers, shapes (of a drawn rank), signs and hints vary."""
    return _HINT.sub("", _SHAPE.sub("(<shape>)", _NUMBER.sub("<n>", text)).replace("-<n>", "<n>"))


def _fresh_numbers(text: str, volatile_tests: tuple[str, ...]) -> str:
    for name in volatile_tests:
        if name in text:
            head, _, tail = text.partition(name)
            return head + name + _drawn(tail)
    return text


def _volatile_figures(message: str) -> str:
    """A feedback text without the figures a run measures: sizes in bytes, run times, ratios."""
    message = _CUT_PROBE.sub("", message)  # which of the two memory probes was the worse one varies
    return _WHERE.sub("<where>", _RATIO.sub("<ratio>x", _DURATION.sub("<time>", _BYTES.sub("<bytes>", message))))
