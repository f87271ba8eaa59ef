"""``quizgen anki``: write an Anki deck (.apkg)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quizgen.commands.options import bank_options, filter_options


@click.command()
@bank_options
@filter_options
@click.option("--deck", "deck_name", default=None,
              help="Name of the deck in Anki  [default: the bank's title]")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The .apkg file to write (replaced atomically), or - for standard output.")
def anki(facts_path: Path, corpus_dir: Path, questions_dir: Path, kinds: tuple[str, ...],
         tags: tuple[str, ...], seed: int, deck_name: str | None, output: Path) -> None:
    """Write an Anki deck: one note per question, with its sources on the back.

    Re-importing a rebuilt deck updates the notes in place and keeps your reviews.

    \b
    Examples:
      quizgen anki -o csto.apkg
      quizgen anki --kind multiple_choice --tag exercises -o exercises.apkg
    """
    from quizgen.atomic import is_stdout, refuse_inputs
    from quizgen.bank.inputs import bank_files
    from quizgen.commands.progress import working
    from quizgen.making.selection import Filters
    from quizgen.render.build import write_deck

    if is_stdout(output) and sys.stdout.isatty():
        raise click.BadParameter("a deck is binary: redirect standard output to a file",
                                 param_hint="'-o'")
    refuse_inputs([output], bank_files(facts_path, corpus_dir, questions_dir))
    with working(f"Writing {output}"):
        count, name = write_deck(facts_path, corpus_dir, questions_dir, output,
                                 Filters(kinds, tags, seed=seed), deck_name=deck_name)
    click.echo(f"Wrote {count} notes to {output} (deck {name!r})", err=True)
