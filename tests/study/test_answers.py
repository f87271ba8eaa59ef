"""Answer checking: forgiving about form (case, accents, typos, date forms), strict about facts."""

from __future__ import annotations

import datetime as dt
import string
import unicodedata
from functools import cache
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from quizgen.bank.dates import PartialDate
from quizgen.bank.text import normalize
from quizgen.making.question import Question, QuestionKind
from quizgen.making.selection import load_and_generate
from quizgen.study.answers import (
    answer_format,
    canonical,
    check_answer,
    match_text,
    parse_date,
)
from tests.conftest import CORPUS, FACTS, QUESTIONS


def make(kind: QuestionKind, answer: str, **fields: Any) -> Question:
    """A question of ``kind`` with only what checking needs."""
    return Question(id=f"test:{kind}", kind=kind, prompt="?", answer=answer, fact_ids=["f"],
                    fact_kind="event", template_id="test", sources=[], **fields)


@cache
def bank_questions() -> tuple[Question, ...]:
    return tuple(load_and_generate(FACTS, CORPUS, QUESTIONS)[1].questions)


MC = make("multiple_choice", "Moscow", options=["Minsk", "Moscow", "Astana", "Bishkek"],
          answer_index=1)
PEOPLE = make("multiple_choice", "Emomali Rahmon", answer_index=3, options=[
    "Vladimir Putin", "Mnatsakan Safaryan", "Sadyr Japarov", "Emomali Rahmon"])
DAYS = make("multiple_choice", "1 January 2026", answer_index=0, options=[
    "1 January 2026", "4 January 2026", "31 December 2025", "3 January 2026"])
TF = make("true_false", "False", options=["True", "False"], answer_index=1)
ORDER = make("ordering", "…", items=["second", "third", "first"], order=[2, 0, 1])
MATCH = make("matching", "…", left=["Putin", "Japarov", "Rahmon"],
             right=["Kyrgyzstan", "Tajikistan", "Russia"], pairs=[2, 0, 1])
NAME = make("short_answer", "Taalatbek Masadykov", accept=["Taaltbek Masadykov"])
DATE = make("short_answer", "11 November 2026", accept=["2026-11-11", "November 11, 2026"])
FIGURE = make("short_answer", "more than 30,000 people", accept=["30,000"])
COUNT = make("short_answer", "five years", accept=["5"])
YEAR = make("short_answer", "2002")
PLACE = make("cloze", "Bishkek", cloze_before="held in ", cloze_after=".")
DOC = make("cloze", "the Collective Security Council Declaration")
SHORT = make("short_answer", "Oslo")
ACCENTED = make("short_answer", "Zürich")


