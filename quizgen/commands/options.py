"""Options shared by the commands that read a bank or filter its questions."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from quizgen.commands.cache import no_cache_option

F = TypeVar("F", bound=Callable[..., Any])

QUESTION_KINDS = ("short_answer", "multiple_choice", "true_false", "cloze", "ordering", "matching")


def bank_options(func: F) -> F:
    """``--bank``, ``--facts``, ``--corpus`` and ``--questions``: where the bank lives.

    The command receives the resolved ``facts_path``, ``corpus_dir`` and ``questions_dir``
    (see :func:`quizgen.bank.location.locate_bank`); which bank it is goes to stderr,
    unless the three options named every part.
    """

    @functools.wraps(func)
    def resolved(*args: Any, bank_dir: Path | None, facts_path: Path | None,
                 corpus_dir: Path | None, questions_dir: Path | None, **kwargs: Any) -> Any:
        from quizgen.bank.location import locate_bank

        where = locate_bank(bank_dir, facts_path, corpus_dir, questions_dir)
        if None in (facts_path, corpus_dir, questions_dir):  # some part came from the lookup
            click.echo(where.describe(), err=True)
        return func(*args, facts_path=where.facts, corpus_dir=where.corpus,
                    questions_dir=where.questions, **kwargs)

    wrapped: F = no_cache_option(resolved)  # type: ignore[assignment]
    for option in reversed(BANK_OPTIONS):
        wrapped = option(wrapped)
    return wrapped


BANK_OPTIONS = [
    click.option("--bank", "bank_dir", type=click.Path(file_okay=False, path_type=Path),
                 default=None, help="Bank folder holding corpus/ (and optionally questions/)  "
                 "[default: $QUIZGEN_BANK, else ./corpus/facts.yaml, else the built-in bank]"),
    click.option("--facts", "facts_path", type=click.Path(path_type=Path),
                 default=None, help="The facts file  [default: the bank's corpus/facts.yaml]"),
    click.option("--corpus", "corpus_dir", type=click.Path(path_type=Path),
                 default=None, help="Folder of corpus articles  [default: the bank's corpus/, "
                 "or the folder of --facts]"),
    click.option("--questions", "questions_dir", type=click.Path(path_type=Path),
                 default=None, help="Folder of question templates  [default: the bank's "
                 "questions/, else the built-in templates]"),
]


def filter_options(func: F) -> F:
    """``--kind``, ``--tag`` and ``--seed``: which questions, in which order."""
    func = click.option("--seed", type=int, default=0, show_default=True,
                        help="Seed for option order and sampling.")(func)
    return _kind_and_tag(func)


def sample_options(func: F) -> F:
    """``--kind``, ``--tag`` and ``--seed`` for a fresh sample: without ``--seed``, a new one."""
    func = click.option("--seed", type=int, default=None, callback=_fresh_seed,
                        help="Repeat the sample of this seed  [default: a new one each run, "
                             "shown]")(func)
    return _kind_and_tag(func)


def _fresh_seed(ctx: click.Context, param: click.Parameter, value: int | None) -> int:
    from quizgen.making.sampling import new_seed

    return new_seed() if value is None else value


def _kind_and_tag(func: F) -> F:
    func = click.option("--tag", "tags", multiple=True,
                        help="Only questions with this tag, in any case (repeatable; "
                             "`quizgen tags` lists them).")(func)
    func = click.option("--kind", "kinds", multiple=True,
                        type=click.Choice(QUESTION_KINDS, case_sensitive=False),
                        help="Only questions of this kind (repeatable).")(func)
    return func
