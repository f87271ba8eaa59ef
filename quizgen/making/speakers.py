"""Who speaks in a bank, indexed once: what wrong speakers are drawn from.

A "who said it?" question needs, for each statement, the people who could defensibly
have said as much (to leave them out) and the others who spoke (to offer them first).
Asked fact by fact over the whole bank, both were quadratic (a 20,000-fact deck took
ten minutes); these indexes answer each in time that grows with the statement's own text.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from quizgen.bank.facts import Fact, Statement
from quizgen.making.clues import countries_named
from quizgen.making.trie import compiled_trie


class Speakers:
    """The bank's speakers by point and occasion, and its people by name and country."""

    def __init__(self, facts: Sequence[Fact], people: Iterable[str],
                 names: Mapping[str, set[str]], countries: Mapping[str, set[str]]) -> None:
        people = list(people)
        known = set(people)
        self.by_point: dict[str, set[str]] = defaultdict(set)
        # Dicts as ordered sets: each speaker once, in bank order, without a scan per fact.
        occasions: dict[str, dict[str, None]] = defaultdict(dict)
        speaking: dict[str, None] = {}
        for f in facts:
            if isinstance(f, Statement) and f.speaker:
                if f.point is not None:
                    self.by_point[f.point].add(f.speaker)
                if f.speaker in known:
                    if f.occasion:
                        occasions[f.occasion][f.speaker] = None
                    speaking[f.speaker] = None
        self.by_occasion = {occasion: list(names) for occasion, names in occasions.items()}
        self.all = list(speaking)  # every person who speaks, in bank order
        self.owners: dict[str, set[str]] = defaultdict(set)  # a spelling -> whose it is
        for person in people:
            for name in names.get(person, {person}):
                self.owners[name].add(person)
        source = (r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(self.owners, key=len, reverse=True)))
                  + r")(?![\w-])") if self.owners else None
        self.pattern = compiled_trie(source)
        self.of_country: dict[str, set[str]] = defaultdict(set)
        for person in people:
            for country in countries.get(person, ()):
                self.of_country[country].add(person)

    def named_in(self, text: str) -> set[str]:
        """The people ``text`` names, or whose country it names."""
        found = {p for m in self.pattern.finditer(text) for p in self.owners[m.group()]} \
            if self.pattern else set()
        for country in countries_named(text, self.of_country):
            found |= self.of_country[country]
        return found

    def others(self, occasion: str | None, exclude: set[str], rng: random.Random,
               k: int) -> list[str]:
        """Up to ``k`` other speakers, those of ``occasion`` first, each group seeded."""
        same = [s for s in self.by_occasion.get(occasion or "", []) if s not in exclude]
        rng.shuffle(same)
        taken = set(same) | exclude
        draw = rng.sample(self.all, min(len(self.all), k + len(taken)))
        return same + [s for s in draw if s not in taken][:k]
