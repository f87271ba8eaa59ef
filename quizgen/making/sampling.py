"""The one sampling policy of ``quiz``, ``review`` and ``sheet``: a fresh, balanced set.

A set mixes kinds (kinds take turns; true/false at most a third; matching and ordering,
which take several facts each, one place per 20 questions), asks each fact once, never
asks two questions whose answers are the same and whose passages overlap, and prefers
what is worth asking. "Worth" is one function, :func:`corroboration` by default (facts
more outlets report come first more often); another weight, such as a curator's mark or
a story's main point, plugs in through ``weight=``. The right options and true/false
answers are balanced within the set, not only over the bank.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable, Iterable, Sequence

from quizgen.bank.text import normalize
from quizgen.making.question import Question
from quizgen.making.variants import reshuffle

Weight = Callable[[Question], float]

KINDS = ("multiple_choice", "true_false", "cloze", "short_answer", "matching", "ordering")
GROUP_KINDS = ("matching", "ordering")  # each takes three to five facts
TRUE_FALSE_SHARE = 3  # at most one question in three is true/false
GROUP_EVERY = 20  # one matching and one ordering per 20 questions (at least one each)
SEED_RANGE = 1_000_000  # fresh seeds are short enough to read off a sheet and type again


def new_seed() -> int:
    """A fresh seed for a run without ``--seed``: shown, so the run can be repeated."""
    return secrets.randbelow(SEED_RANGE)


IMPORTANCE = {"main": 3.0, "detail": 1.0}  # a main point comes first about three times as often
PEOPLE = ("person", "role")  # answers that are only a name or a post
PEOPLE_SHARE = 3  # at most one question in three asks only for a person's name or post


def corroboration(q: Question) -> float:
    """How worth asking ``q`` is: the curator's mark times how many outlets report it, per fact."""
    outlets = len({s.doc for s in q.sources}) / max(1, len(q.fact_ids))
    return IMPORTANCE.get(q.importance, 1.0) * outlets


def asks_person(q: Question) -> bool:
    """Whether ``q`` asks only for a person's name or post."""
    if q.kind == "true_false":
        return False  # it asks whether, not who
    return q.answer_type in PEOPLE or (q.kind == "matching" and q.fact_kind == "role")


def order_candidates(questions: Iterable[Question], rng: random.Random,
                     weight: Weight = corroboration) -> list[Question]:
    """Candidates best first: a random order in which heavier questions tend to come early.

    Weighted sampling without replacement (Efraimidis and Spirakis: key ``u ** (1 / w)``),
    so a seed decides the order, and every candidate still has its chance.
    """
    keyed = []
    for q in sorted(questions, key=lambda q: q.id):
        u = rng.random()
        keyed.append((u ** (1.0 / max(weight(q), 1e-6)), q.id, q))
    return [q for _, _, q in sorted(keyed, key=lambda k: (-k[0], k[1]))]


def clash(a: Question, b: Question) -> bool:
    """True when ``a`` and ``b`` share their answer and overlap in passage: one gives the other."""
    if a.kind in ("true_false", *GROUP_KINDS) or b.kind in ("true_false", *GROUP_KINDS):
        return False
    if normalize(a.answer) != normalize(b.answer):
        return False
    return any(x.doc == y.doc and (x.quote in y.quote or y.quote in x.quote)
               for x in a.sources for y in b.sources)


def answer_forms(q: Question) -> set[str]:
    """The answer and its accepted forms, normalised ("Putin" for Vladimir Putin); none for
    true/false, matching and ordering, whose answers say nothing alone."""
    if q.kind in ("true_false", *GROUP_KINDS):
        return set()
    return {normalize(form) for form in (q.answer, *q.accept)}


