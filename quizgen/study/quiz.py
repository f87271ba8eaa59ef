"""The quiz: which questions to ask, the loop of asking and checking, and the score.

Terminal input and output live behind :class:`QuizUI`: :mod:`quizgen.study.rich_ui` for
terminals, :mod:`quizgen.study.plain_ui` for pipes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from quizgen.errors import QuizgenError
from quizgen.making.question import Question
from quizgen.making.sampling import sample
from quizgen.making.tags import check_tags, has_tag
from quizgen.study.answers import Verdict, check_answer
from quizgen.study.history import RATINGS, History, utcnow

RATED_KINDS = ("short_answer", "cloze")  # recall, where only the learner knows how hard it was


@dataclass(frozen=True)
class Choice:
    """What the learner asked for on the command line."""

    n: int = 10
    kinds: Sequence[str] = ()
    tags: Sequence[str] = ()
    seed: int = 0
    ids: Sequence[str] = ()

    def matches(self, q: Question) -> bool:
        return ((not self.kinds or q.kind in self.kinds)
                and (not self.tags or has_tag(q.tags, self.tags)))


def choose_questions(questions: Sequence[Question], choice: Choice) -> list[Question]:
    """The questions for ``quizgen quiz``: the ids asked for in order, else a sample."""
    if choice.ids:
        by_id = {q.id: q for q in questions}
        unknown = [i for i in choice.ids if i not in by_id]
        if unknown:
            raise QuizgenError(
                f"--question {unknown[0]}: no such question in this bank; "
                "list the ids with `quizgen export -o questions.json`")
        return [by_id[i] for i in choice.ids]
    check_tags(questions, choice.tags)
    chosen = sample([q for q in questions if choice.matches(q)], choice.n, choice.seed)
    if not chosen:
        raise QuizgenError("no questions match these filters; try without --kind or --tag")
    return chosen


def choose_review(questions: Sequence[Question], choice: Choice, history: History,
                  now: dt.datetime | None = None) -> list[Question]:
    """Questions due by ``now`` (most overdue first), then new ones, ``n`` in all."""
    if choice.ids:
        return choose_questions(questions, choice)
    check_tags(questions, choice.tags)
    candidates = [q for q in questions if choice.matches(q)]
    by_id = {q.id: q for q in candidates}
    due = [by_id[i] for i in history.due(by_id, now)][: choice.n]
    seen = set(history.due_dates())
    due_facts = {f for q in due for f in q.fact_ids}
    fresh = [q for q in candidates if q.id not in seen and not due_facts.intersection(q.fact_ids)]
    return due + (sample(fresh, choice.n - len(due), choice.seed) if len(due) < choice.n else [])


def review_labels(chosen: Sequence[Question], history: History,
                  now: dt.datetime | None = None) -> dict[str, str]:
    """``{id: "due, 2 days overdue"}`` or ``{id: "new"}`` for each question of a review."""
    now = now or utcnow()
    dates = history.due_dates()
    return {q.id: (f"due, {overdue(now - dates[q.id])}" if q.id in dates else "new")
            for q in chosen}


def overdue(late: dt.timedelta) -> str:
    """``3 days overdue``, ``5 hours overdue``, ``due now`` for under a minute."""
    seconds = max(0, int(late.total_seconds()))
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''} overdue"
    return "due now"


def review_counts(labels: dict[str, str]) -> str:
    """``3 due, 7 new``: the review's head line."""
    new = sum(label == "new" for label in labels.values())
    return f"{len(labels) - new} due, {new} new"


def default_rating(verdict: Verdict) -> int:
    """The FSRS rating an answer earns unless the learner says otherwise."""
    return RATINGS["good"] if verdict.correct else RATINGS["again"]


@dataclass
class Result:
    """One answered question."""

    question: Question
    verdict: Verdict
    rating: int
    review_id: int | None = None


@dataclass
class Summary:
    """The score so far; ``stopped`` when the learner ended the quiz early."""

    total: int
    results: list[Result] = field(default_factory=list)
    stopped: bool = False

    @property
    def asked(self) -> int:
        return len(self.results)

    @property
    def correct(self) -> int:
        return sum(r.verdict.correct for r in self.results)

    @property
    def missed(self) -> list[Result]:
        return [r for r in self.results if not r.verdict.correct]

    def to_json(self) -> dict[str, Any]:
        """``{asked, correct, results: [{id, correct, given, expected}]}`` and a few extras."""
        return {
            "asked": self.asked,
            "correct": self.correct,
            "total": self.total,
            "stopped": self.stopped,
            "results": [{"id": r.question.id, "kind": r.question.kind,
                         "correct": r.verdict.correct, "given": r.verdict.given,
                         "expected": r.verdict.expected, "typo": r.verdict.typo,
                         "rating": r.rating} for r in self.results],
        }


class QuizUI(Protocol):
    """How the quiz talks to the learner."""

    interactive: bool  # a person at a terminal: ask again after unreadable answers, ask ratings

    def ask(self, number: int, total: int, question: Question) -> str:
        """Show the question and return the answer typed (EOFError at end of input)."""

    def unreadable(self, question: Question, verdict: Verdict) -> None:
        """Say why the answer could not be read, and what to type."""

    def feedback(self, question: Question, verdict: Verdict) -> None:
        """Right or wrong, the answer, and where the fact comes from."""

    def rate(self, question: Question, verdict: Verdict, default: int) -> int:
        """Ask how well the learner knew it; return the rating (``default`` on Enter)."""


def run_quiz(questions: Sequence[Question], ui: QuizUI, history: History | None) -> Summary:
    """Ask each question, check it, store it; stops cleanly on Ctrl-C or end of input.

    Each answer is committed before the next question is shown, so nothing answered is
    lost however the program ends.
    """
    summary = Summary(total=len(questions))
    try:
        for number, question in enumerate(questions, start=1):
            verdict = check_answer(question, ui.ask(number, len(questions), question))
            while verdict.problem and ui.interactive:
                ui.unreadable(question, verdict)
                verdict = check_answer(question, ui.ask(number, len(questions), question))
            rating = default_rating(verdict)
            result = Result(question, verdict, rating)
            if history is not None:
                result.review_id = history.record(question, verdict, rating)
            summary.results.append(result)
            ui.feedback(question, verdict)
            if ui.interactive and question.kind in RATED_KINDS:
                chosen = ui.rate(question, verdict, rating)
                if chosen != rating:
                    result.rating = chosen
                    if history is not None and result.review_id is not None:
                        history.rerate(result.review_id, chosen)
    except (KeyboardInterrupt, EOFError):
        summary.stopped = True
    return summary