@pytest.mark.parametrize(("question", "typed", "correct"), [
    # multiple choice: the letter, in any case or with a bracket, or the option's text
    (MC, "b", True), (MC, "B", True), (MC, " b) ", True), (MC, "(B)", True),
    (MC, "B) Moscow", True), (MC, "moscow", True), (MC, "the Moscow", True),
    (MC, "a", False), (MC, "Minsk", False), (MC, "A) Moscow", False),
    # ... or enough of one option's words to pick it alone
    (PEOPLE, "rahmon", True), (PEOPLE, "EMOMALI", True), (PEOPLE, "Putin", False),
    (DAYS, "1 Jan 2026", True), (DAYS, "2026-01-04", False),
    # true/false: t/f, true/false, yes/no
    (TF, "f", True), (TF, "F", True), (TF, "false", True), (TF, "no", True), (TF, "N", True),
    (TF, "t", False), (TF, "true", False), (TF, "yes", False),
    # ordering: letters or numbers, spaced, run together or with commas
    (ORDER, "C A B", True), (ORDER, "cab", True), (ORDER, "c, a, b", True),
    (ORDER, "3 1 2", True), (ORDER, "312", True), (ORDER, "C > A > B", True),
    (ORDER, "A B C", False), (ORDER, "1 2 3", False),
    # matching: pairs, in any order, or letters in the order of the numbers
    (MATCH, "1c 2a 3b", True), (MATCH, "1-c, 2-a, 3-b", True), (MATCH, "3b 1c 2a", True),
    (MATCH, "1C2A3B", True), (MATCH, "c a b", True), (MATCH, "1a 2b 3c", False),
    # short answer and cloze: case, punctuation, accents, spacing, articles, aliases
    (NAME, "Taalatbek Masadykov", True), (NAME, "  taalatbek   MASADYKOV. ", True),
    (NAME, "Taaltbek Masadykov", True), (NAME, "Masadykov", False),
    (PLACE, "bishkek", True), (PLACE, "Bishkek.", True), (PLACE, "Bíshkék", True),
    (DOC, "Collective Security Council Declaration", True),
    (DOC, "a Collective Security Council Declaration", True),
    (ACCENTED, "Zurich", True), (ACCENTED, "ZÜRICH", True),
    # dates in the common forms, never a neighbouring day
    (DATE, "11 November 2026", True), (DATE, "2026-11-11", True), (DATE, "Nov 11, 2026", True),
    (DATE, "November 11th 2026", True), (DATE, "11th of November, 2026", True),
    (DATE, "Wednesday 11 November 2026", True), (DATE, "11.11.2026", True),
    (DATE, "12 November 2026", False), (DATE, "11 November 2025", False),
    (DATE, "November 2026", False), (DATE, "11 November", False),
    # numbers: the figure, without its grouping or its words; never another number
    (FIGURE, "30000", True), (FIGURE, "30 000", True), (FIGURE, "30,000 people", True),
    (FIGURE, "more than 30000 people", True), (FIGURE, "30001", False),
    (FIGURE, "fewer than 30,000 people", False), (FIGURE, "3000", False),
    (COUNT, "5", True), (COUNT, "5 years", True), (COUNT, "Five years", True),
    (COUNT, "6 years", False), (COUNT, "fiev years", False),
    (YEAR, "2002", True), (YEAR, "in 2002", True), (YEAR, "2003", False), (YEAR, "2O02", False),
])
def test_an_answer_is_judged_as_a_careful_teacher_would(
        question: Question, typed: str, correct: bool) -> None:
    verdict = check_answer(question, typed)
    assert verdict.correct is correct, verdict
    assert verdict.problem is None or not correct


@pytest.mark.parametrize(("question", "typed", "spelling"), [
    (NAME, "Talatbek Masadykov", "Taalatbek Masadykov"),
    (NAME, "taalatbek masadikov", "Taalatbek Masadykov"),
    (PLACE, "Bishek", "Bishkek"),
    (PLACE, "Biskhek", "Bishkek"),  # a swap of two letters is one typo
    (MC, "Moscwo", "Moscow"),
    (DOC, "Colective Security Council Declaraton", "the Collective Security Council Declaration"),
])
def test_a_small_typo_is_accepted_and_the_exact_spelling_shown(
        question: Question, typed: str, spelling: str) -> None:
    verdict = check_answer(question, typed)
    assert (verdict.correct, verdict.typo, verdict.matched) == (True, True, spelling)


@pytest.mark.parametrize(("question", "typed"), [
    (SHORT, "Olso"),       # four letters: no typo allowed
    (SHORT, "Osla"),
    (PLACE, "Bshkk"),      # two typos in seven letters
    (NAME, "Tashkent Masalov"),
])
def test_too_many_typos_for_the_length_are_wrong(question: Question, typed: str) -> None:
    assert not check_answer(question, typed).correct


def test_an_exact_alias_is_not_called_a_typo() -> None:
    verdict = check_answer(NAME, "Taaltbek Masadykov")
    assert verdict.correct and not verdict.typo and verdict.matched == "Taaltbek Masadykov"


NOT_AN_OPTION = "that is not one of the options. Type a letter A–D, or the text of an option."


@pytest.mark.parametrize(("question", "typed", "problem"), [
    (MC, "e", "there is no option E. Type a letter A–D, or the text of an option."),
    (MC, "Paris", NOT_AN_OPTION),
    (TF, "maybe", "type T or F (true/false and yes/no work too)."),
    (DAYS, "January", NOT_AN_OPTION),
    (DAYS, "1", NOT_AN_OPTION),
    (ORDER, "C A", "use each letter A–C once, earliest first, e.g. B C A"),
    (ORDER, "C A A", "use each letter A–C once, earliest first, e.g. B C A"),
    (ORDER, "C A D", "use each letter A–C once, earliest first, e.g. B C A"),
    (MATCH, "1c 2a", "give each number 1–3 one letter, e.g. 1b 2c 3a"),
    (MATCH, "1c 1a 3b", "give each number 1–3 one letter, e.g. 1b 2c 3a"),
    (MATCH, "1c 2a 3z", "give each number 1–3 one letter, e.g. 1b 2c 3a"),
])
def test_an_answer_that_cannot_be_read_says_what_to_type(
        question: Question, typed: str, problem: str) -> None:
    verdict = check_answer(question, typed)
    assert (verdict.correct, verdict.problem) == (False, problem)


