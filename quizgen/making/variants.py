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
        return q.replace(**{"options": reordered, "answer_index": index})
    if q.kind == "ordering":
        return q.replace(**{"items": reordered, "order": [moved_to[i] for i in q.order]})
    return q.replace(**{"right": reordered, "pairs": [moved_to[j] for j in q.pairs]})


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


def make_variant(questions: Sequence[Question], *, seed: int, letter: str,
                 alternatives: Sequence[Question] = ()) -> list[Question]:
    """Variant ``letter`` of a question set, the same for the same seed (see :func:`make_variants`)."""
    letters = variant_letters(LETTERS.index(letter) + 1)
    return make_variants(questions, seed=seed, letters=letters, alternatives=alternatives)[-1]


def make_variants(questions: Sequence[Question], *, seed: int, letters: Sequence[str],
                  alternatives: Sequence[Question] = ()) -> list[list[Question]]:
    """One version of a question set per letter, each section's key unlike earlier versions'.

    Within each run of one kind (a sheet's section) the questions change order, options,
    items and matching columns are reshuffled, the right multiple-choice options are spread
    evenly over the letters, and a true/false statement may give way to its fact's other
    statement from ``alternatives`` so the pattern of answers changes while staying
    balanced. A section is redrawn until its key differs from every earlier version's,
    which fails only where no other key exists (a lone fill-in, say).
    """
    sections = [list(run) for _, run in itertools.groupby(questions, key=lambda q: q.kind)]
    by_id = {q.id: q for q in alternatives}
    seen: list[set[tuple[str, ...]]] = [set() for _ in sections]
    versions = []
    for letter in letters:
        rng = random.Random(f"variant:{seed}:{letter}")
        version: list[Question] = []
        for i, block in enumerate(sections):
            drawn = block
            for _ in range(_REDRAWS):
                drawn = _redraw(block, rng, by_id)
                if section_key(drawn) not in seen[i]:
                    break
            seen[i].add(section_key(drawn))
            version.extend(drawn)
        versions.append(version)
    return versions


_REDRAWS = 200  # a section of two or more questions finds a new key in a handful of draws


def section_key(block: Sequence[Question]) -> tuple[str, ...]:
    """What a section's answer key prints, in order."""
    return tuple(q.answer_key() for q in block)


def other_statement(q: Question, by_id: dict[str, Question]) -> Question | None:
    """The true/false question of the same fact with the other answer, if there is one."""
    head, _, last = q.id.rpartition(":")
    flip = {"true": "false", "false": "true"}.get(last)
    other = by_id.get(f"{head}:{flip}") if flip else None
    return other if other is not None and other.answer != q.answer else None


def _redraw(block: Sequence[Question], rng: random.Random,
            by_id: dict[str, Question]) -> list[Question]:
    """One section in a new order, each question reshuffled (see :func:`make_variants`)."""
    block = rng.sample(list(block), len(block))
    if block[0].kind == "true_false":
        return _true_false_pattern(block, rng, by_id)
    positions: list[int] = []
    out = []
    for q in block:
        answer_at = None
        if q.kind == "multiple_choice" and q.answer_index is not None:
            if not positions:
                positions = rng.sample(range(len(q.options)), len(q.options))
            answer_at = positions.pop() if positions[-1] < len(q.options) else None
        out.append(reshuffle(q, rng, answer_at=answer_at))
    return out


def _true_false_pattern(block: list[Question], rng: random.Random,
                        by_id: dict[str, Question]) -> list[Question]:
    """True/false questions with a random pattern of answers, half True where the bank allows.

    A statement whose fact has no other statement keeps its answer; the others are set so
    that the section's True and False answers differ by at most one.
    """
    others = {q.id: other_statement(q, by_id) for q in block}
    fixed_true = sum(q.answer == "True" for q in block if others[q.id] is None)
    free = [i for i, q in enumerate(block) if others[q.id] is not None]
    target = (len(block) + rng.randrange(2)) // 2
    trues = set(rng.sample(free, min(len(free), max(0, target - fixed_true))))
    out = []
    for i, q in enumerate(block):
        other = others[q.id]
        if other is not None and (q.answer == "True") != (i in trues):
            q = other
        out.append(q)
    return out
