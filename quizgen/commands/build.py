"""``quizgen build``: rebuild the decks and sheets in ``decks/``."""

from __future__ import annotations

from pathlib import Path

import click

from quizgen.commands.options import bank_options


@click.command()
@bank_options
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("decks"), show_default=True, help="Folder to write into.")
def build(facts_path: Path, corpus_dir: Path, questions_dir: Path, out_dir: Path) -> None:
    """Rebuild everything decks/ holds: the Anki deck and the question sheets.

    Outputs are byte-identical when the bank has not changed.

    \b
    Example:
      quizgen build
    """
    from quizgen.commands.progress import working
    from quizgen.making.selection import load_and_generate
    from quizgen.render.build import build_outputs

    with working("Loading the bank and making its questions") as show:
        bank, generation = load_and_generate(facts_path, corpus_dir, questions_dir)
        written = build_outputs(bank, generation.questions, out_dir, questions_dir=questions_dir,
                                step=lambda name: show(f"Writing {name}"))
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"{len(generation.questions)} questions from {len(bank.facts)} facts")
