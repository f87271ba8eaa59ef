"""Write a synthetic bank of N facts, for benchmarks and scale tests.

Usage: ``python bench/synth.py --facts 20000 --out /tmp/bank20k``, then
``quizgen check --facts /tmp/bank20k/facts.yaml --corpus /tmp/bank20k``.

The bank looks like a year of news: facts of all seven kinds in turn, about 50 facts
per article, a fifth of them cited by a second article, and a few disputed ones. Every
quote is a sentence copied from its article (which wraps its lines, as real articles
do), and every name is distinct, so the default templates ask several questions of
each fact and find enough wrong options. The same ``--seed`` gives the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

AS_OF = dt.date(2025, 11, 27)
FACTS_PER_ARTICLE = 50
KINDS = ("event", "role", "exercise", "membership", "document", "statement", "figure")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

# Syllables for made-up names: an index written in base len(SYLLABLES) gives every
# entity its own pronounceable name, so pools never repeat and answers stay unambiguous.
SYLLABLES = ("ka", "lo", "mi", "ra", "te", "vo", "su", "ne", "di", "pa", "zo", "ri",
             "ba", "fe", "gu", "ho", "la", "mo", "ti", "ve")
FIRST_NAMES = ("Anna", "Boris", "Carmen", "Dmitri", "Elena", "Farid", "Greta", "Hassan",
               "Irina", "Jonas", "Kamila", "Leon", "Marta", "Nursultan", "Olga", "Pavel",
               "Rustam", "Sofia", "Timur", "Ulla", "Viktor", "Yelena", "Zarina", "Aziz")
SURNAME_ENDINGS = ("ov", "ova", "enko", "sen", "ski", "ian", "ic", "berg", "ez", "ani")
COUNTRY_ENDINGS = ("nia", "stan", "land", "va", "ria")
CITY_ENDINGS = ("grad", "port", "burg", " City", "abad", "ville")
POSTS = ("President", "Prime Minister", "Foreign Minister", "Defence Minister",
         "Minister of Trade", "Minister of Energy", "Minister of Health", "Finance Minister",
         "Interior Minister", "Chief of the General Staff", "Ambassador to the Union",
         "Speaker of Parliament", "Central Bank Governor", "Minister of Transport",
         "Minister of Education", "Minister of Agriculture")
TOPICS = ("trade", "security", "energy", "water", "health", "climate", "transport",
          "digital", "migration", "border")
MEETINGS = ("summit", "conference", "forum", "ministerial meeting", "congress")
PURPOSES = ("to counter drug trafficking", "to train border guards",
            "to rehearse disaster relief", "to test air defence",
            "to practise peacekeeping", "to counter cyber attacks")
DOC_TYPES = ("accord", "declaration", "treaty", "memorandum", "charter", "protocol")
ORG_TYPES = ("Council", "Union", "Alliance", "Partnership", "Community")
STATUS_PHRASES = {"member": "is a full member of", "suspended": "has suspended its participation in",
                  "observer": "holds observer status in", "partner": "is a partner of",
                  "withdrawn": "has withdrawn from"}
VERBS = (("proposal", "proposed"), ("claim", "said"), ("claim", "warned"),
         ("remark", "noted"), ("report", "reported"))
UNITS = ("people", "troops", "tonnes", "kilometres", "projects", "delegates", "vehicles")
FILLER = ("Officials declined to comment further.",
          "The talks were held behind closed doors.",
          "Observers said the outcome had been expected.",
          "The agenda was agreed in advance by the delegations.",
          "Further details are to be published later this month.",
          "Analysts called the move significant for the region.")


def word(index: int, syllables: int = 2) -> str:
    """A made-up word unique to ``index``, at least ``syllables`` syllables long."""
    parts: list[str] = []
    spread = 0
    while index or len(parts) < syllables:
        index, digit = divmod(index, len(SYLLABLES))
        # Offsetting each syllable by the ones before keeps the map one-to-one and makes
        # neighbouring indexes differ in more than their first syllable.
        parts.append(SYLLABLES[(digit + 7 * len(parts) + 3 * spread) % len(SYLLABLES)])
        spread += digit
    return "".join(parts).capitalize()


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def readable(day: dt.date, precision: str) -> str:
    """How an article writes a date: '27 November 2025', 'November 2025', '2025'."""
    if precision == "day":
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    return str(day.year)


def iso(day: dt.date, precision: str) -> str:
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision]


@dataclass
class Article:
    """One corpus article: its metadata and the sentences it reports."""

    id: str
    outlet: str
    published: dt.date
    sentences: list[str] = field(default_factory=list)


class Synthesizer:
    """Builds the facts and the articles that back them, from one seeded generator."""

    def __init__(self, n_facts: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n_facts = n_facts
        n_articles = max(2, math.ceil(n_facts / FACTS_PER_ARTICLE))
        n_outlets = max(6, min(40, n_articles))
        self.outlets = [f"The {word(i + 7000)} {kind}" for i, kind in
                        zip(range(n_outlets), ["Herald", "Times", "Post", "Gazette", "Courier",
                                               "Observer", "Tribune", "Review"] * n_outlets,
                                               strict=False)]
        self.articles = [
            Article(f"article-{i:05d}", self.outlets[i % n_outlets],
                    AS_OF - dt.timedelta(days=self.rng.randrange(0, 365)))
            for i in range(n_articles)
        ]
        per_kind = math.ceil(n_facts / len(KINDS))
        # Enough countries for every (post, country) pair to be held by one person only.
        self.countries = [word(i + 1000) + COUNTRY_ENDINGS[i % len(COUNTRY_ENDINGS)]
                          for i in range(max(12, per_kind // len(POSTS) + 2))]
        self.cities = [word(i + 3000) + CITY_ENDINGS[i % len(CITY_ENDINGS)]
                       for i in range(max(12, per_kind // 4))]
        self.organisations = [f"the {word(i + 5000)} {ORG_TYPES[i % len(ORG_TYPES)]}"
                              for i in range(max(4, n_facts // 500))]
        self.people: list[str] = []
        self.counters = dict.fromkeys(KINDS, 0)
        self.memberships: set[tuple[str, str]] = set()  # (country, organisation) pairs seen
        self.statuses: set[tuple[str, str]] = set()  # (organisation, status) pairs asked
        self.role_slot = 0

    # -- helpers ---------------------------------------------------------------

    def date(self, start_year: int = 1995, end_year: int = 2030) -> tuple[dt.date, str]:
        """A random day and the precision a report would give it (mostly a full day)."""
        first = dt.date(start_year, 1, 1).toordinal()
        day = dt.date.fromordinal(self.rng.randrange(first, dt.date(end_year, 12, 31).toordinal()))
        precision = self.rng.choices(("day", "month", "year"), weights=(7, 2, 1))[0]
        return day, precision

    def cite(self, fact: dict[str, Any], i: int, sentence: str, quote: str | None = None) -> None:
        """Put ``sentence`` in the fact's article (and a fifth of the time a second one)."""
        home = i // FACTS_PER_ARTICLE % len(self.articles)
        docs = [home]
        if self.rng.random() < 0.2:
            docs.append((home + 1 + self.rng.randrange(len(self.articles) - 1)) % len(self.articles))
        fact["sources"] = []
        for d in docs:
            self.articles[d].sentences.append(sentence)
            fact["sources"].append({"doc": self.articles[d].id, "quote": quote or sentence})

    def person(self, k: int) -> str:
        first = FIRST_NAMES[k % len(FIRST_NAMES)]
        return f"{first} {word(k + 200)}{SURNAME_ENDINGS[k % len(SURNAME_ENDINGS)]}"

    # -- one maker per kind ------------------------------------------------------

    def event(self, k: int) -> dict[str, Any]:
        day, precision = self.date()
        what = f"the {word(k + 9000)} {TOPICS[k % len(TOPICS)]} {MEETINGS[k % len(MEETINGS)]}"
        fact: dict[str, Any] = {"kind": "event", "what": what, "date": iso(day, precision)}
        past = day <= AS_OF
        verb = "took place" if past else "is scheduled to take place"
        on = "on" if precision == "day" else "in"
        if self.rng.random() < 0.8:
            fact["place"] = self.rng.choice(self.cities)
            sentence = f"{capfirst(what)} {verb} in {fact['place']} {on} {readable(day, precision)}."
        else:
            sentence = f"{capfirst(what)} {verb} {on} {readable(day, precision)}."
        fact["tags"] = [TOPICS[k % len(TOPICS)], "meetings"]
        return fact | {"_sentence": sentence}

    def role(self, k: int) -> dict[str, Any]:
        # Every tenth role hands over: a predecessor whose term ended and a successor.
        successor = k % 10 == 1 and self.people
        if not successor:
            self.role_slot += 1
        slot = self.role_slot
        country = self.countries[slot % len(self.countries)]
        post = POSTS[slot // len(self.countries) % len(POSTS)]
        person = self.person(k)
        fact: dict[str, Any] = {"kind": "role", "person": person, "role": f"{post} of {country}",
                                "country": country}
        if k % 10 == 0:
            fact["end"] = "2025-01-15"
        elif successor:
            fact["start"] = "2025-01-16"
            fact["succeeds"] = self.people[-1]
        elif k % 7 == 3:
            day, _ = self.date(2026, 2027)
            fact["start"] = day.isoformat()
        if k % 8 == 5 and not successor:
            fact["unique"] = False
            fact["role"] = f"adviser to the {post} of {country}"
        self.people.append(person)
        fact["tags"] = ["leadership"]
        verb = "said" if k % 2 else "told reporters"
        sentence = f"{capfirst(fact['role'])} {person} {verb} that talks would continue."
        return fact | {"_sentence": sentence}

    def exercise(self, k: int) -> dict[str, Any]:
        name = f"{word(k + 11000)} Shield" if k % 3 else word(k + 11000)
        kind = "operation" if k % 5 == 0 else "exercise"
        organisation = self.organisations[k % len(self.organisations)]
        purpose = f"{PURPOSES[k % len(PURPOSES)]} in the {word(k + 21000)} region"
        fact = {"kind": "exercise", "name": name, "type": kind, "organisation": organisation,
                "purpose": purpose, "tags": ["exercises"]}
        sentence = f"The {kind} “{name}” of {organisation} is held {purpose}."
        return fact | {"_sentence": sentence}

    def membership(self, k: int) -> dict[str, Any]:
        organisation = self.organisations[k % len(self.organisations)]
        country = self.countries[k // len(self.organisations) % len(self.countries)]
        status = self.rng.choices(list(STATUS_PHRASES), weights=(6, 1, 1, 1, 1))[0]
        fact: dict[str, Any] = {"kind": "membership", "country": country,
                                "organisation": organisation, "status": status}
        sentence = f"{country} {STATUS_PHRASES[status]} {organisation}"
        if k % 2:
            day, _ = self.date(1995, 2024)
            fact["since"] = str(day.year)
            sentence += f" since {day.year}"
        fact["tags"] = ["membership"]
        if (status == "member" or (country, organisation) in self.memberships
                or (organisation, status) in self.statuses):
            # Plain membership asks nothing (it feeds wrong options), nor does a second
            # status of a pair already seen, nor a second country of one status in one
            # organisation: their questions would repeat the first's ("which country is
            # an observer of …?"), and a fact with no question fails check.
            fact["importance"] = "background"
        self.memberships.add((country, organisation))
        if status != "member":
            self.statuses.add((organisation, status))
        return fact | {"_sentence": sentence + ", officials confirmed."}

    def document(self, k: int) -> dict[str, Any]:
        # One document of each status per signatory body, so "which document was adopted
        # by X?" has a single right answer.
        status = ("adopted", "signed", "planned")[k % 3]
        body = f"the {word(k // 3 + 13000)} Commission"
        name = f"the {word(k + 15000)} {DOC_TYPES[k % len(DOC_TYPES)]} on {TOPICS[k % len(TOPICS)]}"
        fact: dict[str, Any] = {"kind": "document", "name": name, "status": status,
                                "organisation": body, "about": f"{TOPICS[k % len(TOPICS)]} policy"}
        if status == "planned":
            sentence = f"Members of {body} plan to draft {name} next year."
        else:
            day, _ = self.date(2020, 2024)
            fact["date"] = day.isoformat()
            sentence = (f"Members of {body} {status} {name} on "
                        f"{readable(day, 'day')}.")
        fact["tags"] = ["documents"]
        return fact | {"_sentence": sentence}

    def statement(self, k: int) -> dict[str, Any]:
        kind, verb = VERBS[k % len(VERBS)]
        speaker = self.people[self.rng.randrange(len(self.people))] if self.people else self.person(k)
        # Made-up words can look like a country's name ("the Tepatiri project" beside
        # Tepatiria), which would make asking the speaker give them away: take the next word.
        shift = 17000
        while any(word(k + shift).lower().startswith(c.lower()[:5]) for c in self.countries):
            shift += 1000
        project = f"the {word(k + shift)} {TOPICS[k % len(TOPICS)]} project"
        year = 2026 + k % 9
        content = f"that {project} would be completed by {year}"
        fact: dict[str, Any] = {"kind": "statement", "speaker": speaker, "type": kind,
                                "verb": verb, "content": content, "tags": ["statements"]}
        if k % 25 == 12 and len(self.articles) > 1:
            return self.disputed(fact, speaker, project, year)
        return fact | {"_sentence": f"{speaker} {verb} {content}."}

    def disputed(self, fact: dict[str, Any], speaker: str, project: str,
                 year: int) -> dict[str, Any]:
        """Two articles disagree on the year: the fact is only asked per outlet."""
        first = self.rng.randrange(len(self.articles))
        second = (first + 1 + self.rng.randrange(len(self.articles) - 1)) % len(self.articles)
        while self.articles[second].outlet == self.articles[first].outlet:
            second = (second + 1) % len(self.articles)
        fact["disputed"] = f"when {project} will be completed"
        fact["sources"] = []
        for d, when in ((first, year), (second, year + 2)):
            # Worded unlike the settled statements ("… would be completed by …") that the
            # same articles hold: check refuses a settled fact quoting one side of a dispute.
            claim = f"According to {speaker}, work on {project} ends in {when}."
            self.articles[d].sentences.append(claim)
            fact["sources"].append({"doc": self.articles[d].id, "quote": claim, "claim": claim})
        return fact

    def figure(self, k: int) -> dict[str, Any]:
        unit = UNITS[k % len(UNITS)]
        number = self.rng.choice((1, 5, 10, 20, 50, 100, 250)) * self.rng.randrange(1, 400)
        subject = f"the number of {unit} in the {word(k + 19000)} programme"
        value = f"more than {number:,} {unit}" if k % 2 else f"{number:,} {unit}"
        fact = {"kind": "figure", "subject": subject, "value": value, "number": number,
                "unit": unit, "tags": ["figures"]}
        return fact | {"_sentence": f"Organisers said {subject} reached {value} this year."}

    # -- the bank ----------------------------------------------------------------

    def facts(self) -> list[dict[str, Any]]:
        out = []
        for i in range(self.n_facts):
            kind = KINDS[i % len(KINDS)]
            k = self.counters[kind]
            self.counters[kind] += 1
            fact = getattr(self, kind)(k)
            sentence = fact.pop("_sentence", None)
            if sentence is not None:
                self.cite(fact, i, sentence)
            if i % 9 == 4:
                fact["note"] = f"Synthetic fact {i + 1} of {self.n_facts}."
            out.append({"id": f"{kind}-{k:06d}", **fact})
        return out


def render_article(article: Article, rng: random.Random) -> str:
    """The article file: front matter, then paragraphs wrapped as a newspaper site would."""
    head = yaml.safe_dump({"id": article.id, "outlet": article.outlet,
                           "title": f"{article.outlet} news digest {article.published:%d %B %Y}",
                           "published": article.published.isoformat(), "language": "en"},
                          sort_keys=False, allow_unicode=True)
    paragraphs = []
    for sentence in article.sentences:
        extra = rng.sample(FILLER, 2)
        paragraphs.append(textwrap.fill(f"{extra[0]} {sentence} {extra[1]}", width=88))
    return f"---\n{head}---\n{article.outlet}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_bank(n_facts: int, out: Path, seed: int = 0) -> Path:
    """Write ``out/facts.yaml`` and ``out/article-*.md``; return the facts file."""
    synth = Synthesizer(n_facts, seed)
    facts = synth.facts()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("article-*.md"):
        old.unlink()
    rng = random.Random(f"articles:{seed}")
    for article in synth.articles:
        (out / f"{article.id}.md").write_text(render_article(article, rng), encoding="utf-8")
    bank = {"title": f"Synthetic bank of {n_facts} facts", "as_of": AS_OF.isoformat(),
            "language": "en", "description": "Generated by bench/synth.py for benchmarks.",
            "facts": facts}
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path = out / "facts.yaml"
    with path.open("w", encoding="utf-8") as f:
        yaml.dump(bank, f, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, required=True, help="How many facts to write.")
    parser.add_argument("--out", type=Path, required=True, help="Folder to write the bank into.")
    parser.add_argument("--seed", type=int, default=0, help="Seed (same seed, same bytes).")
    args = parser.parse_args(argv)
    if args.facts < 1:
        parser.error("--facts must be at least 1")
    path = write_bank(args.facts, args.out, args.seed)
    print(f"wrote {path} ({args.facts} facts) and its articles in {args.out}")


if __name__ == "__main__":
    main()
