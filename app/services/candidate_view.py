"""What an interview's candidate may see: statements without interviewer-only sections, reports by setting.

Everything here runs on the trusted side, before a payload or a page leaves the server: hiding in CSS
would still hand the text to anyone who opens the network tab. The interviewer's views never pass
through these functions.
"""

from __future__ import annotations

import re
from typing import Any, Literal

CandidateSees = Literal["tests", "tests_and_rubric"]

# A heading naming the interviewer ("What an interviewer looks for", "Interviewer notes") opens a
# section written for the interviewer; it runs to the next heading of the same level or higher.
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")  # under a paragraph's line: that line is a heading (1 or 2)
_INTERVIEWER_ONLY = re.compile(r"\binterviewers?\b", re.IGNORECASE)

# The grader's diagnoses put as a question after a colon ("expected shape (3,), got (3, 1): did you drop an
# axis that should be kept (keepdims=True)?") guess the fix: in an interview the interviewer may ask that,
# the page does not. The outcome before the colon stays.
_GUESS = re.compile(r":\s[^:?\n]*\?(?=\s*\(\d+/\d+ passed\)|\s*\(line \d+\)|\.?$)")
# The report's parts a candidate always sees: the verdict and what their own code did.
_ALWAYS = ("version", "challenge", "mode", "verdict", "summary", "error", "output", "output_truncated",
           "cpu_seconds", "wall_seconds")
# Timing figures without the notes (the notes explain where a figure came from and can name a loop).
_TIMING_FIGURES = ("sizes", "candidate_seconds", "reference_seconds", "naive_seconds", "ratio_to_reference",
                   "speedup_vs_naive", "growth_exponent")


def strip_interviewer_sections(markdown: str) -> str:
    """The statement's Markdown without sections whose heading names the interviewer (code fences respected)."""
    kept: list[str] = []
    fence: str | None = None
    skipping_level: int | None = None
    previous = ""  # the line before, for setext headings (a line of text underlined by === or ---)
    for line in markdown.splitlines(keepends=True):
        opened = _FENCE.match(line)
        title: str | None = None
        level = 0
        is_setext = False
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
        elif opened:
            fence = opened.group(1)
        elif heading := _HEADING.match(line):
            level, title = len(heading.group(1)), heading.group(2) or ""
        elif (underline := _SETEXT.match(line)) and previous.strip() and not _HEADING.match(previous):
            level, title, is_setext = (1 if underline.group(1)[0] == "=" else 2), previous, True
            if skipping_level is None and _INTERVIEWER_ONLY.search(title) and kept:
                kept.pop()  # the heading's own text line, kept before its underline was seen
        if title is not None:
            if skipping_level is not None and level <= skipping_level:
                skipping_level = None
                if is_setext:
                    kept.append(previous)  # the ending heading's text line was skipped before its underline
            if skipping_level is None and _INTERVIEWER_ONLY.search(title):
                skipping_level = level
        if skipping_level is None:
            kept.append(line)
        previous = line if fence is None else ""
    return "".join(kept).rstrip() + "\n"


def without_guesses(text: str) -> str:
    """The text without the grader's guessed fixes (a question after a colon); the outcome is kept."""
    return _GUESS.sub("", text)


def _candidate_test(test: dict[str, Any]) -> dict[str, Any]:
    """A hidden test says only its name, kind and outcome; a visible one keeps its data. Neither guesses the fix."""
    message = without_guesses(str(test.get("message") or ""))
    if test.get("visible"):
        return dict(test) | {"message": message}
    return {key: test.get(key) for key in ("name", "category", "visible", "passed", "line")} | {
        "message": message, "input": None, "expected": None, "actual": None}


def _ratings_only(rubric: Any) -> dict[str, Any]:
    """Each criterion's rating, never its feedback: the feedback is the fix (and names the trick)."""
    if not isinstance(rubric, dict):
        return {}
    return {name: {"rating": (result or {}).get("rating", "n/a"), "feedback": [],
                   "provisional": bool((result or {}).get("provisional"))} for name, result in rubric.items()}


def candidate_report(report: dict[str, Any], *, sees: str) -> dict[str, Any]:
    """The report as the candidate may see it while (and after) the session runs.

    "tests": the verdict, every test's outcome, errors and output. "tests_and_rubric": also each
    criterion's rating, the score and the timing figures; never the fix advice or the timing notes.
    Any other value is treated as the stricter "tests".
    """
    shown: dict[str, Any] = {key: report[key] for key in _ALWAYS if key in report}
    if isinstance(shown.get("summary"), str):
        shown["summary"] = without_guesses(shown["summary"])
    shown["tests"] = [_candidate_test(t) for t in report.get("tests") or [] if isinstance(t, dict)]
    if sees == "tests_and_rubric":
        shown["rubric"] = _ratings_only(report.get("rubric"))
        shown["score"] = report.get("score")
        shown["score_note"] = report.get("score_note")
        timing = report.get("timing")
        shown["timing"] = {k: timing[k] for k in _TIMING_FIGURES if k in timing} if isinstance(timing, dict) else None
    else:
        shown |= {"rubric": {}, "score": None, "score_note": None, "timing": None}
    return shown


def candidate_event_payload(payload: dict[str, Any], *, kind: str, sees: str) -> dict[str, Any]:
    """A stream event as the candidate gets it: a submit's summary without guessed fixes, its score only
    when the rubric is shown."""
    if kind not in ("run", "submit"):
        return payload
    shown = {key: value for key, value in payload.items() if key != "score" or sees == "tests_and_rubric"}
    if isinstance(shown.get("summary"), str):
        shown["summary"] = without_guesses(shown["summary"])
    return shown
