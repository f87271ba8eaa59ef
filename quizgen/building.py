"""Building decks and sheets from a bank: ``quizgen anki`` and ``quizgen build``."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from quizgen.bank import Bank
from quizgen.errors import QuizgenError
from quizgen.question import Question
from quizgen.selection import Filters, load_and_generate, select


def slug(text: str) -> str:
    """``CSTO Summit 2025`` → ``csto-summit-2025``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "bank"


def write_deck(facts: Path, corpus: Path, questions_dir: Path, output: Path, filters: Filters,
               *, deck_name: str | None = None) -> tuple[int, str]:
    """Write the bank's questions that pass ``filters`` as an Anki deck; return count and name."""
    from quizgen.render.anki import bank_timestamp, write_apkg

    bank, generation = load_and_generate(facts, corpus, questions_dir, seed=filters.seed)
    chosen = select(generation.questions, filters)
    if not chosen:
        raise QuizgenError("no questions match these filters: nothing to put in a deck")
    name = deck_name or bank.title
    write_apkg(chosen, output, deck_name=name, timestamp=bank_timestamp(bank, questions_dir),
               description=bank.facts_file.description or "")
    return len(chosen), name


def build_outputs(bank: Bank, questions: list[Question], out_dir: Path,
                  step: Callable[[str], None] = lambda _: None,
                  questions_dir: Path | None = None) -> list[Path]:
    """Write the deck and the sheets for ``bank`` into ``out_dir``; return what was written."""
    from quizgen.render.anki import bank_timestamp, write_apkg
    from quizgen.render.sheet import write_sheet

    base = out_dir / slug(bank.title)
    written: list[Path] = []
    step("Anki deck")
    deck = base.with_suffix(".apkg")
    write_apkg(questions, deck, deck_name=bank.title,
               timestamp=bank_timestamp(bank, questions_dir),
               description=bank.facts_file.description or "")
    written.append(deck)
    for suffix in (".html", ".pdf"):
        step(f"question sheet ({suffix[1:].upper()})")
        sheet = base.with_name(base.name + "-sheet" + suffix)
        write_sheet(questions, sheet, title=bank.title, seed=0)
        written.append(sheet)
    return written
