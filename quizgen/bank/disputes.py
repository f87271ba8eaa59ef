"""Settled facts that rest on one side of a dispute the bank records.

A disputed fact is only ever asked "According to …". A fact asked plainly that quotes
the same passage as one side of a dispute would teach that side as settled (the start
date of a term that another outlet says began already). ``quizgen check`` refuses such
an overlap unless the curator lists the dispute in the fact's ``unaffected_by``: the
quote is shared, but what this fact says is not in dispute.
"""

from __future__ import annotations

from collections.abc import Sequence

from quizgen.bank.corpus import collapse_whitespace
from quizgen.bank.facts import Fact

OVERLAP = 0.6  # share of the shorter quote that two quotes must have in one run to be one passage


def settled_on_disputes(facts: Sequence[Fact]) -> list[str]:
    """One line per settled fact that quotes a passage a dispute's side also quotes."""
    sides = dispute_sides(facts)
    overlaps: dict[tuple[str, str], bool] = {}
    problems = []
    for fact in facts:
        if fact.disputed is not None or fact.importance == "background":
            continue
        for source in fact.sources:
            quote = collapse_whitespace(source.quote)
            for disputed_id, side in sides.get(source.doc, {}):
                if disputed_id in fact.unaffected_by:
                    continue
                found = overlaps.get((quote, side))
                if found is None:
                    found = overlaps[quote, side] = _overlap(quote, side)
                if found:
                    problems.append(
                        f"fact {fact.id!r} quotes {source.doc} where the disputed fact "
                        f"{disputed_id!r} does: it would be taught as settled. Mark it "
                        f"disputed, ask it through {disputed_id!r}, or list "
                        f"{disputed_id!r} in its `unaffected_by`")
                    break
    return problems


def _overlap(a: str, b: str) -> bool:
    """Whether two quotes are one passage: one holds the other, or most of the shorter one
    stands in the other in one run (sentences cut a little differently)."""
    if a in b or b in a:
        return True
    from difflib import SequenceMatcher

    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= OVERLAP * min(len(a), len(b))


Sides = dict[str, dict[tuple[str, str], None]]  # doc -> {(disputed fact id, passage)}, in order


def dispute_sides(facts: Sequence[Fact]) -> Sides:
    """Each article's passages that a side of a dispute quotes (whitespace collapsed), with
    the disputed fact's id. A quote many sources repeat is one side, so what is done with
    them grows with the distinct passages, not the sources (8,000 of them took 93 s)."""
    sides: Sides = {}
    for fact in facts:
        if fact.disputed is not None:
            for source in fact.sources:
                sides.setdefault(source.doc, {})[fact.id, collapse_whitespace(source.quote)] = None
    return sides


def shows_a_side(text: str, doc: str, quote: str, sides: Sides) -> bool:
    """Whether ``text`` (a sentence of ``doc`` shown around ``quote``) also shows a side of a
    dispute that ``quote`` itself does not: "Armenia suspended its participation … and
    announced its intention to withdraw" teaches the withdrawal, which outlets dispute."""
    own = collapse_whitespace(quote)
    return any(p in text and p not in own for _, p in sides.get(doc, ()))

