"""Written decks kept whole in the cache: rebuilding an unchanged bank copies its deck back.

A deck is a pure function of the bank's inputs, the options and the bank's date (its
last change: ``render.anki.inputs_timestamp``), so a kept deck is the cold run's bytes.
Its key hashes all of them (on top of ``making.cache.bank_key``: every input byte and
quizgen's code). Each deck keeps one slot (its paths and options), so a changed bank
replaces its old deck rather than piling up copies.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from quizgen.making.selection import Filters
from quizgen.store import OUTPUT_SUFFIX, cache_dir, cache_enabled, keep_file, restore_file


@dataclass(frozen=True)
class KeptDeck:
    """Where a deck would be kept, and the key its bytes must carry to be used."""

    path: Path
    key: str

    def restore(self, output: Path) -> tuple[int, str] | None:
        """Write the kept deck to ``output``; its note count and name, or None on a miss."""
        from quizgen.atomic import write_atomic

        head = restore_file(self.path, f"{self.key} deck", lambda copy: write_atomic(output, copy))
        if head is None:
            return None
        count, name = json.loads(head)
        return int(count), str(name)

    def keep(self, written: Path, count: int, name: str) -> None:
        """Keep the deck just written to ``written``."""
        keep_file(self.path, f"{self.key} deck", json.dumps([count, name]).encode() + b"\n",
                  written)


def kept_deck(facts: Path, corpus: Path, questions_dir: Path, filters: Filters,
              deck_name: str | None) -> KeptDeck | None:
    """The deck's place in the cache, or None when the cache is off or an input unreadable."""
    if not cache_enabled():
        return None
    from quizgen.making.cache import bank_key
    from quizgen.render.anki import inputs_timestamp

    bank = bank_key(facts, corpus, questions_dir, filters.seed)
    if bank is None:
        return None
    options = json.dumps([list(filters.kinds), list(filters.tags), list(filters.fact_ids),
                          filters.n, filters.seed, deck_name])
    slot = hashlib.sha256(
        f"deck\0{facts.resolve()}\0{corpus.resolve()}\0{questions_dir.resolve()}\0{options}"
        .encode()).hexdigest()
    stamp = inputs_timestamp(facts, corpus, questions_dir)
    key = hashlib.sha256(f"{bank}\0{options}\0{stamp!r}".encode()).hexdigest()
    return KeptDeck(cache_dir() / f"{slot}{OUTPUT_SUFFIX}", key)
