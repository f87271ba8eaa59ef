"""``quizgen build``: rebuild everything ``decks/`` holds from the default bank."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from quizgen.bank import Bank
from quizgen.question import Question


def slug(text: str) -> str:
    """``CSTO Summit 2025`` → ``csto-summit-2025``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "bank"


def build_outputs(bank: Bank, questions: list[Question], out_dir: Path,
                  step: Callable[[str], None] = lambda _: None) -> list[Path]:
    """Write the deck and the sheets for ``bank`` into ``out_dir``; return what was written."""
    from quizgen.render.anki import bank_timestamp, write_apkg
    from quizgen.render.sheet import write_sheet

    base = out_dir / slug(bank.title)
    written: list[Path] = []
    step("Anki deck")
    deck = base.with_suffix(".apkg")
    write_apkg(questions, deck, deck_name=bank.title, timestamp=bank_timestamp(bank))
    written.append(deck)
    for suffix in (".html", ".pdf"):
        step(f"question sheet ({suffix[1:].upper()})")
        sheet = base.with_name(base.name + "-sheet" + suffix)
        write_sheet(questions, sheet, title=bank.title, seed=0)
        written.append(sheet)
    return written
