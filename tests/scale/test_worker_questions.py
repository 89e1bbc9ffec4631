"""Authors' questions on worker hosts: real Redis, a real `arraydojo worker`, validation and grading there."""

from __future__ import annotations

import uuid

import pytest
from celery import Celery

from app.broker import GradeRequest, read_response, send_grade
from app.errors import InvalidInputError
from app.question_challenge import StoredQuestion
from app.questions_models import QuestionDraft
from app.services.questions import validate_question
from app.services.remote_grading import BrokerValidator
from tests.app._questions import ACCEPTED, WRONG_AXIS, draft
from tests.scale._worker import WorkerProcess


@pytest.mark.slow
def test_a_worker_validates_then_grades_a_question_for_a_web_host_without_a_sandbox(
        celery_client: Celery, worker: WorkerProcess) -> None:
    validator = BrokerValidator(celery_client, wait_seconds=60)
    question = QuestionDraft.model_validate(draft())
    derived = validate_question(validator=validator, draft=question)
    assert derived.validation.case_count == 4
    refused = QuestionDraft.model_validate(draft(reference="def center(x):\n    return x +\n"))
    with pytest.raises(InvalidInputError, match="does not compile"):
        validate_question(validator=validator, draft=refused)
    stored = StoredQuestion(id="q_7", revision=1, draft=question, cases=derived.cases, expected=derived.expected,
                            has_sized_input=derived.has_sized_input, has_loop_input=derived.has_loop_input,
                            has_memory_probe=derived.has_memory_probe)
    verdicts = []
    for code in (ACCEPTED, WRONG_AXIS):
        request = GradeRequest(attempt_id=uuid.uuid4().hex, challenge_id="q_7", code=code, mode="run",
                               question=stored)
        send_grade(celery_client, request)
        response = read_response(celery_client, request.attempt_id, timeout_seconds=60)
        assert response.report is not None, response
        verdicts.append(response.report["verdict"])
    assert verdicts == ["accepted", "wrong_answer"]
