"""Options shared by the commands that read a bank or filter its questions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from quizgen.commands.cache import no_cache_option

F = TypeVar("F", bound=Callable[..., Any])

QUESTION_KINDS = ("short_answer", "multiple_choice", "true_false", "cloze", "ordering", "matching")


def bank_options(func: F) -> F:
    """``--facts``, ``--corpus`` and ``--questions``: where the bank lives (and ``--no-cache``)."""
    func = no_cache_option(func)
    func = click.option(
        "--questions", "questions_dir", type=click.Path(path_type=Path),
        default=Path("questions"), show_default=True, help="Folder of question templates.",
    )(func)
    func = click.option(
        "--corpus", "corpus_dir", type=click.Path(path_type=Path),
        default=Path("corpus"), show_default=True, help="Folder of corpus articles.",
    )(func)
    func = click.option(
        "--facts", "facts_path", type=click.Path(path_type=Path),
        default=Path("corpus/facts.yaml"), show_default=True, help="The facts file.",
    )(func)
    return func


def filter_options(func: F) -> F:
    """``--kind``, ``--tag``, ``--n`` and ``--seed``: which questions, in which order."""
    func = click.option("--seed", type=int, default=0, show_default=True,
                        help="Seed for option order and sampling.")(func)
    func = click.option("--tag", "tags", multiple=True,
                        help="Only questions with this tag (repeatable).")(func)
    func = click.option("--kind", "kinds", multiple=True, type=click.Choice(QUESTION_KINDS),
                        help="Only questions of this kind (repeatable).")(func)
    return func
