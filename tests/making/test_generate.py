"""Generation over the whole default bank: many good questions, each sourced and stable."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from quizgen.bank.dates import PartialDate
from quizgen.bank.loader import load_bank
from quizgen.bank.text import normalize
from quizgen.making.generate import Generation, generate_questions
from quizgen.making.question import Question
from quizgen.making.selection import load_and_generate
from quizgen.making.templates import load_templates
from tests.conftest import BRICS, CORPUS, FACTS, QUESTIONS, ROOT

AURORA = ROOT / "tests" / "banks" / "aurora" / "corpus"
KINDS = {"short_answer", "multiple_choice", "true_false", "cloze", "ordering", "matching"}


@pytest.fixture(scope="module")
def generation() -> Generation:
    return load_and_generate(FACTS, CORPUS, QUESTIONS)[1]


@pytest.fixture(scope="module")
def questions(generation: Generation) -> list[Question]:
    return generation.questions


def test_default_bank_yields_at_least_120_questions_of_every_kind_but_timelines(
        questions: list[Question]) -> None:
    # Background facts (general knowledge, boilerplate, wording trivia) ask nothing. A
    # question and its multiple-choice twin share a prompt, so fewer texts are distinct.
    assert len({q.id for q in questions}) == len(questions) >= 120
    assert len({normalize(q.prompt + "|" + q.answer) for q in questions}) >= 95
    # Its dated events lie on both sides of its facts' date or within a week of each
    # other: a timeline of them would order itself, so it makes none.
    assert {q.kind for q in questions} == KINDS - {"ordering"}


def test_every_fact_but_background_appears_in_at_least_one_question(questions: list[Question]) -> None:
    bank = load_bank(FACTS, CORPUS)
    asked = {fid for q in questions for fid in q.fact_ids}
    assert [f.id for f in bank.facts if f.id not in asked and f.importance != "background"] == []


def test_no_prompt_has_residue_none_doubled_spaces_or_lowercase_start(
        questions: list[Question]) -> None:
    for q in questions:
        for text in (q.prompt, q.answer, *q.options, *q.items, *q.left, *q.right):
            assert not re.search(r"\{\{|\}\}|\{%|%\}", text), q.id
            assert not re.search(r"\bNone\b", text), q.id
            assert "  " not in text, q.id
            assert text == text.strip(), q.id
        assert q.prompt[0].isupper() or q.prompt[0] in "“\"", q.id


def test_every_question_carries_answer_sources_and_fact_ids(questions: list[Question]) -> None:
    docs = {p.stem for p in CORPUS.glob("*.md")}
    for q in questions:
        assert q.answer and q.fact_ids and q.tags and q.sources, q.id
        for source in q.sources:
            assert source.doc in docs and source.outlet and source.title and source.quote


def test_quotes_shown_with_questions_are_verbatim_from_their_article(
        questions: list[Question]) -> None:
    bank = load_bank(FACTS, CORPUS)
    for q in questions:
        for s in q.sources:
            assert bank.document(s.doc).contains(s.quote), (q.id, s.doc)


def test_multiple_choice_has_four_distinct_options_and_the_answer_among_them(
        questions: list[Question]) -> None:
    for q in (q for q in questions if q.kind == "multiple_choice"):
        assert len(q.options) == 4
        assert len({normalize(o) for o in q.options}) == 4
        assert q.answer_index is not None and q.options[q.answer_index] == q.answer
        wrong = [o for i, o in enumerate(q.options) if i != q.answer_index]
        accepted = {normalize(a) for a in [q.answer, *q.accept]}
        assert not accepted & {normalize(o) for o in wrong}, q.id


def test_right_option_is_spread_evenly_over_a_to_d(questions: list[Question]) -> None:
    positions = Counter(q.answer_letter for q in questions if q.kind == "multiple_choice")
    assert max(positions.values()) - min(positions.values()) <= 1


def test_true_false_comes_in_true_and_false_pairs_whose_false_is_not_held_true(
        questions: list[Question]) -> None:
    tf = [q for q in questions if q.kind == "true_false"]
    true = {normalize(q.prompt) for q in tf if q.answer == "True"}
    for q in tf:
        assert q.options == ["True", "False"]
        if q.answer == "False":
            assert normalize(q.prompt) not in true, q.id
            assert q.id.endswith(":false") and q.id.removesuffix(":false") + ":true" in {
                x.id for x in tf}


def test_cloze_blank_joins_back_to_the_full_text(questions: list[Question]) -> None:
    for q in (q for q in questions if q.kind == "cloze"):
        assert q.prompt == f"{q.cloze_before}_____{q.cloze_after}"
        assert q.prompt.count("_____") == 1
        assert q.answer not in q.prompt


def test_ordering_lists_3_to_5_events_whose_order_is_certain() -> None:
    bank, generation = load_and_generate(BRICS / "facts.yaml", BRICS, QUESTIONS)
    ordering = [q for q in generation.questions if q.kind == "ordering"]
    assert ordering
    today = bank.facts_file.as_of.last_day
    for q in ordering:
        assert 3 <= len(q.items) <= 5 and sorted(q.order) == list(range(len(q.items)))
        # not every fact kind has a date, so mypy wants getattr
        dates = {f: getattr(bank.by_id[f], "date") for f in q.fact_ids}  # noqa: B009
        ordered = sorted(dates.values(), key=lambda d: d.first_day)
        assert all((b.first_day - a.last_day).days >= 7 for a, b in zip(ordered, ordered[1:], strict=False))
        assert len({d.last_day <= today for d in ordered}) == 1, "past and future events order themselves"
        assert not any(re.search(r"\b(next|first|opening|closing)\b", item, re.I) for item in q.items)
        assert q.order != list(range(len(q.items))), "shown already in order"


def test_matching_pairs_are_a_permutation_with_no_partners_side_by_side(
        questions: list[Question]) -> None:
    matching = [q for q in questions if q.kind == "matching"]
    assert matching
    for q in matching:
        assert 3 <= len(q.left) == len(q.right) <= 5
        assert sorted(q.pairs) == list(range(len(q.left)))
        assert all(j != i for i, j in enumerate(q.pairs)), q.id


def shown_date(text: str) -> PartialDate:
    """``27 November 2025``, ``November 2025`` or ``2025`` read back."""
    for fmt, precision in (("%d %B %Y", 3), ("%B %Y", 2), ("%Y", 1)):
        try:
            day = dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
        return PartialDate(day.year, *(day.month, day.day)[:precision - 1])
    raise AssertionError(f"not a date: {text!r}")


def test_a_wrong_date_is_on_the_same_side_of_as_of_as_the_right_one(
        questions: list[Question]) -> None:
    as_of = load_bank(FACTS, CORPUS).facts_file.as_of.last_day
    asked = [q for q in questions if q.template_id == "event-date-choice"]
    assert asked
    for q in asked:
        past = [shown_date(o).last_day <= as_of for o in q.options]
        assert len(set(past)) == 1, q.options


def test_people_are_also_accepted_by_a_surname_no_one_else_in_the_bank_has(
        questions: list[Question]) -> None:
    by_id = {q.id: q for q in questions}
    assert "Putin" in by_id["statement-speaker-name:putin-eurasia-forum-proposal"].accept
    assert "Tasmagambetov" in by_id["role-predecessor:role-masadykov-sg"].accept
    # Two Alexanders, but first names are never taken alone.
    assert "Alexander" not in by_id["statement-speaker-name:lukashenko-western-flank"].accept


def test_a_speaker_that_is_not_a_person_gets_no_people_as_wrong_options(
        questions: list[Question]) -> None:
    asked = [q for q in questions if "armenia-no-objection" in q.fact_ids]
    assert asked and all(q.kind != "multiple_choice" for q in asked)
    assert not any(q.id.endswith(":false") and "it did not object" in q.prompt for q in asked)


def test_disputed_facts_are_only_asked_as_what_an_outlet_reported(questions: list[Question]) -> None:
    bank = load_bank(FACTS, CORPUS)
    disputed = {f.id for f in bank.facts if f.disputed}
    assert disputed
    for q in questions:
        if set(q.fact_ids) & disputed:
            assert "disputed" in q.tags
            assert q.prompt.startswith(("According to", "Which outlet reported")), q.prompt


def claims_by_outlet(fact_id: str) -> dict[str, set[str]]:
    """What each outlet claims about a disputed fact of the default bank."""
    bank = load_bank(FACTS, CORPUS)
    fact = bank.by_id[fact_id]
    made: dict[str, set[str]] = {}
    for source in fact.sources:
        made.setdefault(bank.documents[source.doc].meta.outlet, set()).add(source.claim or "")
    return made


def test_according_to_an_outlet_is_only_ever_what_that_outlet_says(
        questions: list[Question]) -> None:
    # "According to X, <the other side's claim>" would be false only by reading X's silence.
    asked = [q for q in questions if q.template_id == "disputed-according-to"]
    assert asked and {q.answer for q in asked} == {"True"}
    for q in asked:
        made = claims_by_outlet(q.fact_ids[0])
        outlet = next(o for o in made if q.prompt.startswith(f"According to {o}, "))
        said = any(normalize(q.prompt).endswith(normalize(c)) for c in made[outlet])
        assert said == (q.answer == "True"), q.prompt


def test_which_outlet_reported_a_claim_has_one_right_option(questions: list[Question]) -> None:
    asked = [q for q in questions if q.template_id == "disputed-which-outlet"]
    assert asked
    for q in asked:
        made = claims_by_outlet(q.fact_ids[0])
        reporting = {o for o, claims in made.items() if any(c.rstrip(".") in q.prompt for c in claims)}
        assert reporting == {q.answer}, q.prompt


def test_future_and_past_tense_follow_as_of(questions: list[Question]) -> None:
    prompts = {q.id: q.prompt for q in questions}
    assert prompts["event-date:russia-chairmanship-start"] == "When will Russia's CSTO chairmanship begin?"
    assert prompts["event-date-statement:next-summit-moscow:true"] == (
        "The next CSTO summit will be held in Moscow on 11 November 2026.")
    past = {q.id: q.prompt for q in load_and_generate(BRICS / "facts.yaml", BRICS, QUESTIONS)[1].questions}
    assert past["event-date:first-bric-summit"] == "In what year was the first BRIC summit held?"
    assert past["event-date-statement:first-bric-summit:true"] == (
        "The first BRIC summit was held in Yekaterinburg in 2009.")


def test_aliases_are_accepted_answers(questions: list[Question]) -> None:
    q = next(q for q in questions if q.id == "role-successor:role-masadykov-sg")
    assert q.answer == "Taalatbek Masadykov" and "Taaltbek Masadykov" in q.accept


def test_same_inputs_and_seed_give_identical_questions() -> None:
    first = load_and_generate(FACTS, CORPUS, QUESTIONS, seed=5)[1].questions
    again = load_and_generate(FACTS, CORPUS, QUESTIONS, seed=5)[1].questions
    assert [q.to_dict() for q in first] == [q.to_dict() for q in again]


def test_seed_changes_option_order_but_not_ids_or_answers() -> None:
    a = load_and_generate(FACTS, CORPUS, QUESTIONS, seed=1)[1].questions
    b = load_and_generate(FACTS, CORPUS, QUESTIONS, seed=2)[1].questions
    assert [q.id for q in a] == [q.id for q in b]
    assert [q.answer for q in a] == [q.answer for q in b]
    assert [q.options for q in a] != [q.options for q in b]


def test_editing_a_templates_wording_keeps_question_ids(tmp_bank: Path) -> None:
    bank = load_bank(FACTS, CORPUS)
    before = generate_questions(bank, load_templates(QUESTIONS))
    statements = tmp_bank / "questions" / "statements.yaml"
    statements.write_text(statements.read_text().replace("Match each speaker with what they said",
                                                         "Pair each speaker with their words"))
    after = generate_questions(bank, load_templates(tmp_bank / "questions"))
    assert [q.id for q in before.questions] == [q.id for q in after.questions]
    assert any(q.prompt.startswith("Pair") for q in after.questions)


def test_templates_name_nothing_specific_to_the_default_bank() -> None:
    text = " ".join(p.read_text() for p in QUESTIONS.glob("*.yaml"))
    for word in ("CSTO", "Bishkek", "Moscow", "Putin", "Armenia", "Russia", "Masadykov"):
        assert word not in text


def test_a_bank_on_another_topic_runs_through_the_same_templates() -> None:
    bank, generation = load_and_generate(AURORA / "facts.yaml", AURORA, QUESTIONS)
    kinds = {q.kind for q in generation.questions}
    # Its events are too few, or too close, to order, and its speakers and posts too few
    # to match (four or more make a question).
    assert kinds == KINDS - {"ordering", "matching"}
    asked = {fid for q in generation.questions for fid in q.fact_ids}
    # A country's own official is not asked by name or post (the name gives the country away).
    national = {f.id for f in bank.facts if f.kind == "role" and f.country and not f.organisation}
    assert national and asked == {f.id for f in bank.facts if f.importance != "background"} - national
    q = next(q for q in generation.questions if q.id == "role-successor:role-vask")
    assert q.prompt == "Who will succeed Petra Lund as Chief Coordinator of the Northern Compact?"
    assert q.answer == "Oren Vask"
    assert "Oren Vaske" not in q.options  # an alias is never a wrong option


def test_a_pool_too_small_for_a_fact_skips_the_question_and_says_why() -> None:
    _, generation = load_and_generate(AURORA / "facts.yaml", AURORA, QUESTIONS)
    reasons = {(s.template_id, s.fact_ids): s.reason for s in generation.skipped}
    assert reasons[("event-place-choice", ("spring-council",))].startswith(
        "only 1 wrong options of the answer's type in the place pool")
    assert not any(q.id == "event-place-choice:spring-council" for q in generation.questions)


def test_questions_share_one_empty_list_that_refuses_change_and_survives_the_cache(
        questions: list[Question]) -> None:
    import pickle

    from quizgen.making.question import NO_ITEMS

    q = next(q for q in questions if q.kind == "true_false")
    assert q.accept is NO_ITEMS and q.items is NO_ITEMS and q.accept == []
    with pytest.raises(TypeError):
        q.accept.append("x")
    with pytest.raises(TypeError):
        q.items += ["x"]  # type: ignore[misc]
    assert NO_ITEMS == [] and pickle.loads(pickle.dumps(questions)) == questions
    assert pickle.loads(pickle.dumps(q)).accept is NO_ITEMS
    assert q.to_dict()["accept"] == [] and json_ready(q.to_dict())


def json_ready(data: object) -> bool:
    import json

    return bool(json.dumps(data))
