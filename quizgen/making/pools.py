"""Distractor pools: the values of each type a bank holds, and how wrong options are drawn.

A wrong option is the right answer re-rendered with one field swapped for another value
of the same type: people for people, nearby dates for dates, scaled numbers for figures.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import random
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from quizgen.bank.dates import PartialDate
from quizgen.bank.facts import Event, Fact, Role
from quizgen.bank.sentences import sentences_around
from quizgen.bank.text import normalize
from quizgen.making.clues import person_countries
from quizgen.making.speakers import Speakers

if TYPE_CHECKING:
    from quizgen.bank.loader import Bank
    from quizgen.making.question import SourceRef
    from quizgen.making.templates import QuestionTemplate

# pool -> the (fact kind, field) pairs whose values fill it
POOL_FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "person": (("role", "person"),),
    "role": (("role", "role"),),
    "country": (("role", "country"), ("membership", "country")),
    "place": (("event", "place"),),
    "organisation": (("role", "organisation"), ("exercise", "organisation"),
                     ("membership", "organisation"), ("document", "organisation")),
    "exercise": (("exercise", "name"),),
    "exercise_type": (("exercise", "type"),),
    "membership_status": (("membership", "status"),),
    "document": (("document", "name"),),
    "document_status": (("document", "status"),),
}


_WORD_RUN = re.compile(r"\w+")
NEAR_DAYS = 7  # how far another event's day may lie from the answer to serve as an option


class Pools:
    """The bank's values by pool, its name spellings, and the wrong values for a question."""

    def __init__(self, bank: Bank) -> None:
        self.as_of = bank.facts_file.as_of
        self.aliases = alias_groups(bank.facts)
        self.values = bank_pools(bank)
        self.index = {pool: {v: i for i, v in enumerate(values)} for pool, values in self.values.items()}
        self.surnames = unique_surnames(self.values.get("person", []), self.aliases)
        self.famous = famous_people(bank.facts)
        self.famous_posts = {f.role for f in bank.facts if isinstance(f, Role) and f.person in self.famous}
        # The curator's short form wins: "Xi" for Xi Jinping, whose family name comes first.
        self.surnames.update({f.person: f.short_name for f in bank.facts
                              if isinstance(f, Role) and f.short_name})
        self.bank = bank
        self.countries = person_countries(bank.facts)
        self.national_posts = {f.role for f in bank.facts
                               if isinstance(f, Role) and f.country and not f.organisation}
        self._linked: dict[str, set[str]] = {}
        # The days the articles date events on (no disputed, perhaps mistaken, one): wrong
        # options for another day among them.
        self.days = sorted({f.date.iso(): f.date for f in bank.facts
                            if isinstance(f, Event) and f.date.day and not f.disputed}.values(),
                           key=lambda d: d.first_day)
        self.day_starts = [d.first_day for d in self.days]

    def wrong_values(self, t: QuestionTemplate, fact: Fact, ctx: dict[str, Any], qid: str,
                     sources: Sequence[SourceRef]) -> Iterable[Any]:
        """Values to put in place of the swapped one for wrong options, in a stable order.

        ``swap.field`` names a fact field, or ``source.<key>`` for per-source templates;
        ``sources`` are the fact's own source references.
        """
        if t.swap is None:
            return
        name, pool = t.swap.field, t.swap.pool
        on_source = name.startswith("source.")
        key = name.removeprefix("source.")
        value = ctx["source"][key] if on_source else getattr(fact, name, None)
        if value is None:
            return
        rng = random.Random(f"distractors:{qid}")
        values: Iterable[Any]
        if pool == "date":
            # Shuffling the steps, then shifting lazily, gives the order shuffling the shifted
            # dates would (a shuffle depends on the length alone); most callers stop early.
            # A wrong date stays on the same side of `as_of` as the right one: "When was …"
            # with a date still to come among the options would answer itself.
            # Days a few apart, not neighbours: "3 January" beside "1 January" is no contest.
            # A false statement's day stays near the story's: "3 October" for a session of a
            # summit held on 22–24 October is false at a glance.
            days = (3, 5, 7) if t.question == "true_false" else (3, 5, 7, 10, 14, 21, 28)
            steps = [s for n in (days if value.day else range(1, 8)) for s in (n, -n)]
            rng.shuffle(steps)
            today = self.as_of.last_day
            past = value.last_day <= today
            shift = value.shifted
            if value.day == 1:  # "1 January" among 29 December and 4 January stands out
                shift = lambda s: month_shift(value, s)  # noqa: E731
            values = (d for d in (shift(s) for s in steps)
                      if d is not None and (d.last_day <= today) == past)  # None: off the calendar
            if value.day:
                # Options days apart, of which only the answer falls within the summit it was
                # part of, answer themselves: first the other days the articles date events on
                # (and a false statement moves an event to another day of the story).
                near = self.days_near(value, past)
                if t.question == "true_false":  # a day off is a slip, not a falsehood
                    near = [d for d in near if abs((d.first_day - value.first_day).days) >= 2]
                values = itertools.chain(near, values)
        elif pool == "number":
            wrong = getattr(fact, "wrong", None)  # the curator's, where nearby ones would not do
            values = [float(w) for w in wrong] if wrong else nearby_numbers(value, is_share(fact), rng)
        elif pool == "claim":
            outlet = ctx["source"]["outlet"]
            values = [s.claim for s, ref in zip(fact.sources, sources, strict=True)
                      if ref.outlet != outlet and s.claim != value]
        else:
            same = self.aliases.get(value, {value}) if isinstance(value, str) else {value}
            if not any(v in self.index.get(pool, {}) for v in same):
                # The answer is not itself a value of the pool (a country that speaks, in the
                # pool of people): wrong options of another type would give it away.
                return
            exclude = same
            # A little-known answer among household names ("Lukashenko is the Prime Minister
            # of Vietnam"), or their posts, is no contest: prefer others as little known.
            famous = {"person": self.famous, "role": self.famous_posts}.get(pool, set())
            if not same & famous and len(self.values.get(pool, [])) - len(famous | same) >= 3:
                exclude = same | famous
            if pool == "role" and getattr(fact, "organisation", None):
                # An international post among countries' own posts stands out: "Head of the
                # New Development Bank" beside foreign ministers of other countries.
                exclude = exclude | self.national_posts
            if name == "speaker":
                # "Vieira said …" of Modi's words, which an article calls close to Brazil's
                # position, is no clear falsehood: nobody the fact's sentences point to.
                exclude = exclude | self.linked_people(fact)
                # Homogeneous options: first who else spoke on the same occasion, then who
                # else the articles quote, before people only named in a post.
                peers = self.speakers.others(getattr(fact, "occasion", None), exclude, rng, 24)
                values = [*peers, *self.sample(pool, exclude | set(peers), rng, 24)]
            elif pool == "place":
                values = self.places(value, exclude, rng)
            else:
                values = self.sample(pool, exclude, rng, 24)
        yield from values

    def places(self, value: str, exclude: set[Any], rng: random.Random) -> list[Any]:
        """Wrong places of the answer's type: the bank's other countries for a country
        (cities and countries mixed give the answer away); for a city, places that are no
        country of the bank ("Russia" beside Moscow would be half right)."""
        if value in self.country_values:
            return self.sample("country", exclude, rng, 24)
        return self.sample("place", exclude | self.country_values, rng, 24)

    @functools.cached_property
    def country_values(self) -> set[Any]:
        """The country pool as a set (built once, on the first place question)."""
        return set(self.values.get("country", []))

    def days_near(self, value: PartialDate, past: bool) -> list[PartialDate]:
        """The bank's other event days within :data:`NEAR_DAYS` of ``value``, nearest first,
        on the same side of ``as_of``."""
        today = self.as_of.last_day
        # Only the days within reach (the days are sorted): one lookup, not the whole list.
        reach = dt.timedelta(days=NEAR_DAYS)
        start = value.first_day
        low = start - reach if start - dt.date.min > reach else dt.date.min  # the calendar's edges
        high = start + reach if dt.date.max - start > reach else dt.date.max
        lo, hi = bisect.bisect_left(self.day_starts, low), bisect.bisect_right(self.day_starts, high)
        near = [d for d in self.days[lo:hi] if d != value and (d.last_day <= today) == past]
        return sorted(near, key=lambda d: (abs((d.first_day - value.first_day).days), d.first_day))

    @functools.cached_property
    def speakers(self) -> Speakers:
        """The bank's speakers and people, indexed (built on the first speaker question)."""
        people = self.values.get("person", [])
        names = {p: self.aliases.get(p, {p}) | {self.surnames.get(p, p)} for p in people}
        return Speakers(self.bank.facts, people, names, self.countries)

    def linked_people(self, fact: Fact) -> set[str]:
        """People whom a fact's note or the sentences it cites name, whose country they name,
        or who speak to the same point: each could defensibly have said as much."""
        cached = self._linked.get(fact.id)
        if cached is not None:
            return cached
        texts = [getattr(fact, "note", None) or ""]
        texts += [sentences_around(self.bank.document(s.doc), s.quote) for s in fact.sources]
        # Who the articles quote on the same point spoke to it, and may have said as much.
        same_point = self.speakers.by_point.get(fact.point, set()) if fact.point else set()
        linked = set(same_point) | self.speakers.named_in(" ".join(texts))
        self._linked[fact.id] = linked
        return linked

    def maybe_in(self, pool: str, text: str) -> list[str]:
        """The pool's names that may stand in ``text`` as whole words: all that do, and few
        that do not (looked up by first word, not by a scan of the pool)."""
        by_first_word, other = self._by_first_word(pool)
        return [v for word in set(_WORD_RUN.findall(text)) for v in by_first_word.get(word, ())
                ] + other

    @functools.cache  # noqa: B019 - one Pools per run, kept no longer than its generator
    def _by_first_word(self, pool: str) -> tuple[dict[str, list[str]], list[str]]:
        """The pool's names by their first run of word characters (the few that open with
        another character, apart). A name standing as whole words in a text opens on a
        word boundary, so the text holds that run as a whole run of its own."""
        index: dict[str, list[str]] = defaultdict(list)
        other = []
        for value in self.values.get(pool, []):
            if isinstance(value, str):
                first = _WORD_RUN.match(value)
                if first:
                    index[first.group()].append(value)
                else:
                    other.append(value)
        return index, other

    def sample(self, pool: str, exclude: set[Any], rng: random.Random, k: int) -> list[Any]:
        """``rng.sample`` of the pool without ``exclude``, without copying the pool.

        ``sample`` draws positions from the length alone, so drawing positions in the
        filtered pool and stepping them past the excluded ones gives the same values as
        sampling a filtered copy, at a cost that does not grow with the pool.
        """
        values = self.values.get(pool, [])
        index = self.index.get(pool, {})
        skip = sorted(index[v] for v in exclude if v in index)
        n = len(values) - len(skip)
        out = []
        for j in rng.sample(range(n), min(n, k)):
            for s in skip:
                if s > j:
                    break
                j += 1
            out.append(values[j])
        return out


