"""The one results view: what `_results.html` shows of a stored report, on every page that shows one.

The practice page, both interview rooms and the interview report render this same fragment; its
labels come from the one table (`app/labels.toml`) and its explanations quote the challenge's own
limits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from starlette.templating import Jinja2Templates

from app.catalog import Challenge
from app.charts import timing_chart, timing_sentences
from app.grading.grader import challenge_limits
from app.labels import load_labels


@dataclass(frozen=True)
class RubricRow:
    name: str
    label: str
    weight: str
    rating: str
    rating_label: str
    provisional: bool  # seen in code that does not pass the tests yet
    feedback: list[dict[str, Any]]


@dataclass(frozen=True)
class ResultsView:
    report: dict[str, Any]
    mode: str
    attempt_id: int | None
    automatic: bool
    verdict: str
    verdict_label: str
    explanation: str
    not_rated: str
    visible_tests: list[dict[str, Any]]
    hidden_tests: list[dict[str, Any]]
    passed: int
    total: int
    rubric: list[RubricRow]  # empty when no criterion was assessed
    score: float | None
    chart: Markup | None
    timing_words: list[str]
    timing_notes: list[str]
    summary: str
    pending: list[str]  # what is still being graded, while the parts stream in (empty once finished)


def _rubric_rows(report: dict[str, Any]) -> list[RubricRow]:
    labels = load_labels()
    rows = [RubricRow(name=name, label=labels.criterion(name), weight=labels.criterion_weights.get(name, ""),
                      rating=result.get("rating", "n/a"),
                      rating_label=labels.ratings.get(result.get("rating", "n/a"), result.get("rating", "n/a")),
                      provisional=bool(result.get("provisional")), feedback=result.get("feedback", []))
            for name, result in (report.get("rubric") or {}).items()]
    return rows if any(row.rating != "n/a" for row in rows) else []


def _without_line(test: dict[str, Any]) -> dict[str, Any]:
    """The panel links the line after the message: drop the message's own "(line N)" so it is said once."""
    message, line = test.get("message") or "", test.get("line")
    if line and message.endswith(f" (line {line})"):
        return test | {"message": message.removesuffix(f" (line {line})")}
    return test


def _summary(report: dict[str, Any]) -> str:
    """The report's summary without its "(8/10 passed)": the panel's header already counts the tests."""
    return re.sub(r" \(\d+/\d+ passed\)(?=\.?$)", "", str(report.get("summary", "")))


RUBRIC_VERDICTS = ("accepted", "wrong_answer", "time_limit_exceeded")  # the grader rates these


def _pending(report: dict[str, Any], rubric: list[RubricRow]) -> list[str]:
    """The parts of a submit still to come, going by the verdict known so far (the tests' part)."""
    explanations = load_labels().explanations
    if report.get("mode", "submit") != "submit":
        return []
    if report.get("rubric") == {}:  # an interview's candidate is not shown the rubric: nothing more will come
        return []
    verdict = report.get("verdict")
    pending = []
    if verdict in RUBRIC_VERDICTS and not rubric:
        pending.append(explanations["grading_rubric"])
    if verdict == "accepted" and not report.get("timing"):
        pending.append(explanations["grading_timing"])
    return pending


def results_view(report: dict[str, Any], *, attempt_id: int | None, challenge: Challenge,
                 automatic: bool = False, is_grading: bool = False) -> ResultsView:
    """Everything the results panel shows for one stored report (any report version, any mode).

    `is_grading`: the report is a part of one still being graded; say what is still to come.
    """
    labels = load_labels()
    rubric = _rubric_rows(report)
    verdict = report.get("verdict", "internal_error")
    mode = report.get("mode", "submit")
    tests = [_without_line(t) for t in report.get("tests") or []]
    timing = report.get("timing") if isinstance(report.get("timing"), dict) else None
    return ResultsView(
        report=report, mode=mode, attempt_id=attempt_id, automatic=automatic, verdict=verdict,
        verdict_label=labels.verdict(verdict),
        # The explanation quotes this challenge's own limits, never a fixed figure.
        explanation=labels.explanation(verdict, mode=mode, limits=challenge_limits(challenge)),
        not_rated=labels.explanations["not_rated"],
        visible_tests=[t for t in tests if t.get("visible")], hidden_tests=[t for t in tests if not t.get("visible")],
        passed=sum(bool(t.get("passed")) for t in tests), total=len(tests), rubric=rubric,
        score=report.get("score"), chart=timing_chart(timing), timing_words=timing_sentences(timing),
        timing_notes=[str(n) for n in timing.get("notes", [])] if timing else [],
        summary=_summary(report),
        pending=_pending(report, rubric) if is_grading else [],
    )


def render_results(templates: Jinja2Templates, view: ResultsView) -> str:
    """The results fragment as HTML, for a page that embeds it in data (the interview report)."""
    return templates.env.get_template("_results.html").render(r=view)
