"""One quiz session from the command line: load, choose, ask with the right face, report."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from quizgen.study.plain_ui import PlainUI
    from quizgen.study.quiz import Choice
    from quizgen.study.rich_ui import RichUI


def take_quiz(facts_path: Path, corpus_dir: Path, questions_dir: Path, choice: Choice,
               due: bool, db: Path | None, as_json: bool) -> None:
    """Load the bank, pick the questions, run the quiz with the right face, report."""
    from rich.console import Console

    from quizgen.making.selection import load_generation
    from quizgen.study.history import History
    from quizgen.study.plain_ui import PlainUI
    from quizgen.study.quiz import Summary, choose_questions, choose_review, run_quiz
    from quizgen.study.rich_ui import RichUI

    generation = load_generation(facts_path, corpus_dir, questions_dir, seed=choice.seed)
    with History.open(db) as history:
        if due:
            chosen = choose_review(generation.questions, choice, history)
        else:
            chosen = choose_questions(generation.questions, choice)
        out = sys.stderr if as_json else sys.stdout
        ui: RichUI | PlainUI = (RichUI(Console(file=out, highlight=False)) if sys.stdin.isatty()
                                else PlainUI(sys.stdin, out))
        if chosen:
            summary = run_quiz(chosen, ui, history)
            ui.summary(summary, history.path)
        else:
            summary = Summary(total=0)
            click.echo("Nothing is due and there are no new questions: come back later.",
                       err=as_json)
    if as_json:
        click.echo(json.dumps(summary.to_json(), ensure_ascii=False, indent=2))
