"""Variants: reshuffled questions stay exactly as right as the originals."""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.making.question import LETTERS, Question
from quizgen.making.variants import (
    MAX_VARIANTS,
    gives_away,
    make_variant,
    permute,
    reshuffle,
    shown_list,
    variant_letters,
)
from tests.conftest import every_kind


@pytest.fixture(scope="module")
def questions() -> list[Question]:
    return every_kind()


def of_kind(questions: list[Question], kind: str) -> list[Question]:
    found = [q for q in questions if q.kind == kind]
    assert found, f"no {kind} question"
    return found


def solution(q: Question) -> Any:
    """What makes a question right, independent of the order things are shown in."""
    if q.kind == "multiple_choice":
        assert q.answer_index is not None
        return q.options[q.answer_index], sorted(q.options)
    if q.kind == "ordering":
        return [q.items[i] for i in q.order], sorted(q.items)
    if q.kind == "matching":
        return sorted((left, q.right[j]) for left, j in zip(q.left, q.pairs, strict=True))
    return q.answer, q.options


def assert_consistent(q: Question) -> None:
    """The fields of a question agree with each other, as the Question docstring says."""
    if q.kind == "multiple_choice":
        assert q.answer_index is not None and q.options[q.answer_index] == q.answer
        assert q.answer_key() == f"{LETTERS[q.answer_index]}) {q.answer}"
    if q.kind == "ordering":
        assert sorted(q.order) == list(range(len(q.items)))
        # the answer text names the items earliest first
        names = [q.items[i] for i in q.order]
        positions = [q.answer.index(name) for name in names]
        assert positions == sorted(positions)
    if q.kind == "matching":
        assert sorted(q.pairs) == list(range(len(q.right)))
        for left, j in zip(q.left, q.pairs, strict=True):
            assert f"{left} – {q.right[j]}" in q.answer


@pytest.mark.parametrize("kind", ["multiple_choice", "ordering", "matching"])
def test_every_permutation_keeps_every_question_right(questions: list[Question],
                                                      kind: str) -> None:
    for q in of_kind(questions, kind)[:6]:
        size = len(shown_list(q))
        for permutation in itertools.permutations(range(size)):
            moved = permute(q, permutation)
            assert solution(moved) == solution(q)
            assert_consistent(moved)
            assert moved.id == q.id and moved.answer == q.answer and moved.prompt == q.prompt


def test_permute_shows_what_the_permutation_names(questions: list[Question]) -> None:
    q = of_kind(questions, "multiple_choice")[0]
    moved = permute(q, [3, 2, 1, 0])
    assert moved.options == list(reversed(q.options))
    assert moved.answer_index == 3 - (q.answer_index or 0)


def test_permute_by_the_identity_changes_nothing(questions: list[Question]) -> None:
    for q in questions:
        assert permute(q, range(len(shown_list(q)))) == q


@pytest.mark.parametrize("kind", ["true_false", "short_answer", "cloze"])
def test_kinds_without_a_list_to_reorder_stay_as_they_are(questions: list[Question],
                                                          kind: str) -> None:
    q = of_kind(questions, kind)[0]
    assert shown_list(q) == []
    assert permute(q, []) == q
    assert reshuffle(q, random.Random(1)) == q
    with pytest.raises(ValueError, match="not a permutation"):
        permute(q, [1, 0])


@pytest.mark.parametrize("bad", [[0, 1, 2], [0, 1, 2, 2], [1, 2, 3, 4], [0, 1, 2, 3, 4]])
def test_a_list_that_is_not_a_permutation_is_refused(questions: list[Question],
                                                     bad: list[int]) -> None:
    q = of_kind(questions, "multiple_choice")[0]
    with pytest.raises(ValueError, match="not a permutation of 4 multiple_choice entries"):
        permute(q, bad)


def test_the_original_is_left_untouched(questions: list[Question]) -> None:
    q = of_kind(questions, "matching")[0]
    right, pairs = list(q.right), list(q.pairs)
    permute(q, list(reversed(range(len(right)))))
    assert q.right == right and q.pairs == pairs


@pytest.mark.parametrize("kind", ["ordering", "matching"])
def test_a_reshuffle_never_gives_the_answer_away(questions: list[Question], kind: str) -> None:
    for q in of_kind(questions, kind):
        for seed in range(40):
            shuffled = reshuffle(q, random.Random(seed))
            assert not gives_away(shuffled)
            assert solution(shuffled) == solution(q)


def test_gives_away_spots_items_in_order_and_matches_side_by_side(
        questions: list[Question]) -> None:
    ordering = of_kind(questions, "ordering")[0]
    in_order = permute(ordering, ordering.order)
    assert in_order.order == list(range(len(ordering.items))) and gives_away(in_order)
    matching = of_kind(questions, "matching")[0]
    side_by_side = permute(matching, matching.pairs)
    assert side_by_side.pairs == list(range(len(matching.left))) and gives_away(side_by_side)
    assert not gives_away(ordering) and not gives_away(matching)


def test_reshuffle_puts_the_right_option_where_asked(questions: list[Question]) -> None:
    for q in of_kind(questions, "multiple_choice")[:10]:
        for position in range(4):
            shuffled = reshuffle(q, random.Random(position), answer_at=position)
            assert shuffled.answer_index == position
            assert shuffled.options[position] == q.answer
            assert sorted(shuffled.options) == sorted(q.options)


