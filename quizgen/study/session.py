"""One quiz session from the command line: load, choose, ask with the right face, report."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from quizgen.errors import QuizgenError

if TYPE_CHECKING:
    from quizgen.study.plain_ui import PlainUI
    from quizgen.study.quiz import Choice
    from quizgen.study.rich_ui import RichUI


def take_quiz(facts_path: Path, corpus_dir: Path, questions_dir: Path, choice: Choice,
               due: bool, db: Path | None, as_json: bool, *, create: bool = True) -> None:
    """Load the bank, pick the questions, run the quiz with the right face, report.

    ``create=False`` refuses a ``db`` that does not exist rather than starting one.
    """
    from quizgen.making.question import facts_as_of
    from quizgen.making.selection import load_generation
    from quizgen.study.history import History
    from quizgen.study.plain_ui import PlainUI
    from quizgen.study.quiz import (
        Summary,
        choose_questions,
        choose_review,
        review_counts,
        review_labels,
        run_quiz,
    )
    from quizgen.study.rich_ui import RichUI

    if sys.stdin is None or sys.stdout is None or sys.stderr is None:
        raise QuizgenError("standard input or output is closed: a quiz needs both "
                           "(answers come from standard input)")
    # Generation's own seed stays 0, so every session reads one cached generation; the
    # session's seed draws the sample, which reorders its options (asked by id, a question
    # keeps the options generation gave it).
    generation = load_generation(facts_path, corpus_dir, questions_dir)
    with History.open(db, create=create) as history:
        labels: dict[str, str] = {}
        if due:
            chosen = choose_review(generation.questions, choice, history)
            labels = review_labels(chosen, history)
        else:
            chosen = choose_questions(generation.questions, choice)
        out = sys.stderr if as_json else sys.stdout
        ui: RichUI | PlainUI
        if sys.stdin.isatty():
            import signal

            from rich.console import Console  # only a terminal needs it

            # Ctrl-C ends the quiz with its summary, even where the shell started quizgen
            # with interrupts ignored (a background job), which Python would inherit.
            signal.signal(signal.SIGINT, signal.default_int_handler)

            ui = RichUI(Console(file=out, highlight=False))
        else:
            ui = PlainUI(sys.stdin, out)
        ui.labels = labels
        if chosen:
            head = [facts_as_of(chosen)]
            if not choice.ids:
                head.append(f"seed {choice.seed} (repeat this quiz with --seed {choice.seed})")
            if due:
                head.append(f"Review: {review_counts(labels)}")
            ui.header([line for line in head if line])
            summary = run_quiz(chosen, ui, history)
            ui.summary(summary, history.path)
        else:
            summary = Summary(total=0)
            click.echo("Nothing is due and there are no new questions: come back later.",
                       err=as_json)
    if as_json:
        click.echo(json.dumps(summary.to_json(), ensure_ascii=False, indent=2))
