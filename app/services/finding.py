"""Finding a challenge: search by words, filter by tags (criteria, lesson, topic), sort.

Pure functions over the catalog and one profile's summaries; the challenge list page uses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from app.catalog import Catalog
from app.models import ChallengeSummaryPublic

DIFFICULTY_ORDER = ("easy", "medium", "hard")
STATUS_ORDER = ("attempted", "new", "solved")  # what to work on next comes first
SortKey = Literal["lesson", "difficulty", "status", "title"]
SORTS: dict[str, str] = {"lesson": "Lesson", "difficulty": "Difficulty", "status": "Status", "title": "Title"}


@dataclass(frozen=True)
class Query:
    """What the candidate asked for; every field optional, unknown values ignored (never a 500)."""

    words: str = ""
    difficulty: str = ""
    status: str = ""
    criterion: str = ""
    lesson: int | None = None
    sort: str = "lesson"


def search_text(catalog: Catalog, challenge_id: str) -> str:
    """Everything a search matches: id, title, summary, statement, function, lesson title, criteria."""
    challenge = catalog.get(challenge_id)
    lesson = catalog.lesson(challenge.config.lesson).title
    parts = [challenge.id, challenge.config.title, challenge.config.summary, challenge.statement,
             challenge.config.function, lesson, *challenge.config.rubric.applies]
    return " ".join(parts).lower().replace("_", " ")


def _matches_words(text: str, words: str) -> bool:
    return all(word in text for word in re.findall(r"[\w.-]+", words.lower().replace("_", " ")))


def find(catalog: Catalog, summaries: list[ChallengeSummaryPublic], query: Query) -> list[ChallengeSummaryPublic]:
    """The summaries that match every given filter, in the asked order (lesson order when unknown)."""
    shown = [
        s for s in summaries
        if (not query.difficulty or s.difficulty == query.difficulty)
        and (not query.status or s.status == query.status)
        and (query.lesson is None or s.lesson == query.lesson)
        and (not query.criterion or query.criterion in s.criteria)
        and (not query.words.strip() or _matches_words(search_text(catalog, s.id), query.words))
    ]
    position = {s.id: index for index, s in enumerate(summaries)}  # the catalog's own order breaks ties
    if query.sort == "difficulty":
        shown.sort(key=lambda s: (_rank(DIFFICULTY_ORDER, s.difficulty), s.lesson, position[s.id]))
    elif query.sort == "status":
        shown.sort(key=lambda s: (_rank(STATUS_ORDER, s.status), s.lesson, position[s.id]))
    elif query.sort == "title":
        shown.sort(key=lambda s: s.title.lower())
    else:
        shown.sort(key=lambda s: (s.lesson, position[s.id]))
    return shown


def _rank(order: tuple[str, ...], value: str) -> int:
    return order.index(value) if value in order else len(order)


def difficulties(summaries: list[ChallengeSummaryPublic]) -> list[str]:
    """Only the difficulties some challenge has, easiest first."""
    present = {s.difficulty for s in summaries}
    return [d for d in DIFFICULTY_ORDER if d in present] + sorted(present - set(DIFFICULTY_ORDER))
