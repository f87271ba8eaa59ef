"""The one sampling policy: fresh, balanced, one question per fact, worth asking first."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from quizgen.making.question import Question
from quizgen.making.sampling import (
    GROUP_KINDS,
    KINDS,
    SEED_RANGE,
    caps,
    clash,
    corroboration,
    new_seed,
    order_candidates,
    sample,
)
from quizgen.making.selection import load_and_generate
from tests.conftest import CORPUS, FACTS, QUESTIONS, ROOT

AURORA = ROOT / "tests" / "banks" / "aurora"
BANKS = {"default": (FACTS, CORPUS), "aurora": (AURORA / "corpus" / "facts.yaml", AURORA / "corpus")}
SEEDS = range(50)


@cache
def questions(bank: str = "default") -> list[Question]:
    facts, corpus = BANKS[bank]
    return load_and_generate(Path(facts), Path(corpus), QUESTIONS)[1].questions


@pytest.mark.parametrize("bank", BANKS)
def test_ten_questions_hold_every_kind_and_at_most_a_third_true_false(bank: str) -> None:
    for seed in SEEDS:
        kinds = Counter(q.kind for q in sample(questions(bank), 10, seed))
        assert sum(kinds.values()) == 10
        assert kinds["true_false"] <= 10 // 3, (seed, kinds)
        assert set(kinds) == {q.kind for q in questions(bank)}, (seed, kinds)  # every kind it makes


@pytest.mark.parametrize("bank", BANKS)
def test_no_fact_is_asked_twice_and_no_two_questions_clash(bank: str) -> None:
    for seed in SEEDS:
        chosen = sample(questions(bank), 10, seed)
        facts = [f for q in chosen for f in q.fact_ids]
        assert len(facts) == len(set(facts)), seed
        assert not any(clash(a, b) for a, b in itertools.combinations(chosen, 2)), seed


def test_the_same_seed_gives_the_same_set_and_another_seed_another() -> None:
    first = sample(questions(), 10, 7)
    assert sample(questions(), 10, 7) == first
    assert sample(list(reversed(questions())), 10, 7) == first, "pool order does not matter"
    assert {q.id for q in sample(questions(), 10, 8)} != {q.id for q in first}


def test_right_options_and_true_false_answers_are_balanced_within_each_set() -> None:
    for seed in SEEDS:
        chosen = sample(questions(), 20, seed)
        letters = Counter(q.answer_index for q in chosen if q.kind == "multiple_choice")
        counts = [letters.get(i, 0) for i in range(4)]
        assert max(counts) - min(counts) <= 1, (seed, counts)
        answers = Counter(q.answer for q in chosen if q.kind == "true_false")
        assert abs(answers["True"] - answers["False"]) <= 1, (seed, answers)


def test_every_question_in_a_set_is_still_right() -> None:
    by_id = {q.id: q for q in questions()}
    for q in sample(questions(), 40, 3):
        original = by_id[q.id]
        if q.kind == "multiple_choice":
            assert q.options[q.answer_index or 0] == original.answer
            assert sorted(q.options) == sorted(original.options)
        else:
            assert q == original


def test_kinds_take_turns_so_no_kind_runs_long() -> None:
    for seed in SEEDS:
        kinds = [q.kind for q in sample(questions(), 10, seed)]
        runs = max(len(list(run)) for _, run in itertools.groupby(kinds))
        assert runs <= 2, (seed, kinds)


def test_filters_narrow_the_pool_and_the_rules_give_way_only_when_it_runs_out() -> None:
    true_false = [q for q in questions() if q.kind == "true_false"]
    assert len(sample(true_false, 10, 0)) == 10, "a true/false-only pool fills the set"
    ordering = [q for q in questions() if q.kind == "ordering"]
    assert sorted(q.id for q in sample(ordering, 50, 0)) == sorted(q.id for q in ordering)
    assert len(sample(questions(), None, 0)) == len(questions())


def test_corroborated_facts_come_first_more_often() -> None:
    pool = [q for q in questions() if q.kind == "short_answer"]
    assert len({corroboration(q) for q in pool}) > 1, "the bank has facts of 1 and of 2+ outlets"
    mean_pool = sum(map(corroboration, pool)) / len(pool)
    picked = [q for seed in SEEDS for q in sample(pool, 5, seed)]
    assert sum(map(corroboration, picked)) / len(picked) > mean_pool


def test_a_weight_plugs_in_to_order_the_candidates() -> None:
    pool = questions()
    # A disputed one: a set asks a disputed point first, then by weight among those.
    favourite = [q for q in pool if q.kind == "multiple_choice" and "disputed" in q.tags][-1]

    def weight(q: Question) -> float:
        return 1e6 if q.id == favourite.id else 1.0

    firsts = Counter(order_candidates(pool, random.Random(seed), weight)[0].id for seed in SEEDS)
    assert firsts[favourite.id] >= 45
    choices = [q for q in pool if q.kind == "multiple_choice"]
    assert favourite.id in {q.id for q in sample(choices, 6, 0, weight=weight)}


def test_clash_is_a_shared_answer_over_one_passage() -> None:
    short = [q for q in questions() if q.kind in ("short_answer", "cloze")]
    pairs = [(a, b) for a, b in itertools.combinations(short, 2) if clash(a, b)]
    assert pairs, "the default bank has a role question and a cloze over the same quote"
    a, b = pairs[0]
    assert a.answer.lower() == b.answer.lower()
    assert {(s.doc, s.quote) for s in a.sources} & {(s.doc, s.quote) for s in b.sources} or any(
        x.quote in y.quote or y.quote in x.quote for x in a.sources for y in b.sources)
    moved = b.replace(**{"sources": []})
    assert not clash(a, moved)


def test_caps_and_fresh_seeds() -> None:
    assert caps(10) == {"true_false": 3, "matching": 1, "ordering": 1, "people": 3}
    assert caps(40)["matching"] == 2 and all(k in KINDS for k in GROUP_KINDS)
    seeds = {new_seed() for _ in range(20)}
    assert len(seeds) > 1 and all(0 <= s < SEED_RANGE for s in seeds)


def test_a_short_set_is_not_always_matching_and_ordering() -> None:
    both = sum({"matching", "ordering"} <= {q.kind for q in sample(questions(), 3, seed)}
               for seed in SEEDS)
    assert both < len(SEEDS) // 2


def test_a_set_prefers_answers_not_already_given_in_any_form() -> None:
    from quizgen.making.sampling import answer_forms

    # The default bank quotes Vladimir Putin two dozen times: a set takes another kind of
    # question before it gives one answer twice.
    for seed in range(10):
        chosen = sample(questions(), 20, seed)
        forms = [answer_forms(q) for q in chosen if answer_forms(q)]
        repeats = sum(bool(a & b) for a, b in itertools.combinations(forms, 2))
        assert repeats <= 1, seed


# -- a set covers the articles' main points (the coverage issue) ----------------------------


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_a_default_sheet_asks_one_disputed_point_the_according_to_way(seed: int) -> None:
    from quizgen.render.sheet import choose_questions

    chosen = choose_questions(questions(), 20, seed)
    disputed = [q for q in chosen if "disputed" in q.tags]
    assert disputed, [q.id for q in chosen]
    assert all(q.prompt.startswith(("According to", "Which outlet reported")) for q in disputed)


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_no_more_than_a_third_of_a_sheet_asks_only_for_a_name_or_a_post(seed: int) -> None:
    from quizgen.making.sampling import asks_person
    from quizgen.render.sheet import choose_questions

    chosen = choose_questions(questions(), 20, seed)
    assert len(chosen) == 20
    assert sum(asks_person(q) for q in chosen) <= 20 // 3


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_default_sheet_spreads_over_the_banks_main_points(seed: int) -> None:
    from quizgen.render.sheet import choose_questions

    points = {q.point for q in choose_questions(questions(), 20, seed) if q.point}
    assert len(points) >= 8  # of the ten the default bank declares
