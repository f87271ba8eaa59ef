"""Variants of a question set: the same questions in another order, options reshuffled.

A teacher hands out version A and version B so that neighbours cannot copy. Every
reshuffle goes through :func:`permute`, which moves the answer with the options, so a
variant's questions are exactly as right as the originals.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

from quizgen.making.question import LETTERS, Question

MAX_VARIANTS = len(LETTERS)  # letters A–Z name the variants


def shown_list(q: Question) -> list[str]:
    """What a variant may reorder: the options (multiple choice), the items (ordering)
    or the right column (matching); empty for other kinds."""
    if q.kind == "multiple_choice":
        return list(q.options)
    if q.kind == "ordering":
        return list(q.items)
    if q.kind == "matching":
        return list(q.right)
    return []


def permute(q: Question, permutation: Sequence[int]) -> Question:
    """``q`` with its reorderable list (see :func:`shown_list`) in a new order; the answer follows.

    Position ``i`` of the result shows what position ``permutation[i]`` showed before.
    True/false keeps True before False, so it and the other kinds take an empty permutation.
    """
    shown = shown_list(q)
    if sorted(permutation) != list(range(len(shown))):
        raise ValueError(f"{q.id}: {list(permutation)} is not a permutation of "
                         f"{len(shown)} {q.kind} entries")
    if not shown:
        return q
    moved_to = {old: new for new, old in enumerate(permutation)}
    reordered = [shown[old] for old in permutation]
    if q.kind == "multiple_choice":
        index = None if q.answer_index is None else moved_to[q.answer_index]
        return q.model_copy(update={"options": reordered, "answer_index": index})
    if q.kind == "ordering":
        return q.model_copy(update={"items": reordered, "order": [moved_to[i] for i in q.order]})
    return q.model_copy(update={"right": reordered, "pairs": [moved_to[j] for j in q.pairs]})


def gives_away(q: Question) -> bool:
    """True when the shown order gives answers away: items in order, or any match side by side."""
    if q.kind == "ordering":
        return q.order == list(range(len(q.order)))
    if q.kind == "matching":
        return any(j == i for i, j in enumerate(q.pairs))
    return False


def reshuffle(q: Question, rng: random.Random, *, answer_at: int | None = None) -> Question:
    """``q`` with its options, items or right column in a random order that gives nothing away.

    ``answer_at`` puts the right option of a multiple-choice question at that index.
    """
    size = len(shown_list(q))
    if size < 2:
        return q
    if answer_at is not None and not (q.kind == "multiple_choice" and 0 <= answer_at < size):
        raise ValueError(f"{q.id}: cannot put the answer of a {q.kind} question at {answer_at}")
    # Retrying is cheap and ends fast: at most half the orders of 2+ entries give the answer away.
    for _ in range(64):
        permutation = list(range(size))
        rng.shuffle(permutation)
        if answer_at is not None and q.answer_index is not None:
            permutation.remove(q.answer_index)
            permutation.insert(answer_at, q.answer_index)
        shuffled = permute(q, permutation)
        if not gives_away(shuffled):
            return shuffled
    return q


def variant_letters(count: int) -> list[str]:
    """``["A", "B", …]``: the names of ``count`` variants (1 to 26)."""
    if not 1 <= count <= MAX_VARIANTS:
        raise ValueError(f"between 1 and {MAX_VARIANTS} variants, not {count}")
    return list(LETTERS[:count])


def make_variant(questions: Sequence[Question], *, seed: int, letter: str) -> list[Question]:
    """Variant ``letter`` of a question set, the same for the same seed.

    Questions are shuffled within each run of the same kind (a sheet's sections stay in
    place), every option list is reshuffled, and right multiple-choice answers are spread
    evenly over the letters, as generation spreads them over the bank.
    """
    rng = random.Random(f"variant:{seed}:{letter}")
    ordered: list[Question] = []
    for _, run in itertools.groupby(questions, key=lambda q: q.kind):
        block = list(run)
        rng.shuffle(block)
        ordered.extend(block)
    positions: list[int] = []
    out = []
    for q in ordered:
        answer_at = None
        if q.kind == "multiple_choice" and q.answer_index is not None:
            if not positions:
                positions = list(range(len(q.options)))
                rng.shuffle(positions)
            answer_at = positions.pop() if positions[-1] < len(q.options) else None
        out.append(reshuffle(q, rng, answer_at=answer_at))
    return out
