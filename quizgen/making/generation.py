"""What a run of generation yields: the questions and those skipped (light: a cached
run is read back without importing the generator)."""

from __future__ import annotations

from dataclasses import dataclass, field

from quizgen.making.question import Question


@dataclass(frozen=True)
class Skipped:
    """A question that was not made, and why."""

    template_id: str
    fact_ids: tuple[str, ...]
    reason: str


@dataclass
class Generation:
    """What a bank and its templates yield."""

    questions: list[Question] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