@pytest.mark.parametrize("question", [MC, TF, ORDER, MATCH, NAME, PLACE])
def test_an_empty_answer_is_wrong_not_unreadable(question: Question) -> None:
    verdict = check_answer(question, "   ")
    assert (verdict.correct, verdict.problem) == (False, None)


def test_ordering_and_matching_say_how_much_was_right() -> None:
    assert check_answer(ORDER, "C B A").detail == "1 of 3 in the right place"
    assert check_answer(MATCH, "1c 2b 3a").detail == "1 of 3 pairs right"


def test_the_expected_answer_is_written_as_the_answer_key() -> None:
    assert check_answer(MC, "a").expected == "B) Moscow"
    assert check_answer(ORDER, "a b c").expected == "C, A, B"
    assert check_answer(MATCH, "a b c").expected == "1c 2a 3b"


@pytest.mark.parametrize(("question", "hint"), [
    (MC, "Type a letter A–D, or the text of an option."),
    (TF, "Type T for true or F for false."),
    (ORDER, "Type the letters in order, earliest first, e.g. B C A"),
    (MATCH, "Give each number a letter, e.g. 1b 2c 3a"),
    (PLACE, "Type the missing words."),
    (NAME, "Type your answer."),
])
def test_every_kind_says_what_to_type(question: Question, hint: str) -> None:
    assert answer_format(question) == hint


def test_the_example_of_what_to_type_is_never_the_answer() -> None:
    solved = make("ordering", "…", items=["a", "b", "c"], order=[1, 2, 0])
    assert answer_format(solved) == "Type the letters in order, earliest first, e.g. A C B"
    assert not check_answer(solved, "A C B").correct


@pytest.mark.parametrize(("text", "date"), [
    ("11 November 2026", "2026-11-11"), ("2026-11-11", "2026-11-11"),
    ("Nov 11, 2026", "2026-11-11"), ("November 11 2026", "2026-11-11"),
    ("11th Nov. 2026", "2026-11-11"), ("Sept 3, 2026", "2026-09-03"),
    ("on 1 January 2026", "2026-01-01"), ("25/12/2026", "2026-12-25"),
    ("November 2026", "2026-11"), ("2026-11", "2026-11"), ("2026", "2026"),
    ("3/4/2026", None),  # 3 April or 4 March: ambiguous, so not read at all
    ("31 February 2026", None), ("Nov 2026 11", None), ("Ju 4 2026", None),
    ("Moscow", None), ("", None),
])
def test_dates_are_read_in_common_forms(text: str, date: str | None) -> None:
    parsed = parse_date(text)
    assert (parsed.iso() if parsed else None) == date


def test_every_bank_question_accepts_its_own_answer_key_and_rejects_others() -> None:
    for q in bank_questions():
        assert check_answer(q, q.answer_key()).correct, q.id
        assert check_answer(q, q.answer).correct or q.kind in ("ordering", "matching"), q.id
        if q.kind == "multiple_choice":
            for i, option in enumerate(q.options):
                assert check_answer(q, "ABCD"[i]).correct is (i == q.answer_index), q.id
                assert check_answer(q, option).correct is (i == q.answer_index), q.id


# --- properties ------------------------------------------------------------------


def _texts() -> list[str]:
    return sorted({a for q in bank_questions() if q.kind in ("short_answer", "cloze")
                   for a in [q.answer, *q.accept]})


def _with_digits() -> list[tuple[Question, str]]:
    return [(q, a) for q in bank_questions() if q.kind in ("short_answer", "cloze")
            for a in [q.answer, *q.accept] if any(c.isdigit() for c in a)]