def month_shift(date: PartialDate, months: int) -> PartialDate | None:
    """The first of another month (1 January 2026 → 1 March 2026 for ``months=2``), or None
    off the calendar."""
    index = date.year * 12 + (date.month or 1) - 1 + max(-12, min(12, months // 3 or months))
    year = index // 12
    return PartialDate(year, index % 12 + 1, 1) if 1 <= year <= 9999 else None


def famous_people(facts: Sequence[Fact]) -> set[str]:
    """People whose every post is marked background: household names (heads of state)."""
    posts: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        if isinstance(fact, Role):
            posts[fact.person].add(fact.importance)
    return {person for person, marks in posts.items() if marks == {"background"}}


def alias_groups(facts: Sequence[Fact]) -> dict[str, set[str]]:
    """Every name with aliases → the set of all its spellings."""
    groups: dict[str, set[str]] = {}
    for fact in facts:
        name = fact.person if isinstance(fact, Role) else getattr(fact, "name", None)
        aliases = getattr(fact, "aliases", None)
        if isinstance(name, str) and aliases:
            group = {name, *aliases} | groups.get(name, set())
            for name in group:
                groups[name] = group
    return groups


def unique_surnames(people: list[str], aliases: dict[str, set[str]]) -> dict[str, str]:
    """Each person's last name, where no one else in the bank has it.

    Spellings of one person (aliases) count as one: "Taaltbek Masadykov" does not make
    "Masadykov" ambiguous for Taalatbek Masadykov.
    """
    holders: dict[str, set[frozenset[str]]] = defaultdict(set)
    for person in people:
        if len(person.split()) > 1:
            holders[normalize(person.split()[-1])].add(frozenset(aliases.get(person, {person})))
    return {person: person.split()[-1] for person in people
            if len(person.split()) > 1 and len(holders[normalize(person.split()[-1])]) == 1}


def bank_pools(bank: Bank) -> dict[str, list[Any]]:
    """The values of each type the bank holds, in first-seen order, without repeats."""
    wanted = defaultdict(list)
    for pool, pairs in POOL_FIELDS.items():
        for kind, name in pairs:
            wanted[kind].append((pool, name))
    pools: dict[str, dict[Any, None]] = defaultdict(dict)
    for fact in bank.facts:
        for pool, name in wanted.get(fact.kind, ()):
            value = getattr(fact, name, None)
            if value is not None:
                pools[pool][value] = None
    pools["outlet"] = {doc.meta.outlet: None for doc in bank.documents.values()}
    return {pool: list(values) for pool, values in pools.items()}


SHARE = re.compile(r"%|\bper ?cent\b|\bpercent", re.IGNORECASE)


def is_share(fact: Fact) -> bool:
    """Whether a figure is a percentage or share: its wrong options stay between 0 and 100."""
    return any(SHARE.search(getattr(fact, name, None) or "") for name in ("unit", "value"))


def nearby_numbers(value: float, share: bool, rng: random.Random) -> list[float]:
    """Plausible wrong figures, in a seeded order.

    A share moves by a few percentage points and stays within 0–100; a small count
    moves by a few units and never by one (a count "off by one" may be defensible: four
    leaders besides the chair are five leaders); larger numbers scale by a factor.
    """
    if share:
        steps = [-15, -10, -7, 7, 10, 15, 20, -20]
        out = [float(value + s) for s in steps if 0 < value + s < 100]
    elif float(value).is_integer() and 0 < value <= 20:
        steps = [-3, -2, 2, 3, 4, 5, -4, 6]
        out = [float(value + s) for s in steps if value + s >= 2]  # "one days", "one countries"
    else:
        factors = [0.5, 2, 1.5, 0.75, 3, 0.25, 4, 10]
        out = [round_like(value * f, value) for f in factors]
    rng.shuffle(out)
    return out


def round_like(value: float, like: float) -> float:
    """Round a made-up figure to the precision of the real one."""
    digits = len(str(int(abs(like)))) - len(str(int(abs(like))).rstrip("0"))
    step = 10 ** max(0, min(digits, len(str(int(abs(value)))) - 1))
    return float(round(value / step) * step) if step > 1 else float(round(value))

