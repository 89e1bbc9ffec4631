"""An author's question graded like a challenge: from stored answers and sandbox jobs, never from author code here."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from app.broker import GradeRequest
from app.catalog import Catalog, UnknownChallengeError
from app.grading.grader import MAX_CACHED_QUESTIONS, Grader
from app.question_challenge import StoredQuestion
from app.question_validation import derive_question
from app.questions_models import QuestionDraft
from sandbox import Sandbox
from tests.app._questions import ACCEPTED, GENERATOR, REFERENCE, WRONG_AXIS, draft


def stored(sandbox: Sandbox, body: dict[str, object], question_id: str = "q_1") -> StoredQuestion:
    """What a web host sends a worker: the draft and what validation derived (no database on this side)."""
    question = QuestionDraft.model_validate(body)
    derived = derive_question(sandbox, question)
    return StoredQuestion(id=question_id, revision=1, draft=question, cases=derived.cases, expected=derived.expected,
                          has_sized_input=derived.has_sized_input, has_loop_input=derived.has_loop_input,
                          has_memory_probe=derived.has_memory_probe)


def test_a_worker_grades_a_question_from_the_request_alone(sandbox: Sandbox, catalog: Catalog) -> None:
    question = stored(sandbox, draft())
    request = GradeRequest.model_validate_json(GradeRequest(attempt_id="a1", challenge_id="q_1", code=ACCEPTED,
                                                            mode="run", question=question).model_dump_json())
    grader = Grader(catalog, sandbox)  # this catalog finds no questions: the request carries it
    report = grader.grade(request.challenge_id, request.code, mode=request.mode, question=request.question)
    assert report.verdict == "accepted"
    assert report.challenge == "q_1"
    assert [t.name for t in report.tests] == ["example"]
    wrong = grader.grade("q_1", WRONG_AXIS, mode="run", question=question)
    assert wrong.verdict == "wrong_answer"


def test_a_question_id_without_its_question_is_unknown(sandbox: Sandbox, catalog: Catalog) -> None:
    grader = Grader(catalog, sandbox)
    with pytest.raises(UnknownChallengeError):
        grader.grade("q_1", ACCEPTED, mode="run")
    with pytest.raises(UnknownChallengeError):  # a request's question answers for its own id only
        grader.grade("q_2", ACCEPTED, mode="run", question=stored(sandbox, draft()))


@pytest.mark.slow
def test_grading_a_question_never_runs_the_authors_code_in_this_process(sandbox: Sandbox, catalog: Catalog,
                                                                        tmp_path: Path) -> None:
    marker = tmp_path / "author-code-ran-here"
    touch = f"\ntry:\n    open({str(marker)!r}, 'w').close()\nexcept OSError:\n    pass\n"
    reference = REFERENCE.replace('    """Subtract each row\'s mean."""\n',
                                  '    """Subtract each row\'s mean."""\n' + textwrap.indent(touch, "    "))
    question = stored(sandbox, draft(reference=reference + touch, generator=GENERATOR + touch))
    grader = Grader(catalog, sandbox)
    wrong = grader.grade("q_1", WRONG_AXIS, question=question)  # axis diagnosis calls the reference
    assert wrong.verdict == "wrong_answer"
    accepted = grader.grade("q_1", ACCEPTED, question=question)  # timing: sized inputs, the reference's answers
    assert accepted.verdict == "accepted"
    assert accepted.timing is not None
    assert accepted.timing["reference_seconds"][0] is not None
    assert accepted.rubric["vectorization"].rating == "pass"
    assert not marker.exists()


def test_old_revisions_and_old_questions_leave_the_graders_caches(sandbox: Sandbox, catalog: Catalog) -> None:
    first = stored(sandbox, draft())
    grader = Grader(catalog, sandbox)
    grader.grade("softmax", "def softmax(z, axis=-1):\n    return z\n", mode="run")
    grader.grade("q_1", ACCEPTED, mode="run", question=first)
    grader.grade("q_1", ACCEPTED, mode="run", question=first.model_copy(update={"revision": 2}))
    assert set(grader._cache) == {"softmax", "q_1@2"}  # the first revision's cases are gone
    for number in range(2, MAX_CACHED_QUESTIONS + 4):
        grader.grade(f"q_{number}", ACCEPTED, mode="run", question=first.model_copy(update={"id": f"q_{number}"}))
    questions = {key for key in grader._cache if key.startswith("q_")}
    assert len(questions) == MAX_CACHED_QUESTIONS
    assert f"q_{MAX_CACHED_QUESTIONS + 3}@1" in questions
    assert "softmax" in grader._cache  # built-in challenges always stay
