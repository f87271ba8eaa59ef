"""The quiz loop and question choice, apart from the terminal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import pytest

from quizgen.errors import FilterError, QuizgenError
from quizgen.making.question import Question
from quizgen.making.selection import load_and_generate
from quizgen.study.answers import Verdict
from quizgen.study.history import RATINGS, History
from quizgen.study.quiz import Choice, choose_questions, choose_review, default_rating, run_quiz
from tests.conftest import CORPUS, FACTS, QUESTIONS


@cache
def bank() -> tuple[Question, ...]:
    return tuple(load_and_generate(FACTS, CORPUS, QUESTIONS)[1].questions)


def first(kind: str) -> Question:
    return next(q for q in bank() if q.kind == kind)


class ScriptedUI:
    """Answers from a list; records what the quiz showed."""

    def __init__(self, answers: Iterable[str | BaseException], interactive: bool = False,
                 ratings: Iterable[int | BaseException] = ()) -> None:
        self.answers = list(answers)
        self.ratings = list(ratings)
        self.interactive = interactive
        self.asked: list[tuple[int, int, str]] = []
        self.unreadable_problems: list[str | None] = []
        self.feedbacks: list[Verdict] = []

    def ask(self, number: int, total: int, question: Question) -> str:
        self.asked.append((number, total, question.id))
        if not self.answers:
            raise EOFError
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer

    def unreadable(self, question: Question, verdict: Verdict) -> None:
        self.unreadable_problems.append(verdict.problem)

    def feedback(self, question: Question, verdict: Verdict) -> None:
        self.feedbacks.append(verdict)

    def rate(self, question: Question, verdict: Verdict, default: int) -> int:
        if not self.ratings:
            return default
        rating = self.ratings.pop(0)
        if isinstance(rating, BaseException):
            raise rating
        return rating


@pytest.fixture
def history(tmp_path: Path) -> Iterator[History]:
    with History.open(tmp_path / "history.sqlite3") as opened:
        yield opened


# --- choosing ----------------------------------------------------------------------


def test_named_questions_are_asked_exactly_in_the_order_given() -> None:
    ids = [bank()[40].id, bank()[3].id, bank()[17].id]
    assert [q.id for q in choose_questions(bank(), Choice(ids=ids))] == ids


def test_an_unknown_question_id_names_it_and_says_how_to_list_ids() -> None:
    with pytest.raises(QuizgenError, match=r"--question nope: no such question.*quizgen export"):
        choose_questions(bank(), Choice(ids=[bank()[0].id, "nope"]))


def test_ten_questions_by_default_the_same_for_the_same_seed() -> None:
    chosen = choose_questions(bank(), Choice())
    assert len(chosen) == 10
    assert chosen == choose_questions(bank(), Choice())
    assert chosen != choose_questions(bank(), Choice(seed=1))


def test_a_quiz_asks_about_each_fact_once_when_the_bank_allows() -> None:
    for seed in range(20):
        facts = [f for q in choose_questions(bank(), Choice(n=10, seed=seed)) for f in q.fact_ids]
        assert len(facts) == len(set(facts)), seed


def test_kind_and_tag_filter_the_questions() -> None:
    chosen = choose_questions(bank(), Choice(n=2, kinds=["cloze", "short_answer"], tags=["event"]))
    assert len(chosen) == 2
    assert all(q.kind in ("cloze", "short_answer") and "event" in q.tags for q in chosen)


def test_fewer_matching_questions_than_n_asks_them_all() -> None:
    matchings = [q for q in bank() if q.kind == "matching"]
    assert sorted(q.id for q in choose_questions(bank(), Choice(n=50, kinds=["matching"]))) == \
        sorted(q.id for q in matchings)


def test_no_matching_question_is_an_error() -> None:
    with pytest.raises(QuizgenError, match="no questions match"):
        choose_questions(bank(), Choice(kinds=["matching"], tags=["disputed"]))


def test_review_asks_due_questions_first_then_new_ones(history: History) -> None:
    now = dt.datetime.now(dt.UTC)
    old, older, known = bank()[5], bank()[9], bank()[12]
    history.record(old, Verdict(False, "x", old.answer), RATINGS["again"],
                   now - dt.timedelta(hours=1))
    history.record(older, Verdict(False, "x", older.answer), RATINGS["again"],
                   now - dt.timedelta(hours=2))
    history.record(known, Verdict(True, "x", known.answer), RATINGS["easy"], now)
    chosen = choose_review(bank(), Choice(n=6), history, now)
    assert [q.id for q in chosen[:2]] == [older.id, old.id]
    assert len(chosen) == 6 and known not in chosen
    assert not {q.id for q in chosen[2:]} & {old.id, older.id, known.id}


def test_review_ignores_questions_no_longer_in_the_bank(history: History) -> None:
    gone = Question(id="removed:fact", kind="true_false", prompt="?", answer="True",
                    options=["True", "False"], answer_index=0, fact_ids=["fact"],
                    fact_kind="event", template_id="removed", sources=[])
    history.record(gone, Verdict(False, "f", "True"), RATINGS["again"],
                   dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    chosen = choose_review(bank(), Choice(n=3), history)
    assert len(chosen) == 3 and "removed:fact" not in {q.id for q in chosen}


def test_review_with_nothing_due_or_new_is_empty(history: History) -> None:
    orderings = [q for q in bank() if q.kind == "ordering"]
    for q in orderings:
        history.record(q, Verdict(True, "x", q.answer), RATINGS["easy"])
    assert choose_review(bank(), Choice(kinds=["ordering"]), history) == []


# --- the loop ----------------------------------------------------------------------


def test_a_quiz_scores_each_answer_and_stores_it(history: History) -> None:
    mc, tf, short = first("multiple_choice"), first("true_false"), first("short_answer")
    wrong_tf = "t" if tf.answer == "False" else "f"
    ui = ScriptedUI([mc.answer_letter or "", wrong_tf, short.answer.upper()])
    summary = run_quiz([mc, tf, short], ui, history)
    assert (summary.asked, summary.correct, summary.stopped) == (3, 2, False)
    assert [r.question for r in summary.missed] == [tf]
    stored = list(history.reviews())
    assert [(r["question_id"], r["correct"], r["rating"]) for r in stored] == [
        (mc.id, True, RATINGS["good"]), (tf.id, False, RATINGS["again"]),
        (short.id, True, RATINGS["good"])]
    assert [n for n, _, _ in ui.asked] == [1, 2, 3]


def test_end_of_input_stops_with_the_score_so_far(history: History) -> None:
    mc = first("multiple_choice")
    summary = run_quiz([mc, mc, mc], ScriptedUI([mc.answer_letter or ""]), history)
    assert (summary.asked, summary.correct, summary.total, summary.stopped) == (1, 1, 3, True)
    assert len(list(history.reviews())) == 1


def test_ctrl_c_stops_with_the_score_so_far(history: History) -> None:
    mc = first("multiple_choice")
    summary = run_quiz([mc, mc, mc], ScriptedUI(["a", KeyboardInterrupt()]), history)
    assert (summary.asked, summary.stopped) == (1, True)
    assert len(list(history.reviews())) == 1


def test_on_a_terminal_an_unreadable_answer_is_asked_again(history: History) -> None:
    mc = first("multiple_choice")
    ui = ScriptedUI(["z", "what?", mc.answer_letter or ""], interactive=True)
    summary = run_quiz([mc], ui, history)
    assert summary.correct == 1
    assert len(ui.unreadable_problems) == 2 and len(list(history.reviews())) == 1


def test_from_a_pipe_an_unreadable_answer_counts_as_wrong(history: History) -> None:
    mc = first("multiple_choice")
    ui = ScriptedUI(["z"], interactive=False)
    summary = run_quiz([mc], ui, history)
    assert (summary.asked, summary.correct) == (1, 0)
    assert ui.feedbacks[0].problem is not None


def test_after_a_short_answer_the_learners_rating_is_stored(history: History) -> None:
    short, cloze, mc = first("short_answer"), first("cloze"), first("multiple_choice")
    ui = ScriptedUI([short.answer, "no idea", mc.answer_letter or ""], interactive=True,
                    ratings=[RATINGS["easy"], RATINGS["hard"]])
    summary = run_quiz([short, cloze, mc], ui, history)
    assert [r.rating for r in summary.results] == [RATINGS["easy"], RATINGS["hard"],
                                                   RATINGS["good"]]
    assert [r["rating"] for r in history.reviews()] == [4, 2, 3]
    assert ui.ratings == []  # multiple choice is never rated by hand


def test_ctrl_c_at_the_rating_keeps_the_answer_with_its_default_rating(history: History) -> None:
    short = first("short_answer")
    ui = ScriptedUI([short.answer, short.answer], interactive=True, ratings=[KeyboardInterrupt()])
    summary = run_quiz([short, short], ui, history)
    assert (summary.asked, summary.stopped) == (1, True)
    assert [r["rating"] for r in history.reviews()] == [RATINGS["good"]]


def test_a_quiz_runs_without_a_history() -> None:
    mc = first("multiple_choice")
    summary = run_quiz([mc], ScriptedUI([mc.answer_letter or ""]), None)
    assert summary.correct == 1 and summary.results[0].review_id is None


def test_the_default_rating_is_good_when_right_and_again_when_wrong() -> None:
    assert default_rating(Verdict(True, "x", "x")) == RATINGS["good"]
    assert default_rating(Verdict(True, "x", "y", typo=True)) == RATINGS["good"]
    assert default_rating(Verdict(False, "x", "y")) == RATINGS["again"]


def test_the_json_summary_has_the_documented_keys(history: History) -> None:
    mc = first("multiple_choice")
    data = run_quiz([mc], ScriptedUI(["a"]), history).to_json()
    assert {"asked", "correct", "results"} <= set(data)
    assert {"id", "correct", "given", "expected"} <= set(data["results"][0])
    assert data["results"][0]["id"] == mc.id and data["results"][0]["given"] == "a"
    assert data["results"][0]["expected"] == mc.answer_key()


def test_a_tag_no_question_has_is_a_filter_error_naming_close_ones() -> None:
    with pytest.raises(FilterError, match=r"--tag 'Armenai': no question has this tag; did you mean armenia"):
        choose_questions(bank(), Choice(tags=["Armenai"]))
