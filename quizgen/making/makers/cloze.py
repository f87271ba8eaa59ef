"""Cloze: a whole sentence of an article with what it is about blanked.

The text is the sentence (or sentences) the source quote lies in, so it never starts
mid-sentence. The blank falls on word boundaries only (never "the _____n delegation"),
the answer must occur there exactly once, and a blank is passed over where the sentence
gives it away or makes it rote recall: a person's title just before their name, or the
answer as one name in a list of others of its kind.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from quizgen.bank.disputes import shows_a_side
from quizgen.bank.sentences import quotable, sentences_around
from quizgen.making.clues import names_country

if TYPE_CHECKING:
    from quizgen.bank.facts import Fact
    from quizgen.making.generate import Generator
    from quizgen.making.templates import QuestionTemplate

BLANK = "_____"
TITLE_WINDOW = 5  # words before a person's blank in which their title would give them away
MOST_WORDS = 5  # a longer blank is an official name to recall word for word
_LIST_POOLS = ("person", "country", "exercise", "document", "place", "organisation")
ATTRIBUTIVE_BEFORE = re.compile(r"\b(?:the|a|an)\s$", re.IGNORECASE)
ATTRIBUTIVE_AFTER = re.compile(r"\s[a-z]")
# "He also proposed …": shown alone, the sentence does not say who.
OPENS_WITH_PRONOUN = re.compile(r"^[‘’\"]?(He|She|It|They|His|Her|Its|Their|This|These)\b")
_WORD_OR_HYPHEN = re.compile(r"[\w-]")
_WORD = re.compile(r"\w")
_WORDS = re.compile(r"[\w’'-]+")


def make_cloze(gen: Generator, t: QuestionTemplate, fact: Fact, ctx: dict[str, Any], qid: str,
               truths: dict[str, set[str]]) -> None:
    answer = gen.render_once(t, "answer", ctx, fact.id)
    # Longest first: blank "Sadyr Japarov" whole, never "Sadyr _____".
    # Not the wider places a "where" question also accepts: "Russia" in "Russia's chairmanship"
    # is no blank for Kazan.
    wider = set(getattr(fact, "place_accept", ()))
    forms = sorted([answer, *(f for f in gen.accept(t, fact, ctx, answer) if f not in wider)],
                   key=len, reverse=True)
    refs = gen.sources[fact.id]
    reason = "the answer does not occur exactly once, as whole words, in the sentence"
    for i, source in enumerate(fact.sources):
        around = sentences_around(gen.bank.document(source.doc), source.quote)
        if not fact.disputed and shows_a_side(around, source.doc, source.quote,
                                              gen.bank.dispute_sides):
            reason = "the sentence also says what outlets dispute: it would teach it as settled"
            continue
        sentence = quotable(around)
        if OPENS_WITH_PRONOUN.match(sentence):
            reason = "the sentence opens with a pronoun: who it means is in another sentence"
            continue
        text = t.render("text", {**ctx, "quote": sentence}, fact.id)
        taken: list[tuple[int, int]] = []  # where longer forms stand: no blank inside them
        for form in forms:
            spans = word_spans(text, form)
            inside = [s for s in spans if any(a <= s[0] and s[1] <= b for a, b in taken)]
            taken += spans
            if len(spans) != 1 or inside:
                continue
            at, end = spans[0]
            clue = _clue(gen, t, answer, text, at, end, form)
            if clue:
                reason = clue
                continue
            intro = t.render("prompt", {**ctx, "source": {"outlet": refs[i].outlet}}, fact.id)
            before = f"{intro} {text[:at]}" if intro else text[:at]
            after = text[end:]
            ordered = [refs[i], *refs[:i], *refs[i + 1:]]
            gen.emit(t, [fact], qid, ctx, kind="cloze", prompt=f"{before}{BLANK}{after}",
                     answer=form, accept=[f for f in forms if f != form],
                     cloze_before=before, cloze_after=after, sources=ordered)
            return
    gen.skip(t, [fact], reason)


def word_spans(text: str, words: str) -> list[tuple[int, int]]:
    """Where ``words`` stand in ``text`` as whole words (not inside "Armenian")."""
    if not words.strip():
        return []
    # What ``(?<![\w-])WORDS(?!\w)`` finds, left to right and not overlapping, with the
    # guards compiled once: a pattern per form cost a compile each (a third of generating).
    spans = []
    at = text.find(words)
    while at >= 0:
        end = at + len(words)
        if (at == 0 or not _WORD_OR_HYPHEN.match(text, at - 1)) and not _WORD.match(text, end):
            spans.append((at, end))
            at = text.find(words, end)
        else:
            at = text.find(words, at + 1)
    return spans


def _clue(gen: Generator, t: QuestionTemplate, answer: str, text: str, at: int, end: int,
          form: str) -> str:
    """Why this blank would give itself away or be rote recall; empty when it is fine."""
    if len(form.split()) > MOST_WORDS:
        # "endorses _____" for "the modalities of the BRICS partner country category": a
        # student who understood writes "a partner-country status" and is marked wrong.
        return f"a blank of more than {MOST_WORDS} words: official wording to recall word for word"
    pool = t.swap.pool if t.swap else ""
    if pool == "place" and ATTRIBUTIVE_BEFORE.search(text[:at]) and ATTRIBUTIVE_AFTER.match(text[end:]):
        # "invited at the _____ summit": "BRICS" fits as well as "Johannesburg".
        return "the place stands before a noun ('the _____ summit'): other words fill the blank"
    rest = text[:at] + text[end:]
    if pool in _LIST_POOLS:
        # The pool may hold thousands of values, the sentence few: looked up by its words.
        others = [v for v in gen.pools.maybe_in(pool, rest)
                  if v != form and v in rest and v not in gen.pools.aliases.get(form, ())]
        if any(word_spans(rest, v) for v in others):
            return f"the sentence lists other {pool} names beside the answer: rote recall"
    if pool == "person":
        before = _WORDS.findall(text[:at])[-TITLE_WINDOW:]
        titles = {w[:5].lower() for w in gen.titles.get(answer, ()) if len(w) >= 4}
        if any(w[:5].lower() in titles for w in before):
            return "the words before the blank name the person's post: they give the name away"
        if any(names_country(rest, c) for c in gen.countries.get(answer, ())):
            return "the sentence names the person's country: it gives the name away"
    return ""
