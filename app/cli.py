"""The `arraydojo` command: list and show challenges, grade a file, serve the web app."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from pathlib import Path

from app import question_commands
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
    serve = commands.add_parser("serve", help="start the web app (settings from ARRAYDOJO_* variables)")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1, or ARRAYDOJO_HOST)")
    serve.add_argument("--port", type=int, help="port to listen on (default 8000, or ARRAYDOJO_PORT)")
    worker = commands.add_parser("worker", help="grade attempts taken from the broker (ARRAYDOJO_BROKER_URL)")
    worker.add_argument("--slots", type=int, default=os.cpu_count() or 1,
                        help="sandbox slots, i.e. attempts graded at once (default: the number of cores)")
    question_commands.add_parser(commands)
    options = parser.parse_args(argv)
    if options.command == "questions":
        return question_commands.run(options)
    if options.command == "serve":
        return _serve(host=options.host, port=options.port)
    if options.command == "worker":
        return _worker(slots=options.slots)
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


# Live streams never finish by themselves: without a limit, one open interviewer tab would keep a
# stopping server waiting forever. Grades in flight get this long to store their result.
SHUTDOWN_GRACE_SECONDS = 10


def _serve(*, host: str | None, port: int | None) -> int:
    import uvicorn

    from app.config import Settings
    from app.main import create_app, uvicorn_log_config

    overrides = {key: value for key, value in (("host", host), ("port", port)) if value is not None}
    settings = Settings(**overrides)  # type: ignore[arg-type]
    print(f"ArrayDojo on http://{settings.host}:{settings.port}/ (database {settings.database_url})", flush=True)
    if settings.workers > 1:
        # Each worker builds its own app from the same ARRAYDOJO_* environment (a sandbox each);
        # nothing is shared between them but the database.
        uvicorn.run("app.main:create_app", factory=True, workers=settings.workers, host=settings.host,
                    port=settings.port, log_config=uvicorn_log_config(settings.log_level),
                    log_level=settings.log_level, timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS)
        return 0
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port,
                log_config=uvicorn_log_config(settings.log_level), log_level=settings.log_level,
                timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS)
    return 0


def _worker(*, slots: int) -> int:
    from app.config import Settings
    from app.worker import WorkerConfigError, run_worker

    if not 1 <= slots <= 64:
        print(f"error: --slots must be between 1 and 64, not {slots}", file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return run_worker(slots=slots, environ=dict(os.environ),
                          visibility_timeout_seconds=Settings().broker_visibility_seconds)
    except WorkerConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


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
            lines.append(f"  {_MARKS[criterion.rating]}  {name}" + (" (provisional)" if criterion.provisional else ""))
            for item in criterion.feedback:
                where = f" (line {item.line})" if item.line else ""
                lines.append(f"        {item.message}{where}")
    if report.score is not None:
        lines.append(f"  overall score: {report.score:g}/100")
    elif report.score_note:
        lines.append(f"  overall score: {report.score_note}")
    if report.timing:
        lines += ["", "Timing (median seconds per call):"]
        header = ("size", "yours", "reference", "naive loop")
        lines.append("  " + "  ".join(f"{h:>10}" for h in header) + f"  {'vs ref':>7}  {'vs naive':>8}")
        timing = report.timing
        for index, size in enumerate(timing["sizes"]):
            row = [timing[key][index] for key in ("candidate_seconds", "reference_seconds", "naive_seconds")]
            ratio, speedup = timing["ratio_to_reference"][index], timing["speedup_vs_naive"][index]
            cells = [f"{v:10.6f}" if v is not None else f"{'skipped':>10}" for v in row]
            lines.append(f"  {size:>10}  {'  '.join(cells)}  {_times(ratio):>7}  {_times(speedup):>8}")
        if timing.get("growth_exponent") is not None:
            lines.append(f"  growth: time ~ size^{timing['growth_exponent']}")
        lines += [f"  note: {note}" for note in timing.get("notes", [])]
    if report.output:
        lines += ["", "Your output:", report.output.rstrip()]
    return "\n".join(lines)


def _times(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


if __name__ == "__main__":
    sys.exit(main())
