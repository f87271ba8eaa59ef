"""``quizgen quiz``, ``quizgen review`` and ``quizgen stats``: learning in the terminal.

The quiz is in :mod:`quizgen.study`; these commands parse options and start it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from quizgen.commands.options import bank_options, sample_options


def _quiz_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed([
        click.option("--n", type=click.IntRange(min=1), default=10, show_default=True,
                     help="How many questions."),
        click.option("--question", "ids", multiple=True, metavar="ID",
                     help="Ask exactly this question (repeatable, in order)."),
        click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="History file [default: history.sqlite3 in the user data folder]."),
        click.option("--json", "as_json", is_flag=True,
                     help="Print the result as JSON on stdout (the quiz itself goes to stderr)."),
    ]):
        func = option(func)
    return bank_options(sample_options(func))


@click.command()
@_quiz_options
@click.option("--due", is_flag=True, help="Ask what is due first, then new questions.")
def quiz(facts_path: Path, corpus_dir: Path, questions_dir: Path, kinds: tuple[str, ...],
         tags: tuple[str, ...], seed: int, n: int, ids: tuple[str, ...], db: Path | None,
         as_json: bool, due: bool) -> None:
    """Take a quiz in the terminal; every answer is saved to your review history.

    Multiple choice takes a letter or the option's text; true/false takes t/f, yes/no;
    ordering takes the letters in order (C A B); matching takes pairs (1b 2a 3c).
    Each run draws a new sample and prints its seed; --seed N asks that sample again.
    `quizgen review` asks what is due first. Piped input is read one answer per line.

    \b
    Examples:
      quizgen quiz
      quizgen quiz --n 5 --kind multiple_choice --seed 7
      printf 'b\\nt\\n' | quizgen quiz --question ID1 --question ID2 --json
    """
    from quizgen.study.quiz import Choice
    from quizgen.study.session import take_quiz

    _refuse_bank_file(db, facts_path, corpus_dir, questions_dir)
    take_quiz(facts_path, corpus_dir, questions_dir, Choice(n, kinds, tags, seed, ids), due, db,
          as_json)


def _refuse_bank_file(db: Path | None, facts: Path, corpus: Path, questions: Path) -> None:
    """A history given with ``--db`` must not be one of the bank's files."""
    from quizgen.atomic import refuse_inputs
    from quizgen.bank.inputs import bank_files

    if db is not None:
        refuse_inputs([db], bank_files(facts, corpus, questions))


@click.command()
@_quiz_options
def review(facts_path: Path, corpus_dir: Path, questions_dir: Path, kinds: tuple[str, ...],
           tags: tuple[str, ...], seed: int, n: int, ids: tuple[str, ...], db: Path | None,
           as_json: bool) -> None:
    """Review what is due (spaced repetition), then new questions.

    Says how many are due and how many new, and marks each question as due (with how
    overdue) or new.

    \b
    Example:
      quizgen review --n 20
    """
    from quizgen.study.quiz import Choice
    from quizgen.study.session import take_quiz

    _refuse_bank_file(db, facts_path, corpus_dir, questions_dir)
    take_quiz(facts_path, corpus_dir, questions_dir, Choice(n, kinds, tags, seed, ids), True, db,
              as_json, create=db is None)


@click.command()
@bank_options
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="History file [default: history.sqlite3 in the user data folder].")
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
def stats(facts_path: Path, corpus_dir: Path, questions_dir: Path, db: Path | None,
          as_json: bool) -> None:
    """Show your reviews, accuracy by tag and kind, what is due, and your streak.

    \b
    Examples:
      quizgen stats
      quizgen stats --json
    """
    from quizgen.making.selection import load_generation
    from quizgen.study.display import print_stats
    from quizgen.study.history import History

    _refuse_bank_file(db, facts_path, corpus_dir, questions_dir)
    generation = load_generation(facts_path, corpus_dir, questions_dir)
    with History.open(db, create=db is None) as history:
        result = history.stats({q.id for q in generation.questions})
        path = history.path
    if as_json:
        click.echo(json.dumps(result.to_json() | {"db": str(path)}, indent=2))
    else:
        print_stats(result.to_json(), path)
