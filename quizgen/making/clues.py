"""Clues a question must not hold: words that give its answer away before it is read.

Item-writing guidance (Haladyna, Downing and Rodriguez 2002) asks for no clue in the stem:
"Russian President ___" gives the name; "Who proposed … modern Russian weapons?" gives the
speaker when only one Russian spoke.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from quizgen.bank.facts import Fact, Role, Statement

if TYPE_CHECKING:
    from quizgen.making.templates import QuestionTemplate


def person_words(facts: Sequence[Fact]) -> dict[str, set[str]]:
    """Each person's post and country, as capitalised words: what a title before a name says."""
    words: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        if isinstance(fact, Role):
            text = " ".join(filter(None, [fact.role, fact.country, fact.organisation]))
            names = {fact.person, *fact.aliases}
            for name in names:
                words[name] |= {w for w in re.findall(r"[\w’'-]+", text) if w[:1].isupper()}
    return dict(words)


def person_countries(facts: Sequence[Fact]) -> dict[str, set[str]]:
    """The countries each person represents, by every spelling of their name."""
    countries: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        if isinstance(fact, Role) and fact.country:
            for name in (fact.person, *fact.aliases):
                countries[name].add(fact.country)
    return dict(countries)


_ENDINGS = ("istan", "stan", "ia", "ey", "a", "e", "y")  # Tajik·istan, Armen·ia, Turk·ey, Chin·a
_SUFFIXES = "(?:n|an|ian|ese|i|ish|ic)?(?:['’]s)?"  # Russia·n, Armen·ian, Chin·ese, Turk·ish


def names_country(text: str, country: str) -> bool:
    """Whether ``text`` names ``country`` or its people: "Russia's", "Russian", "Tajik"."""
    return _names(text, _lowered(text), country)


def countries_named(text: str, countries: Iterable[str]) -> list[str]:
    """Those of ``countries`` that ``text`` names (``names_country``), the text lower-cased
    once for all of them."""
    lowered = _lowered(text)
    return [c for c in countries if _names(text, lowered, c)]


def _lowered(text: str) -> str | None:
    """``text`` lower-cased where that matches as the patterns' IGNORECASE does (ASCII)."""
    return text.lower() if text.isascii() else None


def _names(text: str, lowered: str | None, country: str) -> bool:
    """``names_country``, looked for only where the text holds the shortest stem of the
    country's names: no pattern is compiled for a country the text cannot name."""
    stem = _stem(country)
    if lowered is not None and stem is not None and stem not in lowered:
        return False
    return bool(_country_pattern(country).search(text))


def _stems(country: str) -> set[str]:
    name = re.sub(r"^the\s+", "", country, flags=re.IGNORECASE)
    return {name, *(name[: -len(e)] for e in _ENDINGS if name.endswith(e) and len(name) - len(e) >= 3)}


@functools.lru_cache(maxsize=4096)
def _stem(country: str) -> str | None:
    """The shortest of a country's stems, lower-cased, which each of them starts with;
    None unless it is ASCII (only there does lower-casing match as the pattern does)."""
    stem = min(_stems(country), key=len).lower()
    return stem if stem.isascii() else None


@functools.lru_cache(maxsize=4096)
def _country_pattern(country: str) -> re.Pattern[str]:
    """The pattern of a country's names, built once: generation asks about each country for
    every fact and person."""
    alternatives = "|".join(sorted(map(re.escape, _stems(country)), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives}){_SUFFIXES}\b", flags=re.IGNORECASE)


def speaker_clue(t: QuestionTemplate, fact: Fact, countries: dict[str, set[str]]) -> str:
    """Why asking who said this would give the speaker away; empty when it would not."""
    if not (t.swap and t.swap.field == "speaker" and isinstance(fact, Statement) and fact.speaker):
        return ""
    if t.question == "matching" and fact.speaker not in countries:
        return "the speaker is no person of the bank: among people it stands out"
    named = [c for c in sorted(countries.get(fact.speaker, ())) if names_country(fact.content, c)]
    if named:
        return (f"the statement names its speaker's country ({named[0]}): asking who said it "
                "gives the answer away; reword `content` (\"the country's …\") to ask it")
    # "Saudi officials" said "Saudi Arabia is …": the speaker's own name is in the words, so
    # asking who said it names them (a statement with another speaker gives nothing away).
    own = [w for w in re.findall(r"[A-Z][\w’'-]{2,}", fact.speaker) if names_country(fact.content, w)]
    if own and t.question != "true_false":
        return (f"the statement names its speaker ({own[0]}): asking who said it gives the "
                "answer away")
    return ""
