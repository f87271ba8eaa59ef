"""Choosing which questions to use: filters, then a seeded sample."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from quizgen.making.question import Question
from quizgen.making.tags import check_tags, has_tag

if TYPE_CHECKING:  # loaded only on a cache miss: a cached run needs none of them
    from quizgen.bank.loader import Bank
    from quizgen.making.generation import Generation


@dataclass(frozen=True)
class Filters:
    """What the user asked for with ``--kind``, ``--tag``, ``--fact`` and ``--n``."""

    kinds: Sequence[str] = ()
    tags: Sequence[str] = ()
    fact_ids: Sequence[str] = ()
    n: int | None = None
    seed: int = 0

    def matches(self, q: Question) -> bool:
        return ((not self.kinds or q.kind in self.kinds)
                and (not self.tags or has_tag(q.tags, self.tags))
                and (not self.fact_ids or any(f in q.fact_ids for f in self.fact_ids)))


def select(questions: Sequence[Question], filters: Filters) -> list[Question]:
    """The questions that match, sampled down to ``n`` as a quiz samples (else bank order)."""
    from quizgen.making.sampling import sample

    check_tags(questions, filters.tags)
    chosen = [q for q in questions if filters.matches(q)]
    if filters.n is not None and filters.n < len(chosen):
        chosen = sample(chosen, filters.n, filters.seed)
    return chosen


def load_and_generate(facts: Path, corpus: Path, questions_dir: Path,
                      seed: int = 0) -> tuple[Bank, Generation]:
    """Load a bank and its templates, and generate every question (cached: see making.cache)."""
    from quizgen.making.cache import cached_bank

    return cached_bank(facts, corpus, questions_dir, seed,
                       lambda: generate_fresh(facts, corpus, questions_dir, seed))


def load_generation(facts: Path, corpus: Path, questions_dir: Path, seed: int = 0) -> Generation:
    """Only the questions of a bank (cached; a hit reads no facts, templates or models)."""
    from quizgen.making.cache import cached_generation

    return cached_generation(facts, corpus, questions_dir, seed,
                             lambda: generate_fresh(facts, corpus, questions_dir, seed))


def generate_fresh(facts: Path, corpus: Path, questions_dir: Path,
                   seed: int = 0) -> tuple[Bank, Generation]:
    """Load a bank and its templates and generate every question, bypassing the cache."""
    from quizgen.bank.loader import load_bank
    from quizgen.making.generate import generate_questions
    from quizgen.making.templates import load_templates

    bank = load_bank(facts, corpus, kept=True)
    templates = load_templates(questions_dir, kept=True)
    return bank, generate_questions(bank, templates, seed=seed)
