"""``quizgen sheet``: write a printable question sheet with its answer key."""

from __future__ import annotations

from pathlib import Path

import click

from quizgen.commands.options import bank_options, sample_options
from quizgen.render.sheet import DEFAULT_N, KEY_PLACES, SUFFIXES  # a light module: stdlib imports only


def _sheet_file(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    if str(value) == "-":
        raise click.BadParameter("a sheet is written to a file (FILE.html or FILE.pdf), "
                                 "not to standard output", ctx, param)
    if value.suffix.lower() not in SUFFIXES:
        raise click.BadParameter(f"{value}: give a file ending in .html or .pdf", ctx, param)
    return value


@click.command()
@bank_options
@sample_options
@click.option("--n", type=click.IntRange(min=1), default=DEFAULT_N, show_default=True,
              help="Questions on the sheet: kinds mixed evenly, one per fact where possible.")
@click.option("--title", default=None, help="Title on the sheet  [default: the bank's title]")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
              help="Paper size.")
@click.option("--variants", type=click.IntRange(1, 26), default=None,
              help="Write N versions FILE-A, FILE-B, …: same questions, other order, own key.")
@click.option("--key", "key", type=click.Choice(KEY_PLACES), default="separate", show_default=True,
              help="Answer key and sources: in FILE-key (separate), after the questions (end), "
                   "or not at all (none).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              callback=_sheet_file, help="FILE.html or FILE.pdf (replaced atomically).")
def sheet(facts_path: Path, corpus_dir: Path, questions_dir: Path, kinds: tuple[str, ...],
          tags: tuple[str, ...], seed: int, n: int, title: str | None, paper: str,
          variants: int | None, key: str, output: Path) -> None:
    """Write a printable question sheet (HTML or PDF), and its answer key with sources.

    Without --seed each run draws a new sample; the seed used is printed (and on the key),
    so `--seed N` prints the same sheet again.

    \b
    Examples:
      quizgen sheet -o quiz.pdf                     # quiz.pdf and quiz-key.pdf
      quizgen sheet --n 30 --kind multiple_choice --kind true_false -o quiz.html
      quizgen sheet --variants 2 --seed 7 --paper letter -o quiz.pdf   # quiz-A.pdf, quiz-B.pdf
    """
    from quizgen.bank.inputs import bank_files
    from quizgen.commands.progress import working
    from quizgen.making.selection import Filters, load_and_generate, select
    from quizgen.render.sheet import write_sheets

    with working("Loading the bank and making its questions") as show:
        bank, generation = load_and_generate(facts_path, corpus_dir, questions_dir)  # the sample reorders
        chosen = select(generation.questions, Filters(kinds, tags, seed=seed))
        show(f"Writing {output}")
        written = write_sheets(chosen, output, title=title or bank.title, seed=seed, paper=paper,
                               n=n, variants=variants, key=key,
                               inputs=bank_files(facts_path, corpus_dir, questions_dir))
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"seed {seed} (print the same sheet again with --seed {seed})")
