"""The `arraydojo` command: list and show challenges, grade a file, serve the web app."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path

from app.catalog import Catalog, CatalogError, UnknownChallengeError, load_catalog
from app.grading.report import GradeReport

_MARKS = {"pass": "PASS", "warn": "WARN", "fail": "FAIL", "n/a": " n/a"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="arraydojo", description="Practise NumPy / ML interview challenges.")
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="list every challenge")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    show = commands.add_parser("show", help="print a challenge's statement and starter code")
    show.add_argument("id")
    grade = commands.add_parser("grade", help="grade a solution file in the sandbox")
    grade.add_argument("id")
    grade.add_argument("file", type=Path)
    grade.add_argument("--json", action="store_true", help="print the report as one JSON object")
    grade.add_argument("--mode", choices=("run", "submit"), default="submit",
                       help="run: visible examples only; submit: every test (default)")
    options = parser.parse_args(argv)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `arraydojo list | head` ends quietly
    try:
        catalog = load_catalog()
    except CatalogError as exc:
        print(f"error: the challenge catalog is malformed: {exc}", file=sys.stderr)
        return 2
    try:
        if options.command == "list":
            return _list(catalog, as_json=options.json)
        if options.command == "show":
            return _show(catalog, options.id)
        return _grade(catalog, options.id, options.file, as_json=options.json, mode=options.mode)
    except UnknownChallengeError as exc:
        print(f"error: {exc} Run 'arraydojo list' to see them all.", file=sys.stderr)
        return 2


def _list(catalog: Catalog, *, as_json: bool) -> int:
    rows: list[dict[str, str | int]] = [
        {"id": c.id, "lesson": c.config.lesson, "title": c.config.title, "function": c.config.function,
         "difficulty": c.config.difficulty}
        for c in catalog
    ]
    if as_json:
        print(json.dumps(rows, indent=2))
        return 0
    width = max(len(str(row["id"])) for row in rows)
    for row in rows:
        print(f"{row['id']:<{width}}  lesson {row['lesson']}  {row['difficulty']:<6}  {row['title']}  "
              f"({row['function']})")
    return 0


def _show(catalog: Catalog, challenge_id: str) -> int:
    challenge = catalog.get(challenge_id)
    print(challenge.statement.rstrip())
    print("\n## Starter code\n")
    print(challenge.starter.rstrip())
    return 0


def _grade(catalog: Catalog, challenge_id: str, path: Path, *, as_json: bool, mode: str) -> int:
    catalog.get(challenge_id)  # unknown ids fail before the sandbox starts
    try:
        code = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {path}: {exc}", file=sys.stderr)
        return 2
    from app.grading.grader import Grader
    from sandbox import Sandbox

    with Sandbox(slots=1) as sandbox:
        report = Grader(catalog, sandbox).grade(challenge_id, code, mode="run" if mode == "run" else "submit")
    if as_json:
        print(json.dumps(report.public_dict(), indent=2))
    else:
        print(format_report(report))
    return 0


def format_report(report: GradeReport) -> str:
    """A terminal-friendly report: verdict, each test, the rubric."""
    lines = [f"{report.challenge}: {report.verdict.replace('_', ' ').upper()}", report.summary, ""]
    if report.error:
        lines.append(f"  {report.error.type} on line {report.error.line}: {report.error.message}")
    for test in report.tests:
        mark = "ok  " if test.passed else "FAIL"
        kind = "example" if test.visible else "hidden"
        lines.append(f"  {mark} [{kind}: {test.category}] {test.name}")
        if not test.passed:
            lines.append(f"       {test.message}")
        if test.visible and not test.passed:
            for label, value in (("input", test.input), ("expected", test.expected), ("got", test.actual)):
                if value:
                    lines.append(f"       {label:>8}: {value}")
    if any(c.rating != "n/a" for c in report.rubric.values()):
        lines += ["", "Rubric:"]
        for name, criterion in report.rubric.items():
            lines.append(f"  {_MARKS[criterion.rating]}  {name}")
            for item in criterion.feedback:
                where = f" (line {item.line})" if item.line else ""
                lines.append(f"        {item.message}{where}")
    if report.output:
        lines += ["", "Your output:", report.output.rstrip()]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
