"""Building decks and sheets from a bank: ``quizgen anki`` and ``quizgen build``."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from quizgen.bank.loader import Bank
from quizgen.errors import QuizgenError
from quizgen.making.question import Question
from quizgen.making.selection import Filters, load_and_generate, select

if TYPE_CHECKING:
    from quizgen.render.kept import KeptDeck


def slug(text: str) -> str:
    """``CSTO Summit 2025`` → ``csto-summit-2025``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "bank"


def write_bank_deck(bank: Bank, questions: Sequence[Question], path: Path, *,
                    questions_dir: Path | None = None, deck_name: str | None = None,
                    kept: KeptDeck | None = None) -> str:
    """Write ``questions`` as the bank's Anki deck, dated by the bank; return the deck name.

    With ``kept``, the deck is also kept in the cache, as written.
    """
    from quizgen.render.anki import bank_timestamp, write_apkg

    name = deck_name or bank.title
    write_apkg(questions, path, deck_name=name, timestamp=bank_timestamp(bank, questions_dir),
               description=bank.facts_file.description or "",
               written=lambda tmp: kept.keep(tmp, len(questions), name) if kept else None)
    return name


def write_deck(facts: Path, corpus: Path, questions_dir: Path, output: Path, filters: Filters,
               *, deck_name: str | None = None) -> tuple[int, str]:
    """Write the bank's questions that pass ``filters`` as an Anki deck; return count and name.

    A deck written before from the same inputs and options is copied back from the cache
    (quizgen.render.kept): the same bytes, without loading the bank.
    """
    from quizgen.atomic import is_stdout
    from quizgen.render.kept import kept_deck

    kept = None if is_stdout(output) else kept_deck(facts, corpus, questions_dir, filters,
                                                    deck_name)
    if kept is not None and (restored := kept.restore(output)) is not None:
        return restored
    bank, generation = load_and_generate(facts, corpus, questions_dir, seed=filters.seed)
    chosen = select(generation.questions, filters)
    if not chosen:
        raise QuizgenError("no questions match these filters: nothing to put in a deck")
    name = write_bank_deck(bank, chosen, output, questions_dir=questions_dir, deck_name=deck_name,
                           kept=kept)
    return len(chosen), name


def deck_path(bank: Bank, out_dir: Path) -> Path:
    """Where ``quizgen build`` puts the bank's deck: ``decks/csto-summit-2025.apkg``."""
    return out_dir / f"{slug(bank.title)}.apkg"


def build_outputs(bank: Bank, questions: list[Question], out_dir: Path,
                  step: Callable[[str], None] = lambda _: None,
                  questions_dir: Path | None = None) -> list[Path]:
    """Write the deck and the sheets for ``bank`` into ``out_dir``; return what was written."""
    from quizgen.atomic import refuse_inputs
    from quizgen.bank.inputs import bank_files
    from quizgen.render.sheet import write_sheet

    deck = deck_path(bank, out_dir)
    sheets = [deck.with_name(f"{slug(bank.title)}-sheet{suffix}") for suffix in (".html", ".pdf")]
    refuse_inputs([deck, *sheets], bank_files(bank.facts_path, bank.corpus_dir,
                                              questions_dir or bank.corpus_dir))
    step("Anki deck")
    write_bank_deck(bank, questions, deck, questions_dir=questions_dir)
    written = [deck]
    for sheet in sheets:
        step(f"question sheet ({sheet.suffix[1:].upper()})")
        write_sheet(questions, sheet, title=bank.title, seed=0)
        written.append(sheet)
    return written
