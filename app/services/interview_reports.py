"""The interviewer's report of a session: challenges, final code, verdicts, notes, scorecard and playback."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from starlette.templating import Jinja2Templates

from app import store
from app.catalog import Catalog
from app.content import MarkdownRenderer
from app.database import Database
from app.services.challenges import get_challenge
from app.services.interviews import (
    RECOMMENDATION_LABELS,
    Access,
    automatic_scorecard,
    event_public,
    require_interviewer,
    run_public,
)

REPORT_VERSION = 1
TIMELINE_KINDS = ("started", "run", "submit", "followup", "hint", "extended", "ended")


def build_report(*, db: Database, catalog: Catalog, markdown: MarkdownRenderer, access: Access) -> dict[str, Any]:
    require_interviewer(access)
    with db.read() as conn:
        session = store.get_interview(conn, session_id=access.session.id)
        events = store.list_interview_events(conn, session_id=access.session.id)
        runs = store.list_interview_runs(conn, session_id=access.session.id)
    assert session is not None
    origin = session.started_at or session.created_at

    def offset(at: datetime) -> float:
        return round((at - origin).total_seconds(), 3)

    snapshots = [e for e in events if e.kind == "snapshot"]
    challenges = []
    for challenge_id in session.challenges:
        challenge = get_challenge(catalog=catalog, challenge_id=challenge_id)
        own_runs = [r for r in runs if r.challenge_id == challenge_id]
        submits = [r for r in own_runs if r.mode == "submit" and r.status == store.GRADED]
        own_snapshots = [e for e in snapshots if e.challenge_id == challenge_id]
        final = submits[-1] if submits else None
        final_code = (str(own_snapshots[-1].payload.get("code", "")) if own_snapshots
                      else final.code if final else challenge.starter)
        report = final.report or {} if final else {}
        challenges.append({
            "id": challenge.id, "title": challenge.config.title, "lesson": challenge.config.lesson,
            "difficulty": challenge.config.difficulty, "signature": challenge.config.signature,
            "final_code": final_code,
            "final_submit": run_public(final) if final else None,
            "verdict": final.verdict if final else None,
            "score": final.score if final else None,
            "rubric": report.get("rubric"),
            "timing": report.get("timing"),
            "runs": sum(r.mode == "run" for r in own_runs),
            "submits": len(submits),
            "first_edit_seconds": offset(own_snapshots[0].created_at) if own_snapshots else None,
            "last_edit_seconds": offset(own_snapshots[-1].created_at) if own_snapshots else None,
            "accepted_at_seconds": next((offset(r.created_at) for r in submits if r.verdict == "accepted"), None),
        })
    end = session.ended_at or store.utcnow()
    scorecard = session.scorecard or automatic_scorecard(runs)
    return {
        "version": REPORT_VERSION,
        "generated_at": store.utcnow().isoformat(),
        "session": {
            "id": session.id, "candidate_name": session.candidate_name, "status": session.status,
            "created_at": session.created_at.isoformat(),
            "started_at": session.started_at.isoformat() if session.started_at else None,
            "deadline": session.deadline.isoformat() if session.deadline else None,
            "ended_at": session.ended_at.isoformat() if session.ended_at else None,
            "end_reason": session.end_reason, "duration_seconds": session.duration_seconds,
            "extension_seconds": session.extension_seconds, "hints_allowed": session.hints_allowed,
            "elapsed_seconds": offset(end) if session.started_at else 0.0,
        },
        "challenges": challenges,
        "runs": [run_public(r) | {"at_seconds": offset(r.created_at)} for r in runs],
        "timeline": [event_public(e) | {"at_seconds": offset(e.created_at)} for e in events
                     if e.kind in TIMELINE_KINDS],
        "playback": [{"id": e.id, "t": offset(e.created_at), "challenge": e.challenge_id,
                      "code": str(e.payload.get("code", ""))} for e in snapshots],
        "notes": session.notes,
        "notes_html": str(markdown.render(session.notes)) if session.notes.strip() else "",
        "scorecard": scorecard | {"is_prefilled": session.scorecard is None,
                                  "recommendation_label": RECOMMENDATION_LABELS.get(scorecard.get("recommendation")
                                                                                    or "", None)},
    }


def render_report_file(*, report: dict[str, Any], templates: Jinja2Templates, static_dir: Path) -> str:
    """One HTML file that opens anywhere, offline: the stylesheet, the player and the data are inline."""
    template = templates.env.get_template("report_file.html")
    return template.render(report=report, css=(static_dir / "app.css").read_text(),
                           script=(static_dir / "report.js").read_text())