def test_answer_at_is_only_for_multiple_choice_within_its_options(
        questions: list[Question]) -> None:
    with pytest.raises(ValueError, match="cannot put the answer"):
        reshuffle(of_kind(questions, "multiple_choice")[0], random.Random(0), answer_at=4)
    with pytest.raises(ValueError, match="cannot put the answer"):
        reshuffle(of_kind(questions, "ordering")[0], random.Random(0), answer_at=0)


def test_reshuffle_is_seeded(questions: list[Question]) -> None:
    q = of_kind(questions, "ordering")[0]
    assert reshuffle(q, random.Random(5)) == reshuffle(q, random.Random(5))
    orders = {tuple(reshuffle(q, random.Random(s)).items) for s in range(30)}
    assert len(orders) > 5


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_permutation_of_any_question_keeps_it_right(questions: list[Question],
                                                        data: st.DataObject) -> None:
    q = data.draw(st.sampled_from(questions))
    permutation = data.draw(st.permutations(range(len(shown_list(q)))))
    moved = permute(q, permutation)
    assert solution(moved) == solution(q)
    assert_consistent(moved)


def test_variant_letters() -> None:
    assert variant_letters(1) == ["A"]
    assert variant_letters(3) == ["A", "B", "C"]
    assert variant_letters(MAX_VARIANTS)[-1] == "Z"
    for bad in (0, 27):
        with pytest.raises(ValueError, match="between 1 and 26"):
            variant_letters(bad)


@pytest.fixture(scope="module")
def sheet_questions(questions: list[Question]) -> list[Question]:
    """Twenty questions laid out as a sheet: runs of one kind after another."""
    from quizgen.render.sheet import choose_questions

    return choose_questions(questions, 20, seed=0)


def test_a_variant_holds_the_same_questions_each_still_right(
        sheet_questions: list[Question]) -> None:
    by_id = {q.id: q for q in sheet_questions}
    for letter in "ABC":
        variant = make_variant(sheet_questions, seed=0, letter=letter)
        assert sorted(q.id for q in variant) == sorted(by_id)
        for q in variant:
            assert solution(q) == solution(by_id[q.id])
            assert_consistent(q)
            assert not gives_away(q)


def test_a_variant_keeps_the_sections_and_reorders_within_them(
        sheet_questions: list[Question]) -> None:
    a = make_variant(sheet_questions, seed=0, letter="A")
    b = make_variant(sheet_questions, seed=0, letter="B")
    assert [q.kind for q in a] == [q.kind for q in b] == [q.kind for q in sheet_questions]
    assert [q.id for q in a] != [q.id for q in b]
    assert [q.id for q in a] != [q.id for q in sheet_questions]


def test_variants_reshuffle_the_options(sheet_questions: list[Question]) -> None:
    a = {q.id: q for q in make_variant(sheet_questions, seed=0, letter="A")}
    b = {q.id: q for q in make_variant(sheet_questions, seed=0, letter="B")}
    mc = [i for i, q in a.items() if q.kind == "multiple_choice"]
    assert any(a[i].options != b[i].options for i in mc)


def test_a_variant_is_the_same_for_the_same_seed_and_letter(
        sheet_questions: list[Question]) -> None:
    first = make_variant(sheet_questions, seed=4, letter="C")
    assert make_variant(sheet_questions, seed=4, letter="C") == first
    assert make_variant(sheet_questions, seed=5, letter="C") != first


def test_a_variant_spreads_the_right_options_over_a_to_d(questions: list[Question]) -> None:
    mc = of_kind(questions, "multiple_choice")[:16]
    for letter in "AB":
        positions = Counter(q.answer_letter for q in make_variant(mc, seed=0, letter=letter))
        assert positions == {"A": 4, "B": 4, "C": 4, "D": 4}


def test_variants_of_a_twenty_question_sheet_never_share_a_section_key(
        questions: list[Question]) -> None:
    from quizgen.making.variants import make_variants, section_key
    from quizgen.render.sheet import choose_questions

    for seed in range(50):
        chosen = choose_questions(questions, 20, seed=seed)
        for versions in (make_variants(chosen, seed=seed, letters="AB", alternatives=questions),
                         make_variants(chosen, seed=seed, letters="ABC", alternatives=questions)):
            sections = [[list(run) for _, run in itertools.groupby(v, key=lambda q: q.kind)]
                        for v in versions]
            for i, j in itertools.combinations(range(len(versions)), 2):
                for a, b in zip(sections[i], sections[j], strict=True):
                    # Two fill-ins have two orders only: three versions cannot all differ.
                    if a[0].kind in ("cloze", "short_answer") and math.factorial(len(a)) < len(versions):
                        continue
                    assert section_key(a) != section_key(b), (seed, a[0].kind)
            for v in versions:
                letters = Counter(q.answer_index for q in v if q.kind == "multiple_choice")
                counts = [letters.get(k, 0) for k in range(4)]
                assert max(counts) - min(counts) <= 1, (seed, counts)
                answers = Counter(q.answer for q in v if q.kind == "true_false")
                assert abs(answers["True"] - answers["False"]) <= 1, (seed, answers)
                assert sorted(f for q in v for f in q.fact_ids) == \
                    sorted(f for q in chosen for f in q.fact_ids), "the same facts"


def test_a_variant_may_swap_a_statement_for_its_facts_other_statement(
        questions: list[Question]) -> None:
    from quizgen.making.variants import other_statement

    by_id = {q.id: q for q in questions}
    statements = [q for q in questions if q.kind == "true_false"]
    paired = [q for q in statements if other_statement(q, by_id)]
    assert paired
    for q in paired:
        other = other_statement(q, by_id)
        assert other is not None and other.fact_ids == q.fact_ids and other.answer != q.answer
