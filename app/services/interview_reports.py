"""The interviewer's report of a session: challenges, final code, verdicts, notes, scorecard and playback."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from starlette.templating import Jinja2Templates

from app import store
from app.catalog import Catalog
from app.content import MarkdownRenderer
from app.database import Database
from app.labels import load_labels
from app.models import (
    AttemptPublic,
    PlaybackUpdate,
    ReportChallengePublic,
    ReportPublic,
    ReportScorecard,
    ReportSessionPublic,
    TimedAttemptPublic,
    TimedEventPublic,
)
from app.services.challenges import get_session_challenge
from app.services.integrity import summarize as summarize_integrity
from app.services.interviews import Access, event_public, require_interviewer
from app.services.pairing import starting_text
from app.services.results import render_results, results_view
from app.services.scorecards import default_definitions, evidence, session_scorecard

# 2: attempts (runs' "at" is "created_at"), results rendered as on the practice page;
# 3: playback is the shared documents' update log (both authors, keystroke by keystroke) and the starters;
# 4: integrity signals (large pastes, the page away) in the timeline, their totals, the candidate's setting.
REPORT_VERSION = 4
TIMELINE_KINDS = ("started", "run", "submit", "followup", "hint", "extended", "ended", "paste", "away", "back")


def build_report(*, db: Database, catalog: Catalog, markdown: MarkdownRenderer, templates: Jinja2Templates,
                 access: Access) -> ReportPublic:
    require_interviewer(access)
    with db.read() as conn:
        session = store.get_interview(conn, session_id=access.session.id)
        events = store.list_interview_events(conn, session_id=access.session.id)
        attempts = store.list_attempts(conn, owner=store.Owner(session_id=access.session.id), newest_first=False)
        documents = store.list_documents(conn, session_id=access.session.id)
        updates = store.list_updates(conn, session_id=access.session.id)
    assert session is not None
    origin = session.started_at or session.created_at

    def offset(at: datetime) -> float:
        return round((at - origin).total_seconds(), 3)

    challenges = []
    for challenge_id in session.challenges:
        challenge = get_session_challenge(catalog=catalog, challenge_id=challenge_id)
        own = [a for a in attempts if a.challenge_id == challenge_id]
        submits = [a for a in own if a.mode == "submit" and a.status == store.GRADED]
        document = documents.get(challenge_id)
        final = submits[-1] if submits else None
        final_code = document.text if document else starting_text(catalog, challenge_id)
        results_html = render_results(templates, results_view(
            final.report or {}, attempt_id=final.id, challenge=challenge, automatic=final.is_automatic)) \
            if final is not None else None
        challenges.append(ReportChallengePublic(
            id=challenge.id, title=challenge.config.title, lesson=challenge.config.lesson,
            difficulty=challenge.config.difficulty, signature=challenge.config.signature, final_code=final_code,
            final_submit=AttemptPublic.of(final) if final else None, results_html=results_html,
            verdict=final.verdict if final else None, score=final.score if final else None,
            runs=sum(a.mode == "run" for a in own), submits=len(submits),
            first_edit_seconds=offset(document.first_edit_at) if document else None,
            last_edit_seconds=offset(document.updated_at) if document else None,
            accepted_at_seconds=next((offset(a.created_at) for a in submits if a.verdict == "accepted"), None),
        ))
    end = session.ended_at or store.utcnow()
    scorecard, is_prefilled = session_scorecard(session, attempts)
    labels = load_labels()
    return ReportPublic(
        version=REPORT_VERSION,
        generated_at=store.utcnow(),
        session=ReportSessionPublic(
            id=session.id, candidate_name=session.candidate_name, status=session.status,
            created_at=session.created_at, started_at=session.started_at, deadline=session.deadline,
            ended_at=session.ended_at, end_reason=session.end_reason, duration_seconds=session.duration_seconds,
            extension_seconds=session.extension_seconds, hints_allowed=session.hints_allowed,
            candidate_sees=session.candidate_sees,  # type: ignore[arg-type]
            elapsed_seconds=offset(end) if session.started_at else 0.0,
        ),
        challenges=challenges,
        runs=[TimedAttemptPublic(**AttemptPublic.of(a).model_dump(), at_seconds=offset(a.created_at))
              for a in attempts],
        timeline=[TimedEventPublic(**event_public(e).model_dump(), at_seconds=offset(e.created_at)) for e in events
                  if e.kind in TIMELINE_KINDS],
        playback=[PlaybackUpdate(t=offset(u.created_at), challenge=u.challenge_id, version=u.version,
                                 author=u.author, changes=u.changes) for u in updates],  # type: ignore[arg-type]
        starters={c: starting_text(catalog, c) for c in session.challenges},
        notes=session.notes,
        notes_html=str(markdown.render(session.notes)) if session.notes.strip() else "",
        scorecard=ReportScorecard(
            **scorecard.model_dump(),
            is_prefilled=is_prefilled,
            recommendation_label=labels.recommendations.get(scorecard.recommendation or ""),
            evidence=evidence(session.id, attempts, scorecard.definitions or default_definitions())),
        integrity=summarize_integrity(events, end=end),
        labels=labels.for_scripts(),
    )


# An ES module's own imports and exports, stripped when it is inlined with what it imports.
_IMPORT = re.compile(r"^import\s[^;]*;\s*$", re.MULTILINE)
_EXPORT = re.compile(r"^export\s+(?=(async\s+)?(function|const|let|class)\b)", re.MULTILINE)


def inline_modules(static_dir: Path, *names: str) -> str:
    """ES modules joined into one module for a file that must open offline (no imports to fetch)."""
    parts = [(static_dir / name).read_text() for name in names]
    return "\n".join(_EXPORT.sub("", _IMPORT.sub("", part)) for part in parts)


def render_report_file(*, report: ReportPublic, templates: Jinja2Templates, static_dir: Path) -> str:
    """One HTML file that opens anywhere, offline: the stylesheet, the player and the data are inline."""
    template = templates.env.get_template("report_file.html")
    return template.render(report=report.model_dump(mode="json"), css=(static_dir / "app.css").read_text(),
                           script=inline_modules(static_dir, "dom.js", "report.js", "report_file.js"))