@st.composite
def restyled(draw: st.DrawFn, text: str) -> str:
    """``text`` with letters' case flipped, accents added and spaces around it."""
    out = []
    for char in text:
        if char in string.ascii_letters:
            if draw(st.booleans()):
                char = char.swapcase()
            if draw(st.booleans()):
                mark = draw(st.sampled_from(["\u0301", "\u0300", "\u0308", "\u0302", "\u030c"]))
                char = unicodedata.normalize("NFC", char + mark)
        out.append(char)
    pad = st.text(alphabet=" \t\u00a0", max_size=3)
    return draw(pad) + "".join(out) + draw(pad)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_accepted_answer_passes_whatever_its_case_accents_and_spacing(
        data: st.DataObject) -> None:
    question = data.draw(st.sampled_from([q for q in bank_questions()
                                          if q.kind in ("short_answer", "cloze")]))
    form = data.draw(st.sampled_from([question.answer, *question.accept]))
    typed = data.draw(restyled(form))
    verdict = check_answer(question, typed)
    assert verdict.correct and not verdict.typo, (typed, verdict)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_bank_answer_with_a_changed_digit_never_passes(data: st.DataObject) -> None:
    question, form = data.draw(st.sampled_from(_with_digits()))
    where = data.draw(st.sampled_from([i for i, c in enumerate(form) if c.isdigit()]))
    digit = data.draw(st.sampled_from([d for d in string.digits if d != form[where]]))
    typed = form[:where] + digit + form[where + 1:]
    assert not check_answer(question, typed).correct, typed


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.data())
def test_a_number_with_a_changed_digit_never_passes(number: int, data: st.DataObject) -> None:
    answer = f"{number:,}"
    question = make("short_answer", f"about {answer} troops", accept=[answer])
    where = data.draw(st.sampled_from([i for i, c in enumerate(answer) if c.isdigit()]))
    digit = data.draw(st.sampled_from([d for d in string.digits if d != answer[where]]))
    typed = answer[:where] + digit + answer[where + 1:]
    assert int(typed.replace(",", "")) != number
    assert not check_answer(question, typed).correct
    assert check_answer(question, answer.replace(",", "")).correct


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9000, 12, 31)), st.data())
def test_a_date_is_the_same_date_in_every_common_form(day: dt.date, data: st.DataObject) -> None:
    date = PartialDate(day.year, day.month, day.day)
    question = make("short_answer", date.readable(), accept=[date.iso()])
    month = date.readable().split()[1]
    typed = data.draw(st.sampled_from([
        date.readable(), date.iso(), f"{month} {day.day}, {day.year}",
        f"{month[:3]} {day.day} {day.year}", f"{day.day}th of {month} {day.year}"]))
    assert check_answer(question, typed).correct, typed
    other = date.shifted(data.draw(st.sampled_from([-1, 1, 365])))
    assume(other is not None)  # a step off the calendar's edge
    assert other is not None and not check_answer(question, other.readable()).correct


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=string.ascii_lowercase, min_size=5, max_size=20), st.data())
def test_one_typo_in_a_word_of_five_letters_or_more_is_forgiven(
        word: str, data: st.DataObject) -> None:
    assume(canonical(word).isalpha())  # "thirteen" is a number: no typos there
    where = data.draw(st.integers(min_value=0, max_value=len(word) - 1))
    letter = data.draw(st.sampled_from([c for c in string.ascii_lowercase if c != word[where]]))
    typed = word[:where] + letter + word[where + 1:]
    question = make("short_answer", word)
    verdict = check_answer(question, typed)
    if normalize(typed) != normalize(word):  # "a" + rest may lose a leading article
        assert (verdict.correct, verdict.typo, verdict.matched) == (True, True, word)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=4), st.data())
def test_no_typo_is_forgiven_in_a_word_of_four_letters_or_fewer(
        word: str, data: st.DataObject) -> None:
    where = data.draw(st.integers(min_value=0, max_value=len(word) - 1))
    letter = data.draw(st.sampled_from([c for c in string.ascii_lowercase if c != word[where]]))
    typed = word[:where] + letter + word[where + 1:]
    assume(normalize(typed) != normalize(word))
    assert not check_answer(make("short_answer", word), typed).correct


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalised_text_is_plain_lower_case_ascii_words(text: str) -> None:
    folded = normalize(text)
    assert folded == folded.strip() and "  " not in folded
    assert set(folded) <= set(string.ascii_lowercase + string.digits + "_ ")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_checking_never_fails_whatever_is_typed(text: str) -> None:
    for question in (MC, TF, ORDER, MATCH, NAME, DATE, FIGURE):
        verdict = check_answer(question, text)
        assert verdict.given == text
        assert not (verdict.correct and verdict.problem)


def test_match_text_prefers_the_exact_form_to_a_near_one() -> None:
    found = match_text("Moscow", ["Moscaw", "Moscow"])
    assert found is not None and (found.form, found.typo) == ("Moscow", False)
