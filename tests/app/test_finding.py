"""Finding a challenge: words in the title or text, tags (criteria, lesson, topic), sorts, real difficulties."""

from __future__ import annotations

import httpx
import pytest

from app.catalog import Catalog, load_catalog
from app.models import ChallengeSummaryPublic
from app.services import finding


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def summaries(catalog: Catalog) -> list[ChallengeSummaryPublic]:
    return [ChallengeSummaryPublic(id=c.id, lesson=c.config.lesson, title=c.config.title,
                                   difficulty=c.config.difficulty, summary=c.config.summary,
                                   status="solved" if i % 3 == 0 else "new" if i % 3 == 1 else "attempted",
                                   best_score=None, criteria=list(c.config.rubric.applies))
            for i, c in enumerate(catalog)]


def ids(found: list[ChallengeSummaryPublic]) -> list[str]:
    return [s.id for s in found]


def test_search_finds_a_title_and_words_of_the_statement(catalog: Catalog,
                                                         summaries: list[ChallengeSummaryPublic]) -> None:
    assert "softmax" in ids(finding.find(catalog, summaries, finding.Query(words="Softmax")))
    statement_word = "logits"
    found = ids(finding.find(catalog, summaries, finding.Query(words=statement_word)))
    assert found
    assert all(statement_word in finding.search_text(catalog, i) for i in found)


def test_every_word_must_match(catalog: Catalog, summaries: list[ChallengeSummaryPublic]) -> None:
    assert finding.find(catalog, summaries, finding.Query(words="softmax zzzyzzy")) == []


def test_a_criterion_tag_keeps_the_challenges_that_exercise_it(catalog: Catalog,
                                                              summaries: list[ChallengeSummaryPublic]) -> None:
    found = finding.find(catalog, summaries, finding.Query(criterion="memory_efficiency"))
    assert found
    assert all("memory_efficiency" in catalog.get(s.id).config.rubric.applies for s in found)
    assert len(found) < len(summaries)


def test_the_lesson_title_is_a_topic_to_search(catalog: Catalog, summaries: list[ChallengeSummaryPublic]) -> None:
    lesson = catalog.lesson(catalog.get("softmax").config.lesson)
    found = ids(finding.find(catalog, summaries, finding.Query(words=lesson.title)))
    assert set(found) >= {c.id for c in catalog.in_lesson(lesson.number)}


def test_sorts_by_difficulty_status_and_lesson(catalog: Catalog, summaries: list[ChallengeSummaryPublic]) -> None:
    by_difficulty = finding.find(catalog, summaries, finding.Query(sort="difficulty"))
    ranks = [finding.DIFFICULTY_ORDER.index(s.difficulty) for s in by_difficulty]
    assert ranks == sorted(ranks)
    by_status = finding.find(catalog, summaries, finding.Query(sort="status"))
    ranks = [finding.STATUS_ORDER.index(s.status) for s in by_status]
    assert ranks == sorted(ranks)
    by_lesson = finding.find(catalog, summaries, finding.Query(sort="nonsense"))
    assert [s.lesson for s in by_lesson] == sorted(s.lesson for s in summaries)


def test_the_difficulty_filter_offers_only_difficulties_that_exist(summaries: list[ChallengeSummaryPublic]) -> None:
    easy_only = [s for s in summaries if s.difficulty == "easy"]
    assert finding.difficulties(easy_only) == ["easy"]
    assert finding.difficulties(summaries) == [d for d in finding.DIFFICULTY_ORDER
                                               if any(s.difficulty == d for s in summaries)]


def test_the_list_page_searches_filters_and_sorts(client: httpx.Client) -> None:
    page = client.get("/challenges", params={"q": "softmax", "sort": "difficulty"})
    assert page.status_code == 200
    assert 'href="/challenges/softmax"' in page.text
    assert 'value="softmax"' in page.text  # the search is kept in its box
    tagged = client.get("/challenges", params={"criterion": "memory_efficiency"}).text
    assert 'href="/challenges?criterion=memory_efficiency"' in tagged


@pytest.mark.parametrize("params", [{"lesson": "99999999999"}, {"lesson": "-1"}, {"sort": "<script>"},
                                    {"q": "x" * 5000}, {"difficulty": "impossible"}, {"criterion": "../../etc"}])
def test_odd_filters_are_ignored_not_errors(client: httpx.Client, params: dict[str, str]) -> None:
    response = client.get("/challenges", params=params)
    assert response.status_code == 200
    assert 'value="<script>"' not in response.text
