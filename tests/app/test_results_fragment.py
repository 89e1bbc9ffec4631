"""One results fragment for every page: the practice page, both interview rooms and the report."""

from __future__ import annotations

from pathlib import Path

import httpx

from app.assets import Assets
from app.catalog import LimitOverrides, load_catalog
from app.config import Settings
from app.grading.report import GradeReport
from app.main import build_templates
from app.services.results import render_results, results_view
from tests.app.test_sessions import auth, started

SOFTMAX = Path(__file__).resolve().parent.parent / "challenges" / "solutions" / "softmax"
ACCEPTED = (SOFTMAX / "accepted__vectorized.py").read_text()


def _report(**fields: object) -> dict[str, object]:
    """A stored report: the grader's shape (as `GradeReport` dumps it) with these fields."""
    base = GradeReport(challenge="softmax", verdict="accepted", summary="").public_dict()
    return base | {"summary": "What happened."} | fields


def _render(report: dict[str, object], **limits: float | int) -> str:
    settings = Settings()
    softmax = load_catalog(settings.challenges_dir, settings.lessons_dir).get("softmax")
    challenge = softmax.model_copy(update={"config": softmax.config.model_copy(
        update={"limits": LimitOverrides(**limits)})})
    templates = build_templates(settings, Assets(settings.static_dir))
    return render_results(templates, results_view(report, attempt_id=1, challenge=challenge))


def test_the_memory_explanation_names_the_challenges_own_limit_not_a_fixed_figure() -> None:
    report = _report(verdict="memory_limit_exceeded")
    assert "(512 MiB)" in _render(report, memory_mib=512)
    assert "(128 MiB)" in _render(report, memory_mib=128)
    assert "256 MiB" not in _render(report, memory_mib=128)


def test_the_time_explanation_names_the_challenges_own_limits() -> None:
    report = _report(verdict="time_limit_exceeded")
    assert "3 s of CPU, 7 s in all" in _render(report, cpu_seconds=3, wall_seconds=7)


def test_a_submit_without_a_score_says_it_is_not_rated() -> None:
    report = _report(verdict="wrong_answer", score=None,
                     rubric={"vectorization": {"rating": "pass", "provisional": True, "feedback": []}})
    html = _render(report)
    assert "not rated" in html
    assert "make the tests pass first" in html
    assert "provisional" in html


def test_a_syntax_error_has_its_own_label() -> None:
    html = _render(_report(mode="run", verdict="compile_error"))
    assert "Syntax error" in html
    assert 'data-verdict="compile_error"' in html


def test_an_interview_attempts_results_are_the_practice_fragment_for_both_roles_only(client: httpx.Client) -> None:
    api = client
    session = started(api)
    graded = api.post(f"/api/sessions/{session['id']}/run", json={"challenge": "softmax", "code": ACCEPTED},
                      headers=auth(session["candidate_token"]))
    assert graded.status_code == 200, graded.text
    url = f"/sessions/{session['id']}/attempts/{graded.json()['attempt_id']}/results"
    for token in (session["candidate_token"], session["interviewer_token"]):
        fragment = api.get(url, headers=auth(token))
        assert fragment.status_code == 200
        assert '<article class="results verdict-accepted"' in fragment.text
        assert 'data-mode="run"' in fragment.text
    assert api.get(url).status_code == 401
    other = started(api)
    assert api.get(f"/sessions/{other['id']}/attempts/{graded.json()['attempt_id']}/results",
                   headers=auth(other["interviewer_token"])).status_code == 404
