"""Ordering and matching: questions over groups of 3–5 facts that fit together."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from quizgen.bank.dates import PartialDate
from quizgen.bank.text import normalize
from quizgen.making.clues import speaker_clue

if TYPE_CHECKING:
    from quizgen.bank.facts import Fact
    from quizgen.making.generate import Generator
    from quizgen.making.templates import QuestionTemplate

GROUP_SIZES = (3, 4, 5)
# Items that say where they stand ("the first summit", "the next summit") order themselves.
SELF_ORDERING = re.compile(r"\b(first|last|previous|former|inaugural|founding|next|upcoming|"
                           r"opening|closing|final)\b", re.IGNORECASE)
SMALLEST = 4
MIN_GAP_DAYS = 7
GROUP_WINDOW = 60  # facts considered together when grouping (see cover_with_groups)


def make_groups(gen: Generator, t: QuestionTemplate, facts: list[Fact]) -> None:
    """Every ordering or matching question ``t`` makes over ``facts``."""
    members: list[tuple[Any, ...]] = []  # (fact, date, item) or (fact, left, right)
    for fact in facts:
        ctx = {**gen.globals, "fact": fact, "real": fact}
        if not t.applies(ctx, fact.id) or speaker_clue(t, fact, gen.countries):
            continue
        if t.question == "ordering":
            key = getattr(fact, t.order_by or "", None)
            item = t.render("item", ctx, fact.id) if isinstance(key, PartialDate) else ""
            if item and not SELF_ORDERING.search(item):
                members.append((fact, key, item))
        else:
            members.append((fact, t.render("left", ctx, fact.id), t.render("right", ctx, fact.id)))
    if t.question == "ordering":
        # Events that happened and events to come order themselves into two halves: a
        # timeline holds events on one side of the facts' date only.
        today = gen.bank.facts_file.as_of.last_day
        past = [m for m in members if m[1].last_day <= today]
        members = past if len(past) * 2 >= len(members) else [m for m in members if m not in past]
    else:
        # A row whose words name another person shown rules itself out ("Awarded <name> …"
        # beside that name): no statement naming a person of the bank.
        names = gen.people_named
        members = [m for m in members if not (names and names.search(m[2]))]
    fits = distinct_dates if t.question == "ordering" else distinct_pairs
    # Three events in order are mostly common sense ("the next summit" comes last), and
    # three pairs have only two arrangements with no partner beside its own, too few for
    # variants of a sheet to differ: four or more make a question.
    smallest = SMALLEST
    groups = [g for g in cover_with_groups(members, fits, random.Random(t.id)) if len(g) >= smallest]
    if not groups:
        gen.skip(t, [m[0] for m in members], f"fewer than {smallest} facts fit together")
    for group in groups:
        group_facts = [m[0] for m in group]
        qid = f"{t.id}:" + "+".join(sorted(f.id for f in group_facts))
        rng = random.Random(f"{gen.seed}:{qid}")
        ctx = {**gen.globals, "facts": group_facts}
        prompt = t.render("prompt", ctx, qid)
        if t.question == "ordering":
            _ordering(gen, t, group, group_facts, qid, ctx, prompt, rng)
        else:
            _matching(gen, t, group, group_facts, qid, ctx, prompt, rng)


def _ordering(gen: Generator, t: QuestionTemplate, group: list[Any], group_facts: list[Fact],
              qid: str, ctx: dict[str, Any], prompt: str, rng: random.Random) -> None:
    chronological = sorted(group, key=lambda m: m[1].first_day)
    shown = chronological[:]
    while shown == chronological:
        rng.shuffle(shown)
    items = [m[2] for m in shown]
    order = [shown.index(m) for m in chronological]
    answer = "; ".join(f"{m[2]}: {m[1].readable()}" for m in chronological)  # "… (Kazan): 2013"
    why = "; ".join(f"{m[2]}: {m[1].readable()} ({gen.sources[m[0].id][0].outlet})"
                    for m in chronological)
    gen.emit(t, group_facts, qid, ctx, kind="ordering", prompt=prompt,
             answer=answer, items=items, order=order, explanation_prefix=f"In order: {why}.")


def _matching(gen: Generator, t: QuestionTemplate, group: list[Any], group_facts: list[Fact],
              qid: str, ctx: dict[str, Any], prompt: str, rng: random.Random) -> None:
    right = [m[2] for m in group]
    # No entry beside its partner: even one such row gives that pair away.
    while any(r == m[2] for r, m in zip(right, group, strict=True)):
        rng.shuffle(right)
    pairs = [right.index(m[2]) for m in group]
    answer = "; ".join(f"{m[1]} – {m[2]}" for m in group)
    why = "; ".join(f"{m[1]} – {m[2]} ({gen.sources[m[0].id][0].outlet})" for m in group)
    gen.emit(t, group_facts, qid, ctx, kind="matching", prompt=prompt,
             answer=answer, left=[m[1] for m in group], right=right, pairs=pairs,
             explanation_prefix=f"As the articles report: {why}.")


def distinct_dates(a: Any, b: Any) -> bool:
    """Two ordering members ``(fact, date, item)`` whose dates have a clear order, a week or
    more apart: the days of one summit (its opening, its declaration, its closing news
    conference) order themselves by common sense."""
    first, second = sorted((a[1], b[1]), key=lambda d: d.first_day)
    return bool(first.is_before(second)) and (second.first_day - first.last_day).days >= MIN_GAP_DAYS


def distinct_pairs(a: Any, b: Any) -> bool:
    """Two matching members ``(fact, left, right)`` that cannot be mistaken for each other,
    and not two posts alike but for their country ("Foreign Minister of Brazil", "… of
    Indonesia"): those match by the sound of the names alone."""
    heads = [r.partition(" of ")[0].lower() for r in (a[2], b[2]) if " of " in r]
    return (normalize(a[1]) != normalize(b[1]) and normalize(a[2]) != normalize(b[2])
            and not (len(heads) == 2 and heads[0] == heads[1]))


def cover_with_groups(members: list[Any], fits: Callable[[Any, Any], bool],
                      rng: random.Random) -> list[list[Any]]:
    """Groups of 3–5 members that all fit together, covering every member that can be covered.

    Members are grouped within windows of at most ``GROUP_WINDOW`` neighbours (in bank
    order): finding one group shuffles every candidate, so a single window over
    thousands of facts would take cubic time. Banks this small use one window.
    """
    windows = max(1, -(-len(members) // GROUP_WINDOW))
    size, extra = divmod(len(members), windows)
    groups: list[list[Any]] = []
    start = 0
    for w in range(windows):
        end = start + size + (w < extra)
        groups += _cover_window(members[start:end], fits, rng)
        start = end
    return groups


def _cover_window(members: list[Any], fits: Callable[[Any, Any], bool],
                  rng: random.Random) -> list[list[Any]]:
    groups: list[list[Any]] = []
    seen: set[tuple[int, ...]] = set()
    uncovered = list(range(len(members)))
    pending = set(uncovered)  # the same members as `uncovered`, for fast lookups
    attempts = 0
    while uncovered and attempts < 4 * len(members):
        attempts += 1
        anchor = uncovered[0]
        size = rng.choice(GROUP_SIZES)
        others = [i for i in range(len(members)) if i != anchor]
        rng.shuffle(others)
        others.sort(key=lambda i: i not in pending)  # prefer members not yet asked about
        group = [anchor]
        for i in others:
            if len(group) == size:
                break
            if all(fits(members[i], members[j]) for j in group):
                group.append(i)
        if len(group) >= GROUP_SIZES[0]:
            key = tuple(sorted(group))
            if key not in seen:
                seen.add(key)
                groups.append(group)
        pending.difference_update(group)
        uncovered = [i for i in uncovered if i in pending]
    return [[members[i] for i in g] for g in groups]