def caps(n: int) -> dict[str, int]:
    """How many questions of each capped kind a set of ``n`` may hold."""
    group = max(1, n // GROUP_EVERY)
    return {"true_false": max(1, n // TRUE_FALSE_SHARE), "matching": group, "ordering": group,
            "people": max(1, n // PEOPLE_SHARE)}


def sample(questions: Sequence[Question], n: int | None, seed: int, *,
           weight: Weight = corroboration) -> list[Question]:
    """At most ``n`` of ``questions`` (all for None), kinds interleaved in asking order.

    Rules are dropped one at a time only when the pool cannot fill the set otherwise:
    first the caps (on kinds, and on questions that ask only for a name or a post), then
    one question per fact. Within them the set spreads over the articles' main points (a
    point not yet asked comes first) and asks one disputed point, asked "According to …",
    where the bank records one.
    """
    rng = random.Random(f"sample:{seed}")
    want = len(questions) if n is None else min(n, len(questions))
    pools = {kind: order_candidates((q for q in questions if q.kind == kind), rng, weight)
             for kind in KINDS}
    limit = caps(want)
    rounds: list[list[Question]] = []
    chosen: list[Question] = []
    facts: set[str] = set()
    taken: set[str] = set()
    truths = {"True": 0, "False": 0}
    for capped, distinct in ((True, True), (False, True), (False, False)):
        progress = True
        while progress and len(chosen) < want:
            progress = False
            this_round: list[Question] = []
            # The scarcest kinds pick first, while the facts they need are free; a set too
            # short to hold every kind takes kinds in a random order.
            order = (sorted(KINDS, key=lambda k: (len(pools[k]), rng.random()))
                     if want >= len(KINDS) else rng.sample(KINDS, len(KINDS)))
            for kind in order:
                if len(chosen) >= want:
                    break
                if capped and kind in limit and sum(q.kind == kind for q in chosen) >= limit[kind]:
                    continue
                people = sum(asks_person(c) for c in chosen) >= limit["people"]
                fits = [q for q in pools[kind] if q.id not in taken
                        and not (capped and people and asks_person(q))
                        and not (distinct and facts.intersection(q.fact_ids))
                        and not (distinct and any(clash(q, c) for c in chosen))
                        and not (distinct and capped and gives_away(q, chosen))]
                fits = prefer_coverage(fits, chosen)
                if kind == "true_false" and fits:
                    lacking = "True" if truths["True"] <= truths["False"] else "False"
                    balanced = [q for q in fits if q.answer == lacking]
                    # A set leaning one way teaches a pattern ("these are mostly true"): it
                    # runs short of true/false before it leans, unless nothing else is left.
                    behind = truths[lacking] < max(truths.values())
                    fits = balanced or ([] if capped and behind else fits)
                elif kind not in GROUP_KINDS:  # one answer over and over teaches little
                    used = {form for c in chosen for form in answer_forms(c)}
                    fresh = [q for q in fits if not used & answer_forms(q)]
                    fits = fresh or ([] if capped else fits)  # another kind, before an answer twice
                if not fits:
                    continue
                pick = fits[0]
                chosen.append(pick)
                this_round.append(pick)
                taken.add(pick.id)
                facts.update(pick.fact_ids)
                truths[pick.answer] = truths.get(pick.answer, 0) + 1
                progress = True
            if this_round:
                rounds.append(this_round)
    return balance_positions(interleave(rounds, rng), seed)


def prefer_coverage(fits: list[Question], chosen: Sequence[Question]) -> list[Question]:
    """``fits`` reordered (stably): a disputed point first while the set has none, then
    questions on a main point the set does not ask yet."""
    # "Who proposed …?" names the point in its stem: only a question whose answer is the
    # point itself (what, when, where, how many) counts as asking it.
    points = {c.point for c in chosen if not asks_person(c)}
    disputed = any("disputed" in c.tags for c in chosen)
    return sorted(fits, key=lambda q: (disputed or "disputed" not in q.tags,
                                       asks_person(q) or q.point in points or not q.point))


def gives_away(q: Question, chosen: Sequence[Question]) -> bool:
    """Whether ``q``'s answer stands in a chosen question's prompt, or the other way round.

    A false statement names a wrong value, which gives nothing away.
    """
    mine, stem = answer_forms(q), f" {normalize(q.prompt)} "
    if any(f" {form} " in f" {normalize(c.prompt)} " for c in chosen for form in mine):
        return True
    if q.kind == "true_false" and q.answer == "False":
        return False
    return any(f" {form} " in stem for c in chosen for form in answer_forms(c))


def interleave(rounds: list[list[Question]], rng: random.Random) -> list[Question]:
    """Each round in a random order, never starting with the kind the last one ended on."""
    out: list[Question] = []
    for block in rounds:
        block = rng.sample(block, len(block))
        if out and len(block) > 1 and block[0].kind == out[-1].kind:
            block = block[1:] + block[:1]
        out.extend(block)
    return out


def balance_positions(questions: Sequence[Question], seed: int) -> list[Question]:
    """The set with its right multiple-choice options spread evenly over A–D (±1)."""
    rng = random.Random(f"positions:{seed}")
    positions: list[int] = []
    out = []
    for q in questions:
        if q.kind == "multiple_choice" and q.answer_index is not None and len(q.options) > 1:
            if not positions:
                positions = rng.sample(range(len(q.options)), len(q.options))
            q = reshuffle(q, rng, answer_at=positions.pop())
        out.append(q)
    return out


def by_sections(questions: Iterable[Question], kinds: Sequence[str]) -> list[Question]:
    """The questions grouped by kind in the order ``kinds`` gives, keeping their order within."""
    listed = list(questions)
    return [q for kind in kinds for q in listed if q.kind == kind]
