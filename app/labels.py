"""The one table of labels (verdicts, ratings, criteria, statuses), read from `labels.toml`."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from app.cases import CRITERIA
from sandbox import Limits

LABELS_FILE = Path(__file__).resolve().parent / "labels.toml"


class Labels(BaseModel):
    """Every label the pages show; a test checks each verdict, rating and criterion has one."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    verdicts: dict[str, str]
    explanations: dict[str, str]
    ratings: dict[str, str]
    criteria: dict[str, str]
    criterion_weights: dict[str, str]
    statuses: dict[str, str]
    session_statuses: dict[str, str]
    recommendations: dict[str, str]
    candidate_sees: dict[str, str]

    def verdict(self, verdict: str) -> str:
        return self.verdicts.get(verdict, verdict)

    def explanation(self, verdict: str, *, mode: str, limits: Limits) -> str:
        """What the verdict means, with the challenge's own limits in it (never a hard-coded figure)."""
        key = "accepted_run" if verdict == "accepted" and mode == "run" else verdict
        return self.explanations.get(key, "").format(cpu=_seconds(limits.cpu_seconds),
                                                     wall=_seconds(limits.wall_seconds),
                                                     memory=_mebibytes(limits.memory_bytes))

    def criterion(self, name: str) -> str:
        return self.criteria.get(name, name.replace("_", " ").capitalize())

    def for_scripts(self) -> dict[str, dict[str, str]]:
        """What the browser's scripts need: names only, no explanations (those come rendered)."""
        return {"verdicts": self.verdicts, "ratings": self.ratings, "criteria": self.criteria,
                "recommendations": self.recommendations, "candidate_sees": self.candidate_sees,
                "not_rated": {"text": self.explanations["not_rated"]}}


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _mebibytes(value: int) -> str:
    return f"{value / (1024 * 1024):g} MiB"


@cache
def load_labels() -> Labels:
    with LABELS_FILE.open("rb") as file:
        labels = Labels.model_validate(tomllib.load(file))
    missing = [name for name in CRITERIA if name not in labels.criteria]
    if missing:
        raise ValueError(f"{LABELS_FILE.name}: no label for the criteria {missing}")
    return labels
